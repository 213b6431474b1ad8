""" "My progress" rows and the printable certificate, offered only when every lesson is done."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from simkit.learn.progress import FlowRecord, LessonRecord, QuizRecord, new_progress
from simkit.learn.report import all_done, certificate_html, overview, overview_html, save_certificate
from simkit.learn.schema import Lesson
from simkit.learn.strings import UiStrings


def done_record(lesson: Lesson) -> LessonRecord:
    return LessonRecord(
        flows={f.id: FlowRecord(finished=True) for f in lesson.flows},
        quiz=QuizRecord(
            answers={"q": ["a"]},
            score=len(lesson.quiz.questions) - 1,
            total=len(lesson.quiz.questions),
            passed=True,
            attempts=1,
        ),
        seconds=600,
        completed=True,
    )


def test_rows_show_status_practice_quiz_and_minutes(lessons: dict[int, Lesson], ui: UiStrings) -> None:
    progress = new_progress("Lan").model_copy(
        update={
            "lessons": {
                lessons[1].id: done_record(lessons[1]),
                lessons[2].id: LessonRecord(
                    flows={"activate_account": FlowRecord(finished=True)}, seconds=125
                ),
            }
        }
    )
    rows = overview(progress, lessons)
    assert [r.state for r in rows[:3]] == ["done", "in_progress", "not_started"]
    practices = len(lessons[1].flows) + len(lessons[1].drills)
    assert (rows[0].practices_done, rows[0].practices_total, rows[0].quiz_score, rows[0].minutes) == (
        practices,
        practices,
        4,
        10,
    )
    assert (rows[1].practices_done, rows[1].practices_total, rows[1].quiz_score, rows[1].minutes) == (
        1,
        3,
        None,
        2,
    )
    table = overview_html(rows, ui, "en")
    assert "Done" in table and "In progress" in table and "Not started" in table and "2 min" in table
    assert not all_done(rows)


def test_certificate_only_when_every_lesson_is_done(lessons: dict[int, Lesson], ui: UiStrings) -> None:
    progress = new_progress("<Cô Lan>")
    with pytest.raises(ValueError, match="every lesson done"):
        certificate_html(progress, lessons, ui, "vi")
    progress = progress.model_copy(
        update={"lessons": {lesson.id: done_record(lesson) for lesson in lessons.values()}}
    )
    page = certificate_html(progress, lessons, ui, "vi", issued=date(2026, 11, 22))
    assert page.startswith("<!DOCTYPE html>") and "Giấy chứng nhận hoàn thành" in page
    assert '<span class="name">&lt;Cô Lan&gt;</span>' in page  # the name is escaped
    assert "Ngày 22/11/2026" in page and "không phải giấy tờ hành chính" in page
    assert "@media print" in page
    assert not re.search(r"(src|href)=[\"']https?://", page)  # nothing fetched: prints offline
    for lesson in lessons.values():
        assert lesson.title.vi in page


def test_certificate_is_saved_atomically_as_one_file(
    lessons: dict[int, Lesson], ui: UiStrings, tmp_path: Path
) -> None:
    progress = new_progress("Cô Lan").model_copy(
        update={"lessons": {lesson.id: done_record(lesson) for lesson in lessons.values()}}
    )
    path = save_certificate(progress, lessons, ui, "en", tmp_path, issued=date(2026, 11, 22))
    assert path.name == "certificate-co-lan.html" and [p.name for p in tmp_path.iterdir()] == [path.name]
    assert "Certificate of completion" in path.read_text(encoding="utf-8")
