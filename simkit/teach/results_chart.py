"""The class-results chart: completion and mean quiz score per lesson, as one picture a trainer reads at once.

Why a chart beside the tables: in a commune hall the question is "which lesson do we go over again?", and two
bars per lesson answer it faster than ten columns. Both bars are percentages on one 0–100 % axis, so they
compare; each bar is labelled with its value and the counts behind it ("4/5"), because 100 % of one learner
is not 100 % of twenty; a lesson nobody started says so instead of drawing a zero bar that would read as a
failed lesson. Words come from ``content/ui/teach.yaml`` (``cohort.chart.*``) in the chosen language;
numbers from ``simkit.formats``. Built with ``matplotlib.figure.Figure`` (no pyplot state) in DejaVu Sans,
which has every Vietnamese letter.
"""

from __future__ import annotations

import base64
import html
import textwrap

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from simkit.formats import percent
from simkit.sim.figures import FONT, KitFigure, png_bytes
from simkit.teach.results import LessonRow
from simkit.teach.strings import TeachContent

COMPLETION_COLOUR, QUIZ_COLOUR, NOBODY_COLOUR = "#1f5f9f", "#c77c0e", "#555555"
BAR_HEIGHT = 0.38


def chart_title(content: TeachContent, lang: str) -> str:
    return content.get("cohort.chart.title", lang)


def results_figure(rows: list[LessonRow], content: TeachContent, lang: str) -> Figure:
    """Two bars per lesson (completion among those who started, mean quiz score), lesson 1 on top."""
    with matplotlib.rc_context({**FONT, "font.size": 11}):
        height = 1.2 + 0.75 * max(len(rows), 1)
        figure = KitFigure(figsize=(8.4, height), dpi=100, layout="constrained")
        axes = figure.add_subplot()
        labels = []
        for place, row in enumerate(rows):
            y = -place  # lesson 1 at the top, as in the table
            labels.append(textwrap.fill(row.lesson.title.text(lang), 34))
            if not row.started:
                axes.text(1, y, content.get("cohort.chart.nobody", lang), va="center", color=NOBODY_COLOUR)
                continue
            bars = (
                (row.completion, f"{row.completed}/{row.started}", COMPLETION_COLOUR, BAR_HEIGHT / 2),
                (row.quiz_mean, f"n = {row.quiz_taken}", QUIZ_COLOUR, -BAR_HEIGHT / 2),
            )
            for share, counts, colour, offset in bars:
                if share is None:  # started but nobody finished the quiz yet
                    axes.text(1, y + offset, content.get("cohort.chart.no_quiz", lang), va="center",
                              fontsize=10, color=NOBODY_COLOUR)  # fmt: skip
                    continue
                axes.barh(y + offset, share * 100, height=BAR_HEIGHT, color=colour)
                axes.text(share * 100 + 1, y + offset, f"{percent(share, lang)} ({counts})", va="center",
                          fontsize=10)  # fmt: skip
        axes.set_yticks([-place for place in range(len(rows))], labels)
        axes.set_xlim(0, 125)  # room for the value labels right of a full bar
        axes.set_xticks(range(0, 101, 20))
        axes.set_xlabel(content.get("cohort.chart.axis", lang))
        axes.set_title(chart_title(content, lang), loc="left", fontsize=13)
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="x", alpha=0.3)
        handles = [
            Patch(color=COMPLETION_COLOUR, label=content.get("cohort.chart.completion", lang)),
            Patch(color=QUIZ_COLOUR, label=content.get("cohort.chart.quiz", lang)),
        ]
        figure.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
        return figure


def chart_description(rows: list[LessonRow], content: TeachContent, lang: str) -> str:
    """The chart in words (its ``alt`` text): every lesson's two figures, for a screen reader or no image."""
    parts = []
    for row in rows:
        if not row.started:
            parts.append(f"{row.lesson.title.text(lang)}: {content.get('cohort.chart.nobody', lang)}")
            continue
        parts.append(
            content.get(
                "cohort.chart.alt_lesson",
                lang,
                lesson=row.lesson.title.text(lang),
                completion=percent(row.completion, lang),
                completed=row.completed,
                started=row.started,
                quiz=percent(row.quiz_mean, lang),
                quizzed=row.quiz_taken,
            )
        )
    return f"{chart_title(content, lang)}. " + "; ".join(parts) + "."


def chart_png(rows: list[LessonRow], content: TeachContent, lang: str) -> bytes:
    return png_bytes(results_figure(rows, content, lang))


def chart_img(rows: list[LessonRow], content: TeachContent, lang: str) -> str:
    """The chart as a self-contained ``<img>`` (PNG inside, nothing fetched), described in its ``alt``."""
    data = base64.b64encode(chart_png(rows, content, lang)).decode("ascii")
    alt = html.escape(chart_description(rows, content, lang), quote=True)
    return (
        f"<img class='simkit-results-chart' src='data:image/png;base64,{data}' alt=\"{alt}\" "
        "style='max-width:100%;height:auto'>"
    )
