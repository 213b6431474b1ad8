"""Quizzes (single and multiple choice, every option explained, a score) and safe-or-scam drills."""

from __future__ import annotations

import pytest

from simkit.learn.quiz import DrillRun, QuestionResult, QuizRun
from simkit.learn.schema import Drill, Lesson
from simkit.learn.validators import Problem


def right(question) -> list[str]:
    return [o.id for o in question.options if o.correct]


def wrong(question) -> list[str]:
    return [next(o.id for o in question.options if not o.correct)]


def test_every_quiz_scores_full_marks_when_right_and_zero_when_wrong(lessons: dict[int, Lesson]) -> None:
    for lesson in lessons.values():
        run = QuizRun(lesson.quiz)
        for question in lesson.quiz.questions:
            run.choose(question.id, right(question))
            assert run.check(question.id).correct  # type: ignore[union-attr]
        assert (run.score, run.total, run.finished, run.passed, run.attempts) == (
            run.total,
            run.total,
            True,
            True,
            1,
        )
        run.retry()
        for question in lesson.quiz.questions:
            run.choose(question.id, wrong(question))
            assert not run.check(question.id).correct  # type: ignore[union-attr]
        assert (run.score, run.passed, run.attempts) == (0, False, 2)


def test_every_option_is_explained_after_checking(lessons: dict[int, Lesson]) -> None:
    question = lessons[1].quiz.questions[2]  # portrait_tips, multiple choice
    run = QuizRun(lessons[1].quiz)
    run.choose(question.id, ["light", "glasses"])
    result = run.check(question.id)
    assert isinstance(result, QuestionResult) and not result.correct
    assert [(v.option.id, v.chosen, v.right) for v in result.options] == [
        ("light", True, True),
        ("hair", False, False),
        ("glasses", True, False),
        ("retake", False, False),
    ]
    assert all(v.option.feedback.vi and v.option.feedback.en for v in result.options)


def test_multiple_choice_needs_exactly_the_right_options(lessons: dict[int, Lesson]) -> None:
    question = lessons[1].quiz.questions[2]
    run = QuizRun(lessons[1].quiz)
    run.choose(question.id, ["light", "hair"])  # one right option missing
    assert not run.check(question.id).correct  # type: ignore[union-attr]
    run.choose(question.id, ["light", "hair", "retake"])
    assert run.check(question.id).correct  # type: ignore[union-attr]


def test_checking_without_an_answer_asks_to_choose_first(lessons: dict[int, Lesson]) -> None:
    run = QuizRun(lessons[1].quiz)
    assert run.check("where_install") == Problem("quiz.choose_first")
    assert run.score == 0 and not run.finished


def test_pass_mark(lessons: dict[int, Lesson]) -> None:
    quiz = lessons[1].quiz  # 5 questions, pass mark 0.6 → 3 right needed
    run = QuizRun(quiz)
    for n, question in enumerate(quiz.questions):
        run.choose(question.id, right(question) if n < 3 else wrong(question))
        run.check(question.id)
    assert run.score == 3 and run.passed
    run.choose(quiz.questions[0].id, wrong(quiz.questions[0]))
    run.check(quiz.questions[0].id)
    assert run.score == 2 and not run.passed


def test_changing_an_answer_unchecks_it_and_bad_input_is_refused(lessons: dict[int, Lesson]) -> None:
    run = QuizRun(lessons[1].quiz)
    run.choose("where_install", ["store"])
    run.check("where_install")
    run.choose("where_install", ["website"])
    assert run.result("where_install") is None
    with pytest.raises(ValueError, match="takes one option"):
        run.choose("where_install", ["store", "website"])
    with pytest.raises(ValueError, match="no option"):
        run.choose("where_install", ["nope"])
    with pytest.raises(ValueError, match="no question"):
        run.check("nope")


def test_restore_remarks_saved_answers_and_drops_stale_ones(lessons: dict[int, Lesson]) -> None:
    run = QuizRun(lessons[1].quiz)
    run.restore({"where_install": ["store"], "level2_where": ["gone"], "vanished": ["a"]}, attempts=2)
    assert run.answers() == {"where_install": ["store"]} and run.score == 1 and run.attempts == 2


# --- drills -------------------------------------------------------------------------------------------
def drill() -> Drill:
    item = {
        "channel": "sms",
        "sender": {"vi": "Số lạ", "en": "Unknown"},
        "message": {"vi": "m", "en": "m"},
        "reason": {"vi": "r", "en": "r"},
    }
    return Drill.model_validate(
        {
            "id": "d",
            "title": {"vi": "t", "en": "t"},
            "intro": {"vi": "i", "en": "i"},
            "items": [
                {**item, "id": "a", "answer": "scam"},
                {**item, "id": "b", "answer": "safe"},
                {**item, "id": "c", "answer": "scam"},
            ],
        }
    )


def test_drill_one_item_at_a_time_first_answer_counts() -> None:
    run = DrillRun(drill())
    assert not run.next()  # must answer first
    result = run.answer("safe")
    assert not result.correct and result.item.answer == "scam"
    assert not run.answer("scam").correct  # changing one's mind after seeing the answer does not count
    assert run.next() and run.answer("safe").correct
    assert run.next() and run.answer("scam").correct
    assert not run.next() and run.finished and run.score == 2
    assert run.back() and run.index == 1
    run.retry()
    assert (run.index, run.score, run.finished) == (0, 0, False)
    with pytest.raises(ValueError, match="'safe' or 'scam'"):
        run.answer("maybe")


def test_drill_restore() -> None:
    run = DrillRun(drill())
    run.restore({"a": "scam", "zz": "safe", "b": "perhaps"}, index=7)
    assert run.answers() == {"a": "scam"} and run.index == 2


def test_shipped_drills_can_be_completed(lessons: dict[int, Lesson]) -> None:
    for lesson in lessons.values():
        for item in lesson.drills:
            run = DrillRun(item)
            while True:
                assert run.answer(run.item.answer).correct
                if not run.next():
                    break
            assert run.finished and run.score == run.total
