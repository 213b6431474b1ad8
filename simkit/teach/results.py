"""A class's results: completion and quiz scores per lesson, per question, and per learner.

Like the mark book a trainer keeps after marking the exercise books: how many started and finished each
lesson, how the quiz went, and, most useful for the next workshop, which questions most learners got wrong
and which wrong answer they chose. Results are counted against the lessons as they are now in
``content/lessons/``: answers to questions or options that no longer exist are ignored, exactly as the
lessons themselves do when a learner reopens an edited lesson.

Counting rules, stated once:

- *started*: the learner's file has an entry for the lesson; *completed*: that entry says so (every
  practice and drill finished and the quiz passed); completion is counted among those who started.
- *took the quiz*: finished it at least once (``attempts`` ≥ 1); the mean score is over those learners, each
  scored as saved (``score`` / ``total``).
- a question is *answered* when the learner's saved answer names at least one of its current options; it is
  *right* when exactly the correct options were chosen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import mean

from simkit.learn.progress import LessonRecord
from simkit.learn.schema import Lesson, Question, QuizOption
from simkit.teach.cohort import Cohort, Learner


@dataclass(frozen=True)
class LessonRow:
    """One lesson across the class."""

    number: int
    lesson: Lesson
    learners: int
    started: int
    completed: int
    quiz_taken: int
    quiz_mean: float | None
    passed: int
    minutes_mean: float | None

    @property
    def completion(self) -> float | None:
        """Completed among those who started (``None`` when nobody started)."""
        return self.completed / self.started if self.started else None


@dataclass(frozen=True)
class QuestionRow:
    """One quiz question across the class, with the wrong option chosen most often."""

    number: int
    lesson: Lesson
    question: Question
    answered: int
    right: int
    common_wrong: QuizOption | None
    common_wrong_count: int

    @property
    def missed(self) -> int:
        return self.answered - self.right

    @property
    def miss_rate(self) -> float | None:
        return self.missed / self.answered if self.answered else None


@dataclass(frozen=True)
class LessonState:
    """One learner in one lesson: ``done``, ``in_progress`` or ``not_started``, and the saved quiz score."""

    state: str
    score: int | None
    total: int | None


@dataclass(frozen=True)
class LearnerRow:
    """One learner across the lessons, in lesson order."""

    learner: Learner
    states: tuple[LessonState, ...]
    minutes_total: float

    @property
    def lessons_done(self) -> int:
        return sum(state.state == "done" for state in self.states)


def took_quiz(record: LessonRecord) -> bool:
    return record.quiz.attempts > 0 and record.quiz.total > 0


def lesson_rows(cohort: Cohort, lessons: Mapping[int, Lesson]) -> list[LessonRow]:
    """A row per lesson of the content, in lesson order."""
    rows = []
    for number, lesson in sorted(lessons.items()):
        records = [r for learner in cohort.learners if (r := learner.lessons.get(lesson.id)) is not None]
        quizzed = [r for r in records if took_quiz(r)]
        rows.append(
            LessonRow(
                number=number,
                lesson=lesson,
                learners=len(cohort.learners),
                started=len(records),
                completed=sum(r.completed for r in records),
                quiz_taken=len(quizzed),
                quiz_mean=mean(r.quiz.score / r.quiz.total for r in quizzed) if quizzed else None,
                passed=sum(r.quiz.passed for r in quizzed),
                minutes_mean=mean(r.seconds / 60 for r in records) if records else None,
            )
        )
    return rows


def _current_answer(question: Question, saved: list[str] | None) -> frozenset[str]:
    """The saved answer restricted to the question's current options (empty: not answered)."""
    ids = {option.id for option in question.options}
    return frozenset(option for option in saved or () if option in ids)


def question_rows(cohort: Cohort, lessons: Mapping[int, Lesson]) -> list[QuestionRow]:
    """A row per quiz question of the content, in lesson and question order."""
    rows = []
    for number, lesson in sorted(lessons.items()):
        for question in lesson.quiz.questions:
            correct = frozenset(option.id for option in question.options if option.correct)
            answered = right = 0
            wrong_choices: Counter[str] = Counter()
            for learner in cohort.learners:
                record = learner.lessons.get(lesson.id)
                chosen = _current_answer(question, record.quiz.answers.get(question.id) if record else None)
                if not chosen:
                    continue
                answered += 1
                right += chosen == correct
                wrong_choices.update(chosen - correct)
            common = wrong_choices.most_common(1)
            option = next((o for o in question.options if common and o.id == common[0][0]), None)
            rows.append(
                QuestionRow(number, lesson, question, answered, right, option, common[0][1] if common else 0)
            )
    return rows


def most_missed(rows: list[QuestionRow], limit: int = 5) -> list[QuestionRow]:
    """The questions most learners got wrong: highest share wrong first, then most wrong answers."""
    missed = [row for row in rows if row.missed > 0]
    missed.sort(key=lambda row: (-(row.miss_rate or 0), -row.missed, row.number))
    return missed[:limit]


def lesson_state(record: LessonRecord | None) -> LessonState:
    if record is None:
        return LessonState("not_started", None, None)
    score = (record.quiz.score, record.quiz.total) if took_quiz(record) else (None, None)
    return LessonState("done" if record.completed else "in_progress", *score)


def learner_rows(cohort: Cohort, lessons: Mapping[int, Lesson]) -> list[LearnerRow]:
    """A row per learner, in name order, with their state in every lesson of the content."""
    ordered = [lesson for _, lesson in sorted(lessons.items())]
    return [
        LearnerRow(
            learner,
            tuple(lesson_state(learner.lessons.get(lesson.id)) for lesson in ordered),
            sum(record.seconds for record in learner.lessons.values()) / 60,
        )
        for learner in cohort.learners
    ]
