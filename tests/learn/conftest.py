"""Shared helpers for the lesson tests: the shipped lessons, and a "learner" who knows the right answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simkit.learn.content import load_lessons
from simkit.learn.flow import FlowRun, Outcome
from simkit.learn.schema import FormField, Lesson, Step
from simkit.learn.strings import UiStrings, load_ui_strings

GOOD_VALUES = {
    "personal_id": "003190000123",
    "phone": "0912345678",
    "password": "Lan@2024vn",
    "otp": "482913",
    "passcode": "150862",
    "date": "05/03/1962",
    "email": "mai.practice@example.com",
    "health_insurance": "GD4250000012345",
    "text": "Hoa hồng",
}
"""A value each typed field kind accepts, for fields with no ``expect``."""

BAD_VALUES = {
    "personal_id": "017190000123",
    "phone": "12345",
    "password": "abc",
    "otp": "12ab",
    "passcode": "1234",
    "date": "31/02/1990",
    "email": "not-an-email",
    "health_insurance": "XX",
    "text": "x" * 201,
}
"""A value each typed field kind refuses."""


def right_value(field: FormField, filled: dict[str, str | bool]) -> str | bool:
    """What a learner who reads the screen carefully types into ``field``."""
    if field.kind == "checkbox":
        return True
    if field.expect is not None:
        return field.expect
    if field.kind == "choice":
        return field.options[0].id
    if field.same_as is not None:
        return filled[field.same_as]
    return GOOD_VALUES[field.kind]


def right_values(step: Step) -> dict[str, str | bool]:
    filled: dict[str, str | bool] = {}
    for field in step.fields:
        if field.kind == "checkbox" and not field.required:
            filled[field.id] = False
            continue
        filled[field.id] = right_value(field, filled)
    return filled


def do_right(run: FlowRun) -> Outcome:
    """Do the current step right."""
    step = run.step
    if step.action == "tap":
        return run.tap(next(b.id for b in step.buttons if b.correct))
    return run.submit(right_values(step))


@pytest.fixture(scope="session")
def lessons() -> dict[int, Lesson]:
    return load_lessons()


@pytest.fixture(scope="session")
def ui() -> UiStrings:
    return load_ui_strings()


@pytest.fixture
def progress_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private progress folder, also set as the default, so no test writes to the home folder."""
    folder = tmp_path / "progress"
    monkeypatch.setenv("SIMKIT_PROGRESS_DIR", str(folder))
    yield folder
