"""The quick-check screen: Erlang C with the daily average and at the peak hour, beside the simulation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from simkit.plan.dashboard import DEFAULT_REPLICATIONS
from simkit.plan.quick_check import QuickCheckModel
from simkit.plan.strings import PlanStrings
from simkit.plan.views.common import PlanView, alert_html, fill, html_table, key_numbers_form, paragraph


class QuickCheckView(PlanView):
    """A preset and key numbers; every change recomputes Erlang C and reruns a short simulation."""

    def __init__(
        self,
        preset_name: str = "commune_pasc",
        *,
        lang: str = "vi",
        replications: int = DEFAULT_REPLICATIONS,
        changes: Mapping[str, Any] | None = None,
        strings: PlanStrings | None = None,
    ) -> None:
        super().__init__(lang=lang, strings=strings, title_key="quick.title", intro_key="quick.intro")
        self.model = QuickCheckModel(preset_name, lang=lang, replications=replications, strings=self.strings)
        self.preset = self.preset_dropdown(preset_name, self._choose)
        self.form = key_numbers_form(self)
        self.run_button = self.button("common.run", self.refresh, tooltip="common.run_help", primary=True)
        self.table = widgets.HTML()
        self.note = widgets.HTML()
        self.assumptions = widgets.HTML()
        self.children = [
            *self.header(),
            self.preset,
            self.form,
            self.run_button,
            self.progress,
            self.message,
            self.table,
            self.note,
            self.assumptions,
        ]
        fill(self.form, self.model.choose(preset_name), changes)
        self.form.on_change(self.guard(self.refresh))
        self.relabel()
        self.guard(self.refresh)()

    def _choose(self, name: str) -> None:
        fill(self.form, self.model.choose(name))
        self.refresh()

    def refresh(self) -> None:
        self.progress.value = 0
        self.model.evaluate(self.form.values(), self.step)
        self.clear_error()
        self.render()

    def relabel(self) -> None:
        super().relabel()
        self.assumptions.value = paragraph(self.t("quick.assumptions"), "simkit-plan-muted")

    def render(self) -> None:
        run = self.model.last
        if run is None:
            return
        headers = [self.t(f"quick.col.{c}") for c in ("measure", "daily", "peak", "simulation")]
        self.table.value = html_table(headers, run.rows(self.lang))
        self.note.value = paragraph(run.note(self.lang)) + alert_html(run.alerts(self.lang))
