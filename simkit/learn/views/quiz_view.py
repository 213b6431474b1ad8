"""Thin views of the quiz and the safe-or-scam drill (the marking is in ``simkit.learn.quiz``)."""

from __future__ import annotations

import functools
import html
import math

import ipywidgets as widgets

from simkit.learn.quiz import DrillRun, QuestionResult, QuizRun
from simkit.learn.schema import Question
from simkit.learn.validators import Problem
from simkit.learn.views.common import Context, button, html_box, replace_children


class QuizView(widgets.VBox):
    """Every question of the lesson quiz, each with its own Check button and per-option explanations."""

    def __init__(self, run: QuizRun, ctx: Context) -> None:
        super().__init__()
        self.run = run
        self.ctx = ctx
        self.choices: dict[str, widgets.Widget] = {}
        self.checks: dict[str, widgets.Button] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        self.retry_button: widgets.Button | None = None
        self.render()

    def selected(self, question: Question) -> list[str]:
        widget = self.choices[question.id]
        if isinstance(widget, widgets.RadioButtons):
            return [widget.value] if widget.value else []
        return [box.option_id for box in widget.children if box.value]

    def check(self, question_id: str) -> QuestionResult | Problem:
        question = self.run.question(question_id)
        self.run.choose(question_id, self.selected(question))
        result = self.run.check(question_id)
        self.ctx.session.touch()
        self.ctx.changed()
        self.render(problem=(question_id, result) if isinstance(result, Problem) else None)
        return result

    def retry(self) -> None:
        self.run.retry()
        self.ctx.changed()
        self.render()

    def render(self, problem: tuple[str, Problem] | None = None) -> None:
        ctx, run = self.ctx, self.run
        needed = math.ceil(run.quiz.pass_mark * run.total - 1e-9)
        self.choices, self.checks, self.feedback, self.retry_button = {}, {}, {}, None
        blocks: list[widgets.Widget] = [html_box(ctx.t("quiz.intro", total=run.total, needed=needed))]
        for number, question in enumerate(run.quiz.questions, start=1):
            blocks.append(self._question(number, question, problem))
        if run.finished:
            verdict = (
                ctx.t("quiz.passed")
                if run.passed
                else ctx.t("quiz.not_passed", needed=needed, total=run.total)
            )
            blocks.append(
                html_box(
                    f"<b>{ctx.t('quiz.score', score=run.score, total=run.total)}</b> {verdict}",
                    "simkit-ok" if run.passed else "simkit-bad",
                )
            )
        self.retry_button = button(ctx.plain("quiz.retry"), self.retry, ctx)
        blocks.append(self.retry_button)
        replace_children(self, blocks)

    def _question(self, number: int, question: Question, problem: tuple[str, Problem] | None) -> widgets.VBox:
        ctx = self.ctx
        chosen = self.run.chosen(question.id)
        prompt = ctx.say(question.prompt)
        hint = ctx.t("quiz.single_hint") if question.kind == "single" else ctx.t("quiz.multiple_hint")
        head = html_box(
            f"<b>{ctx.t('quiz.question', current=number, total=self.run.total)}.</b> {prompt}"
            f"<br><span class='simkit-muted'>{hint}</span>"
        )
        counter = ctx.plain("quiz.question", current=number, total=self.run.total)
        label = f"{counter}: {question.prompt.text(ctx.lang)}"
        if question.kind == "single":
            choice: widgets.Widget = widgets.RadioButtons(
                options=[(o.text.text(ctx.lang), o.id) for o in question.options],
                value=next(iter(chosen), None),
                tooltip=label,
                description=ctx.plain("quiz.question", current=number, total=self.run.total),
                layout=widgets.Layout(width="100%"),
            )
        else:
            boxes = []
            for option in question.options:
                box = widgets.Checkbox(
                    value=option.id in chosen,
                    description=option.text.text(ctx.lang),
                    tooltip=option.text.text(ctx.lang),
                    indent=False,
                    layout=widgets.Layout(width="100%"),
                )
                box.option_id = option.id
                boxes.append(box)
            choice = widgets.VBox(boxes)
        self.choices[question.id] = choice
        self.checks[question.id] = button(
            ctx.plain("quiz.check"),
            functools.partial(self.check, question.id),
            ctx,
            tooltip=f"{ctx.plain('quiz.check')}: {label}",
            css="simkit-primary",
        )
        self.feedback[question.id] = html_box(self._result_html(question, problem))
        block = widgets.VBox([head, choice, self.checks[question.id], self.feedback[question.id]])
        block.add_class("simkit-card")
        return block

    def _result_html(self, question: Question, problem: tuple[str, Problem] | None) -> str:
        ctx = self.ctx
        if problem is not None and problem[0] == question.id:
            return f"<div class='simkit-bad'>{ctx.say(problem[1])}</div>"
        result = self.run.result(question.id)
        if result is None:
            return ""
        lines = []
        for verdict in result.options:
            mark = "✔" if verdict.option.correct else "✖"
            tags = [ctx.t("quiz.correct_option") if verdict.option.correct else ctx.t("quiz.wrong_option")]
            if verdict.chosen:
                tags.append(f"<b>{ctx.t('quiz.you_chose')}</b>")
            lines.append(
                f"<li>{mark} <b>{ctx.say(verdict.option.text)}</b> ({', '.join(tags)}): "
                f"{ctx.say(verdict.option.feedback)}</li>"
            )
        head = ctx.t("quiz.right") if result.correct else ctx.t("quiz.wrong")
        css = "simkit-ok" if result.correct else "simkit-bad"
        return f"<div class='{css}'><b>{head}</b><ul>{''.join(lines)}</ul></div>"


class DrillView(widgets.VBox):
    """One drill item at a time: the message in its frame, Safe / Scam, then the answer and why."""

    def __init__(self, run: DrillRun, ctx: Context) -> None:
        super().__init__()
        self.run = run
        self.ctx = ctx
        self.render()

    def answer(self, choice: str) -> None:
        self.run.answer(choice)
        self.ctx.session.touch()
        self.ctx.changed()
        self.render()

    def _move(self, move: str) -> None:
        getattr(self.run, move)()
        self.ctx.changed()
        self.render()

    def render(self) -> None:
        ctx, run = self.ctx, self.run
        item = run.item
        frame = html_box(
            f"<span class='simkit-muted'>{ctx.t('drill.item', current=run.index + 1, total=run.total)} · "
            f"{ctx.t('drill.channel.' + item.channel)}</span><br>"
            f"<b>{ctx.t('drill.from', sender=item.sender.text(ctx.lang))}</b><br>"
            f"{ctx.text(item.message, links=False)}",
            "simkit-message",
        )
        self.safe_button = button(
            ctx.plain("drill.safe"),
            lambda: self.answer("safe"),
            ctx,
            tooltip=f"{ctx.plain('drill.question')} {ctx.plain('drill.safe')}",
        )
        self.scam_button = button(
            ctx.plain("drill.scam"),
            lambda: self.answer("scam"),
            ctx,
            tooltip=f"{ctx.plain('drill.question')} {ctx.plain('drill.scam')}",
        )
        result = run.result()
        self.safe_button.disabled = self.scam_button.disabled = result is not None
        intro = html_box(
            f"<b>{html.escape(run.drill.title.text(ctx.lang))}</b><br>{ctx.text(run.drill.intro)}"
        )
        parts: list[widgets.Widget] = [
            intro,
            frame,
            html_box(f"<b>{ctx.t('drill.question')}</b>"),
            widgets.HBox([self.safe_button, self.scam_button]),
        ]
        if result is not None:
            answer = ctx.t("drill." + item.answer)
            head = ctx.t("drill.right") if result.correct else ctx.t("drill.wrong")
            parts.append(
                html_box(
                    f"<b>{head}</b> {ctx.t('drill.answer_was', answer=answer)}<br>{ctx.text(item.reason)}",
                    "simkit-ok" if result.correct else "simkit-bad",
                )
            )
        self.back_button = button(ctx.plain("nav.back"), lambda: self._move("back"), ctx)
        self.back_button.disabled = run.index == 0
        self.next_button = button(
            ctx.plain("drill.next"), lambda: self._move("next"), ctx, css="simkit-primary"
        )
        self.next_button.disabled = result is None or run.index >= run.total - 1
        self.retry_button = button(ctx.plain("drill.retry"), lambda: self._move("retry"), ctx)
        parts.append(widgets.HBox([self.back_button, self.next_button, self.retry_button]))
        if run.finished:
            parts.append(
                html_box(f"<b>{ctx.t('drill.score', score=run.score, total=run.total)}</b>", "simkit-ok")
            )
        replace_children(self, parts)
