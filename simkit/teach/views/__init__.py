"""Notebook screens (ipywidgets) of the trainer tools: thin views over ``simkit.teach``.

Each ``show_*`` function is what one notebook in ``notebooks/teach/`` calls. A broken content file (a
lesson, ``content/ui/teach.yaml``) or a bad argument shows one line saying what is wrong instead of a
traceback; everything after that happens through the screen's controls.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import ipywidgets as widgets

from simkit.bilingual import check_lang
from simkit.errors import ConfigError
from simkit.learn.content import load_lessons
from simkit.learn.schema import Lesson
from simkit.teach.strings import TeachContent, load_teach_content
from simkit.teach.views.campaign import CampaignReportView
from simkit.teach.views.cohort import CohortView
from simkit.teach.views.common import error_box
from simkit.teach.views.planner import WorkshopPlannerView
from simkit.teach.views.presenter import PresenterView

__all__ = [
    "CampaignReportView",
    "CohortView",
    "PresenterView",
    "WorkshopPlannerView",
    "show_campaign_report",
    "show_cohort_results",
    "show_presenter",
    "show_workshop_planner",
]


def _content() -> tuple[dict[int, Lesson], TeachContent]:
    """The lessons and the trainer strings, checked against each other."""
    lessons = load_lessons()
    content = load_teach_content()
    content.check_lessons(lessons)
    return lessons, content


def show_workshop_planner(
    *, lang: str = "vi", lessons: Sequence[int] = (1, 2), folder: str | Path | None = None
) -> widgets.Widget:
    """The workshop planner with ``lessons`` ticked; handouts are saved into ``folder`` unless changed."""
    try:
        all_lessons, content = _content()
        return WorkshopPlannerView(
            all_lessons,
            content,
            lang=check_lang(lang),
            selected=tuple(lessons),
            folder=None if folder is None else str(folder),
        )
    except ConfigError as exc:
        return error_box(str(exc))


def show_presenter(lesson: int = 1, *, lang: str = "vi") -> widgets.Widget:
    """Presenter mode, opened on lesson number ``lesson``."""
    try:
        all_lessons, content = _content()
        return PresenterView(all_lessons, content, lesson=lesson, lang=check_lang(lang))
    except ConfigError as exc:
        return error_box(str(exc))


def show_cohort_results(
    folder: str | Path | None = None,
    *,
    lang: str = "vi",
    export_folder: str | Path | None = None,
    live: bool = True,
) -> widgets.Widget:
    """Class results of the progress files in ``folder`` (the shipped sample class if not given); with
    ``live`` the screen reads the folder again by itself whenever a learner's file changes."""
    try:
        all_lessons, content = _content()
        return CohortView(
            all_lessons, content, lang=check_lang(lang), folder=folder, export_folder=export_folder, live=live
        )
    except ConfigError as exc:
        return error_box(str(exc))


def show_campaign_report(folder: str | Path | None = None, *, lang: str = "vi") -> widgets.Widget:
    """The campaign report from the progress files in ``folder`` (the shipped sample class if not given)."""
    try:
        all_lessons, content = _content()
        return CampaignReportView(all_lessons, content, lang=check_lang(lang), folder=folder)
    except ConfigError as exc:
        return error_box(str(exc))
