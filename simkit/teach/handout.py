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

HANDOUT_CSS = """
@page { margin: 12mm 12mm 12mm; }
body { line-height: 1.2; }
.sheet { max-width: 186mm; }
header { margin-bottom: 3pt; padding-bottom: 2pt; border-bottom-width: 2pt; }
h1 { font-size: 17pt; margin: 0 0 1pt; }
header p { margin: 0; font-size: 10pt; color: #333; }
h2 { font-size: 12pt; margin: 4pt 0 1pt; line-height: 1.15; }
h3 { font-size: 12pt; margin: 0 0 1pt; }
ul, ol { margin: 1pt 0 2pt; padding-left: 14pt; }
li { margin: 0; }
.box { padding: 2pt 5pt; margin: 2pt 0; border-width: 1pt; }
.box.points { break-inside: auto; page-break-inside: auto; }
.columns { columns: 2; column-gap: 5mm; column-fill: balance; }
.columns > :first-child { margin-top: 0; }
.explain { margin: 0 0 1pt; }
.practice { margin: 4pt 0; display: flow-root; break-inside: avoid; page-break-inside: avoid; }
.practice p { margin: 0 0 1pt; }
.phone { float: right; margin: 0 0 1mm 2mm; break-inside: avoid; page-break-inside: avoid; width: 44mm;
  border: 1.5pt solid #222; border-radius: 3mm; padding: 1mm 1.5mm 1.5mm;
  font-size: 8.5pt; line-height: 1.15; background: #fff; overflow-wrap: anywhere; }
.phone .bar { font-weight: bold; border-bottom: 1px solid #777; margin-bottom: 1mm; padding-bottom: .5mm; }
.phone .shown { margin-bottom: 1mm; }
.phone .btn, .phone .tap, .phone .field { border: 1px solid #777; border-radius: 1.5mm; padding: .3mm 1mm;
  margin: .8mm 0; }
.phone .field { border-style: dashed; color: #333; }
.phone .tap { border: 1.5pt solid #1a4d8f; font-weight: bold; background: #eef3fa; }
.seen { font-size: 10pt; color: #333; }
.legend { margin: 0 0 2pt; font-size: 10pt; border-bottom: 1px solid #999; }
ul.mistakes { list-style: none; padding-left: 0; } ul.mistakes li { margin: 0 0 2pt; }
.lines div { height: 6.5mm; }
.sources-line { margin-top: 2pt; font-size: 9pt; }
h2.sources { font-size: 11pt; margin-top: 4pt; }
body.large .columns { columns: 1; }
body.large .phone { width: 64mm; font-size: 12pt; }
body.large ul, body.large ol { padding-left: 22pt; }
body.large .seen, body.large .legend, body.large .sources-line { font-size: 13pt; }
body.large header p { font-size: 12pt; }
"""
"""The handout's own print rules, after the common A4 ones: margins of 12 mm (most office printers reach
them), two balanced columns, and a practice's key-screen drawing beside its text, so that a learner's copy
fits two sides of A4 at 12 pt."""


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


def _announces(sentence: str) -> bool:
    """Whether a sentence ends in a colon ("Level 2 adds:", "**Usually real:**"): it announces a list."""
    return sentence.replace("**", "").rstrip().endswith(":")


def first_sentences(text: str, count: int = EXPLAIN_SENTENCES) -> str:
    """The first ``count`` sentences of a lesson text's first paragraph (lists and later paragraphs left
    out: the handout's steps and key points carry those)."""
    paragraph = next((p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()), "")
    lines = [line for line in paragraph.splitlines() if line.strip() and not line.lstrip().startswith("- ")]
    sentences = _SENTENCE_END.split(" ".join(line.strip() for line in lines))[:count]
    while len(sentences) > 1 and _announces(sentences[-1]):
        sentences.pop()  # "Level 2 adds:" announces a list the handout does not print here
    return " ".join(sentences).strip()


SHORT_SENTENCE = 80
"""A first sentence shorter than this many characters ("It is free.") says too little alone: the handout
adds the next one."""


def explanation(section: ExplainSection, lang: str, *, full: bool = False) -> str:
    """What a section of the handout says before its steps: the first sentence of the lesson's text, and the
    second one too when the section has no steps and the first is short. Why so little: the lesson's page
    is for the screen; on paper the steps, the warnings and the key points carry the rest, and the learner's
    copy has to fit two sides of A4. ``full`` (the trainer's copy) keeps two sentences everywhere.

    A text that opens with a sentence announcing what follows ("You do not have to learn alone:") keeps
    what it announces (``announced``), else the paper would end on a colon."""
    text = section.body.text(lang)
    first = first_sentences(text, 1)
    if full or not (section.steps or len(first.replace("**", "")) >= SHORT_SENTENCE):
        first = first_sentences(text, EXPLAIN_SENTENCES)
    return f"{first} {announced(text)}" if _announces(first) else first


_LIST_LEAD = re.compile(r"^\s*-\s+(\*\*.+?\*\*)")


def announced(text: str) -> str:
    """What a text's opening sentence ending in ":" announces, shortly: the bold heads of the list that
    follows ("**The community team**; **Classes**; …"), or the first item of a list without heads, or the
    next paragraph (the genuine SMS a learner is shown)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    items = [line for line in paragraphs[0].splitlines() if line.lstrip().startswith("- ")]
    if not items and len(paragraphs) > 1:
        following = paragraphs[1].splitlines()
        items = [line for line in following if line.lstrip().startswith("- ")]
        if not items:
            return " ".join(line.strip() for line in following)
    leads = [m.group(1) for m in map(_LIST_LEAD.match, items) if m]
    if leads:
        return "; ".join(leads) + "."
    return items[0].lstrip()[2:].strip() if items else ""


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


SOURCES_NAMED = 3
"""Up to this many sites are named on the learner's line of sources; with more, the line counts them (a
lesson checked against twenty pages would otherwise spend a quarter of a column on host names)."""


def sources_line(lesson: Lesson, say: Callable[..., str]) -> str:
    """The learner's one line of sources: the sites the facts come from (or, when there are many, how many
    pages and how many of them are government sites) and the day they were checked."""
    hosts = list(dict.fromkeys(urlsplit(s.url).hostname or s.url for s in lesson.sources))
    checked = max(s.checked for s in lesson.sources) if lesson.sources else ""
    if len(hosts) <= SOURCES_NAMED:
        line = say("handout.sources_line", hosts=", ".join(hosts), date=checked)
    else:
        official = sum(1 for s in lesson.sources if (urlsplit(s.url).hostname or "").endswith(".gov.vn"))
        line = say("handout.sources_many", count=len(lesson.sources), official=official, date=checked)
    return f'<p class="muted sources-line"><b>{say("handout.sources")}:</b> {line}</p>'


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
        f"<header><h1>{html.escape(title)}</h1><p>{kit} · {audience}{minutes}</p></header>",
        f'<div class="box practice-note">{say("handout.practice_note")}</div>',
        '<div class="columns">',
        f"<h2>{say('handout.objectives')}</h2>{_items(lesson.objectives, lang)}" if trainer else "",
    ]
    for section in lesson.sections:
        if isinstance(section, ExplainSection):
            parts.append(f"<h2>{html.escape(section.title.text(lang))}</h2>")
            explained = explanation(section, lang, full=trainer)
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
            intro = first_sentences(flow.intro.text(lang), 1) if trainer else ""
            label = f"<b>{say('handout.key_screen')}:</b> " if trainer else ""  # the drawing beside says it
            parts.append(
                f'<div class="practice">{screen_picture(flow, lang, detailed=trainer)}'
                f"<h3>{say('handout.practice', title=flow.title.text(lang))}</h3>"
                + (f"<p>{markup.inline(intro)}</p>" if intro else "")
                + f"<p>{label}{markup.inline(task)}</p></div>"
            )
    # The two labels are said once, above the list, not in every mistake: grey small print is what the
    # learner sees, the arrow is how to put it right.
    legend = f'<p class="legend"><span class="seen">{say("handout.you_see")}</span> · ➜ {say("handout.fix")}'
    legend += "</p>"
    mistakes = "".join(
        f"<li><b>{markup.inline(m.mistake.text(lang))}</b>"
        f"<div class='seen'>{markup.inline(m.you_see.text(lang))}</div>"
        f"<div>➜ {markup.inline(m.fix.text(lang))}</div></li>"
        for m in lesson.common_mistakes
    )
    sources = sources_list(lesson, say) if copy == "trainer" else sources_line(lesson, say)
    parts += [
        f"<h2>{say('handout.key_points')}</h2>",
        f'<div class="box points">{_items(lesson.key_points, lang)}</div>',
        f"<h2>{say('handout.mistakes')}</h2>{legend}<ul class='mistakes'>{mistakes}</ul>",
        f'<h2>{say("handout.your_notes")}</h2><div class="lines">{"<div></div>" * NOTE_LINES}</div>',
        f'<h2 class="sources">{say("handout.sources")}</h2>{sources}' if trainer else sources,
        "</div>",
    ]
    return a4_page(
        title, "".join(parts), lang, content.get("handout.print", lang), large=large, css=HANDOUT_CSS
    )


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
