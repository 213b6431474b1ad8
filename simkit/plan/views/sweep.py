"""The adoption sweep screen: walk-in wait and P(wait ≤ target) against adoption, and the staffing table."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from simkit.plan.experiments import SweepModel
from simkit.plan.strings import PlanStrings
from simkit.plan.views.common import (
    WIDE,
    PlanView,
    alert_html,
    figure_image,
    fill,
    html_table,
    key_numbers_form,
    paragraph,
)


class SweepView(PlanView):
    """A preset and its key numbers as the base; adoption levels and a service level; one "Run" button."""

    def __init__(
        self,
        preset_name: str = "commune_pasc",
        *,
        lang: str = "vi",
        replications: int = 5,
        levels: str = "0:100:20",
        service_level: float = 90.0,
        changes: Mapping[str, Any] | None = None,
        run_now: bool = True,
        strings: PlanStrings | None = None,
    ) -> None:
        super().__init__(lang=lang, strings=strings, title_key="sweep.title", intro_key="sweep.intro")
        self.model = SweepModel(preset_name, lang=lang, replications=replications, strings=self.strings)
        self.preset = self.preset_dropdown(preset_name, lambda name: fill(self.form, self.model.choose(name)))
        self.form = key_numbers_form(self)
        self.form_box = widgets.Accordion(children=[self.form], selected_index=None)
        self.levels = widgets.Text(value=levels, style=WIDE, continuous_update=False)
        self.label(self.levels, "sweep.levels.label", tooltip="sweep.levels.help")
        self.service_level = widgets.FloatText(value=service_level, style=WIDE)
        self.label(self.service_level, "sweep.service_level.label", tooltip="sweep.service_level.help")
        self.run_button = self.button("sweep.run", self.refresh, tooltip="sweep.run_help", primary=True)
        self.caption = widgets.HTML()
        self.image = figure_image()
        self.staffing_heading = widgets.HTML()
        self.staffing_caption = widgets.HTML()
        self.staffing = widgets.HTML()
        self.children = [
            *self.header(),
            self.preset,
            self.form_box,
            self.levels,
            self.service_level,
            self.run_button,
            self.progress,
            self.message,
            self.caption,
            self.image,
            self.staffing_heading,
            self.staffing_caption,
            self.staffing,
        ]
        fill(self.form, self.model.choose(preset_name), changes)
        self.relabel()
        if run_now:
            self.guard(self.refresh)()

    def refresh(self) -> None:
        self.progress.value = 0
        self.model.evaluate(self.form.values(), self.levels.value, self.service_level.value, self.step)
        self.clear_error()
        self.render()

    def relabel(self) -> None:
        super().relabel()
        self.form_box.set_title(0, self.t("sweep.base_numbers"))
        self.staffing_heading.value = f"<h3>{html.escape(self.t('sweep.staffing_title'))}</h3>"

    def render(self) -> None:
        run = self.model.last
        if run is None:
            return
        lang = self.lang
        self.caption.value = paragraph(run.caption(lang)) + alert_html(run.alerts(lang))
        self.image.value = run.figure_png(lang)
        self.staffing_caption.value = paragraph(run.staffing_caption(lang))
        headers = [self.t(f"sweep.col.{c}") for c in ("adoption", "needed", "current", "freed", "share")]
        self.staffing.value = html_table(headers, run.staffing_rows(lang))
