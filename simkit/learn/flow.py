"""The practice-screen engine: walk a flow one step at a time, checking every action like the real app.

A ``FlowRun`` is like a driving instructor sitting beside the learner: it knows which screen is showing,
lets the learner act (tap a button, fill in and submit a form), says at once and kindly what went wrong and
what to do instead, moves on only when the action is right, and lets the learner go back. It holds no
widgets, so lessons are tested headlessly by driving runs from start to end.

What the learner types is checked and forgotten: ``submit`` receives the values, checks them with
``simkit.learn.validators`` and keeps only the verdict. The run's state (step, furthest step, mistakes) is
all that progress files ever see.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from simkit.learn import validators
from simkit.learn.schema import Flow, FormField, Step, Text
from simkit.learn.validators import Problem

Say = Text | Problem
"""Something to tell the learner: a text from the lesson, or a UI message (``check.*``) with parameters.
Kept unrendered so a language switch re-renders the same feedback in the other language."""


@dataclass(frozen=True)
class Outcome:
    """What an action did: whether it was right, what to say, and (for forms) what to say per field."""

    ok: bool
    say: tuple[Say, ...] = ()
    fields: dict[str, tuple[Say, ...]] = field(default_factory=dict)


@dataclass
class FlowState:
    """The part of a run worth saving: where the learner is, how far they got, and how many slips."""

    step: int = 0
    furthest: int = 0
    finished: bool = False
    mistakes: int = 0


class FlowRun:
    """One learner's way through one practice flow."""

    def __init__(self, flow: Flow, state: FlowState | None = None) -> None:
        self.flow = flow
        self.state = FlowState()
        self.last: Outcome | None = None
        if state is not None:
            self.restore(state)

    @property
    def index(self) -> int:
        """The current step, counted from 0."""
        return self.state.step

    @property
    def total(self) -> int:
        return len(self.flow.steps)

    @property
    def step(self) -> Step:
        return self.flow.steps[self.state.step]

    @property
    def finished(self) -> bool:
        """True once the last step has been done right (stays true if the learner goes back to look)."""
        return self.state.finished

    @property
    def at_end(self) -> bool:
        """True while the "finished" screen is showing (after the last step)."""
        return (
            self.state.finished
            and self.state.step == self.total - 1
            and self.last is not None
            and self.last.ok
        )

    def restore(self, state: FlowState) -> None:
        """Resume a saved state; out-of-range numbers (an edited lesson) are brought back into range."""
        last = self.total - 1
        furthest = min(max(state.furthest, 0), last)
        self.state = FlowState(
            step=min(max(state.step, 0), furthest),
            furthest=furthest,
            finished=bool(state.finished),
            mistakes=max(state.mistakes, 0),
        )
        self.last = None

    def restart(self) -> None:
        """Start again from the first screen (the flow stays finished if it was)."""
        self.state.step = 0
        self.last = None

    def back(self) -> bool:
        """Go to the previous screen; False on the first one."""
        if self.state.step == 0:
            return False
        self.state.step -= 1
        self.last = None
        return True

    def forward(self) -> bool:
        """Return to a screen already done (after going back); False if it has not been reached yet."""
        if self.state.step >= self.state.furthest:
            return False
        self.state.step += 1
        self.last = None
        return True

    def tap(self, button_id: str) -> Outcome:
        """The learner taps a button on the current screen."""
        step = self.step
        if step.action != "tap":
            raise ValueError(f"step '{step.id}' is a form; use submit()")
        button = next((b for b in step.buttons if b.id == button_id), None)
        if button is None:
            raise ValueError(f"step '{step.id}' has no button '{button_id}'")
        if not button.correct:
            return self._wrong(Outcome(False, (button.feedback,) if button.feedback else ()))
        said = tuple(t for t in (button.feedback, step.done) if t is not None)
        return self._right(said)

    def submit(self, values: Mapping[str, str | bool | None]) -> Outcome:
        """The learner presses the form's submit button with ``values`` (field id → typed value)."""
        step = self.step
        if step.action != "form":
            raise ValueError(f"step '{step.id}' is a tap; use tap()")
        verdicts: dict[str, tuple[Say, ...]] = {}
        tidied: dict[str, str] = {}
        for form_field in step.fields:
            problems, value = _check_field(form_field, values.get(form_field.id), tidied)
            tidied[form_field.id] = value
            if problems:
                verdicts[form_field.id] = problems
        if verdicts:
            return self._wrong(
                Outcome(False, (Problem("flow.form_has_problems", {"count": len(verdicts)}),), verdicts)
            )
        return self._right(() if step.done is None else (step.done,))

    def _wrong(self, outcome: Outcome) -> Outcome:
        self.state.mistakes += 1
        self.last = outcome
        return outcome

    def _right(self, said: tuple[Say, ...]) -> Outcome:
        if self.state.step == self.total - 1:
            self.state.finished = True
            outcome = Outcome(True, (*said, self.flow.finish))
        else:
            self.state.step += 1
            self.state.furthest = max(self.state.furthest, self.state.step)
            outcome = Outcome(True, said)
        self.last = outcome
        return outcome


def _check_field(
    form_field: FormField, raw: str | bool | None, earlier: Mapping[str, str]
) -> tuple[tuple[Say, ...], str]:
    """Problems with one field's value (empty if none), and the value as the form keeps it."""
    if form_field.kind == "checkbox":
        ticked = raw is True
        if form_field.required and not ticked:
            return (Problem("check.checkbox_required"),), ""
        return (), "yes" if ticked else ""
    text = "" if raw is None or raw is False or raw is True else str(raw)
    if not text.strip():
        if not form_field.required:
            return (), ""
        return (Problem("check.choose" if form_field.kind == "choice" else "check.required"),), ""
    if form_field.kind == "choice":
        if text not in {option.id for option in form_field.options}:
            return (Problem("check.choose"),), text
        value = text
    else:
        check = _run_check(form_field, text)
        if form_field.same_as is not None:  # a repeat: only sameness matters; the first field has the rules
            same = check.value == earlier.get(form_field.same_as)
            return (() if same else (Problem("check.same_as"),)), check.value
        if not check.ok:
            return check.problems, check.value
        value = check.value
    if form_field.expect is not None and not _same(form_field, value, form_field.expect):
        return (form_field.mismatch,), value  # type: ignore[return-value]
    if form_field.same_as is not None and value != earlier.get(form_field.same_as):
        return (Problem("check.same_as"),), value
    return (), value


def _same(form_field: FormField, value: str, expected: str) -> bool:
    if form_field.kind == "choice":
        return value == expected
    if form_field.kind == "text":
        return _fold(value) == _fold(expected)
    return value == _run_check(form_field, expected).value


def _run_check(form_field: FormField, text: str) -> validators.Check:
    if form_field.kind == "date":
        return validators.check_date(text, allow_future=form_field.allow_future)
    return validators.CHECKS[form_field.kind](text)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()
