"""The presenter screen: one large slide at a time under one slim row of controls, for a projector.

A thin view over ``simkit.teach.presenter.Presenter``. It opens in large-text, high-contrast mode (projectors
in bright commune halls wash out thin grey text). Everything a trainer touches sits in one row above the
slide (lesson, start, back, next, position, jump, notes, language, large text), so the slide starts near the
top of the screen and has the whole width. A presentation clicker sends Page Down / Page Up (some send the
arrow keys): ``ClickerKeys`` catches those keys wherever the focus is (the page, a button, the lesson
list), in JupyterLab and in the code-hidden Voilà app, and steps the deck; only a field someone is typing in
keeps its keys. Instructor notes are hidden unless the trainer ticks the box, because the screen being shown
is usually the one on the wall.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from simkit.learn import markup
from simkit.learn.schema import Lesson
from simkit.teach.presenter import Presenter, slide_html
from simkit.teach.strings import TeachContent
from simkit.teach.views.common import TeachView, labelled

FORWARD_KEYS = ("PageDown", "ArrowRight", "ArrowDown")
BACKWARD_KEYS = ("PageUp", "ArrowLeft", "ArrowUp")
"""What clickers send: Page Down / Page Up on most, the arrow keys on some (the space bar is left to
buttons and tick boxes)."""

_CLICKER_ESM = """
const FORWARD = __FORWARD__;
const BACKWARD = __BACKWARD__;
// Someone typing keeps their keys: a text field, a text area, a code cell's editor.
const TYPING = 'input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, '
  + '[contenteditable=""], [contenteditable="true"], .cm-editor';
function render({ model, el }) {
  el.style.display = "none";
  const onKey = (event) => {
    const box = el.closest(".simkit-presenter");
    // Only while this presenter is on screen (not in a hidden JupyterLab tab, not after the cell re-ran).
    if (!box || !box.isConnected || box.getClientRects().length === 0) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    const step = FORWARD.includes(event.key) ? 1 : BACKWARD.includes(event.key) ? -1 : 0;
    if (step === 0) return;
    const target = event.target;
    if (target && target.closest && target.closest(TYPING)) return;
    event.preventDefault();
    event.stopPropagation();  // before JupyterLab's shortcuts (move between cells) and the page scroll
    model.send({ step });
  };
  // Capture on window: runs before any element's handler and before JupyterLab's document-level keys.
  window.addEventListener("keydown", onKey, true);
  return () => window.removeEventListener("keydown", onKey, true);
}
export default { render };
""".replace("__FORWARD__", repr(list(FORWARD_KEYS))).replace("__BACKWARD__", repr(list(BACKWARD_KEYS)))


class ClickerKeys(anywidget.AnyWidget):
    """An invisible widget that turns clicker keys into ``on_step(+1 | -1)`` calls in the kernel.

    Its JavaScript travels with the widget over the kernel connection (no CDN, nothing to install).
    """

    _esm = traitlets.Unicode(_CLICKER_ESM).tag(sync=True)

    def __init__(self, on_step: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_step = on_step
        self.on_msg(self._received)

    def _received(self, _widget: Any, content: Any, _buffers: Any) -> None:
        step = content.get("step") if isinstance(content, dict) else None
        if step in (1, -1):
            self._on_step(step)


PRESENTER_CSS = """
.simkit-teach.simkit-presenter { max-width: none; }
.simkit-presenter .simkit-presenter-row { gap: 4px 6px; align-items: center; margin: 0 0 4px; }
.simkit-presenter .simkit-presenter-row > .widget-inline-hbox,
.simkit-presenter .simkit-presenter-row > .jupyter-widgets { margin: 0; }
.simkit-presenter .simkit-presenter-row .widget-dropdown { width: auto; flex-wrap: nowrap; }
.simkit-presenter .simkit-presenter-row .widget-dropdown > select { flex: 0 1 auto; max-width: none; }
.simkit-presenter .simkit-presenter-row .widget-toggle-buttons .widget-label { display: none; }
.simkit-presenter .simkit-presenter-row, .simkit-presenter .simkit-presenter-row button.jupyter-button,
.simkit-presenter .simkit-presenter-row select, .simkit-presenter .simkit-presenter-row .widget-label {
  font-size: 16px !important; }
.simkit-presenter .simkit-presenter-row button.jupyter-button { min-height: 40px; padding: 2px 10px; }
.simkit-presenter .simkit-presenter-row select { min-height: 40px; }
.simkit-presenter .simkit-slide { font-size: clamp(24px, 3vh, 32px); min-height: 0; margin: 0;
  padding: 10px 24px 12px; overflow: hidden; }
.simkit-large .simkit-presenter .simkit-slide, .simkit-large.simkit-presenter .simkit-slide {
  font-size: clamp(28px, 3.6vh, 38px); }
.simkit-presenter .simkit-slide p { margin: .3em 0; }
.simkit-presenter .simkit-slide .simkit-phone.simkit-slide-phone { max-width: none; margin: .2em 0; }
"""
"""The presenter's own rules on top of the trainer stylesheet: the full width, one row of controls, and
slide text that follows the screen's height (28 px on a 768-pixel screen, 38 px on 1080), so every screen
holds the same number of lines (``simkit.teach.slide_pages.ROOM``)."""


class PresenterView(TeachView):
    """Presenter mode for one lesson at a time; ``presenter`` holds the deck and the current slide."""

    def __init__(
        self, lessons: Mapping[int, Lesson], content: TeachContent, *, lesson: int = 1, lang: str = "vi"
    ) -> None:
        super().__init__(
            content=content, lang=lang, title_key="presenter.title", intro_key="presenter.intro", large=True
        )
        self.add_class("simkit-presenter")
        self.lessons = dict(sorted(lessons.items()))
        if lesson not in self.lessons:
            lesson = next(iter(self.lessons))
        self.presenter = Presenter(self.lessons[lesson], lesson)
        self._moving = False
        self._relabelling = False
        self.lesson = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self.lesson.style.description_width = "initial"
        self.first_button = self.button(self.first)
        self.back_button = self.button(self.back)
        self.next_button = self.button(self.next, primary=True)
        self.position = widgets.HTML()
        self.jump = widgets.IntSlider(
            min=1,
            max=self.presenter.total,
            value=1,
            continuous_update=False,
            readout=False,
            layout=widgets.Layout(width="560px"),  # room to aim at one of 100-odd slides
        )
        self.jump.style.description_width = "initial"
        self.show_notes = widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="auto"))
        self.more = widgets.ToggleButton(value=False, layout=widgets.Layout(width="auto"))
        self.clicker = ClickerKeys(self.guard(self.step))
        self.slide = widgets.HTML()
        self.slide.add_class("simkit-presenter-slide")
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
        row = widgets.HBox(
            [
                self.lesson,
                self.back_button,
                self.next_button,
                self.position,
                self.more,
                self.lang_toggle,
            ],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        row.add_class("simkit-presenter-row")
        # What a trainer needs now and then (back to the start, jump to a slide, notes, large text) waits
        # behind "Options".
        self.settings = widgets.HBox(
            [self.first_button, self.jump, self.show_notes, self.large],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center", display="none"),
        )
        self.settings.add_class("simkit-presenter-row")
        self.more.observe(
            self.guard(
                lambda change: setattr(self.settings.layout, "display", None if change["new"] else "none")
            ),
            "value",
        )
        self.children = [
            widgets.HTML(f"<style>{PRESENTER_CSS}</style>"),
            *self.header()[:1],  # the stylesheet; title and introduction give their room to the slide
            self.clicker,
            row,
            self.settings,
            self.message,
            self.slide,
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
        keys = self.say("presenter.keys_help")
        labelled(self.lesson, self.say("presenter.lesson"), self.say("presenter.lesson"))
        labelled(self.first_button, self.say("presenter.first"), self.say("presenter.first"))
        labelled(self.back_button, self.say("presenter.back"), keys)
        labelled(self.next_button, self.say("presenter.next"), keys)
        labelled(self.jump, self.say("presenter.jump"), self.say("presenter.jump"))
        labelled(self.more, self.say("presenter.more"), self.say("presenter.more_help"))
        labelled(self.show_notes, self.say("presenter.show_notes"), self.say("presenter.show_notes_help"))

    # --- actions ----------------------------------------------------------------------------------------
    def open_lesson(self, number: int) -> None:
        """Show another lesson's deck from its first slide."""
        if number is None or number == self.presenter.number:
            return
        self.presenter = Presenter(self.lessons[number], number)
        self.render()

    def step(self, direction: int) -> bool:
        """One slide forward (``+1``) or back (``-1``): what the clicker's keys do."""
        return self.next() if direction > 0 else self.back()

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
        position = self.esc("presenter.position", current=presenter.index + 1, total=presenter.total)
        self.position.value = f"<b title='{self.esc('presenter.keys_help')}'>{position}</b>"
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
