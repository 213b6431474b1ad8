"""Slides as HTML for the presenter screen: one small method per kind of slide, in one language.

Kept apart from ``simkit.teach.presenter`` (which builds and cuts the deck) so each module has one job;
the big type and the slide layout come from the presenter view's stylesheet. Every lesson text goes
through ``simkit.learn.markup`` (escaped, with ``**bold**``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from simkit.bilingual import check_lang
from simkit.learn import markup
from simkit.learn.schema import Text
from simkit.teach.strings import TeachContent

if TYPE_CHECKING:
    from simkit.teach.presenter import Slide


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
        for letter, (option, correct, feedback) in zip(
            "ABCDEFGHIJ"[slide.start :], slide.options, strict=False
        ):
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
