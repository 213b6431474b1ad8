"""The class-results chart, the printable page and the export (issue 19): the chart says in the chosen
language what every bar is, with its unit, and the counts behind each share; the page is one A4 file that
fetches nothing and marks sample data; the export writes the CSV tables and the page, atomically."""

from __future__ import annotations

import base64
import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image

from simkit import atomic
from simkit.formats import percent
from simkit.teach.cohort import read_cohort
from simkit.teach.results import lesson_rows
from simkit.teach.results_chart import chart_description, chart_img, results_figure
from simkit.teach.results_page import SUMMARY_PAGE, export_results, summary_page
from simkit.teach.samples import sample_folder
from simkit.teach.sheets import external_assets
from simkit.teach.tables import CSV_FILES


def figure_texts(figure) -> list[str]:
    axes = figure.axes[0]
    texts = [axes.get_xlabel(), axes.get_title(loc="left"), *(t.get_text() for t in axes.texts)]
    texts += [label.get_text() for label in axes.get_yticklabels()]
    texts += [t.get_text() for legend in figure.legends for t in legend.get_texts()]
    return texts


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_chart_is_labelled_in_the_language_with_units_and_counts(
    class_folder, lessons, content, lang
) -> None:
    rows = lesson_rows(read_cohort(class_folder), lessons)
    texts = figure_texts(results_figure(rows, content, lang))
    for key in ("cohort.chart.axis", "cohort.chart.title", "cohort.chart.completion", "cohort.chart.quiz"):
        assert content.get(key, lang) in texts, key
    assert "%" in content.get("cohort.chart.axis", lang)  # the unit is on the axis
    # lesson 1: 2 of 4 who started completed it; the mean quiz score of the 3 who took it is 80%
    assert f"{percent(0.5, lang)} (2/4)" in texts and f"{percent(0.8, lang)} (n = 3)" in texts
    assert content.get("cohort.chart.nobody", lang) in texts  # lesson 6: no bar that would read as 0%
    assert any(lessons[1].title.text(lang) in " ".join(t.split()) for t in texts)


def test_chart_bars_are_the_shares_of_the_table(class_folder, lessons, content) -> None:
    rows = lesson_rows(read_cohort(class_folder), lessons)
    widths = [round(bar.get_width(), 6) for bar in results_figure(rows, content, "vi").axes[0].patches]
    expected = [
        round(v * 100, 6) for r in rows if r.started for v in (r.completion, r.quiz_mean) if v is not None
    ]
    assert widths == expected and widths[:2] == [50.0, 80.0]


def test_chart_image_is_inline_with_its_figures_in_words(class_folder, lessons, content) -> None:
    rows = lesson_rows(read_cohort(class_folder), lessons)
    img = chart_img(rows, content, "vi")
    data = re.search(r"base64,([^']+)'", img)
    assert data is not None and Image.open(io.BytesIO(base64.b64decode(data.group(1)))).size[0] >= 800
    alt = chart_description(rows, content, "vi")
    assert alt.startswith(content.get("cohort.chart.title", "vi"))
    assert f"{lessons[1].title.vi}: " in alt and "2/4" in alt


def test_printable_page_is_a4_self_contained_and_marks_sample_data(lessons, content) -> None:
    cohort = read_cohort(sample_folder())
    page = summary_page(cohort, lessons, content, "vi", read_at="09:30:00", sample=True)
    assert "@page { size: A4" in page and '<html lang="vi">' in page
    assert external_assets(page) == []  # nothing fetched: the chart is inside the file
    assert content.get("cohort.print_sample", "vi") in page
    assert content.get("cohort.print_read", "vi", folder=str(cohort.folder), time="09:30:00") in page
    for key in ("cohort.by_lesson", "cohort.most_missed", "cohort.learners"):
        assert content.get(key, "vi") in page
    assert "getting_vneid" not in page and "genuine_sms" not in page
    assert content.get("cohort.print_sample", "en") not in summary_page(
        cohort, lessons, content, "en", read_at="09:30:00"
    )


def test_export_writes_the_tables_and_the_page(tmp_path: Path, class_folder, lessons, content) -> None:
    paths = export_results(
        read_cohort(class_folder), lessons, content, "en", tmp_path / "out", read_at="10:00"
    )
    assert [p.name for p in paths] == [*CSV_FILES.values(), SUMMARY_PAGE]
    assert paths[-1].read_text("utf-8").startswith("<!DOCTYPE html>")
    assert sorted(os.listdir(tmp_path / "out")) == sorted(p.name for p in paths)


def test_a_failed_page_write_leaves_the_previous_page_whole(
    tmp_path: Path, class_folder, lessons, content, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort, out = read_cohort(class_folder), tmp_path / "out"
    export_results(cohort, lessons, content, "vi", out, read_at="10:00:00")
    before = (out / SUMMARY_PAGE).read_bytes()
    real_replace = atomic.os.replace

    def full_disk(source, target):
        if str(target).endswith(SUMMARY_PAGE):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    with pytest.raises(OSError):
        export_results(cohort, lessons, content, "en", out, read_at="10:05:00")
    assert (out / SUMMARY_PAGE).read_bytes() == before
    assert not [name for name in os.listdir(out) if name.endswith(".tmp")]
