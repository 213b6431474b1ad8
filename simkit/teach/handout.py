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
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from simkit.bilingual import check_lang
from simkit.formats import clock
from simkit.learn import markup
from simkit.learn.schema import ExplainSection, Flow, Lesson, PracticeSection, Step, Text
from simkit.teach.agenda import WorkshopPlan
from simkit.teach.sheets import a4_page, save_sheet
from simkit.teach.strings import TeachContent

NOTE_LINES = 3
"""Ruled lines left for the learner's own notes."""


def _sayer(content: TeachContent, lang: str) -> Callable[..., str]:
    """``say(key, **params)``: a trainer string in ``lang``, HTML-escaped."""

    def say(key: str, **params: Any) -> str:
        return html.escape(content.get(key, lang, **params))

    return say


def _items(texts: tuple[Text, ...] | list[Text], lang: str, tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{markup.inline(t.text(lang))}</li>" for t in texts) + f"</{tag}>"


Copy = Literal["learner", "trainer"]
"""Which copy of a handout: the learner's (sources in one line) or the trainer's (every source in full)."""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"«(*]*[A-ZĐÀ-Ỹ0-9])")
EXPLAIN_SENTENCES = 2
"""How many sentences of each explanation a handout keeps: what the section is about, in the lesson's
words, without the whole page of the lesson."""


def first_sentences(text: str, count: int = EXPLAIN_SENTENCES) -> str:
    """The first ``count`` sentences of a lesson text's first paragraph (lists and later paragraphs left
    out: the handout's steps and key points carry those)."""
    paragraph = next((p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()), "")
    lines = [line for line in paragraph.splitlines() if line.strip() and not line.lstrip().startswith("- ")]
    sentences = _SENTENCE_END.split(" ".join(line.strip() for line in lines))[:count]
    while len(sentences) > 1 and sentences[-1].rstrip().endswith(":"):
        sentences.pop()  # "Level 2 adds:" announces a list the handout does not print here
    return " ".join(sentences).strip()


def key_step(flow: Flow) -> Step:
    """The practice's key screen: the first one that shows something and asks for a tap (the screen a
    learner looks for on the real phone), else the first screen."""
    shown = [step for step in flow.steps if step.show is not None]
    taps = [step for step in shown if step.action == "tap"]
    return (taps or shown or list(flow.steps))[0]


def screen_picture(flow: Flow, lang: str, *, detailed: bool = False) -> str:
    """A small drawing of the practice's key screen, from the lesson file (app, screen name, what it shows,
    its buttons with the one to tap marked), for the learner to recognise the real screen. ``detailed``
    adds the screen's text (the trainer's copy); the learner's copy keeps it small."""
    step = key_step(flow)
    shown = ""
    if step.show is not None and detailed:
        first = next((p for p in re.split(r"\n\s*\n", step.show.text(lang).strip()) if p.strip()), "")
        shown = f'<div class="shown">{markup.inline(first, links=False)}</div>'
    if step.action == "tap":
        controls = "".join(
            f'<div class="{"tap" if b.correct else "btn"}">{"☞ " if b.correct else ""}'
            f"{html.escape(b.label.text(lang))}</div>"
            for b in step.buttons
        )
    else:
        fields = "".join(f'<div class="field">{html.escape(f.label.text(lang))}</div>' for f in step.fields)
        submit = html.escape(step.submit.text(lang)) if step.submit is not None else ""
        controls = f'{fields}<div class="tap">☞ {submit}</div>'
    return (
        f'<div class="phone" role="img" aria-label="{html.escape(step.screen.text(lang))}">'
        f'<div class="bar">{html.escape(flow.app.text(lang))} · {html.escape(step.screen.text(lang))}</div>'
        f"{shown}{controls}</div>"
    )


def sources_line(lesson: Lesson, say: Callable[..., str]) -> str:
    """The learner's one line of sources: the sites the facts come from and the day they were checked."""
    hosts = list(dict.fromkeys(urlsplit(s.url).hostname or s.url for s in lesson.sources))
    checked = max(s.checked for s in lesson.sources) if lesson.sources else ""
    line = say("handout.sources_line", hosts=", ".join(hosts), date=checked)
    return f'<p class="muted sources-line">{line}</p>'


def sources_list(lesson: Lesson, say: Callable[..., str]) -> str:
    """The trainer's list of sources: title, address, the date the page prints, the day it was checked."""
    rows = []
    for source in lesson.sources:
        published = f"{say('handout.published', date=source.published)}; " if source.published else ""
        rows.append(
            f"<li>{html.escape(source.title)} · {html.escape(source.url)} "
            f"({published}{say('handout.checked', date=source.checked)})</li>"
        )
    return f'<ul class="muted">{"".join(rows)}</ul>'


def handout_html(
    lesson: Lesson, content: TeachContent, lang: str, *, large: bool = False, copy: Copy = "learner"
) -> str:
    """The handout of ``lesson`` in ``lang`` as a complete, printable A4 page.

    ``large`` prints the body at 15 pt instead of 12 pt (for learners who read with difficulty); the
    learner's copy fits two A4 pages at normal size (tests/teach/test_handout_print.py). ``copy="trainer"``
    lists every source with the date it prints and the day it was checked; the learner's copy names the
    sites in one line.
    """
    lang = check_lang(lang)
    if copy not in ("learner", "trainer"):
        raise ValueError(f'"copy" must be "learner" or "trainer" (got {copy!r}).')
    say = _sayer(content, lang)
    title = lesson.title.text(lang)
    kit = say("handout.kit") + (f" · {say('handout.trainer_copy')}" if copy == "trainer" else "")
    trainer = copy == "trainer"
    minutes = say("handout.minutes", teaching=lesson.minutes.teaching, practice=lesson.minutes.practice)
    audience = (
        f"<b>{say('handout.audience')}:</b> {markup.inline(lesson.audience.text(lang))} " if trainer else ""
    )
    parts = [
        f'<header><div class="kit">{kit}</div><h1>{html.escape(title)}</h1>'
        f"<p>{audience}{minutes}</p></header>",
        f"<h2>{say('handout.objectives')}</h2>{_items(lesson.objectives, lang)}" if trainer else "",
        f'<div class="box practice-note">{say("handout.practice_note")}</div>',
    ]
    parts.append('<div class="columns">')
    for section in lesson.sections:
        if isinstance(section, ExplainSection):
            parts.append(f"<h2>{html.escape(section.title.text(lang))}</h2>")
            explained = first_sentences(section.body.text(lang))
            if explained:
                parts.append(f'<p class="explain">{markup.inline(explained)}</p>')
            if section.steps:
                parts.append(_items(section.steps, lang, "ol"))
            if section.callout is not None and (trainer or section.callout.kind != "note"):
                kind = section.callout.kind
                parts.append(
                    f'<div class="box callout-{kind}"><b>{say("callout." + kind)}:</b> '
                    f"{markup.inline(section.callout.text.text(lang))}</div>"
                )
        elif isinstance(section, PracticeSection):
            flow = lesson.flow(section.flow)
            task = key_step(flow).task.text(lang)
            parts.append(
                f'<div class="practice"><div class="practice-text">'
                f"<h3>{say('handout.practice', title=flow.title.text(lang))}</h3>"
                f"<p>{markup.inline(first_sentences(flow.intro.text(lang), 1))}</p>"
                f"<p><b>{say('handout.key_screen')}:</b> {markup.inline(task)}</p></div>"
                f"{screen_picture(flow, lang, detailed=trainer)}</div>"
            )
    mistakes = "".join(
        f"<li><b>{markup.inline(m.mistake.text(lang))}</b><div class='seen'>{say('handout.you_see')}: "
        f"{markup.inline(m.you_see.text(lang))}</div><div>➜ {say('handout.fix')}: "
        f"{markup.inline(m.fix.text(lang))}</div></li>"
        for m in lesson.common_mistakes
    )
    sources = sources_list(lesson, say) if copy == "trainer" else sources_line(lesson, say)
    parts += [
        f'<h2>{say("handout.key_points")}</h2><div class="box">{_items(lesson.key_points, lang)}</div>',
        f"<h2>{say('handout.mistakes')}</h2><ul class='mistakes'>{mistakes}</ul>",
        "</div>",
        f'<h2>{say("handout.your_notes")}</h2><div class="lines">{"<div></div>" * NOTE_LINES}</div>',
        f'<h2 class="sources">{say("handout.sources")}</h2>{sources}',
    ]
    return a4_page(title, "".join(parts), lang, content.get("handout.print", lang), large=large)


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


def handout_file_name(
    number: int, lesson: Lesson, lang: str, *, large: bool = False, copy: Copy = "learner"
) -> str:
    """``handout-01-getting_vneid-vi.html``; ``…-vi-large.html`` in large print, ``…-vi-trainer.html`` for
    the trainer's copy."""
    suffix = ("-large" if large else "") + ("-trainer" if copy == "trainer" else "")
    return f"handout-{number:02d}-{lesson.id}-{lang}{suffix}.html"


def save_handouts(
    lessons: list[tuple[int, Lesson]],
    content: TeachContent,
    lang: str,
    folder: Path,
    *,
    large: bool = False,
    copy: Copy = "learner",
) -> list[Path]:
    """Write one handout per lesson into ``folder`` (each file atomically) and return the paths."""
    return [
        save_sheet(
            folder,
            handout_file_name(number, lesson, lang, large=large, copy=copy),
            handout_html(lesson, content, lang, large=large, copy=copy),
        )
        for number, lesson in lessons
    ]


def save_plan(plan: WorkshopPlan, content: TeachContent, lang: str, folder: Path) -> Path:
    """Write the plan sheet into ``folder`` atomically and return its path."""
    return save_sheet(folder, f"workshop-plan-{lang}.html", plan_html(plan, content, lang))
