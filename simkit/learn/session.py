"""One learner working through one lesson: the pages, the learner's place, and saving and resuming it.

A ``LessonSession`` is the bookmark and the marked exercise book of a lesson together. It knows the
pages (overview, the lesson's sections, quiz, summary), which page is open, the state of every practice
flow, drill and the quiz, the language, and the time spent. The language is only how things are shown:
switching it changes nothing else, so the learner keeps their place, their half-done practice and the
feedback on screen (which is re-rendered in the new language).

A session can be bound to a display name (``attach``); from then on ``save`` stores its record in the
learner's progress file, and ``attach`` first restores what was saved, so reopening a lesson resumes where
the learner stopped. The learner's preferences (large text, the language last chosen) are kept for every
lesson in the same file: ``attach`` applies them, ``set_lang`` and ``set_large`` store them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, cast

from simkit.bilingual import check_lang
from simkit.learn.flow import FlowRun, FlowState
from simkit.learn.progress import (
    DrillRecord,
    FlowRecord,
    LessonRecord,
    Preferences,
    ProgressStore,
    QuizRecord,
    check_display_name,
    now_text,
)
from simkit.learn.quiz import DrillRun, QuizRun
from simkit.learn.schema import Lesson, Section, Text
from simkit.learn.validators import Problem

IDLE_LIMIT_SECONDS = 300
"""A gap between two actions longer than this counts as this long (the learner left for tea)."""


@dataclass(frozen=True)
class Page:
    """One page of the lesson view: the fixed ``overview``/``quiz``/``summary`` or a section."""

    id: str
    kind: str
    section: Section | None = None


@dataclass(frozen=True)
class Todo:
    """Something left to do before the lesson counts as complete, for the summary page."""

    key: str
    title: Text | None = None


class LessonSession:
    """A lesson in progress; everything the view shows is read from here."""

    def __init__(
        self, lesson: Lesson, number: int, *, lang: str = "vi", clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.lesson = lesson
        self.number = number
        self.lang = check_lang(lang)
        self.pages = (
            Page("overview", "overview"),
            *(Page(s.id, s.kind, s) for s in lesson.sections),
            Page("quiz", "quiz"),
            Page("summary", "summary"),
        )
        self.page_index = 0
        self.flows = {flow.id: FlowRun(flow) for flow in lesson.flows}
        self.drills = {drill.id: DrillRun(drill) for drill in lesson.drills}
        self.quiz = QuizRun(lesson.quiz)
        self.seconds = 0
        self.completed_at: str | None = None
        self.large = False
        self._chosen: set[str] = set()
        """Which preferences the learner chose in this session (``lang``, ``large``)."""
        self.display_name: str | None = None
        self._store: ProgressStore | None = None
        self._clock = clock
        self._last_seen: float | None = None

    @property
    def page(self) -> Page:
        return self.pages[self.page_index]

    def go(self, page_id: str) -> None:
        """Open a page by id; an unknown id (a section removed since the last visit) opens the overview."""
        self.touch()
        ids = [page.id for page in self.pages]
        self.page_index = ids.index(page_id) if page_id in ids else 0

    def next(self) -> bool:
        self.touch()
        if self.page_index >= len(self.pages) - 1:
            return False
        self.page_index += 1
        return True

    def back(self) -> bool:
        self.touch()
        if self.page_index == 0:
            return False
        self.page_index -= 1
        return True

    def set_lang(self, lang: str) -> Problem | None:
        """Show everything in another language; the place and all answers stay as they are.

        For an attached learner the choice is stored as their preference (a failure is returned)."""
        changed = check_lang(lang) != self.lang
        self.lang = check_lang(lang)
        self._chosen.add("lang")
        return self._save_preferences() if changed else None

    def set_large(self, on: bool) -> Problem | None:
        """Large text on or off; for an attached learner, stored as their preference."""
        changed = bool(on) != self.large
        self.large = bool(on)
        self._chosen.add("large")
        return self._save_preferences() if changed else None

    def preferences(self) -> Preferences:
        """The learner's choices so far (``None`` for what they have not chosen in this session)."""
        return Preferences(
            large=self.large if "large" in self._chosen else None,
            lang=self.lang if "lang" in self._chosen else None,  # type: ignore[arg-type]
        )

    def _apply_preferences(self, saved: Preferences) -> Problem | None:
        """On attaching: what the learner chose before typing their name wins (and is stored); otherwise
        what they chose last time (in any lesson) is applied."""
        if "large" not in self._chosen and saved.large is not None:
            self.large = saved.large
            self._chosen.add("large")
        if "lang" not in self._chosen and saved.lang is not None:
            self.lang = saved.lang
            self._chosen.add("lang")
        return self._save_preferences() if self.preferences() != saved else None

    def _save_preferences(self) -> Problem | None:
        if self._store is None or self.display_name is None:
            return None
        try:
            return self._store.save_preferences(self.display_name, self.preferences())
        except OSError as exc:
            return Problem("progress.save_failed", {"reason": exc.strerror or str(exc)})

    def touch(self) -> None:
        """Count the time since the last action as time spent (capped, so a break does not count)."""
        now = self._clock()
        if self._last_seen is not None:
            self.seconds += int(min(max(now - self._last_seen, 0), IDLE_LIMIT_SECONDS))
        self._last_seen = now

    def flow_for(self, page: Page) -> FlowRun:
        return self.flows[page.section.flow]  # type: ignore[union-attr]

    def drill_for(self, page: Page) -> DrillRun:
        return self.drills[page.section.drill]  # type: ignore[union-attr]

    def todo(self) -> list[Todo]:
        """What is left before the lesson is complete (empty when it is)."""
        left = [Todo("summary.todo_flow", run.flow.title) for run in self.flows.values() if not run.finished]
        left += [
            Todo("summary.todo_drill", run.drill.title) for run in self.drills.values() if not run.finished
        ]
        if not self.quiz.passed:
            left.append(Todo("summary.todo_quiz"))
        return left

    @property
    def completed(self) -> bool:
        """Every practice and drill finished and the quiz passed."""
        return not self.todo()

    def record(self) -> LessonRecord:
        """The lesson's progress as stored in the learner's file (no typed values, ever)."""
        if self.completed and self.completed_at is None:
            self.completed_at = now_text()
        return LessonRecord(
            page=self.page.id,
            lang=self.lang,  # type: ignore[arg-type]
            flows={
                fid: FlowRecord(
                    step=run.state.step,
                    furthest=run.state.furthest,
                    finished=run.finished,
                    mistakes=run.state.mistakes,
                )
                for fid, run in self.flows.items()
            },
            drills={
                did: DrillRecord(
                    index=run.index,
                    answers=cast("dict[str, Literal['safe', 'scam']]", run.answers()),
                    score=run.score,
                    total=run.total,
                    finished=run.finished,
                )
                for did, run in self.drills.items()
            },
            quiz=QuizRecord(
                answers=self.quiz.answers(),
                tries=self.quiz.tries(),
                score=self.quiz.score,
                total=self.quiz.total,
                passed=self.quiz.passed,
                attempts=self.quiz.attempts,
            ),
            seconds=self.seconds,
            completed=self.completed,
            completed_at=self.completed_at,
        )

    def restore(self, record: LessonRecord) -> None:
        """Resume a saved record; parts of it that no longer match the lesson are ignored."""
        for flow_id, saved in record.flows.items():
            if flow_id in self.flows:
                self.flows[flow_id].restore(
                    FlowState(saved.step, saved.furthest, saved.finished, saved.mistakes)
                )
        for drill_id, saved_drill in record.drills.items():
            if drill_id in self.drills:
                self.drills[drill_id].restore(saved_drill.answers, saved_drill.index)
        self.quiz.restore(record.quiz.answers, record.quiz.attempts, record.quiz.tries)
        self.seconds = record.seconds
        self.completed_at = record.completed_at if self.completed else None
        self.lang = record.lang
        self.go(record.page)
        self._last_seen = None

    def attach(self, display_name: str, store: ProgressStore | None = None) -> list[Problem]:
        """Bind the session to a learner and resume their saved place in this lesson.

        Returns messages for the learner: a problem with the name (then nothing is bound), a file set aside,
        or that the lesson was resumed.
        """
        checked = check_display_name(display_name)
        if isinstance(checked, Problem):
            return [checked]
        store = store or ProgressStore()
        try:
            loaded = store.load(checked)
        except OSError as exc:
            return [Problem("progress.save_failed", {"reason": exc.strerror or str(exc)})]
        self.display_name, self._store = checked, store
        notices = [loaded.notice] if loaded.notice else []
        saved = loaded.progress.lessons.get(self.lesson.id)
        if saved is not None:
            self.restore(saved)
            notices.append(Problem("learner.resumed", {"name": checked}))
        else:
            notices.append(Problem("learner.saved_as", {"name": checked}))
        problem = self._apply_preferences(loaded.progress.preferences)
        if problem is not None:
            notices.append(problem)
        self.save()
        return notices

    def save(self) -> Problem | None:
        """Store this lesson's record if a learner is attached; a failure is returned, never raised."""
        if self._store is None or self.display_name is None:
            return None
        self.touch()
        try:
            return self._store.save_lesson(self.display_name, self.lesson.id, self.record())
        except OSError as exc:
            return Problem("progress.save_failed", {"reason": exc.strerror or str(exc)})
