"""Presenter mode: a lesson as a deck of large slides, one step at a time, for a projector in a commune hall.

Like flip-chart sheets prepared the night before: the title and objectives, each explanation with its
numbered steps revealed one by one (earlier steps stay, greyed, so latecomers can catch up), each warning on
its own sheet, the practice screens shown in a phone frame with what to tap, each safe-or-scam case asked
first and answered on the next sheet, each quiz question likewise, then the key points and the common
mistakes. The deck is built from the lesson file and holds ``Text`` pairs, not strings, so switching
language keeps the trainer on the same slide. ``Presenter`` is the remote control: forward, back, first,
jump, always clamped to the deck (pressing "next" on the last slide does nothing rather than fail).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from simkit.bilingual import check_lang
from simkit.learn import markup
from simkit.learn.schema import DrillSection, ExplainSection, Lesson, PracticeSection, Step, Text
from simkit.teach.slide_pages import ROOM, Room, chunks, join, lines_of, paginate, text_lines
from simkit.teach.strings import TeachContent

SlideKind = Literal[
    "title", "explain", "step", "callout", "practice", "screen", "drill", "case", "verdict", "question",
    "answer", "key_points", "mistake", "end",
]  # fmt: skip


@dataclass(frozen=True)
class Slide:
    """One projected sheet. Only the fields its ``kind`` uses are set."""

    kind: SlideKind
    heading: Text | None = None
    body: Text | None = None
    items: tuple[Text, ...] = ()
    counter: tuple[int, int] | None = None
    step: Step | None = None
    app: Text | None = None
    sender: Text | None = None
    verdict: str | None = None
    options: tuple[tuple[Text, bool, Text], ...] = ()
    callout: str | None = None
    part: tuple[int, int] | None = None
    """(page, pages) when a long section, phone screen or list of options is spread over several slides."""
    start: int = 0
    """On a step slide, the first earlier step still shown (older ones make room for the current one); on
    the second part of a quiz question, how many options came before (so the letters go on: C, D)."""


def build_slides(lesson: Lesson, room: Room = ROOM) -> tuple[Slide, ...]:
    """The whole deck of ``lesson``, in teaching order, every slide cut to fit ``room``.

    A long explanation, a long list of objectives or key points is spread over several slides (each with
    its heading and "part 2/3"); a step slide keeps as many earlier steps greyed above the current one as
    fit. Nothing is ever shrunk to fit: the words stay at the size the room was measured for.
    """
    slides = _fit(room, Slide("title", lesson.title, lesson.audience, tuple(lesson.objectives)), "items")
    for section in lesson.sections:
        if isinstance(section, ExplainSection):
            slides += _fit(room, Slide("explain", section.title, section.body), "body")
            total = len(section.steps)
            for index in range(total):
                step = Slide("step", section.title, items=tuple(section.steps), counter=(index + 1, total))
                while step.start < index and not fits(step, room):
                    step = replace(step, start=step.start + 1)
                slides.append(step)
            if section.callout is not None:
                callout = Slide("callout", section.title, section.callout.text, callout=section.callout.kind)
                slides += _fit(room, callout, "body")
        elif isinstance(section, PracticeSection):
            flow = lesson.flow(section.flow)
            slides += _fit(room, Slide("practice", flow.title, flow.intro, app=flow.app), "body")
            for index, step in enumerate(flow.steps):
                screen = Slide("screen", flow.title, counter=(index + 1, len(flow.steps)), step=step, app=flow.app)
                slides += _fit_screen(room, screen)
        elif isinstance(section, DrillSection):
            drill = lesson.drill(section.drill)
            slides += _fit(room, Slide("drill", drill.title, drill.intro), "body")
            for index, item in enumerate(drill.items):
                counter = (index + 1, len(drill.items))
                slides.append(Slide("case", drill.title, item.message, counter=counter, sender=item.sender))
                slides.append(
                    Slide(
                        "verdict",
                        drill.title,
                        item.reason,
                        counter=counter,
                        sender=item.sender,
                        verdict=item.answer,
                    )
                )
    questions = lesson.quiz.questions
    for index, question in enumerate(questions):
        options = tuple((o.text, o.correct, o.feedback) for o in question.options)
        counter = (index + 1, len(questions))
        slides += _fit_options(room, Slide("question", question.prompt, counter=counter, options=options))
        slides += _fit_options(room, Slide("answer", question.prompt, counter=counter, options=options))
    slides += _fit(room, Slide("key_points", items=tuple(lesson.key_points)), "items")
    for index, mistake in enumerate(lesson.common_mistakes):
        slides.append(
            Slide(
                "mistake",
                mistake.mistake,
                items=(mistake.you_see, mistake.fix),
                counter=(index + 1, len(lesson.common_mistakes)),
            )
        )
    slides.append(Slide("end", lesson.title))
    return tuple(slides)


def _fit(room: Room, slide: Slide, spread: Literal["body", "items"]) -> list[Slide]:
    """``slide`` as it is if it fits, else its body (paragraphs) or items spread over as many as needed."""
    if fits(slide, room):
        return [slide]
    if spread == "body":
        assert slide.body is not None
        pieces = [line for chunk in chunks(slide.body) for line in _cut_if_too_long(slide, chunk, room)]
        pages = paginate(pieces, lambda page: fits(replace(slide, body=join(page), part=(1, 2)), room))
        parts = [replace(slide, body=join(page)) for page in pages]
    else:
        pages = paginate(slide.items, lambda page: fits(replace(slide, items=tuple(page), part=(1, 2)), room))
        parts = [replace(slide, items=tuple(page)) for page in pages]
    if len(parts) == 1:
        return parts
    return [replace(part, part=(n, len(parts))) for n, part in enumerate(parts, start=1)]


def _list_lines(items: Sequence[Text], across: float) -> float:
    """Body lines of a bulleted list of ``items`` (one gap after the list, not after every item)."""
    return 0.5 + sum(text_lines(Text(vi=f"- {i.vi}", en=f"- {i.en}"), across) - 0.5 for i in items)


def _fit_screen(room: Room, slide: Slide) -> list[Slide]:
    """A practice screen whose phone text is too long: the phone's text over several slides, what to do
    (the task and the button) under the last one."""
    step = slide.step
    if fits(slide, room) or step is None:
        return [slide]
    pieces = chunks(step.show) if step.show is not None else []
    if not pieces:
        todo = replace(slide, step=step.model_copy(update={"sms": None}), part=(2, 2))
        return [replace(slide, part=(1, 2)), todo]

    def shown(page: Sequence[Text]) -> Slide:
        return replace(slide, step=step.model_copy(update={"show": join(page)}), part=(1, 2))

    pages = paginate(pieces, lambda page: fits(shown(page), room))
    if len(pages) == 1:
        # One block of phone text: the phone on one slide, what to do (under the phone's title bar) on the next.
        todo = replace(slide, step=step.model_copy(update={"show": None, "sms": None}), part=(2, 2))
        return [replace(slide, part=(1, 2)), todo]
    return [replace(shown(page), part=(n, len(pages))) for n, page in enumerate(pages, start=1)]


def _fit_options(room: Room, slide: Slide) -> list[Slide]:
    """A quiz question (or its answer) with options too long for one slide: the options over two or more."""
    if fits(slide, room):
        return [slide]
    pages = paginate(slide.options, lambda page: fits(replace(slide, options=tuple(page), part=(1, 2)), room))
    if len(pages) == 1:
        return [slide]
    offsets = [sum(len(page) for page in pages[:n]) for n in range(len(pages))]
    return [
        replace(slide, options=tuple(page), part=(n + 1, len(pages)), start=offsets[n])
        for n, page in enumerate(pages)
    ]


def _cut_if_too_long(slide: Slide, chunk: Text, room: Room) -> list[Text]:
    """A paragraph that fills a slide on its own is cut into its lines (a long list item by item)."""
    if fits(replace(slide, body=chunk, part=(1, 2)), room):
        return [chunk]
    lines = lines_of(chunk)
    return [chunk] if len(lines) == 1 else [join(group, "\n") for group in _line_groups(slide, lines, room)]


def _line_groups(slide: Slide, lines: list[Text], room: Room) -> list[list[Text]]:
    return paginate(lines, lambda group: fits(replace(slide, body=join(group, "\n"), part=(1, 2)), room))


def fits(slide: Slide, room: Room = ROOM) -> bool:
    """Whether ``slide``'s estimated height (``slide_lines``) is within ``room``."""
    return slide_lines(slide, room) <= room.lines


_HEADING = 1.45 * 1.2 / 1.35
"""Height of one line of a slide's h1 in body lines (1.45em at line-height 1.2, body at 1.35)."""


def slide_lines(slide: Slide, room: Room = ROOM) -> float:
    """The estimated height of ``slide`` in body lines (see ``simkit.teach.slide_pages``); both languages.

    Mirrors the slide stylesheet (``PRESENTER_CSS`` in the view): headings 1.45em, counters .6em, greyed
    steps .75em, the practice phone .75em.
    """
    across = room.chars_per_line
    total = 0.6 if slide.counter is not None or slide.part is not None else 0.0
    if slide.heading is not None:
        total += text_lines(slide.heading, across / 1.45 / 1.08) * _HEADING + 0.5
    kind = slide.kind
    if kind == "title":
        total += text_lines(slide.body, across / 0.85, scale=0.85) + 1.6
        total += _list_lines(slide.items, across)
    elif kind in ("explain", "practice", "drill", "callout"):
        total += text_lines(slide.body, across) + (1.0 if kind in ("practice", "callout") else 0.0)
    elif kind == "step":
        current = (slide.counter or (1, 1))[0]
        total += 0.6
        total += sum(text_lines(s, across, scale=0.75) for s in slide.items[slide.start : current - 1])
        total += text_lines(slide.items[current - 1], across / 1.08)
    elif kind == "screen" and slide.step is not None:
        step = slide.step
        total += 1.3 + 1.0 + 1.0  # the practice banner, the phone's title bar, the phone's frame
        if step.sms is not None:
            total += 0.75 + text_lines(step.sms.text, across, scale=0.75)
        total += text_lines(step.show, across, scale=0.75)
        if slide.part is None or slide.part[0] == slide.part[1]:
            total += text_lines(step.task, across) + 0.5 + 1.6  # the task, then the button to tap
    elif kind in ("question", "answer"):
        total += 1.5 if kind == "answer" else 0.0
        for option, correct, feedback in slide.options:
            total += text_lines(option, across - 3) + 0.2
            if kind == "answer" and correct:
                total += text_lines(feedback, across, scale=0.7)
    elif kind in ("case", "verdict"):
        total += 1.0 + text_lines(slide.body, across) + (2.0 if kind == "verdict" else 1.5)
    elif kind == "mistake":
        total += sum(text_lines(item, across - 8) for item in slide.items)
    elif kind == "key_points":
        total += 2.0 + _list_lines(slide.items, across)
    return total


class Presenter:
    """The remote control of a deck: which slide is showing, and moving through the deck within its ends."""

    def __init__(self, lesson: Lesson, number: int) -> None:
        self.lesson = lesson
        self.number = number
        self.slides = build_slides(lesson)
        self._index = 0

    @property
    def index(self) -> int:
        return self._index

    @property
    def total(self) -> int:
        return len(self.slides)

    @property
    def slide(self) -> Slide:
        return self.slides[self._index]

    @property
    def at_start(self) -> bool:
        return self._index == 0

    @property
    def at_end(self) -> bool:
        return self._index == self.total - 1

    def next(self) -> bool:
        """Move forward one slide; ``False`` (and no move) on the last slide."""
        return self.go(self._index + 1)

    def back(self) -> bool:
        """Move back one slide; ``False`` (and no move) on the first slide."""
        return self.go(self._index - 1)

    def first(self) -> bool:
        return self.go(0)

    def go(self, index: int) -> bool:
        """Show slide ``index`` (from 0), clamped to the deck; ``True`` if the slide changed."""
        target = min(max(int(index), 0), self.total - 1)
        moved = target != self._index
        self._index = target
        return moved


def slide_html(slide: Slide, content: TeachContent, lang: str) -> str:
    """One slide as HTML for the presenter view (the big type comes from the view's stylesheet)."""
    return _Render(content, check_lang(lang)).slide(slide)


_COUNTER_KEYS = {
    "screen": "presenter.screen",
    "case": "presenter.drill_item",
    "verdict": "presenter.drill_item",
    "question": "presenter.question",
    "answer": "presenter.question",
    "mistake": "presenter.mistake",
}


class _Render:
    """Turns slides into HTML in one language; one small method per kind of slide."""

    def __init__(self, content: TeachContent, lang: str) -> None:
        self.content = content
        self.lang = lang

    def say(self, key: str, **params: Any) -> str:
        return html.escape(self.content.get(key, self.lang, **params))

    def text(self, item: Text | None) -> str:
        return "" if item is None else markup.inline(item.text(self.lang))

    def block(self, item: Text | None) -> str:
        return "" if item is None else markup.to_html(item.text(self.lang))

    def slide(self, slide: Slide) -> str:
        counter = ""
        if slide.counter is not None and slide.kind in _COUNTER_KEYS:
            current, total = slide.counter
            counter = self.say(_COUNTER_KEYS[slide.kind], current=current, total=total)
            counter = f"<div class='simkit-slide-counter'>{counter}</div>"
        if slide.part is not None:
            part = self.say("presenter.part", current=slide.part[0], total=slide.part[1])
            counter = f"<div class='simkit-slide-counter'>{part}</div>"
        heading = f"<h1>{self.text(slide.heading)}</h1>" if slide.heading is not None else ""
        body: Callable[[Slide], str] = getattr(self, f"_{slide.kind}")
        return f"<div class='simkit-slide simkit-slide-{slide.kind}'>{counter}{heading}{body(slide)}</div>"

    def _title(self, slide: Slide) -> str:
        objectives = "".join(f"<li>{self.text(o)}</li>" for o in slide.items)
        return (
            f"<p class='simkit-slide-lead'>{self.text(slide.body)}</p>"
            f"<h2>{self.say('presenter.objectives')}</h2><ul>{objectives}</ul>"
        )

    def _explain(self, slide: Slide) -> str:
        return self.block(slide.body)

    def _practice(self, slide: Slide) -> str:
        return f"<div class='simkit-slide-tag'>{self.say('presenter.practice')}</div>{self.block(slide.body)}"

    def _drill(self, slide: Slide) -> str:
        return self.block(slide.body)

    def _step(self, slide: Slide) -> str:
        current, total = slide.counter or (1, 1)
        done = "".join(
            f"<li class='simkit-slide-done'>{self.text(s)}</li>"
            for s in slide.items[slide.start : current - 1]
        )
        now = f"<li class='simkit-slide-now'>{self.text(slide.items[current - 1])}</li>"
        step = self.say("presenter.step", current=current, total=total)
        start = f" start='{slide.start + 1}'" if slide.start else ""
        return f"<div class='simkit-slide-counter'>{step}</div><ol{start}>{done}{now}</ol>"

    def _callout(self, slide: Slide) -> str:
        kind = slide.callout or "note"
        label = self.say(f"callout.{kind}")
        return f"<div class='simkit-callout-{kind}'><b>{label}:</b> {self.text(slide.body)}</div>"

    def _screen(self, slide: Slide) -> str:
        step = slide.step
        if step is None:
            return ""
        sms = ""
        if step.sms is not None:
            sender = self.say("presenter.sms_from", sender=step.sms.sender)
            sms = f"<div class='simkit-sms'>{sender}<br>{self.text(step.sms.text)}</div>"
        if step.action == "tap":
            labels = [b.label.text(self.lang) for b in step.buttons if b.correct]
            action = " / ".join(self.say("presenter.tap", label=label) for label in labels)
        else:
            fields = ", ".join(f.label.text(self.lang) for f in step.fields)
            submit = step.submit.text(self.lang) if step.submit is not None else ""
            action = self.say("presenter.fill", fields=fields, submit=submit)
        last = slide.part is None or slide.part[0] == slide.part[1]
        todo = (
            f"<p class='simkit-task'>{self.say('presenter.task')}: {self.text(step.task)}</p>"
            f"<div class='simkit-ok simkit-slide-action'>✔ {action}</div>"
            if last
            else ""
        )
        return (
            f"<div class='simkit-banner'>{self.say('presenter.practice_banner')}</div>"
            f"<div class='simkit-phone simkit-slide-phone'><div class='simkit-phone-bar'>"
            f"<b>{self.text(slide.app)}</b> · {self.text(step.screen)}</div>"
            f"{sms}{self.block(step.show)}</div>{todo}"
        )

    def _case(self, slide: Slide) -> str:
        sender = self.say("presenter.from", sender=slide.sender.text(self.lang) if slide.sender else "")
        question = self.say("presenter.drill_question")
        asked = (
            ""
            if slide.heading is not None and self.text(slide.heading) == question
            else f"<h2>{question}</h2>"
        )
        return (
            f"<div class='simkit-slide-sender'>{sender}</div>"
            f"<div class='simkit-message'>{self.block(slide.body)}</div>{asked}"
        )

    def _verdict(self, slide: Slide) -> str:
        css = "simkit-ok" if slide.verdict == "safe" else "simkit-bad"
        verdict = self.say(f"presenter.answer_{slide.verdict}")
        return f"<div class='{css} simkit-slide-verdict'>{verdict}</div><p>{self.text(slide.body)}</p>"

    def _question(self, slide: Slide) -> str:
        return self._options(slide, reveal=False)

    def _answer(self, slide: Slide) -> str:
        return f"<h2>{self.say('presenter.answer')}</h2>{self._options(slide, reveal=True)}"

    def _options(self, slide: Slide, *, reveal: bool) -> str:
        rows = []
        for letter, (option, correct, feedback) in zip("ABCDEFGHIJ"[slide.start :], slide.options, strict=False):
            if not reveal:
                rows.append(f"<li><b>{letter}.</b> {self.text(option)}</li>")
                continue
            css, mark = ("simkit-slide-right", "✔") if correct else ("simkit-slide-wrong", "✘")
            why = f"<div class='simkit-slide-why'>{self.text(feedback)}</div>" if correct else ""
            rows.append(f"<li class='{css}'>{mark} <b>{letter}.</b> {self.text(option)}{why}</li>")
        return f"<ul class='simkit-slide-options'>{''.join(rows)}</ul>"

    def _key_points(self, slide: Slide) -> str:
        points = "".join(f"<li>{self.text(p)}</li>" for p in slide.items)
        return f"<h1>{self.say('presenter.key_points')}</h1><ul>{points}</ul>"

    def _mistake(self, slide: Slide) -> str:
        you_see, fix = slide.items
        return (
            f"<p><b>{self.say('presenter.you_see')}:</b> {self.text(you_see)}</p>"
            f"<p><b>{self.say('presenter.fix')}:</b> {self.text(fix)}</p>"
        )

    def _end(self, slide: Slide) -> str:
        return f"<h2>{self.say('presenter.end')}</h2><p>{self.say('presenter.end_detail')}</p>"
