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

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from simkit.bilingual import Strict, check_lang, checked_entries, first_error, read_when_changed
from simkit.content import content_dir, read_yaml
from simkit.errors import ConfigError
from simkit.plan.keys import KEYS
from simkit.sim.labels import Label

UI_FILE = Path("ui") / "plan.yaml"


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


class _PlanFile(Strict):
    strings: dict[str, Any]
    reference_points: tuple[ReferencePoint, ...] = ()


@dataclass(frozen=True)
class PlanStrings:
    """All planner UI strings in both languages, and the reference points."""

    entries: Mapping[str, Label]
    references: tuple[ReferencePoint, ...]
    path: Path

    def get(self, key: str, lang: str, **params: Any) -> str:
        """The string ``key`` in ``lang`` with its placeholders filled in."""
        entry = self.entries.get(key)
        if entry is None:
            raise ConfigError(f"no UI string '{key}'", where=str(self.path), field=key)
        text = entry.text(check_lang(lang))
        return text.format(**params) if params else text

    def both(self, key: str, **params: Any) -> str:
        """Vietnamese and English on one line, for messages that must reach whoever reads them."""
        return f"{self.get(key, 'vi', **params)} · {self.get(key, 'en', **params)}"


def ui_path() -> Path:
    return content_dir() / UI_FILE


def load_plan_strings() -> PlanStrings:
    """The planner strings of the content folder, read and checked once per file version."""
    return read_when_changed(ui_path(), _read)


@functools.lru_cache(maxsize=8)
def _read(path: Path, mtime: float) -> PlanStrings:
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise ConfigError("must be a mapping with 'strings' and 'reference_points'", where=str(path))
    try:
        data = _PlanFile.model_validate(raw)
    except ValidationError as exc:
        raise first_error(exc, raw, path) from None
    pairs = checked_entries(data.strings, KEYS, path)
    entries = {key: Label(vi=vi, en=en) for key, (vi, en) in pairs.items()}
    ids = [r.id for r in data.reference_points]
    if len(set(ids)) != len(ids):
        raise ConfigError("two reference points share an id", where=str(path), field="reference_points")
    return PlanStrings(entries, data.reference_points, path)
