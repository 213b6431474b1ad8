"""The workshop plan: a timed agenda from the lessons' minutes, the instructor notes and the materials list.

A workshop plan is like the run sheet a community digital-technology team pins on the wall of the commune
hall: when each part starts and ends, what to say, and what to bring. It is built from the lessons' own
front matter (``minutes.teaching`` and ``minutes.practice``), so when a lesson's timing is changed in
``content/lessons/`` every plan follows. The audience stretches the hands-on practice (older learners new to
smartphones need half as long again), breaks are put in so no stretch runs longer than ``break_every``
minutes, and a lunch break is taken before any part that would run past 11:30 (offices break 11:30–13:30).

Timings are whole minutes from midnight; every item starts when the previous one ends, so the parts always
add up to the whole. Invalid settings raise ``ConfigError`` naming the setting; the screens check the
trainer's typing first (``simkit.formats.read_clock``) and show a friendly message instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from simkit.errors import ConfigError
from simkit.formats import clock, read_clock
from simkit.learn.schema import Lesson, Text
from simkit.learn.validators import Problem
from simkit.teach.strings import Audience, Material, TeachContent

LUNCH_START = 11 * 60 + 30
LUNCH_END = 13 * 60 + 30
DAY_END = 17 * 60
"""Working hours of a commune office: lunch 11:30–13:30, closing 17:00."""

ATTENDEES_MIN, ATTENDEES_MAX = 1, 200
ROUND_TO = 5
"""Stretched practice times are rounded up to whole 5 minutes, as a trainer would write them."""


ItemKind = Literal["welcome", "teaching", "practice", "break", "lunch", "wrap_up"]


@dataclass(frozen=True)
class WorkshopSettings:
    """The fixed parts of a workshop around the lessons; the defaults suit a commune-hall morning."""

    start: str = "08:00"
    welcome_minutes: int = 10
    wrap_up_minutes: int = 15
    break_minutes: int = 15
    break_every: int = 90
    lunch: bool = True

    def __post_init__(self) -> None:
        if read_clock(self.start) is None:
            raise ConfigError(f"must be a time of day HH:MM (got {self.start!r})", field="start")
        for name, low, high in (
            ("welcome_minutes", 0, 60),
            ("wrap_up_minutes", 0, 60),
            ("break_minutes", 5, 60),
            ("break_every", 30, 240),
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or not low <= value <= high:
                raise ConfigError(f"must be a whole number from {low} to {high} (got {value!r})", field=name)

    @property
    def start_minutes(self) -> int:
        return read_clock(self.start)  # type: ignore[return-value]


@dataclass(frozen=True)
class AgendaItem:
    """One row of the agenda: what happens from ``start`` to ``end`` (minutes from midnight)."""

    kind: ItemKind
    start: int
    end: int
    title: Text
    details: tuple[Text, ...] = ()
    lesson_number: int | None = None

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class LessonNotes:
    """A lesson's instructor notes, for the trainer's copy of the plan."""

    number: int
    title: Text
    notes: tuple[Text, ...]


@dataclass(frozen=True)
class MaterialLine:
    """One line of the checklist: what to bring and how many."""

    text: Text
    quantity: int


@dataclass(frozen=True)
class WorkshopPlan:
    """A whole workshop: the agenda, the helpers needed, the notes, the checklist, and any warnings."""

    lessons: tuple[tuple[int, Lesson], ...]
    audience: Audience
    attendees: int
    settings: WorkshopSettings
    items: tuple[AgendaItem, ...]
    helpers: int
    notes: tuple[LessonNotes, ...]
    materials: tuple[MaterialLine, ...]
    warnings: tuple[Problem, ...]

    @property
    def start(self) -> int:
        return self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end

    @property
    def total_minutes(self) -> int:
        return self.end - self.start


def practice_minutes(lesson: Lesson, audience: Audience) -> int:
    """The lesson's practice minutes stretched for the audience, rounded up to whole 5 minutes."""
    if lesson.minutes.practice == 0:
        return 0
    stretched = lesson.minutes.practice * audience.practice_factor
    return math.ceil(round(stretched, 6) / ROUND_TO) * ROUND_TO


def build_plan(
    lessons: Sequence[tuple[int, Lesson]],
    audience: Audience,
    attendees: int,
    content: TeachContent,
    settings: WorkshopSettings | None = None,
) -> WorkshopPlan:
    """The plan for teaching ``lessons`` (number, lesson) in that order to ``attendees`` learners."""
    settings = settings or WorkshopSettings()
    if not lessons:
        raise ConfigError("choose at least one lesson", field="lessons")
    if isinstance(attendees, bool) or not isinstance(attendees, int):
        raise ConfigError(f"must be a whole number (got {attendees!r})", field="attendees")
    if not ATTENDEES_MIN <= attendees <= ATTENDEES_MAX:
        raise ConfigError(
            f"must be from {ATTENDEES_MIN} to {ATTENDEES_MAX} (got {attendees})", field="attendees"
        )
    items = _agenda(lessons, audience, content, settings)
    helpers = math.ceil(attendees / audience.learners_per_helper)
    warnings = (
        (Problem("planner.warn_late", {"end": clock(items[-1].end)}),) if items[-1].end > DAY_END else ()
    )
    return WorkshopPlan(
        lessons=tuple(lessons),
        audience=audience,
        attendees=attendees,
        settings=settings,
        items=tuple(items),
        helpers=helpers,
        notes=tuple(LessonNotes(n, lesson.title, tuple(lesson.instructor_notes)) for n, lesson in lessons),
        materials=tuple(_materials(lessons, attendees, helpers, content)),
        warnings=warnings,
    )


def _agenda(
    lessons: Sequence[tuple[int, Lesson]],
    audience: Audience,
    content: TeachContent,
    settings: WorkshopSettings,
) -> list[AgendaItem]:
    items: list[AgendaItem] = []
    now = settings.start_minutes
    since_break = 0
    lunch_taken = not settings.lunch

    def add(
        kind: ItemKind, minutes: int, title: Text, details: tuple[Text, ...] = (), number: int | None = None
    ) -> None:
        nonlocal now, since_break, lunch_taken
        if minutes <= 0:
            return
        pauses = kind not in ("welcome", "wrap_up")
        if pauses and not lunch_taken and now < LUNCH_END and now + minutes > LUNCH_START:
            items.append(AgendaItem("lunch", now, LUNCH_END, content.both("agenda.lunch")))
            now, since_break, lunch_taken = LUNCH_END, 0, True
        elif pauses and since_break > 0 and since_break + minutes > settings.break_every:
            end = now + settings.break_minutes
            items.append(
                AgendaItem(
                    "break", now, end, content.both("agenda.break"), (content.both("agenda.break_detail"),)
                )
            )
            now, since_break = end, 0
        items.append(AgendaItem(kind, now, now + minutes, title, details, number))
        now += minutes
        since_break += minutes

    add(
        "welcome",
        settings.welcome_minutes,
        content.both("agenda.welcome"),
        (content.both("agenda.welcome_detail"),),
    )
    for number, lesson in lessons:
        explained = tuple(s.title for s in lesson.sections if s.kind == "explain")
        add(
            "teaching",
            lesson.minutes.teaching,
            _titled(content, "agenda.teaching", lesson),
            explained,
            number,
        )
        practised = tuple(lesson.flow(s.flow).title for s in lesson.sections if s.kind == "practice")
        drilled = tuple(lesson.drill(s.drill).title for s in lesson.sections if s.kind == "drill")
        add(
            "practice",
            practice_minutes(lesson, audience),
            _titled(content, "agenda.practice", lesson),
            (*practised, *drilled, content.both("agenda.quiz")),
            number,
        )
    add(
        "wrap_up",
        settings.wrap_up_minutes,
        content.both("agenda.wrap_up"),
        (content.both("agenda.wrap_up_detail"),),
    )
    return items


def _titled(content: TeachContent, key: str, lesson: Lesson) -> Text:
    """A string with the lesson's title, in both languages."""
    return Text(
        vi=content.get(key, "vi", title=lesson.title.vi), en=content.get(key, "en", title=lesson.title.en)
    )


def _needed(material: Material, lessons: Sequence[tuple[int, Lesson]]) -> bool:
    if material.needs == "always":
        return True
    if material.needs == "practice":
        return any(lesson.flows for _, lesson in lessons)
    if material.needs == "drill":
        return any(lesson.drills for _, lesson in lessons)
    return any(lesson.id in material.lessons for _, lesson in lessons)


def _materials(
    lessons: Sequence[tuple[int, Lesson]], attendees: int, helpers: int, content: TeachContent
) -> list[MaterialLine]:
    counts = {"workshop": 1, "learner": attendees, "pair": math.ceil(attendees / 2), "helper": helpers}
    lines = [MaterialLine(m.text, counts[m.per]) for m in content.materials if _needed(m, lessons)]
    lines += [MaterialLine(_titled(content, "plan.handout_item", lesson), attendees) for _, lesson in lessons]
    return lines
