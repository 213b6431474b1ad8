"""The campaign report: attendance and completion figures a commune can paste into its periodic report.

Commune reports on digital transformation (Đề án 06, the community digital-technology teams) ask for a few
plain figures: how many workshops, how many attendances, how many people learned, how many finished, and
what still needs work. Attendance comes from the sign-in sheets (the trainer types the totals: progress
files cannot count people who came but did not touch a computer); everything else is counted from the
learners' progress files. The report is written as short sentences in Vietnamese or English with numbers in
the local style, followed by a per-lesson table whose columns are separated by tabs, so pasting it into
Word or Excel splits it into cells. Nothing is invented: a figure that was not given is said to be missing.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from simkit.bilingual import check_lang
from simkit.errors import ConfigError
from simkit.formats import number, percent
from simkit.learn.schema import Lesson
from simkit.learn.validators import Problem
from simkit.teach.cohort import Cohort
from simkit.teach.results import LessonRow, QuestionRow, learner_rows, lesson_rows, most_missed, question_rows
from simkit.teach.strings import TeachContent

REVIEW_QUESTIONS = 3
"""Questions named under "to go over again"."""

REVIEW_MIN_SHARE = 0.3
"""A question is named only if at least this share of those who answered it got it wrong."""


@dataclass(frozen=True)
class CampaignFacts:
    """What only the trainer knows, from the sign-in sheets; ``None`` or 0 means "not recorded"."""

    commune: str = ""
    period: str = ""
    workshops: int | None = None
    attendance: int | None = None

    def __post_init__(self) -> None:
        for name in ("workshops", "attendance"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise ConfigError(f"must be a whole number ≥ 0 (got {value!r})", field=name)


@dataclass(frozen=True)
class CampaignFigures:
    """The counted figures of a cohort, independent of language."""

    learners: int
    completed_any: int
    completed_all: int
    lessons: int
    started: int
    completions: int
    first_day: date | None
    last_day: date | None
    minutes: float
    quiz_mean: float | None
    lesson_rows: tuple[LessonRow, ...]
    review: tuple[QuestionRow, ...]


def _day(stamp: str) -> date | None:
    try:
        return datetime.fromisoformat(stamp).date()
    except ValueError:
        return None


def campaign_figures(cohort: Cohort, lessons: Mapping[int, Lesson]) -> CampaignFigures:
    """Count everything the report states."""
    rows = lesson_rows(cohort, lessons)
    people = learner_rows(cohort, lessons)
    days = [
        d for learner in cohort.learners for d in (_day(learner.created_at), _day(learner.updated_at)) if d
    ]
    quizzed = [(row.quiz_mean, row.quiz_taken) for row in rows if row.quiz_mean is not None]
    taken = sum(count for _, count in quizzed)
    review = [
        row
        for row in most_missed(question_rows(cohort, lessons), REVIEW_QUESTIONS)
        if (row.miss_rate or 0) >= REVIEW_MIN_SHARE
    ]
    return CampaignFigures(
        learners=len(cohort.learners),
        completed_any=sum(person.lessons_done > 0 for person in people),
        completed_all=sum(person.lessons_done == len(lessons) for person in people) if lessons else 0,
        lessons=len(lessons),
        started=sum(row.started for row in rows),
        completions=sum(row.completed for row in rows),
        first_day=min(days) if days else None,
        last_day=max(days) if days else None,
        minutes=sum(person.minutes_total for person in people),
        quiz_mean=sum(mean * count for mean, count in quizzed) / taken if taken else None,
        lesson_rows=tuple(rows),
        review=tuple(review),
    )


def warnings(figures: CampaignFigures, facts: CampaignFacts) -> list[Problem]:
    """Things the trainer should check before sending the report."""
    if facts.attendance and facts.attendance < figures.learners:
        return [
            Problem("report.attendance_low", {"attendance": facts.attendance, "learners": figures.learners})
        ]
    return []


def report_lines(
    figures: CampaignFigures, facts: CampaignFacts, content: TeachContent, lang: str
) -> list[str]:
    """The report's sentences, heading first, without the table."""
    lang = check_lang(lang)

    def say(key: str, **params: Any) -> str:
        return content.get(key, lang, **params)

    def count(value: float) -> str:
        return number(value, lang, 0)

    commune, period = facts.commune.strip(), facts.period.strip()
    if commune and period:
        heading = say("report.heading", commune=commune, period=period)
    else:
        heading = say("report.heading_plain") + (f" — {commune or period}" if commune or period else "")
    lines = [heading]
    if facts.workshops and facts.attendance:
        attended = count(facts.attendance)
        lines.append(say("report.workshops_line", workshops=count(facts.workshops), attendance=attended))
    else:
        lines.append(say("report.workshops_unknown"))
    if figures.learners == 0:
        lines.append(say("report.no_learners"))
    else:
        lines.append(say("report.learners_line", learners=count(figures.learners)))
        lines.append(
            say(
                "report.completed_line",
                completed_any=count(figures.completed_any),
                share_any=percent(figures.completed_any / figures.learners, lang, 1),
                completed_all=count(figures.completed_all),
                lessons=figures.lessons,
            )
        )
        share = figures.completions / figures.started if figures.started else None
        lines.append(
            say(
                "report.lessons_done_line",
                done=count(figures.completions),
                started=count(figures.started),
                share=percent(share, lang, 1),
            )
        )
        if figures.first_day and figures.last_day:
            lines.append(
                say(
                    "report.activity_line",
                    first=figures.first_day.strftime("%d/%m/%Y"),
                    last=figures.last_day.strftime("%d/%m/%Y"),
                )
            )
        lines.append(say("report.hours_line", hours=number(figures.minutes / 60, lang, 1)))
        if figures.quiz_mean is not None:
            lines.append(say("report.quiz_line", mean=percent(figures.quiz_mean, lang, 1)))
        if figures.review:
            topics = "; ".join(
                f"«{row.question.prompt.text(lang)}» ({row.lesson.title.text(lang)})"
                for row in figures.review
            )
            lines.append(say("report.review_line", questions=topics))
    lines += [content.say(problem, lang) for problem in warnings(figures, facts)]
    return lines


def report_table(figures: CampaignFigures, content: TeachContent, lang: str) -> list[list[str]]:
    """The per-lesson table: heading row, then a row per lesson, numbers in the local style."""
    keys = ("col.lesson", "col.started", "col.completed", "col.completion", "col.quiz_mean")
    table = [[content.get(key, lang) for key in keys]]
    for row in figures.lesson_rows:
        table.append(
            [
                row.lesson.title.text(lang),
                number(row.started, lang, 0),
                number(row.completed, lang, 0),
                percent(row.completion, lang, 1),
                percent(row.quiz_mean, lang, 1),
            ]
        )
    return table


def report_text(
    figures: CampaignFigures, facts: CampaignFacts, content: TeachContent, lang: str, *, sample: bool = False
) -> str:
    """The report as plain text: sentences, then the table with tab-separated columns, then the source."""
    lines = report_lines(figures, facts, content, lang)
    parts = [content.get("report.sample_warning", lang), ""] if sample else []
    parts += [lines[0], "", *(f"- {line}" for line in lines[1:])]
    if figures.learners:
        parts += ["", content.get("report.table_intro", lang)]
        parts += ["\t".join(row) for row in report_table(figures, content, lang)]
    parts += ["", content.get("report.source_note", lang)]
    return "\n".join(parts) + "\n"


def report_html(
    figures: CampaignFigures, facts: CampaignFacts, content: TeachContent, lang: str, *, sample: bool = False
) -> str:
    """The same report as HTML for the screen (copying it into Word keeps the table)."""
    lines = [html.escape(line) for line in report_lines(figures, facts, content, lang)]
    warning = f"<div class='simkit-bad'>{html.escape(content.get('report.sample_warning', lang))}</div>"
    items = "".join(f"<li>{line}</li>" for line in lines[1:])
    parts = [warning if sample else "", f"<h3>{lines[0]}</h3><ul>{items}</ul>"]
    if figures.learners:
        head, *rows = report_table(figures, content, lang)
        parts.append(f"<p>{html.escape(content.get('report.table_intro', lang))}</p>")
        parts.append(
            "<table class='simkit-table'><thead><tr>"
            + "".join(f"<th>{html.escape(cell)}</th>" for cell in head)
            + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
            + "</tbody></table>"
        )
    parts.append(f"<p class='simkit-muted'>{html.escape(content.get('report.source_note', lang))}</p>")
    return "".join(parts)
