"""The presenter screen: one large slide at a time, with back/next buttons, for a projector.

A thin view over ``simkit.teach.presenter.Presenter``. It opens in large-text, high-contrast mode (projectors
in bright commune halls wash out thin grey text). The buttons step through the deck and stop at its ends;
the slider jumps to any slide; switching language keeps the slide. Instructor notes are hidden unless the
trainer ticks the box, because the screen being shown is usually the one on the wall.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets

from simkit.learn import markup
from simkit.learn.schema import Lesson
from simkit.teach.presenter import Presenter, slide_html
from simkit.teach.strings import TeachContent
from simkit.teach.views.common import TeachView, labelled
from simkit.widgets.style import WIDE


class PresenterView(TeachView):
    """Presenter mode for one lesson at a time; ``presenter`` holds the deck and the current slide."""

    def __init__(
        self, lessons: Mapping[int, Lesson], content: TeachContent, *, lesson: int = 1, lang: str = "vi"
    ) -> None:
        super().__init__(
            content=content, lang=lang, title_key="presenter.title", intro_key="presenter.intro", large=True
        )
        self.lessons = dict(sorted(lessons.items()))
        if lesson not in self.lessons:
            lesson = next(iter(self.lessons))
        self.presenter = Presenter(self.lessons[lesson], lesson)
        self._moving = False
        self._relabelling = False
        self.lesson = widgets.Dropdown(style=WIDE, layout=widgets.Layout(width="640px"))
        self.first_button = self.button(self.first)
        self.back_button = self.button(self.back)
        self.next_button = self.button(self.next, primary=True)
        self.position = widgets.HTML()
        self.jump = widgets.IntSlider(
            min=1,
            max=self.presenter.total,
            value=1,
            style=WIDE,
            continuous_update=False,
            layout=widgets.Layout(width="560px"),  # room to aim at one of 50-odd slides
        )
        self.show_notes = widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="auto"))
        self.slide = widgets.HTML()
        self.notes = widgets.HTML()
        self.relabel()
        self.lesson.value = lesson
        self.lesson.observe(
            self.guard(lambda change: None if self._relabelling else self.open_lesson(change["new"])), "value"
        )
        self.jump.observe(
            self.guard(lambda change: None if self._moving else self.go(change["new"] - 1)), "value"
        )
        self.show_notes.observe(self.guard(lambda _change: self.render()), "value")
        controls = [self.first_button, self.back_button, self.next_button, self.position]
        self.children = [
            *self.header(),
            self.lesson,
            self.message,
            widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
            self.slide,
            widgets.HBox([self.jump, self.show_notes], layout=widgets.Layout(flex_flow="row wrap")),
            self.notes,
        ]
        self.render()

    def relabel(self) -> None:
        super().relabel()
        chosen = self.lesson.value
        self._relabelling = True  # new titles only: the deck and its slide stay
        try:
            self.lesson.options = [(lesson.title.text(self.lang), n) for n, lesson in self.lessons.items()]
            if chosen is not None:
                self.lesson.value = chosen
        finally:
            self._relabelling = False
        labelled(self.lesson, self.say("presenter.lesson"), self.say("presenter.lesson"))
        labelled(self.first_button, self.say("presenter.first"), self.say("presenter.first"))
        labelled(self.back_button, self.say("presenter.back"), self.say("presenter.back"))
        labelled(self.next_button, self.say("presenter.next"), self.say("presenter.next"))
        labelled(self.jump, self.say("presenter.jump"), self.say("presenter.jump"))
        labelled(self.show_notes, self.say("presenter.show_notes"), self.say("presenter.show_notes_help"))

    # --- actions ----------------------------------------------------------------------------------------
    def open_lesson(self, number: int) -> None:
        """Show another lesson's deck from its first slide."""
        if number is None or number == self.presenter.number:
            return
        self.presenter = Presenter(self.lessons[number], number)
        self.render()

    def next(self) -> bool:
        moved = self.presenter.next()
        self.render()
        return moved

    def back(self) -> bool:
        moved = self.presenter.back()
        self.render()
        return moved

    def first(self) -> bool:
        moved = self.presenter.first()
        self.render()
        return moved

    def go(self, index: int) -> bool:
        moved = self.presenter.go(index)
        self.render()
        return moved

    # --- drawing ----------------------------------------------------------------------------------------
    def render(self) -> None:
        presenter = self.presenter
        self.slide.value = slide_html(presenter.slide, self.content, self.lang)
        self.position.value = (
            f"<b>{self.esc('presenter.position', current=presenter.index + 1, total=presenter.total)}</b>"
        )
        self.first_button.disabled = self.back_button.disabled = presenter.at_start
        self.next_button.disabled = presenter.at_end
        self._moving = True
        try:
            self.jump.max = presenter.total
            self.jump.value = presenter.index + 1
        finally:
            self._moving = False
        if self.show_notes.value:
            notes = "".join(
                f"<li>{markup.inline(n.text(self.lang))}</li>" for n in presenter.lesson.instructor_notes
            )
            heading = self.esc("presenter.notes")
            self.notes.value = f"<div class='simkit-trainer'><b>{heading}</b><ul>{notes}</ul></div>"
        else:
            self.notes.value = ""
