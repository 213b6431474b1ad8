"""The compare-two-plans screen: plan A and plan B side by side, run with the same citizens."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets

from simkit.plan.compare import CompareModel
from simkit.plan.strings import PlanStrings
from simkit.plan.views.common import (
    ONE_COLUMN,
    PlanView,
    alert_html,
    fill,
    html_table,
    key_numbers_form,
    paragraph,
)


class CompareView(PlanView):
    """Each plan's preset, then two columns of their key numbers; "Compare" runs both and shows B − A with
    its CI.

    Plan B starts as plan A's preset with 30 more percentage points of online adoption, the README's
    question ("from 40% to 70% online: how long will walk-ins wait?").
    """

    def __init__(
        self,
        preset_a: str = "commune_pasc",
        preset_b: str | None = None,
        *,
        lang: str = "vi",
        replications: int = 10,
        changes_a: Mapping[str, Any] | None = None,
        changes_b: Mapping[str, Any] | None = None,
        run_now: bool = True,
        strings: PlanStrings | None = None,
    ) -> None:
        super().__init__(lang=lang, strings=strings, title_key="compare.title", intro_key="compare.intro")
        self.model = CompareModel(
            preset_a, preset_b, lang=lang, replications=replications, strings=self.strings
        )
        self.presets = {
            "a": self.preset_dropdown(preset_a, self._chooser("a"), "compare.preset_a"),
            "b": self.preset_dropdown(preset_b or preset_a, self._chooser("b"), "compare.preset_b"),
        }
        self.forms = {side: key_numbers_form(self) for side in ("a", "b")}
        for form in self.forms.values():
            form.layout.grid_template_columns = ONE_COLUMN
        self.headings = {side: widgets.HTML() for side in ("a", "b")}
        self.run_button = self.button("compare.run", self.refresh, tooltip="compare.run_help", primary=True)
        self.caption = widgets.HTML()
        self.table = widgets.HTML()
        self.note = widgets.HTML()
        # The preset drop-downs span the whole width, above the columns: a preset's name is longer than half
        # the screen, and a drop-down cannot wrap the option it shows. The columns stack in a narrow window.
        columns = [
            widgets.VBox(
                [self.headings[s], self.forms[s]], layout=widgets.Layout(flex="1 1 320px", min_width="0")
            )
            for s in ("a", "b")
        ]
        columns_box = widgets.HBox(columns)
        columns_box.add_class("simkit-plan-columns")
        self.children = [
            *self.header(),
            self.presets["a"],
            self.presets["b"],
            columns_box,
            self.run_button,
            self.progress,
            self.message,
            self.caption,
            self.table,
            self.note,
        ]
        fill(self.forms["a"], self.model.choose("a", preset_a), changes_a)
        self.model.choose("b", preset_b or preset_a)
        fill(self.forms["b"], self.model.suggested_b(), changes_b)
        self.relabel()
        if run_now:
            self.guard(self.refresh)()

    def _chooser(self, side: str) -> Callable[[str], None]:
        return lambda name: fill(self.forms[side], self.model.choose(side, name))

    def refresh(self) -> None:
        self.progress.value = 0
        self.model.evaluate(self.forms["a"].values(), self.forms["b"].values(), self.step)
        self.clear_error()
        self.render()

    def relabel(self) -> None:
        super().relabel()
        for side in ("a", "b"):
            self.headings[side].value = f"<h3>{html.escape(self.t(f'compare.plan_{side}'))}</h3>"
        self.note.value = paragraph(self.t("compare.note"), "simkit-plan-muted")

    def render(self) -> None:
        run = self.model.last
        if run is None:
            return
        lang = self.lang
        self.caption.value = paragraph(run.caption(lang)) + alert_html(run.alerts(lang))
        headers = [self.t(f"compare.col.{c}") for c in ("kpi", "a", "b", "diff", "ci", "clear")]
        self.table.value = html_table(headers, run.rows(lang))
