"""A learner in a lesson: pages, language switch keeping the place, time, completion, save → resume, and
no typed value ever written to the progress file."""

from __future__ import annotations

from pathlib import Path

import pytest

from simkit.errors import ConfigError
from simkit.learn.progress import LessonRecord, Preferences, ProgressStore
from simkit.learn.schema import Lesson
from simkit.learn.session import IDLE_LIMIT_SECONDS, LessonSession
from simkit.learn.validators import Problem
from tests.learn.conftest import do_right


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def finish_everything(session: LessonSession) -> None:
    for run in session.flows.values():
        while not run.finished:
            do_right(run)
    for drill in session.drills.values():
        while True:
            drill.answer(drill.item.answer)
            if not drill.next():
                break
    for question in session.lesson.quiz.questions:
        session.quiz.choose(question.id, [o.id for o in question.options if o.correct])
        session.quiz.check(question.id)


def test_pages_are_overview_sections_quiz_summary(lessons: dict[int, Lesson]) -> None:
    session = LessonSession(lessons[1], 1)
    ids = [page.id for page in session.pages]
    assert ids == ["overview", *[s.id for s in lessons[1].sections], "quiz", "summary"]
    assert not session.back()
    while session.next():
        pass
    assert session.page.id == "summary"
    session.go("practice_register")
    assert session.page.kind == "practice"
    session.go("removed_section")
    assert session.page.id == "overview"


def test_language_switch_mid_practice_keeps_the_place_and_the_feedback(lessons: dict[int, Lesson]) -> None:
    session = LessonSession(lessons[1], 1)
    session.go("practice_register")
    run = session.flows["register_level1"]
    do_right(run)
    outcome = run.tap("back")  # a wrong button on the guide screen
    session.set_lang("en")
    assert session.lang == "en" and session.page.id == "practice_register"
    assert run.index == 1 and run.last is outcome and run.state.mistakes == 1
    with pytest.raises(ConfigError, match="lang: must be 'vi' or 'en'"):
        session.set_lang("fr")


def test_time_spent_counts_activity_and_caps_breaks(lessons: dict[int, Lesson]) -> None:
    clock = Clock()
    session = LessonSession(lessons[1], 1, clock=clock)
    session.touch()
    clock.now += 40
    session.next()
    clock.now += 3600  # lunch
    session.next()
    assert session.seconds == 40 + IDLE_LIMIT_SECONDS


def test_completion_needs_every_practice_and_a_passed_quiz(lessons: dict[int, Lesson]) -> None:
    session = LessonSession(lessons[2], 2)
    assert [t.key for t in session.todo()] == ["summary.todo_flow"] * 3 + ["summary.todo_quiz"]
    finish_everything(session)
    assert session.completed and session.todo() == []
    record = session.record()
    assert record.completed and record.completed_at is not None


def test_save_then_reopen_resumes_where_the_learner_stopped(
    lessons: dict[int, Lesson], progress_dir: Path
) -> None:
    first = LessonSession(lessons[2], 2)
    assert first.attach("Cô Lan") == [Problem("learner.saved_as", {"name": "Cô Lan"})]
    first.go("practice_activate")
    run = first.flows["activate_account"]
    for _ in range(3):
        do_right(run)
    run.submit({"otp": "000000"})  # one slip
    first.set_lang("en")
    first.quiz.choose("passcode_length", ["six"])
    first.quiz.check("passcode_length")
    assert first.save() is None

    again = LessonSession(lessons[2], 2)  # the kernel was restarted
    assert LessonSession(lessons[2], 2).attach("cô lan") == [  # another learner: names compared exactly
        Problem("learner.saved_as", {"name": "cô lan"})
    ]
    assert again.attach("Cô Lan") == [Problem("learner.resumed", {"name": "Cô Lan"})]
    resumed = again.flows["activate_account"]
    assert (again.page.id, again.lang) == ("practice_activate", "en")
    assert (resumed.index, resumed.state.furthest, resumed.state.mistakes) == (3, 3, 1)
    assert again.quiz.answers() == {"passcode_length": ["six"]} and again.quiz.score == 1


def test_typed_values_never_reach_the_progress_file(lessons: dict[int, Lesson], progress_dir: Path) -> None:
    session = LessonSession(lessons[2], 2)
    session.attach("Lan")
    run = session.flows["activate_account"]
    do_right(run)
    do_right(run)
    run.submit({"personal_id": "003075004567", "phone": "0900000123"})
    run.submit({"otp": "482913"})
    run.submit({"password": "Secret@Pass9", "password_again": "Secret@Pass9"})
    run.submit({"passcode": "918273", "passcode_again": "918273"})
    session.save()
    text = ProgressStore().path_for("Lan").read_text(encoding="utf-8")
    for typed in ("003075004567", "0900000123", "482913", "Secret@Pass9", "918273"):
        assert typed not in text


def test_attach_refuses_a_bad_name_and_binds_nothing(lessons: dict[int, Lesson], progress_dir: Path) -> None:
    session = LessonSession(lessons[1], 1)
    assert session.attach("   ") == [Problem("learner.name_empty")]
    assert session.display_name is None and session.save() is None
    assert not progress_dir.exists()


def test_a_set_aside_file_is_reported_on_attach(lessons: dict[int, Lesson], progress_dir: Path) -> None:
    progress_dir.mkdir(parents=True)
    ProgressStore().path_for("Lan").write_text("{broken", encoding="utf-8")
    notices = LessonSession(lessons[1], 1).attach("Lan")
    assert [n.key for n in notices] == ["progress.set_aside", "learner.saved_as"]


def test_save_failure_is_returned_not_raised(lessons: dict[int, Lesson], tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    session = LessonSession(lessons[1], 1)
    notices = session.attach("Lan", ProgressStore(blocker))
    assert [n.key for n in notices] == ["progress.save_failed"]


def test_restore_ignores_parts_no_longer_in_the_lesson(lessons: dict[int, Lesson]) -> None:
    session = LessonSession(lessons[1], 1)
    session.restore(
        LessonRecord.model_validate(
            {
                "page": "gone",
                "flows": {"gone": {"step": 3}, "register_level1": {"step": 2, "furthest": 4}},
                "quiz": {"answers": {"where_install": ["store"], "gone": ["x"]}},
            }
        )
    )
    assert session.page.id == "overview"
    assert session.flows["register_level1"].index == 2
    assert session.quiz.answers() == {"where_install": ["store"]}


def test_large_text_and_language_are_the_learners_preferences_in_every_lesson(
    lessons: dict[int, Lesson], progress_dir: Path
) -> None:
    first = LessonSession(lessons[1], 1)
    first.attach("Bà Tư")
    assert (first.large, first.lang) == (False, "vi")
    assert first.set_large(True) is None and first.set_lang("en") is None
    other_lesson = LessonSession(lessons[3], 3, lang="vi")  # another lesson, another day
    other_lesson.attach("Bà Tư")
    assert (other_lesson.large, other_lesson.lang) == (True, "en")
    neighbour = LessonSession(lessons[3], 3, lang="vi")
    neighbour.attach("Bà Từ")  # another learner
    assert (neighbour.large, neighbour.lang) == (False, "vi")
    first.set_large(False)
    assert LessonSession(lessons[1], 1).attach("Bà Tư")
    assert ProgressStore().load("Bà Tư").progress.preferences == Preferences(large=False, lang="en")


def test_a_choice_made_before_the_name_is_kept_and_stored(
    lessons: dict[int, Lesson], progress_dir: Path
) -> None:
    earlier = LessonSession(lessons[1], 1)
    earlier.attach("Lan")
    earlier.set_lang("en")
    session = LessonSession(lessons[1], 1)
    session.set_large(True)  # large text switched on first, then the name typed
    session.attach("Lan")
    assert (session.large, session.lang) == (True, "en")
    assert ProgressStore().load("Lan").progress.preferences == Preferences(large=True, lang="en")
