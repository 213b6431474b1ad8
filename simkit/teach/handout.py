"""The printed sheets of a workshop: a learner handout per lesson, and the trainer's plan.

A handout is what a learner takes home and pins by the phone: the steps with the real screen names, the
warnings, the key points, the common mistakes with what they look like and how to put them right, room for
notes, and the sources with the date they were checked. It is generated from the lesson file in Vietnamese
or English, so it always matches what was taught. The plan sheet is the trainer's copy: the agenda with
times, the instructor notes and a tick-box materials checklist.

Every text from ``content/`` goes through ``simkit.learn.markup`` (escaped, with ``**bold**``), so a lesson
can never inject HTML; the page comes from ``simkit.teach.sheets`` (A4, self-contained, offline).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from simkit.bilingual import check_lang
from simkit.formats import clock
from simkit.learn import markup
from simkit.learn.schema import ExplainSection, Lesson, Text
from simkit.teach.agenda import WorkshopPlan
from simkit.teach.sheets import a4_page, save_sheet
from simkit.teach.strings import TeachContent

NOTE_LINES = 6
"""Ruled lines left for the learner's own notes."""


def _sayer(content: TeachContent, lang: str) -> Callable[..., str]:
    """``say(key, **params)``: a trainer string in ``lang``, HTML-escaped."""

    def say(key: str, **params: Any) -> str:
        return html.escape(content.get(key, lang, **params))

    return say


def _items(texts: tuple[Text, ...] | list[Text], lang: str, tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{markup.inline(t.text(lang))}</li>" for t in texts) + f"</{tag}>"


def handout_html(lesson: Lesson, content: TeachContent, lang: str) -> str:
    """The learner handout of ``lesson`` in ``lang`` as a complete, printable A4 page."""
    lang = check_lang(lang)
    say = _sayer(content, lang)
    title = lesson.title.text(lang)
    parts = [
        f'<header><div class="kit">{say("handout.kit")}</div><h1>{html.escape(title)}</h1>'
        f"<p><b>{say('handout.audience')}:</b> {markup.inline(lesson.audience.text(lang))}</p>"
        f"<p>{say('handout.minutes', teaching=lesson.minutes.teaching, practice=lesson.minutes.practice)}"
        "</p></header>",
        f"<h2>{say('handout.objectives')}</h2>{_items(lesson.objectives, lang)}",
        f'<div class="box practice-note">{say("handout.practice_note")}</div>',
    ]
    for section in lesson.sections:
        if isinstance(section, ExplainSection) and (section.steps or section.callout):
            parts.append(f"<h2>{html.escape(section.title.text(lang))}</h2>")
            if section.steps:
                parts.append(f"<h3>{say('handout.steps')}</h3>{_items(section.steps, lang, 'ol')}")
            if section.callout is not None:
                kind = section.callout.kind
                parts.append(
                    f'<div class="box callout-{kind}"><b>{say("callout." + kind)}:</b> '
                    f"{markup.inline(section.callout.text.text(lang))}</div>"
                )
    mistakes = "".join(
        f"<tr><td>{markup.inline(m.mistake.text(lang))}</td><td>{markup.inline(m.you_see.text(lang))}</td>"
        f"<td>{markup.inline(m.fix.text(lang))}</td></tr>"
        for m in lesson.common_mistakes
    )
    sources = "".join(
        f"<li>{html.escape(s.title)} · {html.escape(s.url)} ({say('handout.checked', date=s.checked)})</li>"
        for s in lesson.sources
    )
    parts += [
        f'<h2>{say("handout.key_points")}</h2><div class="box">{_items(lesson.key_points, lang)}</div>',
        f"<h2>{say('handout.mistakes')}</h2><table><thead><tr><th>{say('handout.mistakes')}</th>"
        f"<th>{say('handout.you_see')}</th><th>{say('handout.fix')}</th></tr></thead>"
        f"<tbody>{mistakes}</tbody></table>",
        f'<h2>{say("handout.your_notes")}</h2><div class="lines">{"<div></div>" * NOTE_LINES}</div>',
        f'<h2>{say("handout.sources")}</h2><ul class="muted">{sources}</ul>',
    ]
    return a4_page(title, "".join(parts), lang, content.get("handout.print", lang))


def agenda_html(plan: WorkshopPlan, content: TeachContent, lang: str) -> str:
    """The agenda as an HTML table, with the total line under it."""
    say = _sayer(content, lang)
    rows = []
    for item in plan.items:
        details = _items(item.details, lang) if item.details else ""
        rows.append(
            f'<tr class="kind-{item.kind}"><td class="time">{clock(item.start)}–{clock(item.end)}</td>'
            f"<td><b>{html.escape(item.title.text(lang))}</b>{details}</td>"
            f'<td class="num">{item.minutes}</td></tr>'
        )
    total = say("agenda.total", minutes=plan.total_minutes, start=clock(plan.start), end=clock(plan.end))
    return (
        f"<table><thead><tr><th>{say('agenda.time')}</th><th>{say('agenda.activity')}</th>"
        f"<th>{say('agenda.minutes')}</th></tr></thead><tbody>{''.join(rows)}</tbody></table><p>{total}</p>"
    )


def notes_html(plan: WorkshopPlan, content: TeachContent, lang: str) -> str:
    """The audience note and every chosen lesson's instructor notes."""
    say = _sayer(content, lang)
    parts = [
        f'<div class="box"><b>{say("plan.audience_note")}:</b> {markup.inline(plan.audience.note.text(lang))}'
    ]
    parts.append(f" {say('plan.helpers', count=plan.helpers, per=plan.audience.learners_per_helper)}</div>")
    for lesson_notes in plan.notes:
        parts.append(
            f"<h3>{html.escape(lesson_notes.title.text(lang))}</h3>{_items(lesson_notes.notes, lang)}"
        )
    return "".join(parts)


def materials_html(plan: WorkshopPlan, content: TeachContent, lang: str) -> str:
    """The materials checklist with an empty tick box per line."""
    say = _sayer(content, lang)
    rows = "".join(
        f'<tr><td class="tick">☐</td><td>{markup.inline(line.text.text(lang))}</td>'
        f'<td class="num">{line.quantity}</td></tr>'
        for line in plan.materials
    )
    return (
        f"<table><thead><tr><th>{say('plan.done')}</th><th>{say('plan.item')}</th>"
        f"<th>{say('plan.quantity')}</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def warnings_html(plan: WorkshopPlan, content: TeachContent, lang: str) -> str:
    return "".join(
        f'<div class="box warn">⚠ {html.escape(content.say(w, lang))}</div>' for w in plan.warnings
    )


def plan_html(plan: WorkshopPlan, content: TeachContent, lang: str) -> str:
    """The trainer's plan (agenda, notes, checklist) as a complete, printable A4 page."""
    lang = check_lang(lang)
    say = _sayer(content, lang)
    body = (
        f'<header><div class="kit">simkit</div><h1>{say("plan.title")}</h1>'
        f"<p><b>{say('plan.audience')}:</b> {html.escape(plan.audience.name.text(lang))} · "
        f"{say('plan.attendees', count=plan.attendees)}</p></header>{warnings_html(plan, content, lang)}"
        f"<h2>{say('agenda.heading')}</h2>{agenda_html(plan, content, lang)}"
        f"<h2>{say('plan.materials')}</h2>{materials_html(plan, content, lang)}"
        f"<h2>{say('plan.notes')}</h2>{notes_html(plan, content, lang)}"
    )
    return a4_page(content.get("plan.title", lang), body, lang, content.get("plan.print", lang))


def handout_file_name(number: int, lesson: Lesson, lang: str) -> str:
    return f"handout-{number:02d}-{lesson.id}-{lang}.html"


def save_handouts(
    lessons: list[tuple[int, Lesson]], content: TeachContent, lang: str, folder: Path
) -> list[Path]:
    """Write one handout per lesson into ``folder`` (each file atomically) and return the paths."""
    return [
        save_sheet(folder, handout_file_name(number, lesson, lang), handout_html(lesson, content, lang))
        for number, lesson in lessons
    ]


def save_plan(plan: WorkshopPlan, content: TeachContent, lang: str, folder: Path) -> Path:
    """Write the plan sheet into ``folder`` atomically and return its path."""
    return save_sheet(folder, f"workshop-plan-{lang}.html", plan_html(plan, content, lang))
