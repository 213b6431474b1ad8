"""Quizzes and safe-or-scam drills: answer, get each option explained, see a score.

A ``QuizRun`` is the paper quiz a trainer hands out and marks at once: the learner ticks options, presses
"check", and sees for every option whether it was right and why (the lesson's ``feedback``), so a wrong
answer still teaches. A multiple-choice question counts as right only when exactly the correct options are
chosen. A ``DrillRun`` shows messages and calls one at a time; the learner says *safe* or *scam* and is
told the right answer and the reason. Neither holds widgets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from simkit.learn.schema import Drill, DrillItem, Question, Quiz, QuizOption
from simkit.learn.validators import Problem


@dataclass(frozen=True)
class OptionVerdict:
    """One option after checking: was it chosen, is it correct, and the lesson's explanation."""

    option: QuizOption
    chosen: bool

    @property
    def right(self) -> bool:
        """True when the learner treated this option correctly (chose a correct one or left a wrong one)."""
        return self.chosen == self.option.correct


@dataclass(frozen=True)
class QuestionResult:
    """A checked question: right or not, and every option's verdict in the order shown."""

    question: Question
    correct: bool
    options: tuple[OptionVerdict, ...]


class QuizRun:
    """One learner's attempt at a lesson quiz."""

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        self.attempts = 0
        self._choices: dict[str, frozenset[str]] = {}
        self._results: dict[str, QuestionResult] = {}

    def question(self, question_id: str) -> Question:
        for question in self.quiz.questions:
            if question.id == question_id:
                return question
        raise ValueError(f"the quiz has no question '{question_id}'")

    def choose(self, question_id: str, option_ids: Iterable[str]) -> None:
        """Set the learner's current selection for a question (replacing the previous one)."""
        question = self.question(question_id)
        chosen = frozenset(option_ids)
        unknown = chosen - {option.id for option in question.options}
        if unknown:
            raise ValueError(f"question '{question_id}' has no option {sorted(unknown)}")
        if question.kind == "single" and len(chosen) > 1:
            raise ValueError(f"question '{question_id}' takes one option")
        self._choices[question_id] = chosen
        self._results.pop(question_id, None)

    def chosen(self, question_id: str) -> frozenset[str]:
        return self._choices.get(question_id, frozenset())

    def check(self, question_id: str) -> QuestionResult | Problem:
        """Mark a question; with nothing chosen, a message asking the learner to choose first."""
        question = self.question(question_id)
        chosen = self.chosen(question_id)
        if not chosen:
            return Problem("quiz.choose_first")
        was_finished = self.finished
        verdicts = tuple(OptionVerdict(option, option.id in chosen) for option in question.options)
        result = QuestionResult(question, all(v.right for v in verdicts), verdicts)
        self._results[question_id] = result
        if self.finished and not was_finished:
            self.attempts += 1
        return result

    def result(self, question_id: str) -> QuestionResult | None:
        return self._results.get(question_id)

    @property
    def total(self) -> int:
        return len(self.quiz.questions)

    @property
    def score(self) -> int:
        """Questions answered right so far."""
        return sum(result.correct for result in self._results.values())

    @property
    def finished(self) -> bool:
        """Every question has been checked."""
        return all(q.id in self._results for q in self.quiz.questions)

    @property
    def passed(self) -> bool:
        return self.finished and self.score >= self.quiz.pass_mark * self.total - 1e-9

    def retry(self) -> None:
        """Clear every answer for a new attempt (``attempts`` counts the finished ones)."""
        self._choices.clear()
        self._results.clear()

    def answers(self) -> dict[str, list[str]]:
        """Checked answers as option ids, for the progress file."""
        return {qid: sorted(self._choices[qid]) for qid in self._results}

    def restore(self, answers: Mapping[str, Iterable[str]], attempts: int = 0) -> None:
        """Re-mark saved answers; answers to questions or options no longer in the lesson are dropped."""
        self._choices.clear()
        self._results.clear()
        for question in self.quiz.questions:
            ids = {option.id for option in question.options}
            saved = [o for o in answers.get(question.id, ()) if o in ids]
            if saved and (question.kind == "multiple" or len(saved) == 1):
                self.choose(question.id, saved)
                self.check(question.id)
        self.attempts = max(attempts, 1 if self.finished else 0)


@dataclass(frozen=True)
class DrillResult:
    """The verdict on one drill item."""

    item: DrillItem
    answer: str

    @property
    def correct(self) -> bool:
        return self.answer == self.item.answer


class DrillRun:
    """One learner's way through a safe-or-scam drill, one item at a time."""

    def __init__(self, drill: Drill) -> None:
        self.drill = drill
        self.index = 0
        self._answers: dict[str, str] = {}

    @property
    def total(self) -> int:
        return len(self.drill.items)

    @property
    def item(self) -> DrillItem:
        return self.drill.items[self.index]

    def answer(self, choice: str) -> DrillResult:
        """Answer the current item ``"safe"`` or ``"scam"``; the first answer to an item is the one scored."""
        if choice not in ("safe", "scam"):
            raise ValueError(f"answer 'safe' or 'scam' (got {choice!r})")
        self._answers.setdefault(self.item.id, choice)
        return DrillResult(self.item, self._answers[self.item.id])

    def result(self) -> DrillResult | None:
        """The verdict on the current item, once answered."""
        given = self._answers.get(self.item.id)
        return DrillResult(self.item, given) if given else None

    def next(self) -> bool:
        """Move to the next item once the current one is answered; False at the end or before answering."""
        if self.item.id not in self._answers or self.index >= self.total - 1:
            return False
        self.index += 1
        return True

    def back(self) -> bool:
        if self.index == 0:
            return False
        self.index -= 1
        return True

    @property
    def finished(self) -> bool:
        return all(item.id in self._answers for item in self.drill.items)

    @property
    def score(self) -> int:
        return sum(self._answers.get(item.id) == item.answer for item in self.drill.items)

    def retry(self) -> None:
        self.index = 0
        self._answers.clear()

    def answers(self) -> dict[str, str]:
        return dict(self._answers)

    def restore(self, answers: Mapping[str, str], index: int = 0) -> None:
        """Resume saved answers and position; unknown items are dropped, the position kept in range."""
        ids = {item.id for item in self.drill.items}
        self._answers = {k: v for k, v in answers.items() if k in ids and v in ("safe", "scam")}
        self.index = min(max(index, 0), self.total - 1)
