"""The trainer tools' words, audiences and materials, read from ``content/ui/teach.yaml``.

Like the labels and the spare-parts list of a machine, they live in ``content/`` where a trainer can reword
them without touching code. The file has three parts:

- ``strings``: every word on the trainer screens and printed sheets, keyed as declared in
  ``simkit.teach.keys`` (``planner.title``), each ``{vi: "...", en: "..."}``;
- ``audiences``: who a workshop is for, with how much longer hands-on practice takes them and how many
  learners one helper can look after;
- ``materials``: the checklist of things to bring, and when each is needed.

Everything is checked when first read, each problem one line naming the file and the key or item, so a typo
never reaches a commune hall as an empty label. Numbers are written by ``simkit.formats``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from simkit.bilingual import Strict
from simkit.errors import ConfigError
from simkit.learn.schema import ID_PATTERN, Lesson, Text
from simkit.teach.keys import KEYS
from simkit.ui_strings import StringTable, UiFile, load_ui_file, ui_file_path

UI_NAME = "teach"


class Audience(Strict):
    """Who a workshop is for. ``practice_factor`` stretches the lessons' practice minutes for slower hands."""

    id: str = Field(pattern=ID_PATTERN, max_length=40)
    name: Text
    note: Text
    practice_factor: float = Field(ge=0.5, le=3)
    learners_per_helper: int = Field(ge=1, le=50)


class Material(Strict):
    """One line of the materials checklist: what, how many (``per``), and when it is needed (``needs``)."""

    id: str = Field(pattern=ID_PATTERN, max_length=40)
    text: Text
    per: Literal["workshop", "learner", "pair", "helper"]
    needs: Literal["always", "practice", "drill", "lessons"]
    lessons: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _lessons_only_when_named(self) -> Material:
        if self.needs == "lessons" and not self.lessons:
            raise ValueError("'needs: lessons' needs a list of lesson ids in 'lessons'")
        if self.needs != "lessons" and self.lessons:
            raise ValueError("'lessons' is only used with 'needs: lessons'")
        return self


class _TeachFile(UiFile):
    audiences: tuple[Audience, ...] = Field(min_length=1)
    materials: tuple[Material, ...] = Field(min_length=1)


@dataclass(frozen=True)
class TeachContent(StringTable):
    """All trainer strings in both languages, the audiences and the materials checklist."""

    audiences: tuple[Audience, ...] = ()
    materials: tuple[Material, ...] = ()

    def audience(self, audience_id: str) -> Audience:
        for audience in self.audiences:
            if audience.id == audience_id:
                return audience
        known = ", ".join(a.id for a in self.audiences)
        raise ConfigError(f"no audience '{audience_id}' (audiences: {known})", field="audience")

    def check_lessons(self, lessons: Mapping[int, Lesson]) -> None:
        """Every lesson id a material names must exist, so a renamed lesson cannot silently drop a line."""
        ids = {lesson.id for lesson in lessons.values()}
        for material in self.materials:
            for lesson_id in material.lessons:
                if lesson_id not in ids:
                    raise ConfigError(
                        f"no lesson '{lesson_id}' (lessons: {', '.join(sorted(ids))})",
                        where=str(self.path),
                        field=f"materials[{material.id}].lessons",
                    )


def ui_path() -> Path:
    return ui_file_path(UI_NAME)


def load_teach_content() -> TeachContent:
    """The trainer strings of the content folder, read and checked once per file version."""
    return load_ui_file(UI_NAME, KEYS, _TeachFile, _make)


def _make(entries: dict[str, Text], data: _TeachFile, path: Path) -> TeachContent:
    for group, items in (("audiences", data.audiences), ("materials", data.materials)):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ConfigError(f"id '{item.id}' is used twice", where=str(path), field=group)
            seen.add(item.id)
    return TeachContent(entries, path, data.audiences, data.materials)
