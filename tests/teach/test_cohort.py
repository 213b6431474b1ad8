"""Reading a class folder and counting its results, checked against the hand-made ``class_folder`` whose
every figure is known: corrupt, foreign, empty, newer-version and set-aside files are listed and skipped,
two files of one learner are combined, stale answers are ignored, nothing ever raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simkit.learn.progress import FORMAT, LessonRecord, ProgressStore
from simkit.learn.schema import Lesson
from simkit.learn.validators import Problem
from simkit.teach import cohort as cohort_module
from simkit.teach.cohort import check_folder, folder_fingerprint, read_cohort, read_progress_file
from simkit.teach.results import learner_rows, lesson_rows, most_missed, question_rows
from tests.teach.conftest import SKIPPED


def test_learners_are_read_and_bad_files_listed_with_their_reason(class_folder: Path) -> None:
    cohort = read_cohort(class_folder)
    assert [learner.display_name for learner in cohort.learners] == ["An", "Bình", "Chi", "Dung"]
    assert {s.path: s.reason.key for s in cohort.skipped} == SKIPPED
    assert cohort.files_read == 5
    skipped = {s.path: s.reason for s in cohort.skipped}
    assert skipped["v2.json"].params == {"version": "2"}
    assert skipped["bad-field.json"].params == {"field": "lessons.getting_vneid.seconds"}


def test_two_files_of_one_learner_are_combined_and_a_completed_lesson_wins(class_folder: Path) -> None:
    cohort = read_cohort(class_folder)
    chi = next(learner for learner in cohort.learners if learner.display_name == "Chi")
    chi_file = ProgressStore(class_folder).path_for("Chi").name
    assert chi.files == (f"pc1/{chi_file}", f"pc2/{chi_file}")
    assert cohort.merged == (chi,)
    assert chi.lessons["getting_vneid"].completed and chi.lessons["getting_vneid"].quiz.score == 4
    assert chi.lessons["activating_vneid"].completed
    assert chi.created_at == "2026-11-22T08:05:00+00:00" and chi.updated_at > chi.created_at


def test_lesson_rows(class_folder: Path, lessons: dict[int, Lesson]) -> None:
    rows = lesson_rows(read_cohort(class_folder), lessons)
    assert [row.number for row in rows] == sorted(lessons)
    first, second = rows[0], rows[1]
    assert (first.learners, first.started, first.completed, first.quiz_taken, first.passed) == (4, 4, 2, 3, 3)
    assert first.completion == 0.5
    assert first.quiz_mean == pytest.approx((5 / 5 + 3 / 5 + 4 / 5) / 3)
    assert first.minutes_mean == pytest.approx((30 + 20 + 25 + 5) / 4)
    assert (second.started, second.completed, second.quiz_taken, second.quiz_mean, second.passed) == (
        2,
        1,
        1,
        1.0,
        1,
    )
    assert second.minutes_mean == pytest.approx((10 + 40) / 2)
    for row in rows[2:]:
        assert (row.started, row.completion, row.quiz_mean, row.minutes_mean) == (0, None, None, None)


def test_question_rows_and_the_most_missed_questions(class_folder: Path, lessons: dict[int, Lesson]) -> None:
    rows = question_rows(read_cohort(class_folder), lessons)
    assert len(rows) == sum(len(lesson.quiz.questions) for lesson in lessons.values())
    lesson_1 = {row.question.id: row for row in rows if row.number == 1}
    counts = {qid: (row.answered, row.right, row.missed) for qid, row in lesson_1.items()}
    assert counts == {
        "where_install": (3, 2, 1),  # Dung's answer names an option that no longer exists: not counted
        "level1_first_tap": (3, 3, 0),
        "portrait_tips": (3, 1, 2),
        "level2_where": (3, 3, 0),
        "level2_adds": (3, 3, 0),
    }
    assert lesson_1["where_install"].common_wrong.id == "sms_link"
    assert lesson_1["portrait_tips"].common_wrong.id == "glasses"  # Chi only forgot one: no wrong choice
    assert lesson_1["portrait_tips"].common_wrong_count == 1
    assert lesson_1["level1_first_tap"].common_wrong is None and lesson_1["level1_first_tap"].miss_rate == 0
    missed = most_missed(rows)
    assert [row.question.id for row in missed] == ["portrait_tips", "where_install"]
    assert missed[0].miss_rate == pytest.approx(2 / 3)
    lesson_2 = {row.question.id: (row.answered, row.right) for row in rows if row.number == 2}
    assert set(lesson_2.values()) == {(1, 1)}


def test_learner_rows(class_folder: Path, lessons: dict[int, Lesson]) -> None:
    rows = {row.learner.display_name: row for row in learner_rows(read_cohort(class_folder), lessons)}
    summary = {
        name: (row.lessons_done, [(s.state, s.score, s.total) for s in row.states[:2]], row.minutes_total)
        for name, row in rows.items()
    }
    assert summary == {
        "An": (1, [("done", 5, 5), ("in_progress", None, None)], 40),
        "Bình": (0, [("in_progress", 3, 5), ("not_started", None, None)], 20),
        "Chi": (2, [("done", 4, 5), ("done", 5, 5)], 65),
        "Dung": (0, [("in_progress", None, None), ("not_started", None, None)], 5),
    }
    assert all(s.state == "not_started" for row in rows.values() for s in row.states[2:])


def test_an_empty_folder_is_an_empty_class(tmp_path: Path, lessons: dict[int, Lesson]) -> None:
    cohort = read_cohort(tmp_path)
    assert (cohort.learners, cohort.skipped, cohort.files_read) == ((), (), 0)
    assert all(row.started == 0 and row.completion is None for row in lesson_rows(cohort, lessons))
    assert most_missed(question_rows(cohort, lessons)) == []


def test_folder_problems_are_problems_not_exceptions(tmp_path: Path) -> None:
    assert check_folder("   ") == Problem("common.folder_blank")
    missing = tmp_path / "usb-not-plugged-in"
    assert check_folder(str(missing)) == Problem("common.folder_missing", {"folder": str(missing)})
    a_file = tmp_path / "co-lan.json"
    a_file.write_text("{}", "utf-8")
    assert check_folder(str(a_file)) == Problem("common.not_a_folder", {"folder": str(a_file)})
    assert check_folder(str(tmp_path)) == tmp_path
    assert check_folder("~") == Path.home()


def _progress_json(name: str = "Lan") -> dict:
    return {"format": FORMAT, "version": 1, "display_name": name, "created_at": "2026-11-22T08:00:00+00:00",
            "updated_at": "2026-11-22T08:00:00+00:00", "lessons": {}}  # fmt: skip


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"\xff\xfe\x00garbage", "skip.not_json"),
        (b"[" * 100_000, "skip.not_json"),  # nested too deep for the parser: still just "cannot be read"
        (b'{"format": "simkit-learn-progress", "version": true}', "skip.unknown_version"),
        (b'{"format": "simkit-learn-progress", "version": "1"}', "skip.unknown_version"),
        (b'"just a string"', "skip.foreign"),
        (json.dumps({**_progress_json(), "display_name": ""}).encode(), "skip.invalid"),
        (json.dumps({**_progress_json(), "typed_id": "003190000123"}).encode(), "skip.invalid"),
        (json.dumps({**_progress_json(), "updated_at": "9999-99-99"}).encode(), "skip.invalid"),
    ],
)
def test_bad_files_give_a_reason(tmp_path: Path, data: bytes, key: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(data)
    result = read_progress_file(path)
    assert isinstance(result, Problem) and result.key == key


def test_a_file_saved_by_notepad_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "lan.json"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps(_progress_json("Cô Lan"), ensure_ascii=False).encode("utf-8")
    )
    assert read_progress_file(path).display_name == "Cô Lan"


def test_too_large_and_too_many_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cohort_module, "MAX_FILE_BYTES", 50)
    (tmp_path / "big.json").write_text(json.dumps(_progress_json()), "utf-8")
    assert read_progress_file(tmp_path / "big.json") == Problem("skip.too_large", {"max": 0})
    monkeypatch.setattr(cohort_module, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(cohort_module, "MAX_FILES", 3)
    for index in range(5):
        (tmp_path / f"learner-{index}.json").write_text(json.dumps(_progress_json(f"Lan {index}")), "utf-8")
    cohort = read_cohort(tmp_path)
    assert len(cohort.learners) == 3
    assert cohort.skipped[-1].reason == Problem("skip.too_many", {"max": 3})


def test_an_unreadable_file_is_skipped_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.json"
    path.write_text(json.dumps(_progress_json()), "utf-8")
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "locked.json":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    cohort = read_cohort(tmp_path)
    assert cohort.learners == ()
    assert cohort.skipped[0].reason == Problem("skip.unreadable", {"reason": "Permission denied"})


def test_merge_compares_times_as_times_not_as_text(tmp_path: Path) -> None:
    """Two copies of one learner's lesson stamped in different UTC offsets: the later moment wins, even
    though its text sorts first ("08:30+07:00" is 01:30 UTC, before "02:00+00:00")."""
    early = {**_progress_json("Lan"), "updated_at": "2026-11-22T08:30:00+07:00",
             "lessons": {"one": {"seconds": 10, "updated_at": "2026-11-22T08:30:00+07:00"}}}  # fmt: skip
    late = {**_progress_json("Lan"), "updated_at": "2026-11-22T02:00:00+00:00",
            "lessons": {"one": {"seconds": 99, "updated_at": "2026-11-22T02:00:00+00:00"}}}  # fmt: skip
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "lan.json").write_text(json.dumps(early), "utf-8")
    (tmp_path / "b" / "lan.json").write_text(json.dumps(late), "utf-8")
    (learner,) = read_cohort(tmp_path).learners
    assert learner.lessons["one"].seconds == 99
    assert learner.updated_at == "2026-11-22T02:00:00+00:00"


def test_the_fingerprint_changes_when_a_learner_saves_and_only_then(tmp_path: Path) -> None:
    """The live class view's cheap question "did anything change?" (issue 12)."""
    store = ProgressStore(tmp_path / "room")
    store.save_lesson("Bà Hoa", "getting_vneid", LessonRecord(seconds=60))
    first = folder_fingerprint(tmp_path / "room")
    saved = store.path_for("Bà Hoa")
    assert first is not None and [name for name, _, _ in first] == [saved.name]
    assert folder_fingerprint(tmp_path / "room") == first
    (tmp_path / "room" / f".{saved.name}.lock").write_text("", "utf-8")  # bookkeeping files do not count
    assert folder_fingerprint(tmp_path / "room") == first
    store.save_lesson("Bà Hoa", "getting_vneid", LessonRecord(seconds=120))
    assert folder_fingerprint(tmp_path / "room") != first
    assert folder_fingerprint(tmp_path / "nowhere") == ()
