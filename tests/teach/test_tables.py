"""Result tables on screen and as CSV: the same rows, headings in the chosen language, numbers the local way
on screen and as plain numbers in the files, UTF-8 with a BOM for Excel, and every file written atomically."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pytest

from simkit import atomic
from simkit.learn.progress import LessonRecord, ProgressStore
from simkit.teach.cohort import read_cohort
from simkit.teach.tables import CSV_FILES, cohort_tables, duration_text, export_csv, missed_table, table_html


def read_csv(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to show Vietnamese letters"
    return pd.read_csv(io.StringIO(raw.decode("utf-8-sig")))


def test_export_writes_four_files_with_headings_in_the_language(
    tmp_path, class_folder, lessons, content
) -> None:
    tables = cohort_tables(read_cohort(class_folder), lessons, content, "vi", ids=True)
    paths = export_csv(tables, tmp_path / "ket-qua")
    assert [p.name for p in paths] == list(CSV_FILES.values())
    by_lesson = read_csv(paths[0])
    assert list(by_lesson.columns)[:3] == ["Bài học", "Mã bài", "Số học viên"]
    first = by_lesson.iloc[0]
    assert first["Mã bài"] == "getting_vneid" and first["Đã học"] == 4 and first["Hoàn thành"] == 2
    assert first["Tỷ lệ hoàn thành (trong số đã học) (%)"] == 50.0
    assert first["Điểm câu hỏi trung bình (%)"] == 80.0
    assert (
        first[f"{content.get('col.minutes_mean', 'vi')} (phút)"] == 20.0
    )  # a number, its unit in the heading
    assert pd.isna(by_lesson.iloc[5]["Tỷ lệ hoàn thành (trong số đã học) (%)"])  # nobody started: left empty
    questions = read_csv(paths[1])
    portrait = questions[questions["Mã câu hỏi"] == "portrait_tips"].iloc[0]
    assert (portrait["Số người trả lời"], portrait["Đúng"], portrait["Sai"], portrait["Tỷ lệ sai (%)"]) == (
        3, 1, 2, 66.7,
    )  # fmt: skip
    assert portrait["Lựa chọn sai hay gặp nhất"] == lessons[1].quiz.questions[2].options[2].text.vi
    learners = read_csv(paths[2])
    assert list(learners["Học viên"]) == ["An", "Bình", "Chi", "Dung"]
    assert learners.iloc[0][lessons[1].title.vi] == "Xong (5/5)"
    assert learners.iloc[3][lessons[1].title.vi] == "Đang học"
    skipped = read_csv(paths[3])
    assert set(skipped["Tệp"]) >= {"pc1/hong.json", "v2.json"}
    reason = skipped[skipped["Tệp"] == "v2.json"].iloc[0]["Lý do bỏ qua"]
    assert reason.startswith("tệp tiến độ phiên bản 2")


def test_english_headings(tmp_path, class_folder, lessons, content) -> None:
    paths = export_csv(cohort_tables(read_cohort(class_folder), lessons, content, "en", ids=True), tmp_path)
    assert list(read_csv(paths[0]).columns)[:6] == [
        "Lesson", "Lesson id", "Learners", "Started", "Completed", "Completion (of those who started) (%)",
    ]  # fmt: skip


def test_internal_ids_are_left_out_unless_asked(tmp_path, class_folder, lessons, content) -> None:
    """Issue 19: a trainer reads lesson titles and question text, not ``getting_vneid`` or ``genuine_sms``."""
    cohort = read_cohort(class_folder)
    plain = cohort_tables(cohort, lessons, content, "vi")
    ids = {lesson.id for lesson in lessons.values()}
    ids |= {question.id for lesson in lessons.values() for question in lesson.quiz.questions}
    for name, table in plain.items():
        cells = {cell for row in table.rows for cell in row if isinstance(cell, str)}
        assert not cells & ids, name
        assert content.get("col.lesson_id", "vi") not in table.headings
        assert content.get("col.question_id", "vi") not in table.headings
    assert lessons[2].quiz.questions[1].prompt.vi in {row[1] for row in plain["questions"].rows}
    with_ids = cohort_tables(cohort, lessons, content, "vi", ids=True)
    assert "genuine_sms" in {row[1] for row in with_ids["questions"].rows}
    assert len(with_ids["lessons"].headings) == len(plain["lessons"].headings) + 1


def test_screen_tables_write_numbers_the_local_way(class_folder, lessons, content) -> None:
    cohort = read_cohort(class_folder)
    vi = table_html(cohort_tables(cohort, lessons, content, "vi")["lessons"], content, "vi")
    en = table_html(cohort_tables(cohort, lessons, content, "en")["lessons"], content, "en")
    assert "<td class='simkit-num'>66,7%</td>" in table_html(
        missed_table(cohort, lessons, content, "vi"), content, "vi"
    )
    assert "<td class='simkit-num'>50,0%</td>" in vi and "<td class='simkit-num'>50.0%</td>" in en
    twenty = content.get("cohort.duration.minutes", "vi", minutes=20)
    assert f"<td class='simkit-num'>{twenty}</td>" in vi and "<td class='simkit-num'>80,0%</td>" in vi
    assert "<td class='simkit-num'>—</td>" in vi  # nobody started lesson 6


@pytest.mark.parametrize(
    ("minutes", "key", "params"),
    [
        (12.3, "cohort.duration.minutes", {"minutes": 12}),
        (12.5, "cohort.duration.minutes", {"minutes": 13}),  # halves up, not to the even number
        (0.2, "cohort.duration.under_minute", {}),
        (0.0, "cohort.duration.minutes", {"minutes": 0}),
        (59.6, "cohort.duration.hours", {"hours": 1}),
        (143.4, "cohort.duration.hours_minutes", {"hours": 2, "minutes": 23}),
    ],
)
def test_times_read_the_way_a_person_says_them(content, minutes, key, params) -> None:
    for lang in ("vi", "en"):
        assert duration_text(minutes, content, lang) == content.get(key, lang, **params)
    assert duration_text(None, content, "vi") is None


def test_a_failed_export_leaves_the_previous_file_whole(
    tmp_path, class_folder, lessons, content, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    tables = cohort_tables(read_cohort(class_folder), lessons, content, "vi")
    export_csv(tables, out)
    before = (out / CSV_FILES["lessons"]).read_bytes()
    english = cohort_tables(read_cohort(class_folder), lessons, content, "en")

    def crash(source, target):  # the disk fills up at the last moment
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(OSError):
        export_csv(english, out)
    assert (out / CSV_FILES["lessons"]).read_bytes() == before
    assert sorted(os.listdir(out)) == sorted(CSV_FILES.values())  # no temporary files left behind


FORMULA_NAMES = ['=HYPERLINK("http://example.invalid","x")', "+cmd|' /C calc'!A0", "@SUM(1)"]


@pytest.mark.parametrize("name", FORMULA_NAMES)
def test_a_formula_display_name_stays_text_in_excel(tmp_path, lessons, content, name) -> None:
    """Issue 17 (CSV injection): the learner chose the name; the trainer's spreadsheet must not run it."""
    store = ProgressStore(tmp_path / "class")
    store.save_lesson(name, "getting_vneid", LessonRecord(seconds=60))
    tables = cohort_tables(read_cohort(tmp_path / "class"), lessons, content, "vi")
    paths = export_csv(tables, tmp_path / "out")
    learners = read_csv(paths[2])
    assert list(learners["Học viên"]) == ["'" + name]
    raw = paths[2].read_bytes().decode("utf-8-sig")
    cells = [cell for line in raw.splitlines() for cell in line.split(",")]
    assert not any(cell.lstrip('"').startswith(("=", "+", "@")) for cell in cells)
