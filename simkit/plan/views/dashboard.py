"""The scenario dashboard: pick a preset, change its key numbers, see waits, staff and citizen-hours at once.

Every change of a number reruns one day with 10 replications and redraws what is on screen: the key
results table, the five captions, and the figure of the open tab (the other figures are drawn when
their tab is opened). A bad number shows one line in the message area and leaves the last good results
in place. ``last_update_seconds`` records the wall time of the last update, for the timing test.
"""

from __future__ import annotations

import html
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from simkit.plan.dashboard import DEFAULT_REPLICATIONS, FIGURES, DashboardModel, PlanRun
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
from simkit.plan.views.export import ExportPanel


class DashboardView(PlanView):
    """The scenario dashboard (see the module docstring); display it as the last line of a cell."""

    def __init__(
        self,
        preset: str = "commune_pasc",
        *,
        lang: str = "vi",
        replications: int = DEFAULT_REPLICATIONS,
        changes: Mapping[str, Any] | None = None,
        export_root: Path | str | None = None,
        strings: PlanStrings | None = None,
    ) -> None:
        super().__init__(lang=lang, strings=strings, title_key="dash.title", intro_key="dash.intro")
        self.model = DashboardModel(preset, lang=lang, replications=replications, strings=self.strings)
        self.preset = self.preset_dropdown(preset, self.choose)
        self.weekday = widgets.Dropdown(
            options=self.model.weekdays(), value=self.model.default_weekday(), style=WIDE
        )
        self.label(self.weekday, "dash.weekday.label", tooltip="dash.weekday.help")
        self.form = key_numbers_form(self)
        self.run_button = self.button("common.run", self.refresh, tooltip="common.run_help", primary=True)
        self.reset_button = self.button("common.reset", self.reset, tooltip="common.reset_help")
        self.results_heading = widgets.HTML()
        self.alerts = widgets.HTML()
        self.table = widgets.HTML()
        self.images = {name: figure_image() for name in FIGURES}
        self.captions = {name: widgets.HTML() for name in FIGURES}
        self.tabs = widgets.Tab(
            children=[widgets.VBox([self.captions[n], self.images[n]]) for n in FIGURES], selected_index=0
        )
        self.export = ExportPanel(
            self, lambda: self.model.last, Path(export_root or Path.cwd()), f"results/{preset}"
        )
        self.last_update_seconds = float("nan")
        self._drawn: dict[str, tuple[int, str]] = {}
        self.children = [
            *self.header(),
            self.preset,
            self.weekday,
            self.form,
            widgets.HBox([self.run_button, self.reset_button]),
            self.progress,
            self.status,
            self.message,
            self.results_heading,
            self.alerts,
            self.table,
            self.tabs,
            self.export,
        ]
        fill(self.form, self.model.defaults(), changes)
        self.form.on_change(self.refresh)
        self.weekday.observe(self.guard(self._weekday_changed), names="value")
        self.tabs.observe(self.guard(lambda _change: self._draw_selected()), names="selected_index")
        self.relabel()
        self.guard(self.refresh)()

    # -- actions --------------------------------------------------------------------------------------
    def choose(self, preset: str) -> None:
        fill(self.form, self.model.choose(preset))
        self._set_weekdays(self.model.default_weekday())
        self.export.folder.value = f"results/{preset}"
        self.refresh()

    def _set_weekdays(self, value: str) -> None:
        """The preset's opening days in the current language, without a run per change."""
        self._relabelling = True
        try:
            self.weekday.options = self.model.weekdays()
            self.weekday.value = value
        finally:
            self._relabelling = False

    def _weekday_changed(self, _change: Any) -> None:
        if not self._relabelling:
            self.refresh()

    def reset(self) -> None:
        fill(self.form, self.model.defaults())
        self.refresh()

    def refresh(self) -> None:
        """Validate, run and redraw; on a problem, say so and keep the last good results."""
        started = time.perf_counter()
        self.progress.value = 0
        try:
            self.model.evaluate(self.form.values(), self.step, weekday=self.weekday.value)
        except Exception as exc:  # noqa: BLE001 - shown as one sentence, the last results stay
            self.show_error(exc)
            self._show_status()
            return
        self.clear_error()
        self._drawn.clear()
        self.render()
        self.last_update_seconds = time.perf_counter() - started

    # -- drawing ----------------------------------------------------------------------------------------
    def relabel(self) -> None:
        super().relabel()
        self.tabs.titles = tuple(self.t(f"dash.tab.{name}") for name in FIGURES)
        self.results_heading.value = f"<h3>{html.escape(self.t('dash.results'))}</h3>"
        self._set_weekdays(self.weekday.value)
        self.export.relabel()

    def render(self) -> None:
        run = self.model.last
        if run is None:
            return
        lang = self.lang
        self._show_status()
        headers = (self.t("dash.col.kpi"), self.t("dash.col.mean"), self.t("dash.col.ci"))
        self.alerts.value = alert_html(run.alerts(lang))
        self.table.value = html_table(headers, run.table(lang))
        for name in FIGURES:
            self.captions[name].value = paragraph(run.caption(name, lang))
        self._draw_selected()

    def _show_status(self) -> None:
        """How the shown results were made, and, while an input is wrong, that they are the last good ones."""
        run = self.model.last
        parts = [run.status(self.lang)] if run else []
        if run and self._last_error is not None:
            parts.append(self.t("dash.stale"))
        self.status.value = paragraph(" ".join(parts), "simkit-plan-muted") if parts else ""

    def _draw_selected(self) -> None:
        run = self.model.last
        index = self.tabs.selected_index
        if run is None or index is None:
            return
        name = FIGURES[index]
        stamp = (id(run), self.lang)
        if self._drawn.get(name) != stamp:
            self.images[name].value = run.figure_png(name, self.lang)
            self._drawn[name] = stamp

    @property
    def run(self) -> PlanRun | None:
        """The last good run (what the figures and table show)."""
        return self.model.last
