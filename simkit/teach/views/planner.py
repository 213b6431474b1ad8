"""The workshop planner screen: tick lessons, choose the audience, read off agenda, notes and checklist.

A thin view over ``simkit.teach.agenda`` and ``simkit.teach.handout``: every change of a control rebuilds
the plan (it takes milliseconds) and redraws it. Typing mistakes (a start time of "8 giờ rưỡi", no lesson
ticked, 0 learners) are shown as a friendly line and the last good plan stays on screen. Handouts are
previewed in a frame (with their own print button) and saved, one HTML file per lesson, into a folder the
trainer names.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from pathlib import Path

import ipywidgets as widgets

from simkit.formats import clock, read_clock
from simkit.learn.schema import Lesson
from simkit.learn.validators import Problem
from simkit.teach.agenda import (
    ATTENDEES_MAX,
    ATTENDEES_MIN,
    WorkshopPlan,
    WorkshopSettings,
    build_plan,
)
from simkit.teach.handout import (
    Copy,
    agenda_html,
    handout_file_name,
    handout_html,
    materials_html,
    notes_html,
    save_handouts,
    save_plan,
    warnings_html,
)
from simkit.teach.strings import TeachContent
from simkit.teach.views.common import DOCUMENTS_FOLDER, TeachView, labelled, resolve_folder
from simkit.widgets.style import WIDE


class WorkshopPlannerView(TeachView):
    """The workshop planner; ``plan`` is the plan on screen (``None`` until the inputs make one)."""

    def __init__(
        self,
        lessons: Mapping[int, Lesson],
        content: TeachContent,
        *,
        lang: str = "vi",
        selected: Sequence[int] = (1, 2),
        folder: str | None = None,
    ) -> None:
        super().__init__(content=content, lang=lang, title_key="planner.title", intro_key="planner.intro")
        self.lessons = dict(sorted(lessons.items()))
        self.plan: WorkshopPlan | None = None
        self.lesson_boxes = {
            number: widgets.Checkbox(
                value=number in selected, indent=False, layout=widgets.Layout(width="auto")
            )
            for number in self.lessons
        }
        self.audience = widgets.Dropdown(value=None, style=WIDE, layout=widgets.Layout(width="560px"))
        self.attendees = widgets.IntText(value=20, style=WIDE, layout=widgets.Layout(width="220px"))
        self.start = widgets.Text(value="08:00", style=WIDE, layout=widgets.Layout(width="220px"))
        self.lunch = widgets.Checkbox(value=True, indent=False, layout=widgets.Layout(width="auto"))
        self.lessons_label = widgets.HTML()
        self.agenda = widgets.HTML()
        self.materials = widgets.HTML()
        self.notes = widgets.HTML()
        self.handout_lang = widgets.ToggleButtons(
            options=[("Tiếng Việt", "vi"), ("English", "en")], value=self.lang, style=WIDE
        )
        self.handout_lesson = widgets.Dropdown(style=WIDE, layout=widgets.Layout(width="560px"))
        self.handout_large = widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="auto"))
        self.handout_trainer = widgets.Checkbox(
            value=False, indent=False, layout=widgets.Layout(width="auto")
        )
        self.preview_label = widgets.HTML()
        self.preview = widgets.HTML()
        self.folder = widgets.Text(
            value=folder if folder is not None else str(DOCUMENTS_FOLDER),
            style=WIDE,
            layout=widgets.Layout(width="560px"),
        )
        self.save_handouts_button = self.button(self.save_handouts)
        self.save_plan_button = self.button(self.save_plan, primary=True)
        self.saved = widgets.HTML()
        self.relabel()
        self.audience.value = content.audiences[0].id
        for control in (*self.lesson_boxes.values(), self.audience, self.attendees, self.start, self.lunch):
            control.observe(self.guard(lambda _change: self.refresh()), "value")
        for control in (self.handout_lang, self.handout_lesson, self.handout_large, self.handout_trainer):
            control.observe(self.guard(lambda _change: self.render_preview()), "value")
        self.children = [
            *self.header(),
            self.lessons_label,
            widgets.VBox(list(self.lesson_boxes.values())),
            self.audience,
            widgets.HBox(
                [self.attendees, self.start, self.lunch], layout=widgets.Layout(flex_flow="row wrap")
            ),
            self.message,
            self.agenda,
            self.materials,
            self.notes,
            self.preview_label,
            widgets.HBox(
                [self.handout_lang, self.handout_lesson], layout=widgets.Layout(flex_flow="row wrap")
            ),
            widgets.HBox(
                [self.handout_large, self.handout_trainer], layout=widgets.Layout(flex_flow="row wrap")
            ),
            self.preview,
            self.folder,
            widgets.HBox(
                [self.save_handouts_button, self.save_plan_button],
                layout=widgets.Layout(flex_flow="row wrap"),
            ),
            self.saved,
        ]
        self.refresh()

    # --- labels -----------------------------------------------------------------------------------------
    def relabel(self) -> None:
        super().relabel()
        for number, box in self.lesson_boxes.items():
            lesson = self.lessons[number]
            minutes = lesson.minutes
            text = self.say(
                "planner.lesson_choice",
                title=lesson.title.text(self.lang),
                teaching=minutes.teaching,
                practice=minutes.practice,
            )
            labelled(box, text, text)
        self.lessons_label.value = f"<b>{self.esc('planner.lessons')}</b>"
        chosen = self.audience.value
        self.audience.options = [(a.name.text(self.lang), a.id) for a in self.content.audiences]
        if chosen is not None:
            self.audience.value = chosen
        labelled(self.audience, self.say("planner.audience"), self.say("planner.audience_help"))
        labelled(self.attendees, self.say("planner.attendees"), self.say("planner.attendees_help"))
        labelled(self.start, self.say("planner.start"), self.say("planner.start_help"))
        self.start.placeholder = "08:00"
        labelled(self.lunch, self.say("planner.lunch"), self.say("planner.lunch_help"))
        self.handout_lang.description = self.say("planner.handout_lang")
        self.handout_lang.tooltips = [self.say("planner.handout_lang_help")] * 2
        labelled(self.handout_lesson, self.say("planner.handout_lesson"), self.say("planner.handout_lesson"))
        labelled(
            self.handout_large, self.say("planner.handout_large"), self.say("planner.handout_large_help")
        )
        labelled(
            self.handout_trainer,
            self.say("planner.handout_trainer"),
            self.say("planner.handout_trainer_help"),
        )
        labelled(self.folder, self.say("common.folder"), self.say("common.folder_help"))
        labelled(
            self.save_handouts_button,
            self.say("planner.save_handouts"),
            self.say("planner.save_handouts_help"),
        )
        labelled(self.save_plan_button, self.say("planner.save_plan"), self.say("planner.save_plan_help"))

    # --- actions ----------------------------------------------------------------------------------------
    def chosen(self) -> list[tuple[int, Lesson]]:
        """The ticked lessons, in lesson order."""
        return [(number, self.lessons[number]) for number, box in self.lesson_boxes.items() if box.value]

    def check_inputs(self) -> Problem | None:
        """The first thing wrong with what the trainer entered, or ``None``."""
        if not self.chosen():
            return Problem("planner.no_lessons")
        if read_clock(self.start.value) is None:
            return Problem("planner.bad_start", {"value": self.start.value})
        if not ATTENDEES_MIN <= (self.attendees.value or 0) <= ATTENDEES_MAX:
            return Problem("planner.bad_attendees", {"min": ATTENDEES_MIN, "max": ATTENDEES_MAX})
        return None

    def refresh(self) -> WorkshopPlan | None:
        """Rebuild the plan from the controls; a typing mistake is a message and the last plan stays."""
        problem = self.check_inputs()
        if problem is not None:
            self.tell(("bad", problem))
            return None
        settings = WorkshopSettings(start=clock(read_clock(self.start.value) or 0), lunch=self.lunch.value)
        audience = self.content.audience(self.audience.value)
        self.plan = build_plan(self.chosen(), audience, self.attendees.value, self.content, settings)
        self.tell()
        self.render()
        return self.plan

    def handout_copy(self) -> Copy:
        """Which copy of the handouts is chosen: the learner's (sources in one line) or the trainer's."""
        return "trainer" if self.handout_trainer.value else "learner"

    def save_handouts(self) -> list[Path]:
        """Save the handout of every ticked lesson in the handout language into the folder, in the chosen
        print (large or not) and copy (learner's or trainer's)."""
        if not self.chosen():
            self._saved(Problem("planner.no_lessons"))
            return []
        if not self.folder.value.strip():
            self._saved(Problem("common.folder_blank"))
            return []
        folder = resolve_folder(self.folder.value)
        try:
            paths = save_handouts(
                self.chosen(),
                self.content,
                self.handout_lang.value,
                folder,
                large=self.handout_large.value,
                copy=self.handout_copy(),
            )
        except OSError as exc:
            self._saved(Problem("common.save_failed", {"reason": exc.strerror or str(exc)}))
            return []
        self._saved(Problem("common.saved", {"count": len(paths), "folder": str(folder)}))
        return paths

    def save_plan(self) -> list[Path]:
        """Save the plan sheet in the handout language into the folder."""
        if self.plan is None:
            self._saved(self.check_inputs() or Problem("planner.no_lessons"))
            return []
        if not self.folder.value.strip():
            self._saved(Problem("common.folder_blank"))
            return []
        try:
            path = save_plan(
                self.plan, self.content, self.handout_lang.value, resolve_folder(self.folder.value)
            )
        except OSError as exc:
            self._saved(Problem("common.save_failed", {"reason": exc.strerror or str(exc)}))
            return []
        self._saved(Problem("common.saved", {"count": 1, "folder": str(path.parent)}))
        return [path]

    def _saved(self, problem: Problem) -> None:
        css = "simkit-ok" if problem.key == "common.saved" else "simkit-bad"
        self.saved.value = f"<div class='{css}'>{html.escape(self.content.say(problem, self.lang))}</div>"

    # --- drawing ----------------------------------------------------------------------------------------
    def render(self) -> None:
        plan = self.plan
        if plan is None:
            return
        lang = self.lang
        self.agenda.value = (
            warnings_html(plan, self.content, lang)
            + f"<h3>{self.esc('agenda.heading')}</h3>{agenda_html(plan, self.content, lang)}"
        )
        self.materials.value = (
            f"<h3>{self.esc('plan.materials')}</h3>{materials_html(plan, self.content, lang)}"
        )
        self.notes.value = f"<h3>{self.esc('plan.notes')}</h3>{notes_html(plan, self.content, lang)}"
        self.preview_label.value = f"<h3>{self.esc('planner.preview')}</h3>"
        chosen = self.handout_lesson.value
        options = [(lesson.title.text(lang), number) for number, lesson in plan.lessons]
        self.handout_lesson.options = options
        numbers = [number for _, number in options]
        self.handout_lesson.value = chosen if chosen in numbers else numbers[0]
        self.render_preview()

    def render_preview(self) -> None:
        """The handout of the chosen lesson in a frame, with a download link for the same file."""
        number = self.handout_lesson.value
        if number is None:
            self.preview.value = ""
            return
        lesson, lang = self.lessons[number], self.handout_lang.value
        large, copy = self.handout_large.value, self.handout_copy()
        page = handout_html(lesson, self.content, lang, large=large, copy=copy)
        name = handout_file_name(number, lesson, lang, large=large, copy=copy)
        data = base64.b64encode(page.encode("utf-8")).decode("ascii")
        self.preview.value = (
            f"<p><a download='{name}' href='data:text/html;charset=utf-8;base64,{data}'>"
            f"⬇ {self.esc('common.download', file=name)}</a></p>"
            f"<iframe title='{html.escape(lesson.title.text(lang))}' srcdoc=\"{html.escape(page)}\" "
            "style='box-sizing:border-box;width:100%;height:640px;border:1px solid #bbb;"
            "background:#eceff3'></iframe>"
        )
