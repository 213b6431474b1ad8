""" "My progress" rows and the printable certificate, offered only when every lesson is done."""

from __future__ import annotations

import base64
import html
import re
from datetime import date
from pathlib import Path

import pytest

from simkit.learn.progress import FlowRecord, LessonRecord, ProgressFile, QuizRecord, new_progress, slug
from simkit.learn.report import (
    CERT_FONTS,
    all_done,
    certificate_html,
    overview,
    overview_html,
    save_certificate,
)
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
    assert path.name == f"certificate-{slug('Cô Lan')}.html" and [p.name for p in tmp_path.iterdir()] == [
        path.name
    ]
    assert "Certificate of completion" in path.read_text(encoding="utf-8")


def all_done_progress(lessons: dict[int, Lesson], name: str = "Bà Bảy Thực") -> ProgressFile:
    return new_progress(name).model_copy(
        update={"lessons": {lesson.id: done_record(lesson) for lesson in lessons.values()}}
    )


def test_each_lesson_is_numbered_once_by_its_own_title(lessons: dict[int, Lesson], ui: UiStrings) -> None:
    page = certificate_html(all_done_progress(lessons), lessons, ui, "vi")
    cells = re.findall(r"<tr><td>([^<]*)</td>", page)
    assert cells == [html.escape(lesson.title.vi) for _, lesson in sorted(lessons.items())]
    for number in lessons:
        assert not re.search(rf">{number}\. ", page)  # no "1. Bài 1. …"


def test_the_certificate_fonts_all_cover_vietnamese_and_are_installed_nowhere_else(
    lessons: dict[int, Lesson], ui: UiStrings
) -> None:
    page = certificate_html(all_done_progress(lessons), lessons, ui, "vi")
    stack = ", ".join(f'"{font}"' for font in CERT_FONTS) + ", serif"
    assert f"font-family: {stack};" in page
    assert CERT_FONTS[0] == "Noto Serif" and "DejaVu Serif" in CERT_FONTS and "Times New Roman" in CERT_FONTS
    assert "@font-face" not in page and "url(" not in page  # nothing fetched: prints offline


def test_one_print_button_only_and_not_in_the_preview(lessons: dict[int, Lesson], ui: UiStrings) -> None:
    progress = all_done_progress(lessons)
    assert certificate_html(progress, lessons, ui, "vi").count("window.print()") == 1
    assert "window.print()" not in certificate_html(progress, lessons, ui, "vi", print_button=False)


def test_saved_message_and_download_link_sit_beside_the_button(
    progress_dir: Path, lessons: dict[int, Lesson], ui: UiStrings
) -> None:
    from simkit.learn.progress import ProgressStore
    from simkit.learn.views.my_progress import ProgressApp

    progress = all_done_progress(lessons, "Lan")
    store = ProgressStore(progress_dir)
    app = ProgressApp(lessons, ui, store=store)
    app.progress = progress
    app.render()
    assert "window.print()" not in app.certificate.value and app.saved.value == ""
    row = next(c for c in app.children if app.certificate_button in getattr(c, "children", ()))
    assert row.children == (app.certificate_button, app.saved)
    path = app.save_certificate()
    assert path is not None and path.exists()
    saved = app.saved.value
    assert (
        html.escape(ui.get("my.certificate_saved_here", "vi", file=path.name, folder=str(path.parent)))
        in saved
    )
    assert html.escape(ui.get("my.certificate_download", "vi")) in saved and "aria-live" in saved
    link = re.search(r"download='([^']+)' href='data:text/html;charset=utf-8;base64,([^']+)'", saved)
    assert link and link.group(1) == path.name
    downloaded = base64.b64decode(link.group(2)).decode("utf-8")
    assert downloaded == path.read_text(encoding="utf-8")  # the same page as the file saved
    assert downloaded.count("window.print()") == 1
