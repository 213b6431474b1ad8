"""The class-results tables, shown on screen and exported as CSV files a trainer can open in Excel.

One description per table (which columns, what kind of value each holds) serves both outputs, so the
screen and the file never disagree. Column identities are fixed keys; their headings come from
``content/ui/teach.yaml`` in the chosen language (``col.*``). On screen numbers are written the local way
(``82,5%`` in Vietnamese) and times as a person reads them (``12 phút``, ``2 giờ 23 phút``); in the CSV
files they are plain numbers (``82.5`` in a column headed ``… (%)``, minutes to 0.1 under ``… (phút)``) so a
spreadsheet can add them up. Internal ids (``getting_vneid``, ``genuine_sms``) mean nothing to a trainer:
the tables show lesson titles and question text, and carry the id columns only when asked (``ids=True``,
for a report to the technical contact). Files are UTF-8 with a byte-order mark, which Excel needs to show
Vietnamese letters, and each is written atomically (``simkit.atomic``): an export interrupted half way never
leaves a truncated file in place of a good one.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from simkit import atomic
from simkit.formats import percent, whole_minutes
from simkit.learn.schema import Lesson
from simkit.spreadsheet import csv_bytes
from simkit.teach.cohort import Cohort
from simkit.teach.results import (
    LearnerRow,
    LessonRow,
    QuestionRow,
    learner_rows,
    lesson_rows,
    most_missed,
    question_rows,
)
from simkit.teach.strings import TeachContent

ColumnKind = Literal["text", "count", "share", "minutes"]
Cell = str | int | float | None

CSV_FILES = {
    "lessons": "cohort-lessons.csv",
    "questions": "cohort-questions.csv",
    "learners": "cohort-learners.csv",
    "skipped": "cohort-skipped.csv",
}
"""The exported files, by table."""


@dataclass(frozen=True)
class Table:
    """Headings (already in the chosen language), the kind of each column, and the rows."""

    headings: tuple[str, ...]
    kinds: tuple[ColumnKind, ...]
    rows: tuple[tuple[Cell, ...], ...]
    unit_minutes: str = "min"
    """The unit a CSV heading of a minutes column ends with (``… (phút)``)."""


def _table(
    content: TeachContent,
    lang: str,
    columns: Sequence[tuple[str, ColumnKind]],
    rows: Sequence[Sequence[Cell]],
) -> Table:
    """A ``Table`` with the ``col.*`` headings in ``lang`` (other headings are used as they are)."""
    headings = [content.get(key, lang) if key.startswith("col.") else key for key, _ in columns]
    return Table(
        tuple(headings),
        tuple(kind for _, kind in columns),
        tuple(tuple(row) for row in rows),
        content.get("cohort.unit_minutes", lang),
    )


def _without(
    columns: list[tuple[str, ColumnKind]], data: Sequence[Sequence[Cell]], drop: set[str]
) -> tuple[list[tuple[str, ColumnKind]], list[tuple[Cell, ...]]]:
    """``columns`` and ``data`` without the columns keyed in ``drop``."""
    keep = [index for index, (key, _) in enumerate(columns) if key not in drop]
    return [columns[i] for i in keep], [tuple(row[i] for i in keep) for row in data]


ID_COLUMNS = {"col.lesson_id", "col.question_id"}
"""Columns of internal ids, shown only when asked."""


def lessons_table(rows: list[LessonRow], content: TeachContent, lang: str, *, ids: bool = False) -> Table:
    columns: list[tuple[str, ColumnKind]] = [
        ("col.lesson", "text"), ("col.lesson_id", "text"), ("col.learners", "count"),
        ("col.started", "count"), ("col.completed", "count"), ("col.completion", "share"),
        ("col.quiz_taken", "count"), ("col.quiz_mean", "share"), ("col.passed", "count"),
        ("col.minutes_mean", "minutes"),
    ]  # fmt: skip
    data: Sequence[Sequence[Cell]] = [
        (r.lesson.title.text(lang), r.lesson.id, r.learners, r.started, r.completed, r.completion,
         r.quiz_taken, r.quiz_mean, r.passed, r.minutes_mean)
        for r in rows
    ]  # fmt: skip
    if not ids:
        columns, data = _without(columns, data, ID_COLUMNS)
    return _table(content, lang, columns, data)


def questions_table(rows: list[QuestionRow], content: TeachContent, lang: str, *, ids: bool = False) -> Table:
    columns: list[tuple[str, ColumnKind]] = [
        ("col.lesson", "text"), ("col.question_id", "text"), ("col.question", "text"),
        ("col.answered", "count"), ("col.right", "count"), ("col.missed", "count"),
        ("col.miss_rate", "share"), ("col.common_wrong", "text"),
    ]  # fmt: skip
    data: Sequence[Sequence[Cell]] = [
        (r.lesson.title.text(lang), r.question.id, r.question.prompt.text(lang), r.answered, r.right,
         r.missed, r.miss_rate, r.common_wrong.text.text(lang) if r.common_wrong is not None else "")
        for r in rows
    ]  # fmt: skip
    if not ids:
        columns, data = _without(columns, data, ID_COLUMNS)
    return _table(content, lang, columns, data)


def learners_table(
    rows: list[LearnerRow], lessons: Mapping[int, Lesson], content: TeachContent, lang: str
) -> Table:
    columns: list[tuple[str, ColumnKind]] = [
        ("col.learner", "text"), ("col.lessons_done", "count"), ("col.minutes_total", "minutes"),
    ]  # fmt: skip
    columns += [(lesson.title.text(lang), "text") for _, lesson in sorted(lessons.items())]
    data = []
    for row in rows:
        cells: list[Cell] = [row.learner.display_name, row.lessons_done, row.minutes_total]
        for state in row.states:
            text = content.get(f"cohort.status.{state.state}", lang)
            cells.append(f"{text} ({state.score}/{state.total})" if state.score is not None else text)
        data.append(cells)
    return _table(content, lang, columns, data)


def skipped_table(cohort: Cohort, content: TeachContent, lang: str) -> Table:
    columns: list[tuple[str, ColumnKind]] = [("col.file", "text"), ("col.reason", "text")]
    return _table(content, lang, columns, [(s.path, content.say(s.reason, lang)) for s in cohort.skipped])


def cohort_tables(
    cohort: Cohort, lessons: Mapping[int, Lesson], content: TeachContent, lang: str, *, ids: bool = False
) -> dict[str, Table]:
    """All four tables of a class, keyed like ``CSV_FILES`` (id columns only with ``ids``)."""
    return {
        "lessons": lessons_table(lesson_rows(cohort, lessons), content, lang, ids=ids),
        "questions": questions_table(question_rows(cohort, lessons), content, lang, ids=ids),
        "learners": learners_table(learner_rows(cohort, lessons), lessons, content, lang),
        "skipped": skipped_table(cohort, content, lang),
    }


def missed_table(
    cohort: Cohort, lessons: Mapping[int, Lesson], content: TeachContent, lang: str, *, ids: bool = False
) -> Table:
    """The questions most learners got wrong, for the top of the results screen."""
    return questions_table(most_missed(question_rows(cohort, lessons)), content, lang, ids=ids)


def duration_text(minutes: float | None, content: TeachContent, lang: str) -> str | None:
    """``12.3`` → ``12 phút``; ``143.4`` → ``2 giờ 23 phút``; ``0.2`` → ``dưới 1 phút``; no data: ``None``."""
    parts = whole_minutes(minutes)
    if parts is None or minutes is None:
        return None
    hours, rest = parts
    if hours == 0 and rest == 0 and minutes > 0:
        return content.get("cohort.duration.under_minute", lang)
    if hours == 0:
        return content.get("cohort.duration.minutes", lang, minutes=rest)
    if rest == 0:
        return content.get("cohort.duration.hours", lang, hours=hours)
    return content.get("cohort.duration.hours_minutes", lang, hours=hours, minutes=rest)


def _display(value: Cell, kind: ColumnKind, content: TeachContent, lang: str, none: str) -> str:
    if value is None or value == "":
        return none
    if kind == "share":
        return percent(float(value), lang, 1)
    if kind == "minutes":
        return duration_text(float(value), content, lang) or none
    return str(value)


def table_html(table: Table, content: TeachContent, lang: str, none: str = "—") -> str:
    """The table for the screen: escaped, numbers in the local style, number columns right-aligned."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.headings)
    body = []
    for row in table.rows:
        cells = []
        for value, kind in zip(row, table.kinds, strict=True):
            align = " class='simkit-num'" if kind != "text" else ""
            cells.append(f"<td{align}>{html.escape(_display(value, kind, content, lang, none))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table class='simkit-table'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def table_frame(table: Table) -> pd.DataFrame:
    """The table for a CSV file: shares as percentages (a number, heading ``… (%)``), minutes to 0.1 (a
    number, heading ``… (phút)``)."""
    units = {"share": " (%)", "minutes": f" ({table.unit_minutes})"}
    headings = [h + units.get(kind, "") for h, kind in zip(table.headings, table.kinds, strict=True)]
    rows = []
    for row in table.rows:
        cells: list[Cell] = []
        for value, kind in zip(row, table.kinds, strict=True):
            if value is not None and kind == "share":
                value = round(float(value) * 100, 1)
            elif value is not None and kind == "minutes":
                value = round(float(value), 1)
            cells.append(value)
        rows.append(cells)
    return pd.DataFrame(rows, columns=headings)


def export_csv(tables: Mapping[str, Table], folder: Path) -> list[Path]:
    """Write every table as ``folder/<CSV_FILES[name]>`` (UTF-8 with BOM, atomically); return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in tables.items():
        path = folder / CSV_FILES[name]
        atomic.write_bytes(path, csv_bytes(table_frame(table), excel=True))
        paths.append(path)
    return paths
