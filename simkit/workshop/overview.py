"""The start page's facts, without widgets: the lessons in order, and where a learner stands in each.

Why separate: the start page is the first thing thirty phones load at once, so it must not import the
lesson views (and with them numpy, scipy, matplotlib); and what it says ("continue lesson 2",
"suggested next: lesson 3") is tested here without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass

from simkit.learn.content import load_lessons
from simkit.learn.progress import ProgressFile
from simkit.learn.schema import Text


@dataclass(frozen=True)
class LessonLine:
    """One lesson on the start page: its number, id, title (both languages) and this learner's status."""

    number: int
    lesson_id: str
    title: Text
    status: str  # "not_started", "in_progress" or "done"


def lesson_lines(progress: ProgressFile | None) -> list[LessonLine]:
    """Every lesson of the content folder in number order, with the learner's status in each."""
    saved = progress.lessons if progress is not None else {}
    lines = []
    for number, lesson in sorted(load_lessons().items()):
        record = saved.get(lesson.id)
        if record is None:
            status = "not_started"
        elif record.completed:
            status = "done"
        else:
            status = "in_progress"
        lines.append(LessonLine(number, lesson.id, lesson.title, status))
    return lines


def suggested_next(lines: list[LessonLine]) -> LessonLine | None:
    """The lesson to open next: the first one begun but not finished, else the first not started."""
    for wanted in ("in_progress", "not_started"):
        for line in lines:
            if line.status == wanted:
                return line
    return None
