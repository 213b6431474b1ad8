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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from simkit.bilingual import check_lang
from simkit.learn import markup
from simkit.learn.schema import DrillSection, ExplainSection, Lesson, PracticeSection, Step, Text
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


def build_slides(lesson: Lesson) -> tuple[Slide, ...]:
    """The whole deck of ``lesson``, in teaching order."""
    slides = [Slide("title", lesson.title, lesson.audience, tuple(lesson.objectives))]
    for section in lesson.sections:
        if isinstance(section, ExplainSection):
            slides.append(Slide("explain", section.title, section.body))
            total = len(section.steps)
            for index in range(total):
                slides.append(
                    Slide("step", section.title, items=tuple(section.steps), counter=(index + 1, total))
                )
            if section.callout is not None:
                slides.append(
                    Slide("callout", section.title, section.callout.text, callout=section.callout.kind)
                )
        elif isinstance(section, PracticeSection):
            flow = lesson.flow(section.flow)
            slides.append(Slide("practice", flow.title, flow.intro, app=flow.app))
            for index, step in enumerate(flow.steps):
                slides.append(
                    Slide("screen", flow.title, counter=(index + 1, len(flow.steps)), step=step, app=flow.app)
                )
        elif isinstance(section, DrillSection):
            drill = lesson.drill(section.drill)
            slides.append(Slide("drill", drill.title, drill.intro))
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
        slides.append(Slide("question", question.prompt, counter=counter, options=options))
        slides.append(Slide("answer", question.prompt, counter=counter, options=options))
    slides.append(Slide("key_points", items=tuple(lesson.key_points)))
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
            f"<li class='simkit-slide-done'>{self.text(s)}</li>" for s in slide.items[: current - 1]
        )
        now = f"<li class='simkit-slide-now'>{self.text(slide.items[current - 1])}</li>"
        step = self.say("presenter.step", current=current, total=total)
        return f"<div class='simkit-slide-counter'>{step}</div><ol>{done}{now}</ol>"

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
        return (
            f"<div class='simkit-banner'>{self.say('presenter.practice_banner')}</div>"
            f"<div class='simkit-phone simkit-slide-phone'><div class='simkit-phone-bar'>"
            f"<b>{self.text(slide.app)}</b> · {self.text(step.screen)}</div>"
            f"{sms}{self.block(step.show)}</div>"
            f"<p class='simkit-task'>{self.say('presenter.task')}: {self.text(step.task)}</p>"
            f"<div class='simkit-ok simkit-slide-action'>✔ {action}</div>"
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
        for letter, (option, correct, feedback) in zip("ABCDEFGHIJ", slide.options, strict=False):
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
