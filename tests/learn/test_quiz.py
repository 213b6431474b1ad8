"""Quizzes (single and multiple choice, two tries, then every option explained, a score) and safe-or-scam
drills (one item at a time, a verdict at the end)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from simkit.learn.progress import LessonRecord, QuizRecord
from simkit.learn.quiz import MAX_TRIES, DrillRun, QuestionResult, QuizRun
from simkit.learn.schema import Drill, Lesson, Question
from simkit.learn.session import LessonSession
from simkit.learn.validators import Problem


def right(question: Question) -> list[str]:
    return [o.id for o in question.options if o.correct]


def wrong(question: Question) -> list[str]:
    return [next(o.id for o in question.options if not o.correct)]


def other_wrong(question: Question) -> list[str]:
    """A wrong answer different from ``wrong``: another wrong option, or the right ones plus a wrong one."""
    if question.kind == "single":
        return [[o.id for o in question.options if not o.correct][1]]
    return sorted({*right(question), *wrong(question)})


def checked(run: QuizRun, question: Question, options: list[str]) -> QuestionResult:
    run.choose(question.id, options)
    result = run.check(question.id)
    assert isinstance(result, QuestionResult), result
    return result


def test_every_quiz_scores_full_marks_when_right_and_zero_when_wrong_twice(
    lessons: dict[int, Lesson],
) -> None:
    for lesson in lessons.values():
        run = QuizRun(lesson.quiz)
        for question in lesson.quiz.questions:
            assert checked(run, question, right(question)).final
        assert (run.score, run.total, run.finished, run.passed, run.attempts) == (
            run.total,
            run.total,
            True,
            True,
            1,
        )
        assert set(run.tries().values()) == {1}
        run.retry()
        for question in lesson.quiz.questions:
            first = checked(run, question, wrong(question))
            assert not first.correct and not first.final and not run.finished
            second = checked(run, question, other_wrong(question))
            assert not second.correct and second.final and second.tries == MAX_TRIES
        assert (run.score, run.passed, run.finished, run.attempts) == (0, False, True, 2)


def test_a_first_wrong_try_reveals_nothing_and_the_second_explains_every_option(
    lessons: dict[int, Lesson],
) -> None:
    question = lessons[1].quiz.questions[2]  # portrait_tips, multiple choice
    run = QuizRun(lessons[1].quiz)
    first = checked(run, question, ["light", "glasses"])
    assert (first.correct, first.final, first.tries, first.options) == (False, False, 1, ())
    assert not run.closed(question.id) and run.score == 0
    second = checked(run, question, ["light", "glasses", "hair"])
    assert (second.correct, second.final, second.tries) == (False, True, 2)
    assert [(v.option.id, v.chosen, v.right) for v in second.options] == [
        ("light", True, True),
        ("hair", True, True),
        ("glasses", True, False),
        ("retake", False, False),
    ]
    assert all(v.option.feedback.vi and v.option.feedback.en for v in second.options)


def test_right_on_the_second_try_counts_and_the_tries_are_kept(lessons: dict[int, Lesson]) -> None:
    question = lessons[1].quiz.questions[2]
    run = QuizRun(lessons[1].quiz)
    assert not checked(run, question, ["light", "hair"]).final  # one right option missing
    result = checked(run, question, ["light", "hair", "retake"])
    assert (result.correct, result.final, result.tries, len(result.options)) == (True, True, 2, 4)
    assert run.score == 1 and run.tries() == {question.id: 2}
    assert run.answers() == {question.id: ["hair", "light", "retake"]}


def test_the_same_choice_again_does_not_use_the_second_try(lessons: dict[int, Lesson]) -> None:
    question = lessons[1].quiz.questions[0]
    run = QuizRun(lessons[1].quiz)
    checked(run, question, wrong(question))
    run.choose(question.id, wrong(question))
    assert run.check(question.id) == Problem("quiz.same_choice")  # e.g. "Check" pressed twice
    assert run.result(question.id).tries == 1 and not run.closed(question.id)  # type: ignore[union-attr]
    assert checked(run, question, right(question)).correct


def test_checking_without_an_answer_asks_to_choose_first(lessons: dict[int, Lesson]) -> None:
    run = QuizRun(lessons[1].quiz)
    assert run.check("where_install") == Problem("quiz.choose_first")
    assert run.score == 0 and not run.finished and run.tries() == {}


def test_pass_mark_counts_questions_right_within_two_tries(lessons: dict[int, Lesson]) -> None:
    quiz = lessons[1].quiz  # 5 questions, pass mark 0.6 → 3 right needed
    for right_first, right_second, expected in ((2, 1, True), (2, 0, False), (3, 0, True)):
        run = QuizRun(quiz)
        for n, question in enumerate(quiz.questions):
            if n < right_first:
                checked(run, question, right(question))
                continue
            checked(run, question, wrong(question))
            checked(
                run, question, right(question) if n < right_first + right_second else other_wrong(question)
            )
        assert (run.score, run.passed) == (right_first + right_second, expected)


def test_a_closed_question_keeps_its_answer_and_bad_input_is_refused(lessons: dict[int, Lesson]) -> None:
    run = QuizRun(lessons[1].quiz)
    question = run.question("where_install")
    done = checked(run, question, right(question))
    with pytest.raises(ValueError, match="already marked"):
        run.choose("where_install", wrong(question))
    assert run.check("where_install") is done and run.tries() == {"where_install": 1}
    with pytest.raises(ValueError, match="takes one option"):
        run.choose("level1_first_tap", [o.id for o in run.question("level1_first_tap").options[:2]])
    with pytest.raises(ValueError, match="no option"):
        run.choose("level1_first_tap", ["nope"])
    with pytest.raises(ValueError, match="no question"):
        run.check("nope")
    run.retry()
    assert run.result("where_install") is None and checked(run, question, wrong(question)).tries == 1


def test_restore_remarks_saved_answers_and_drops_stale_ones(lessons: dict[int, Lesson]) -> None:
    run = QuizRun(lessons[1].quiz)
    run.restore({"where_install": ["store"], "level2_where": ["gone"], "vanished": ["a"]}, attempts=2)
    assert run.answers() == {"where_install": ["store"]} and run.score == 1 and run.attempts == 2


def test_restore_keeps_a_first_wrong_try_open_and_reads_files_without_tries(
    lessons: dict[int, Lesson],
) -> None:
    quiz = lessons[1].quiz
    first, second = quiz.questions[0], quiz.questions[1]
    saved = {first.id: wrong(first), second.id: wrong(second)}
    run = QuizRun(quiz)
    run.restore(saved, tries={first.id: 1, second.id: 2})
    assert not run.closed(first.id) and run.closed(second.id)
    assert run.tries() == {first.id: 1, second.id: 2} and run.answers() == saved
    assert checked(run, first, right(first)).tries == 2 and run.score == 1
    older = QuizRun(quiz)  # a file written before tries were counted: every saved answer was final
    older.restore(saved | {quiz.questions[2].id: right(quiz.questions[2])})
    assert all(older.closed(qid) for qid in saved) and older.score == 1
    assert older.tries() == {first.id: 2, second.id: 2, quiz.questions[2].id: 1}


def test_the_saved_lesson_keeps_the_tries_and_older_records_stay_readable(lessons: dict[int, Lesson]) -> None:
    session = LessonSession(lessons[1], 1)
    first = lessons[1].quiz.questions[0]
    checked(session.quiz, first, wrong(first))
    record = session.record()
    assert record.quiz.tries == {first.id: 1} and record.quiz.answers == {first.id: wrong(first)}
    again = LessonSession(lessons[1], 1)
    again.restore(LessonRecord.model_validate(record.model_dump(mode="json")))
    assert again.quiz.tries() == {first.id: 1} and not again.quiz.closed(first.id)
    old = QuizRecord.model_validate({"answers": {first.id: wrong(first)}, "score": 0, "total": 5})
    assert old.tries == {}
    with pytest.raises(ValidationError):
        QuizRecord.model_validate({"answers": {}, "tries": {first.id: 0}})


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
    assert not run.next() and run.finished and run.score == 2 and run.at_last
    assert (run.verdict, run.missed) == ("most", [1])
    assert run.back() and run.index == 1
    run.retry()
    assert (run.index, run.score, run.finished) == (0, 0, False)
    with pytest.raises(ValueError, match="'safe' or 'scam'"):
        run.answer("maybe")


@pytest.mark.parametrize(
    ("answers", "verdict", "missed"),
    [
        ({"a": "scam", "b": "safe", "c": "scam"}, "all", []),
        ({"a": "scam", "b": "safe", "c": "safe"}, "most", [3]),
        ({"a": "safe", "b": "safe", "c": "safe"}, "few", [1, 3]),
        ({"a": "safe", "b": "scam", "c": "safe"}, "few", [1, 2, 3]),
    ],
)
def test_drill_verdict_in_words(answers: dict[str, str], verdict: str, missed: list[int]) -> None:
    run = DrillRun(drill())
    run.restore(answers, index=2)
    assert (run.finished, run.verdict, run.missed) == (True, verdict, missed)


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
