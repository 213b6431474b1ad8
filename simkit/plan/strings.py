"""The words of the planner screens and reports, read from ``content/ui/plan.yaml``.

Like the labels on a control panel, the keys are fixed and the wording lives in ``content/`` where a
trainer or translator can change it without touching code. Every key the code uses is declared in
``simkit.plan.keys`` with the placeholders it fills in, and the file is checked when first read, in the
style of ``simkit.sim.labels``: a missing key, a blank or missing translation, an unknown key, or a
placeholder the code does not supply is a ``ConfigError`` naming the file and the key, raised before any
view is shown. The same file holds the *reference points* (seed and published adoption figures, each with
its caveat) that the campaign planner draws beside its own trajectory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from simkit.bilingual import Strict
from simkit.errors import ConfigError
from simkit.plan.keys import KEYS
from simkit.sim.labels import Label
from simkit.ui_strings import StringTable, UiFile, load_ui_file, ui_file_path

UI_NAME = "plan"


class ReferencePoint(Strict):
    """A figure a planner compares the model with: its value, what it is, and why to be careful with it."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    kind: Literal["adoption", "citizens_per_day"]
    value: float = Field(gt=0)
    verified: bool
    label: Label
    short: Label
    caveat: Label
    source: str | None = None


class _PlanFile(UiFile):
    reference_points: tuple[ReferencePoint, ...] = ()


@dataclass(frozen=True)
class PlanStrings(StringTable):
    """All planner UI strings in both languages, and the reference points."""

    references: tuple[ReferencePoint, ...] = ()


def ui_path() -> Path:
    return ui_file_path(UI_NAME)


def load_plan_strings() -> PlanStrings:
    """The planner strings of the content folder, read and checked once per file version."""
    return load_ui_file(UI_NAME, KEYS, _PlanFile, _make)


def _make(entries: dict[str, Label], data: _PlanFile, path: Path) -> PlanStrings:
    ids = [r.id for r in data.reference_points]
    if len(set(ids)) != len(ids):
        raise ConfigError("two reference points share an id", where=str(path), field="reference_points")
    return PlanStrings(entries, path, data.reference_points)
