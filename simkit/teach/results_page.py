"""The class results as one printable A4 page, and the export of everything a trainer takes away.

Why a page besides the CSV files: a commune's report and the next workshop's notes are made on paper. The
page is one self-contained HTML file (``simkit.teach.sheets``: A4 print styles inside, nothing fetched; the
chart is a PNG inside the file) holding what a trainer hands on: when and from which folder it was read,
the chart, the table by lesson, the questions most learners got wrong, and every learner's state. Sample
data is marked on the page itself, so fictional figures cannot pass as a real class.

The export writes the four CSV tables (``simkit.teach.tables``: formula-safe, UTF-8 with BOM) and this page,
each file atomically (``simkit.atomic``): an export interrupted half way leaves every earlier file whole.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

from simkit import atomic
from simkit.learn.schema import Lesson
from simkit.teach.cohort import Cohort
from simkit.teach.results import lesson_rows
from simkit.teach.results_chart import chart_img
from simkit.teach.sheets import a4_page
from simkit.teach.strings import TeachContent
from simkit.teach.tables import CSV_FILES, cohort_tables, export_csv, missed_table, table_html

SUMMARY_PAGE = "cohort-summary.html"
"""The printable page's file name, beside the CSV files."""

PRINT_CSS = """
.simkit-num { text-align: right; white-space: nowrap; }
.simkit-results-chart { display: block; width: 100%; max-width: 182mm; margin: 4pt 0 8pt; }
.learners th, .learners td { font-size: 9.5pt; padding: 2pt 3pt; }
.warn-box { border: 1.5pt solid #b3261e; background: #fdeeee; padding: 4pt 8pt; border-radius: 4pt; }
"""


def summary_page(
    cohort: Cohort,
    lessons: Mapping[int, Lesson],
    content: TeachContent,
    lang: str,
    *,
    read_at: str,
    sample: bool = False,
    ids: bool = False,
) -> str:
    """The printable page of a class (``read_at``: when the folder was read, as the screen shows it)."""
    say = lambda key, **params: html.escape(content.get(key, lang, **params))  # noqa: E731
    none = content.get("common.none", lang)
    tables = cohort_tables(cohort, lessons, content, lang, ids=ids)
    missed = missed_table(cohort, lessons, content, lang, ids=ids)
    summary = content.get(
        "cohort.summary",
        lang,
        learners=len(cohort.learners),
        files=cohort.files_read,
        skipped=len(cohort.skipped),
    )
    parts = [
        f"<header><h1>{say('cohort.title')}</h1>",
        f"<p class='kit'>{say('cohort.print_read', folder=str(cohort.folder), time=read_at)} "
        f"{html.escape(summary)}</p></header>",
    ]
    if sample:
        parts.append(f"<p class='warn-box'>{say('cohort.print_sample')}</p>")
    parts += [
        chart_img(lesson_rows(cohort, lessons), content, lang),
        f"<h2>{say('cohort.by_lesson')}</h2>",
        table_html(tables["lessons"], content, lang, none),
        f"<h2>{say('cohort.most_missed')}</h2>",
        (
            table_html(missed, content, lang, none)
            if missed.rows
            else f"<p>{say('cohort.most_missed_none')}</p>"
        ),
        f"<h2>{say('cohort.learners')}</h2>",
        f"<div class='learners'>{table_html(tables['learners'], content, lang, none)}</div>",
    ]
    body = f"<style>{PRINT_CSS}</style>" + "".join(parts)
    return a4_page(content.get("cohort.title", lang), body, lang, content.get("cohort.print", lang))


def export_results(
    cohort: Cohort,
    lessons: Mapping[int, Lesson],
    content: TeachContent,
    lang: str,
    folder: Path,
    *,
    read_at: str,
    sample: bool = False,
    ids: bool = False,
) -> list[Path]:
    """Write the four CSV tables and the printable page into ``folder``; return the paths, page last."""
    paths = export_csv(cohort_tables(cohort, lessons, content, lang, ids=ids), folder)
    page = folder / SUMMARY_PAGE
    page_html = summary_page(cohort, lessons, content, lang, read_at=read_at, sample=sample, ids=ids)
    atomic.write_text(page, page_html)
    return [*paths, page]


__all__ = ["CSV_FILES", "SUMMARY_PAGE", "export_results", "summary_page"]
