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
from simkit.teach.tables import CSV_FILES, cohort_tables, export_csv, missed_table, table_html


def read_csv(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to show Vietnamese letters"
    return pd.read_csv(io.StringIO(raw.decode("utf-8-sig")))


def test_export_writes_four_files_with_headings_in_the_language(
    tmp_path, class_folder, lessons, content
) -> None:
    tables = cohort_tables(read_cohort(class_folder), lessons, content, "vi")
    paths = export_csv(tables, tmp_path / "ket-qua")
    assert [p.name for p in paths] == list(CSV_FILES.values())
    by_lesson = read_csv(paths[0])
    assert list(by_lesson.columns)[:3] == ["Bài học", "Mã bài", "Số học viên"]
    first = by_lesson.iloc[0]
    assert first["Mã bài"] == "getting_vneid" and first["Đã học"] == 4 and first["Hoàn thành"] == 2
    assert first["Tỷ lệ hoàn thành (trong số đã học) (%)"] == 50.0
    assert first["Điểm câu hỏi trung bình (%)"] == 80.0
    assert first["Số phút học trung bình"] == 20.0
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
    paths = export_csv(cohort_tables(read_cohort(class_folder), lessons, content, "en"), tmp_path)
    assert list(read_csv(paths[0]).columns)[:6] == [
        "Lesson", "Lesson id", "Learners", "Started", "Completed", "Completion (of those who started) (%)",
    ]  # fmt: skip


def test_screen_tables_write_numbers_the_local_way(class_folder, lessons, content) -> None:
    cohort = read_cohort(class_folder)
    vi = table_html(cohort_tables(cohort, lessons, content, "vi")["lessons"], "vi")
    en = table_html(cohort_tables(cohort, lessons, content, "en")["lessons"], "en")
    assert "<td class='simkit-num'>66,7%</td>" in table_html(
        missed_table(cohort, lessons, content, "vi"), "vi"
    )
    assert "<td class='simkit-num'>50%</td>" in vi and "<td class='simkit-num'>50%</td>" in en
    assert "<td class='simkit-num'>20</td>" in vi and "<td class='simkit-num'>80%</td>" in vi
    assert "<td class='simkit-num'>—</td>" in vi  # nobody started lesson 6


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
