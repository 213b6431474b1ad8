"""The phone-frame practice screen: a thin view of a ``FlowRun``.

It draws the current step inside a phone frame (app bar, incoming SMS, what the screen shows, the task, the
buttons or form) beside the fictional persona's card, and turns clicks into ``tap``/``submit`` calls on the
run. All judging happens in ``simkit.learn.flow``; this module only displays and forwards. What the learner
types lives only in the input widgets (and in memory while the language is switched); it is never saved.
"""

from __future__ import annotations

import functools
import html
from typing import cast

import ipywidgets as widgets

from simkit.learn.flow import FlowRun, Outcome
from simkit.learn.schema import FormField, Persona, Step, Text
from simkit.learn.validators import PRACTICE_PROVINCE_CODE
from simkit.learn.views.common import Context, button, feedback_box, html_box, replace_children


class PhoneView(widgets.VBox):
    """Practice screen for one flow; ``render`` redraws it in the session's current language."""

    def __init__(self, run: FlowRun, persona: Persona, ctx: Context) -> None:
        super().__init__()
        self.add_class("simkit-practice")
        self.run = run
        self.persona = persona
        self.ctx = ctx
        self.inputs: dict[str, widgets.ValueWidget] = {}
        self.buttons: dict[str, widgets.Button] = {}
        self.problems: dict[str, widgets.HTML] = {}
        self.submit_button: widgets.Button | None = None
        self._draft: dict[str, object] = {}
        self._draft_step: tuple[int, str] | None = None
        self._focus = ""
        """Set for one redraw after an action: where the keyboard focus goes (the feedback or new step)."""
        # The frame around the screen (banner, the flow's title, the persona's card) is built once and only
        # its texts change; a tap redraws the phone's screen alone (fewer widgets to create and send).
        self.banner = html_box("", "simkit-banner")
        self.intro = html_box("")
        self.phone = widgets.VBox()
        self.phone.add_class("simkit-phone")
        self.card = html_box("", "simkit-card")
        side = widgets.VBox([self.card])
        side.add_class("simkit-persona")
        self.children = [
            self.banner,
            self.intro,
            widgets.HBox([self.phone, side], layout=widgets.Layout(flex_flow="row wrap")),
        ]
        self.render()

    # --- actions -------------------------------------------------------------------------------------
    def tap(self, button_id: str) -> Outcome:
        outcome = self.run.tap(button_id)
        self._after(outcome)
        return outcome

    def submit(self) -> Outcome:
        values = {fid: widget.value for fid, widget in self.inputs.items()}
        outcome = self.run.submit(values)
        self._after(outcome)
        return outcome

    def _after(self, outcome: Outcome) -> None:
        if outcome.ok:
            self._draft, self._draft_step = {}, None
        self.ctx.session.touch()
        self.ctx.changed()
        self._focus = self.ctx.focus_here()
        self.render()

    def _move(self, move: str) -> None:
        getattr(self.run, move)()
        self._draft, self._draft_step = {}, None
        self.ctx.changed()
        self._focus = self.ctx.focus_here()
        self.render()

    # --- drawing -------------------------------------------------------------------------------------
    def render(self) -> None:
        """Redraw; typed values of the current step survive a redraw (e.g. a language switch)."""
        ctx, run = self.ctx, self.run
        key = (run.index, run.step.id)
        if self._draft_step == key:
            self._draft = {fid: w.value for fid, w in self.inputs.items()}
        self._draft_step = key
        self.inputs, self.buttons, self.problems, self.submit_button = {}, {}, {}, None
        focus, self._focus = self._focus, ""
        self.banner.value = ctx.t("phone.banner")
        self.intro.value = (
            f"<b>{html.escape(run.flow.title.text(ctx.lang))}</b><br>{ctx.text(run.flow.intro)}"
        )
        self.card.value = self._persona_card()
        replace_children(self.phone, self._screen(run.step, focus))

    def _screen(self, step: Step, focus: str) -> list[widgets.Widget]:
        """The phone's screen; ``focus`` marks where the keyboard focus goes: the feedback of the last
        answer if there is one, else the bar of the (new) step."""
        ctx, run = self.ctx, self.run
        has_feedback = run.last is not None
        parts: list[widgets.Widget] = [
            html_box(
                f"<div {'' if has_feedback else focus}><b>{html.escape(run.flow.app.text(ctx.lang))}</b> · "
                f"{html.escape(step.screen.text(ctx.lang))} · "
                f"<span class='simkit-step-count'>"
                f"{ctx.t('phone.step', current=run.index + 1, total=run.total)}</span></div>",
                "simkit-phone-bar",
            )
        ]
        focus = focus if has_feedback else ""
        if step.sms is not None:
            parts.append(
                html_box(
                    f"✉ {ctx.t('phone.sms_from', sender=step.sms.sender)}<br>"
                    f"{ctx.say(step.sms.text, links=False)}",
                    "simkit-sms",
                )
            )
        if step.show is not None:
            parts.append(html_box(ctx.text(step.show)))
        parts.append(html_box(f"{ctx.t('phone.task')}: {ctx.say(step.task)}", "simkit-task"))
        if step.tip is not None:
            parts.append(html_box(f"<b>{ctx.t('phone.tip')}:</b> {ctx.say(step.tip)}", "simkit-muted"))
        if run.at_end:
            parts.append(self._feedback(run.last, focus))
            parts.append(html_box(f"<b>✔ {ctx.t('phone.finished')}</b>", "simkit-ok"))
        else:
            parts.extend(self._buttons(step) if step.action == "tap" else self._form(step))
            if run.last is not None:
                parts.append(self._feedback(run.last, focus))
        parts.append(self._nav())
        return parts

    def _buttons(self, step: Step) -> list[widgets.Widget]:
        out = []
        for spec in step.buttons:
            label = spec.label.text(self.ctx.lang)
            widget = button(label, functools.partial(self.tap, spec.id), self.ctx, width="100%")
            self.buttons[spec.id] = widget
            out.append(widget)
        return out

    def _form(self, step: Step) -> list[widgets.Widget]:
        ctx = self.ctx
        problems = self.run.last.fields if self.run.last is not None and not self.run.last.ok else {}
        out: list[widgets.Widget] = []
        for spec in step.fields:
            widget = self._input(spec)
            self.inputs[spec.id] = widget
            note = html_box("", "simkit-field-problem")
            if spec.id in problems:
                note.value = "<br>".join(f"⚠ {ctx.say(p)}" for p in problems[spec.id])
            self.problems[spec.id] = note
            extra = [html_box(ctx.say(spec.hint), "simkit-muted")] if spec.hint is not None else []
            out.append(widgets.VBox([widget, *extra, note]))
        submit = cast(Text, step.submit)  # a step with fields has a submit button (checked on load)
        self.submit_button = button(
            submit.text(ctx.lang), self.submit, ctx, width="100%", css="simkit-primary"
        )
        out.append(self.submit_button)
        return out

    def _input(self, spec: FormField) -> widgets.ValueWidget:
        ctx = self.ctx
        mark = ctx.plain("phone.required") if spec.required else ctx.plain("phone.optional")
        label = f"{spec.label.text(ctx.lang)}{' *' if spec.required else ''}"
        common = dict(
            description=label,
            tooltip=f"{spec.label.text(ctx.lang)} {mark}",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )
        saved = self._draft.get(spec.id)
        if spec.kind == "checkbox":
            return widgets.Checkbox(value=bool(saved), indent=False, **common)
        if spec.kind == "choice":
            options = [(ctx.plain("phone.choose"), "")] + [
                (o.label.text(ctx.lang), o.id) for o in spec.options
            ]
            return widgets.Dropdown(options=options, value=saved if isinstance(saved, str) else "", **common)
        kind = widgets.Password if spec.secret else widgets.Text
        return kind(value=saved if isinstance(saved, str) else "", **common)

    def _feedback(self, outcome: Outcome | None, focus: str = "") -> widgets.HTML:
        ctx = self.ctx
        if outcome is None:
            return html_box("")
        head = ctx.t("phone.right") if outcome.ok else ctx.t("phone.wrong")
        lines = "".join(f"<br>{ctx.say(item)}" for item in outcome.say)
        return feedback_box(f"{'✔' if outcome.ok else '✖'} <b>{head}</b>{lines}", outcome.ok, focus)

    def read_aloud_text(self) -> list[Text | str]:
        """What "Read aloud" reads on this screen: the step's screen, message, content, task and tip."""
        step, parts = self.run.step, list[Text | str]()
        parts.append(step.screen)
        if step.sms is not None:
            parts += [self.ctx.plain("phone.sms_from", sender=step.sms.sender), step.sms.text]
        if step.show is not None:
            parts.append(step.show)
        parts += [self.ctx.plain("phone.task"), step.task]
        if step.tip is not None:
            parts += [self.ctx.plain("phone.tip"), step.tip]
        return parts

    def _nav(self) -> widgets.HBox:
        ctx, run = self.ctx, self.run
        self.back_button = button(ctx.plain("phone.back"), lambda: self._move("back"), ctx)
        self.back_button.disabled = run.index == 0
        self.forward_button = button(ctx.plain("phone.forward"), lambda: self._move("forward"), ctx)
        self.forward_button.disabled = run.index >= run.state.furthest
        self.restart_button = button(ctx.plain("phone.restart"), lambda: self._move("restart"), ctx)
        return widgets.HBox(
            [self.back_button, self.forward_button, self.restart_button],
            layout=widgets.Layout(flex_flow="row wrap"),
        )

    def _persona_card(self) -> str:
        ctx, p = self.ctx, self.persona
        rows = [
            (
                ctx.t("persona.personal_id"),
                f"<b>{p.personal_id}</b><br><span class='simkit-muted'>"
                f"{ctx.t('persona.id_note', code=PRACTICE_PROVINCE_CODE)}</span>",
            ),
            (
                ctx.t("persona.phone"),
                f"<b>{p.phone}</b><br><span class='simkit-muted'>{ctx.t('persona.phone_note')}</span>",
            ),
            (ctx.t("persona.birth_date"), p.birth_date),
            (ctx.t("persona.sex"), ctx.t(f"persona.{p.sex}")),
            *[(html.escape(f.label.text(ctx.lang)), f"<b>{html.escape(f.value)}</b>") for f in p.extra],
        ]
        table = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in rows)
        notes = f"<p>{ctx.say(p.notes)}</p>" if p.notes is not None else ""
        return (
            f"<b>{ctx.t('persona.title')}</b><br>"
            f"<span style='font-size:1.2em'>{html.escape(p.name)}</span>"
            f"{notes}<table class='simkit-table'>{table}</table>"
        )
