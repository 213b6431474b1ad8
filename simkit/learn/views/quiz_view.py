"""Thin views of the quiz and the safe-or-scam drill (the marking is in ``simkit.learn.quiz``).

Quiz: each question has its own "Check". A first wrong check says only "not right yet, one more try"; the
second (or a right answer) closes the question: its choices are locked and every option is explained, the
learner's own choice marked. The counter "Question 1 of 5" is shown once, in the question's heading (the
radio group has no description of its own, which would repeat it in a narrow column beside the options).
"Try the quiz again" appears only when the quiz is finished and not passed; after "Passed!" the line below
says where to go next.

Drill: after an answer the chosen button stays marked (``simkit-chosen``) and the verdict says what was
chosen; "Next message" sits right under the explanation; at the end a verdict in words and what to do when
in doubt. Feedback is in ``aria-live`` boxes and the keyboard focus moves to it (``feedback_box``).
"""

from __future__ import annotations

import functools
import html
import math

import ipywidgets as widgets

from simkit.learn.quiz import DrillRun, QuestionResult, QuizRun
from simkit.learn.schema import Question
from simkit.learn.validators import Problem
from simkit.learn.views.common import Context, button, feedback_box, html_box, replace_children

CHOSEN_CLASS = "simkit-chosen"
"""The class of the drill button the learner pressed (drawn in ``simkit.widgets.style``)."""


class QuizView(widgets.VBox):
    """Every question of the lesson quiz, each with its own Check button, two tries, then explanations."""

    def __init__(self, run: QuizRun, ctx: Context) -> None:
        super().__init__()
        self.run = run
        self.ctx = ctx
        self.choices: dict[str, widgets.Widget] = {}
        self.checks: dict[str, widgets.Button] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        self.retry_button: widgets.Button | None = None
        self._focus: tuple[str, str] | None = None
        self.render()

    def selected(self, question: Question) -> list[str]:
        widget = self.choices[question.id]
        if isinstance(widget, widgets.RadioButtons):
            return [widget.value] if widget.value else []
        return [box.option_id for box in widget.children if box.value]

    def check(self, question_id: str) -> QuestionResult | Problem:
        question = self.run.question(question_id)
        if not self.run.closed(question_id):
            self.run.choose(question_id, self.selected(question))
        result = self.run.check(question_id)
        self.ctx.session.touch()
        self.ctx.changed()
        self._focus = (question_id, self.ctx.focus_here())
        self.render(problem=(question_id, result) if isinstance(result, Problem) else None)
        return result

    def retry(self) -> None:
        self.run.retry()
        self.ctx.changed()
        self._focus = ("", self.ctx.focus_here())
        self.render()

    def render(self, problem: tuple[str, Problem] | None = None) -> None:
        ctx, run = self.ctx, self.run
        needed = math.ceil(run.quiz.pass_mark * run.total - 1e-9)
        focus, self._focus = self._focus or ("", ""), None
        self.choices, self.checks, self.feedback, self.retry_button = {}, {}, {}, None
        intro_focus = focus[1] if focus[0] == "" else ""
        blocks: list[widgets.Widget] = [
            html_box(f"<div {intro_focus}>{ctx.t('quiz.intro', total=run.total, needed=needed)}</div>")
        ]
        for number, question in enumerate(run.quiz.questions, start=1):
            shown = focus[1] if focus[0] == question.id else ""
            blocks.append(self._question(number, question, problem, shown))
        if run.finished:
            blocks.extend(self._end(needed))
        replace_children(self, blocks)

    def _end(self, needed: int) -> list[widgets.Widget]:
        """The score and verdict; then the next page if passed, or "Try the quiz again" if not."""
        ctx, run = self.ctx, self.run
        score = f"<b>{ctx.t('quiz.score', score=run.score, total=run.total)}</b>"
        if run.passed:
            next_step = ctx.t("quiz.next_step", next=ctx.plain("nav.next"), summary=ctx.plain("page.summary"))
            return [feedback_box(f"✔ {score} {ctx.t('quiz.passed')}<br>{next_step}", True)]
        verdict = ctx.t("quiz.not_passed", needed=needed, total=run.total)
        self.retry_button = button(ctx.plain("quiz.retry"), self.retry, ctx, css="simkit-primary")
        return [feedback_box(f"{score} {verdict}", False), self.retry_button]

    def _question(
        self, number: int, question: Question, problem: tuple[str, Problem] | None, focus: str
    ) -> widgets.VBox:
        ctx = self.ctx
        chosen = self.run.chosen(question.id)
        closed = self.run.closed(question.id)
        prompt = ctx.say(question.prompt)
        hint = ctx.t("quiz.single_hint") if question.kind == "single" else ctx.t("quiz.multiple_hint")
        counter = ctx.plain("quiz.question", current=number, total=self.run.total)
        head = html_box(
            f"<b>{html.escape(counter)}.</b> {prompt}<br><span class='simkit-muted'>{hint}</span>"
        )
        label = f"{counter}: {question.prompt.text(ctx.lang)}"
        if question.kind == "single":
            choice: widgets.Widget = widgets.RadioButtons(
                options=[(o.text.text(ctx.lang), o.id) for o in question.options],
                value=next(iter(chosen), None),
                tooltip=label,
                disabled=closed,
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
                    disabled=closed,
                    layout=widgets.Layout(width="100%"),
                )
                box.option_id = option.id
                boxes.append(box)
            choice = widgets.VBox(boxes)
        self.choices[question.id] = choice
        parts: list[widgets.Widget] = [head, choice]
        if not closed:  # a closed question keeps its answer: no button that could do nothing
            self.checks[question.id] = button(
                ctx.plain("quiz.check"),
                functools.partial(self.check, question.id),
                ctx,
                tooltip=f"{ctx.plain('quiz.check')}: {label}",
                css="simkit-primary",
            )
            parts.append(self.checks[question.id])
        self.feedback[question.id] = self._result(question, problem, focus)
        parts.append(self.feedback[question.id])
        block = widgets.VBox(parts)
        block.add_class("simkit-card")
        return block

    def _result(self, question: Question, problem: tuple[str, Problem] | None, focus: str) -> widgets.HTML:
        ctx = self.ctx
        if problem is not None and problem[0] == question.id:
            return feedback_box(ctx.say(problem[1]), False, focus)
        result = self.run.result(question.id)
        if result is None:
            return html_box("")
        if not result.final:  # first wrong try: nothing about which options are right, or why
            return feedback_box(f"✖ <b>{ctx.t('quiz.try_again')}</b>", False, focus)
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
        head = f"✔ {ctx.t('quiz.right')}" if result.correct else f"✖ {ctx.t('quiz.wrong')}"
        return feedback_box(f"<b>{head}</b><ul>{''.join(lines)}</ul>", result.correct, focus)


class DrillView(widgets.VBox):
    """One drill item at a time: the message in its frame, Safe / Scam, then the answer, why, and Next."""

    def __init__(self, run: DrillRun, ctx: Context) -> None:
        super().__init__()
        self.run = run
        self.ctx = ctx
        self._focus = ""
        self.render()

    def answer(self, choice: str) -> None:
        self.run.answer(choice)
        self.ctx.session.touch()
        self.ctx.changed()
        self._focus = self.ctx.focus_here()
        self.render()

    def _move(self, move: str) -> None:
        getattr(self.run, move)()
        self.ctx.changed()
        self._focus = self.ctx.focus_here()
        self.render()

    def render(self) -> None:
        ctx, run = self.ctx, self.run
        item = run.item
        focus, self._focus = self._focus, ""
        result = run.result()
        frame = html_box(
            f"<div {focus if result is None else ''}><span class='simkit-muted'>"
            f"{ctx.t('drill.item', current=run.index + 1, total=run.total)} · "
            f"{ctx.t('drill.channel.' + item.channel)}</span><br>"
            f"<b>{ctx.t('drill.from', sender=item.sender.text(ctx.lang))}</b><br>"
            f"{ctx.text(item.message, links=False)}</div>",
            "simkit-message",
        )
        self.safe_button = self._choice_button("safe", result.answer if result else None)
        self.scam_button = self._choice_button("scam", result.answer if result else None)
        intro = html_box(
            f"<b>{html.escape(run.drill.title.text(ctx.lang))}</b><br>{ctx.text(run.drill.intro)}"
        )
        parts: list[widgets.Widget] = [
            intro,
            frame,
            html_box(f"<b>{ctx.t('drill.question')}</b>"),
            widgets.HBox([self.safe_button, self.scam_button]),
        ]
        self.next_button = button(
            ctx.plain("drill.next"), lambda: self._move("next"), ctx, css="simkit-primary"
        )
        self.next_button.disabled = result is None or run.at_last
        self.retry_button = button(ctx.plain("drill.retry"), lambda: self._move("retry"), ctx)
        if result is not None:
            head = f"✔ {ctx.t('drill.right')}" if result.correct else f"✖ {ctx.t('drill.wrong')}"
            chose = ctx.t("drill.you_chose", choice=ctx.plain("drill." + result.answer))
            answer = ctx.t("drill.answer_was", answer=ctx.plain("drill." + item.answer))
            parts.append(
                feedback_box(
                    f"<b>{head}</b> {chose} {answer}<br>{ctx.text(item.reason)}", result.correct, focus
                )
            )
            if not run.at_last:
                parts.append(self.next_button)  # right under the explanation: the way on
            elif run.finished:
                parts.extend(self._end())
        self.back_button = button(ctx.plain("drill.back"), lambda: self._move("back"), ctx)
        self.back_button.disabled = run.index == 0
        parts.append(self.back_button)
        replace_children(self, parts)

    def _choice_button(self, choice: str, chosen: str | None) -> widgets.Button:
        """ "Safe" or "Scam"; after an answer both are locked and the pressed one stays marked."""
        ctx = self.ctx
        label = ctx.plain(f"drill.{choice}")
        widget = button(
            label,
            lambda: self.answer(choice),
            ctx,
            tooltip=ctx.plain("drill.you_chose", choice=label)
            if chosen == choice
            else f"{ctx.plain('drill.question')} {label}",
        )
        widget.disabled = chosen is not None
        if chosen == choice:
            widget.add_class(CHOSEN_CLASS)
        return widget

    def _end(self) -> list[widgets.Widget]:
        """The score in numbers and words, what to do when in doubt, and a new go."""
        ctx, run = self.ctx, self.run
        verdict = {
            "all": lambda: ctx.t("drill.verdict_all"),
            "most": lambda: ctx.t(
                "drill.verdict_most",
                missed=", ".join(str(n) for n in run.missed),
                back=ctx.plain("drill.back"),
            ),
            "few": lambda: ctx.t("drill.verdict_few", retry=ctx.plain("drill.retry")),
        }[run.verdict]()
        score = ctx.t("drill.score", score=run.score, total=run.total)
        return [
            feedback_box(f"<b>{score}</b> {verdict}", run.verdict != "few"),
            html_box(f"<div class='simkit-callout-note'>{ctx.t('drill.in_doubt')}</div>"),
            self.retry_button,
        ]
