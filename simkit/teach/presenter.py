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

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from simkit.learn.schema import DrillSection, ExplainSection, Lesson, PracticeSection, Step, Text
from simkit.teach.slide_pages import ROOM, Room, chunks, join, lines_of, paginate, text_lines
from simkit.teach.slide_render import slide_html

__all__ = ["ROOM", "Presenter", "Room", "Slide", "build_slides", "fits", "slide_html", "slide_lines"]

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
                shown = Slide("step", section.title, items=tuple(section.steps), counter=(index + 1, total))
                while shown.start < index and not fits(shown, room):
                    shown = replace(shown, start=shown.start + 1)
                slides.append(shown)
            if section.callout is not None:
                callout = Slide("callout", section.title, section.callout.text, callout=section.callout.kind)
                slides += _fit(room, callout, "body")
        elif isinstance(section, PracticeSection):
            flow = lesson.flow(section.flow)
            slides += _fit(room, Slide("practice", flow.title, flow.intro, app=flow.app), "body")
            for index, step in enumerate(flow.steps):
                screen = Slide(
                    "screen", flow.title, counter=(index + 1, len(flow.steps)), step=step, app=flow.app
                )
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
        # One block of phone text: the phone on one slide, what to do (under its title bar) on the next.
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


MEASURED_EXTRA: dict[str, float] = {
    "screen": 2.5, "practice": 1.9, "explain": 1.3, "mistake": 1.1, "case": 0.9, "step": 0.9,
    "key_points": 0.8, "callout": 0.4, "verdict": 0.4, "answer": 0.3, "question": 0.2,
}  # fmt: skip
"""Body lines added to each kind of slide's estimate, from measurement: the most that any slide of that
kind, in either language, needed on top of its estimate to end within 97% of the room at 1366×768 in
JupyterLab (tests/browser/test_presenter.py writes every slide's height and estimate to
presenter-slides.txt). Screens carry a phone frame and practice slides a banner, whose height the
line count does not see."""


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
    return total + MEASURED_EXTRA.get(kind, 0.0)


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
