"""One lesson driven end to end in JupyterLab by clicking and typing, then the learner's progress file.

The learner gives a display name, goes through every page with "Next", taps a wrong button in the first
practice and reads its feedback, switches to English (the practice keeps its step and its feedback, now in
English), types a wrong value into a form and reads the note under the field, finishes every practice,
answers the first quiz question wrongly (told only to try once more) and then rightly, passes the quiz,
and sees "completed" on the summary page. On the quiz page, every radio button and tick box is drawn at
least 20 px and "Question 1 of 5" is shown once. Then the progress file in ``SIMKIT_PROGRESS_DIR`` must
say so, and hold nothing typed.

What to click and type is read from the lesson file (``content/lessons/``) and the UI strings
(``content/ui/learn.yaml``), so rewording a lesson does not break the test; the right form values come from
the lesson tests' careful learner (``tests/learn/conftest.py``).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from simkit.learn.content import find_lesson, lesson_files
from simkit.learn.progress import slug
from simkit.learn.schema import Flow, FormField, Step, Text
from simkit.learn.session import LessonSession
from simkit.learn.strings import UiStrings, load_ui_strings
from tests.browser.conftest import Workspace
from tests.browser.jupyter import Lab, button, widget_input
from tests.learn.conftest import right_values

pytestmark = pytest.mark.browser

LESSON = 1
LEARNER = "Cô Kiểm Thử"
WAIT_MS = 30_000
"""Each click waits for its answer from the kernel; generous on a busy two-core machine."""


@functools.cache
def ui_strings() -> UiStrings:
    return load_ui_strings()


def ui(key: str, lang: str, **params: Any) -> str:
    """A UI string of content/ui/learn.yaml as it appears on screen."""
    return plain(ui_strings().get(key, lang, **params))


def plain(text: str | Text, lang: str | None = None) -> str:
    """What a text looks like on screen: without ``**bold**`` marks, whitespace collapsed."""
    raw = text.text(lang) if isinstance(text, Text) else text
    return " ".join(raw.replace("**", "").split())


def exactly(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


class Learner:
    """A person in front of the lesson app, in the language currently shown."""

    def __init__(self, lab: Lab) -> None:
        self.page = lab.page
        self.app = lab.panel.locator(".simkit-app")
        self.lang = "vi"
        self.typed: list[str] = []

    def sees(self, text: str, scope: Any = None) -> None:
        expect(scope or self.app).to_contain_text(text, timeout=WAIT_MS)

    def click(self, label: str, scope: Any = None) -> None:
        button(scope or self.app, label).first.click()

    def next_page(self, number: int, total: int) -> None:
        self.click(ui("nav.next", self.lang))
        self.sees(ui("nav.page", self.lang, current=number, total=total))

    def switch_language(self, lang: str) -> None:
        name = {"vi": "Tiếng Việt", "en": "English"}[lang]
        self.app.locator(".widget-toggle-buttons button", has_text=exactly(name)).first.click()
        self.lang = lang
        self.sees(ui("lang.label", lang))

    def type_into(self, scope: Any, field: FormField, value: str | bool) -> None:
        label = field.label.text(self.lang) + (" *" if field.required else "")
        if field.kind == "checkbox":
            box = scope.locator(".widget-checkbox label", has_text=exactly(label)).locator("input")
            box.set_checked(bool(value))
        elif field.kind == "choice":
            option = next(o for o in field.options if o.id == value)
            scope.locator(".widget-dropdown", has_text=label).locator("select").select_option(
                label=option.label.text(self.lang)
            )
        else:
            widget_input(scope, label).fill(str(value))
            if value:
                self.typed.append(str(value))


def step_counter(learner: Learner, flow: Flow, index: int) -> str:
    return ui("phone.step", learner.lang, current=index + 1, total=len(flow.steps))


def do_flow(learner: Learner, flow: Flow, *, first: bool) -> dict[str, int]:
    """Work through one practice flow; in the first one, also make mistakes and switch language."""
    phone = learner.app.locator(".simkit-phone")
    made = {"taps": 0, "forms": 0}
    for index, step in enumerate(flow.steps):
        learner.sees(step_counter(learner, flow, index), phone)
        if first and step.action == "tap" and not made["taps"]:
            wrong_tap_then_switch_language(learner, flow, index, step, phone)
            made["taps"] += 1
        if first and step.action == "form" and not made["forms"]:
            made["forms"] += wrong_form(learner, step, phone)
        if step.action == "tap":
            right = next(b for b in step.buttons if b.correct)
            learner.click(right.label.text(learner.lang), phone)
        else:
            values = right_values(step)
            for field in step.fields:
                learner.type_into(phone, field, values[field.id])
            learner.click(step.submit.text(learner.lang), phone)  # type: ignore[union-attr]
        if index + 1 < len(flow.steps):
            learner.sees(step_counter(learner, flow, index + 1), phone)
    learner.sees(ui("phone.finished", learner.lang), phone)
    learner.sees(plain(flow.finish, learner.lang), phone)
    return made


def wrong_tap_then_switch_language(learner: Learner, flow: Flow, index: int, step: Step, phone: Any) -> None:
    """Tap a wrong button, read why; switch to English: same step, same feedback, in English."""
    wrong = next((b for b in step.buttons if not b.correct and b.feedback is not None), None)
    assert wrong is not None, f"step {step.id} has no wrong button to tap"
    learner.click(wrong.label.text(learner.lang), phone)
    learner.sees(ui("phone.wrong", learner.lang), phone)
    learner.sees(plain(wrong.feedback, learner.lang), phone)  # type: ignore[arg-type]
    expect(phone.locator(".simkit-bad")).to_be_visible()
    learner.switch_language("en")
    learner.sees(step_counter(learner, flow, index), phone)
    learner.sees(plain(flow.title, "en"))
    learner.sees(ui("phone.wrong", "en"), phone)
    learner.sees(plain(wrong.feedback, "en"), phone)  # type: ignore[arg-type]


def wrong_form(learner: Learner, step: Step, phone: Any) -> int:
    """Submit a near miss in a field that expects an exact text; read the note under the field."""
    field = next((f for f in step.fields if f.kind == "text" and f.expect and f.mismatch), None)
    if field is None:
        return 0
    learner.type_into(phone, field, field.expect[:-1])  # type: ignore[index]
    learner.click(step.submit.text(learner.lang), phone)  # type: ignore[union-attr]
    learner.sees(ui("flow.form_has_problems", learner.lang, count=1), phone)
    expect(phone.locator(".simkit-field-problem")).to_contain_text(
        plain(field.mismatch, learner.lang),
        timeout=WAIT_MS,  # type: ignore[arg-type]
    )
    return 1


CONTROL_SIZES = """(app) => [...app.querySelectorAll(
  '.widget-radio-box input[type="radio"], .widget-checkbox input[type="checkbox"]')].map((input) => {
    const box = input.getBoundingClientRect();
    return [input.type, Math.round(box.width * 10) / 10, Math.round(box.height * 10) / 10];
  })"""
"""Every radio button and tick box of the quiz as drawn: its type, width and height in CSS pixels."""


def do_quiz(learner: Learner, session: LessonSession) -> None:
    """Check the drawn choices; answer question 1 wrongly (told only "not right yet"), then rightly (every
    option explained); answer the rest rightly; pass, and be shown the next step instead of a retry."""
    questions = session.lesson.quiz.questions
    cards = learner.app.locator(".simkit-card")
    expect(cards).to_have_count(len(questions), timeout=WAIT_MS)
    sizes = learner.app.evaluate(CONTROL_SIZES)
    assert {kind for kind, _, _ in sizes} == {"radio", "checkbox"}, sizes
    assert all(width >= 20 and height >= 20 for _, width, height in sizes), sizes
    counter = ui("quiz.question", learner.lang, current=1, total=len(questions))
    shown = " ".join(learner.app.inner_text().split())
    assert shown.count(counter) == 1, f"{counter!r} shown {shown.count(counter)} times"
    for number, question in enumerate(questions):
        card = cards.nth(number)
        attempts = [False, True] if number == 0 else [True]
        for right in attempts:
            if right:
                chosen = [o for o in question.options if o.correct]
            else:
                chosen = [next(o for o in question.options if not o.correct)]
            for option in question.options:
                text = option.text.text(learner.lang)
                if question.kind == "single":
                    if option in chosen:
                        card.locator(".widget-radio-box label", has_text=exactly(text)).click()
                else:
                    card.locator(".widget-checkbox label", has_text=exactly(text)).locator(
                        "input"
                    ).set_checked(option in chosen)
            learner.click(ui("quiz.check", learner.lang), card)
            if not right:  # one more try, and nothing given away: no option explained yet
                learner.sees(ui("quiz.try_again", learner.lang), card)
                for option in question.options:
                    expect(card).not_to_contain_text(plain(option.feedback, learner.lang))
                continue
            learner.sees(ui("quiz.right", learner.lang), card)
            if number == 0:  # right on the second try: now every option is explained
                for option in question.options:
                    learner.sees(plain(option.feedback, learner.lang), card)
    total = len(questions)
    learner.sees(ui("quiz.score", learner.lang, score=total, total=total))
    learner.sees(ui("quiz.passed", learner.lang))
    learner.sees(
        ui(
            "quiz.next_step",
            learner.lang,
            next=ui("nav.next", learner.lang),
            summary=ui("page.summary", learner.lang),
        )
    )
    expect(button(learner.app, ui("quiz.retry", learner.lang))).to_have_count(0)


def test_a_learner_completes_a_lesson(lab: Lab, workspace: Workspace) -> None:
    number, lesson = find_lesson(LESSON)
    session = LessonSession(lesson, number)
    pages = session.pages
    lab.open(f"learn/{lesson_files()[number].stem}.ipynb")
    lab.run_all()
    learner = Learner(lab)
    learner.sees(plain(lesson.title, "vi"))
    assert not lab.outputs().problems

    widget_input(learner.app, ui("learner.name_label", "vi")).fill(LEARNER)
    learner.click(ui("learner.save", "vi"))
    learner.sees(ui("learner.saved_as", "vi", name=LEARNER))

    mistakes: dict[str, int] = {}
    first_flow = True
    for index, page in enumerate(pages):
        if index:
            learner.next_page(index + 1, len(pages))
        if page.kind == "practice":
            flow = session.flow_for(page).flow
            made = do_flow(learner, flow, first=first_flow)
            mistakes[flow.id] = made["taps"] + made["forms"]
            first_flow = False
        elif page.kind == "quiz":
            assert learner.lang == "en", "the language switch happens in the first practice"
            do_quiz(learner, session)
    learner.sees(ui("summary.done", learner.lang))
    lab.screenshot("lab-lesson-completed.png")

    record = progress_record(workspace.progress / f"{slug(LEARNER)}.json", lesson.id)
    entry = record["lessons"][lesson.id]
    assert record["format"] == "simkit-learn-progress" and record["version"] == 1
    assert record["display_name"] == LEARNER
    assert entry["completed"] is True and entry["completed_at"]
    assert entry["page"] == "summary" and entry["lang"] == "en"
    assert entry["quiz"]["passed"] is True
    assert entry["quiz"]["score"] == entry["quiz"]["total"] == len(lesson.quiz.questions)
    assert entry["quiz"]["attempts"] == 1
    first = lesson.quiz.questions[0].id
    assert entry["quiz"]["tries"] == {q.id: 2 if q.id == first else 1 for q in lesson.quiz.questions}
    assert set(entry["flows"]) == {flow.id for flow in lesson.flows}
    for flow_id, state in entry["flows"].items():
        assert state["finished"] is True, flow_id
        assert state["mistakes"] == mistakes[flow_id], (flow_id, state, mistakes)
    assert sum(mistakes.values()) >= 1
    text = (workspace.progress / f"{slug(LEARNER)}.json").read_text(encoding="utf-8")
    for typed in learner.typed:  # nothing typed into a practice form is ever saved
        assert json.dumps(typed)[1:-1] not in text, typed


def progress_record(path: Path, lesson_id: str) -> dict[str, Any]:
    """The saved file once it records the completed lesson (the kernel saves after each action)."""
    assert path.exists(), (
        f"no progress file {path.name} in SIMKIT_PROGRESS_DIR: {sorted(path.parent.iterdir())}"
    )
    return json.loads(path.read_text(encoding="utf-8"))
