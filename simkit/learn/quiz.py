"""Quizzes and safe-or-scam drills: answer, try once more, get each option explained, see a score.

A ``QuizRun`` is the paper quiz a trainer marks at the learner's side. A first wrong answer is only told
"not right yet, try once more", without saying which options are right or why: explaining every option
at once would turn the second try into copying. The second check (or a right answer) closes the question
and explains every option (the lesson's ``feedback``), so a wrong answer still teaches. A multiple-choice
question counts as right only when exactly the correct options are chosen.

What the score counts: a question is right when it was answered right within its two tries (first or
second, the same). The number of checks each question took (``tries``) is kept beside the answers, so a
trainer can still tell a first-time answer from a second one.

A ``DrillRun`` shows messages and calls one at a time; the learner says *safe* or *scam* and is told the
right answer and the reason; at the end the score is turned into a verdict (all, most or few right).
Neither holds widgets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from simkit.learn.schema import Drill, DrillItem, Question, Quiz, QuizOption
from simkit.learn.validators import Problem

MAX_TRIES = 2
"""Checks a question allows: a first try and one more after "not right yet"."""


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
    """A question's state after its latest check.

    ``tries``: checks so far (1 or 2). ``final``: the question is closed (right, or both tries used);
    only then does ``options`` hold every option's verdict, so a view cannot give the answers away early.
    """

    question: Question
    correct: bool
    chosen: frozenset[str]
    tries: int
    options: tuple[OptionVerdict, ...] = ()

    @property
    def final(self) -> bool:
        return self.correct or self.tries >= MAX_TRIES


class QuizRun:
    """One learner's attempt at a lesson quiz: two tries per question, then every option explained."""

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
        """Set the learner's current selection for a question (replacing the previous one).

        A closed question (``final``) keeps its answer: changing it after the explanations were shown
        would only copy them; ``retry`` starts the quiz again.
        """
        question = self.question(question_id)
        chosen = frozenset(option_ids)
        unknown = chosen - {option.id for option in question.options}
        if unknown:
            raise ValueError(f"question '{question_id}' has no option {sorted(unknown)}")
        if question.kind == "single" and len(chosen) > 1:
            raise ValueError(f"question '{question_id}' takes one option")
        if self.closed(question_id):
            raise ValueError(f"question '{question_id}' is already marked; retry the quiz to answer again")
        self._choices[question_id] = chosen

    def chosen(self, question_id: str) -> frozenset[str]:
        return self._choices.get(question_id, frozenset())

    def check(self, question_id: str) -> QuestionResult | Problem:
        """Mark the current selection, using one of the question's two tries.

        Not counted as a try: nothing chosen (``quiz.choose_first``), or the same selection as the wrong
        first try (``quiz.same_choice``; also what a double click on "Check" would send). A closed question
        is not marked again: its result is returned as it is.
        """
        question = self.question(question_id)
        previous = self._results.get(question_id)
        if previous is not None and previous.final:
            return previous
        chosen = self.chosen(question_id)
        if not chosen:
            return Problem("quiz.choose_first")
        if previous is not None and chosen == previous.chosen:
            return Problem("quiz.same_choice")
        was_finished = self.finished
        result = self._mark(question, chosen, (previous.tries if previous else 0) + 1)
        if self.finished and not was_finished:
            self.attempts += 1
        return result

    def _mark(self, question: Question, chosen: frozenset[str], tries: int) -> QuestionResult:
        verdicts = tuple(OptionVerdict(option, option.id in chosen) for option in question.options)
        correct = all(v.right for v in verdicts)
        result = QuestionResult(question, correct, chosen, min(tries, MAX_TRIES))
        if result.final:
            result = QuestionResult(question, correct, chosen, result.tries, verdicts)
        self._results[question.id] = result
        self._choices[question.id] = chosen
        return result

    def result(self, question_id: str) -> QuestionResult | None:
        """The question's latest check (``None``: not checked yet)."""
        return self._results.get(question_id)

    def closed(self, question_id: str) -> bool:
        """Whether the question is answered for good (right, or both tries used)."""
        result = self._results.get(question_id)
        return result is not None and result.final

    @property
    def total(self) -> int:
        return len(self.quiz.questions)

    @property
    def score(self) -> int:
        """Questions answered right within their two tries."""
        return sum(result.correct for result in self._results.values())

    @property
    def finished(self) -> bool:
        """Every question is closed (right, or both tries used)."""
        return all(self.closed(q.id) for q in self.quiz.questions)

    @property
    def passed(self) -> bool:
        return self.finished and self.score >= self.quiz.pass_mark * self.total - 1e-9

    def retry(self) -> None:
        """Clear every answer for a new attempt (``attempts`` counts the finished ones)."""
        self._choices.clear()
        self._results.clear()

    def answers(self) -> dict[str, list[str]]:
        """Checked answers as option ids, for the progress file: the final answer of a closed question, the
        first (wrong) try of a question still open for its second."""
        return {qid: sorted(result.chosen) for qid, result in self._results.items()}

    def tries(self) -> dict[str, int]:
        """Checks each answered question took (1 or 2), for the progress file."""
        return {qid: result.tries for qid, result in self._results.items()}

    def restore(
        self, answers: Mapping[str, Iterable[str]], attempts: int = 0, tries: Mapping[str, int] | None = None
    ) -> None:
        """Re-mark saved answers; answers to questions or options no longer in the lesson are dropped.

        ``tries`` as saved: a wrong answer after one try is open again for its second. A saved answer
        without a count (files written before tries were counted) is taken as final, as it was then:
        1 try if right, 2 if wrong.
        """
        self._choices.clear()
        self._results.clear()
        counts = tries or {}
        for question in self.quiz.questions:
            ids = {option.id for option in question.options}
            saved = frozenset(o for o in answers.get(question.id, ()) if o in ids)
            if not saved or (question.kind == "single" and len(saved) != 1):
                continue
            correct = saved == frozenset(o.id for o in question.options if o.correct)
            used = counts.get(question.id, 1 if correct else MAX_TRIES)
            self._mark(question, saved, max(used, 1))
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
        if self.item.id not in self._answers or self.at_last:
            return False
        self.index += 1
        return True

    @property
    def at_last(self) -> bool:
        """The last item is shown."""
        return self.index >= self.total - 1

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

    @property
    def missed(self) -> list[int]:
        """The numbers (from 1, as shown) of the items answered wrongly, to look at again."""
        return [
            number
            for number, item in enumerate(self.drill.items, start=1)
            if item.id in self._answers and self._answers[item.id] != item.answer
        ]

    @property
    def verdict(self) -> Literal["all", "most", "few"]:
        """The score in words a trainer would say: every item right, more than half, or half or fewer
        (then the warning signs are worth reading again before another go)."""
        if self.score == self.total:
            return "all"
        return "most" if 2 * self.score > self.total else "few"

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
