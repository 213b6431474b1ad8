"""The campaign planner screen: workshops → adoption month by month → queue effect and hours saved.

Every campaign input sits in a box marked as an assumption, with its reasoning in the tooltip, and the
seed figures of the project brief are listed as reference points with their caveats (and drawn as
dashed lines on the adoption chart), never used as inputs.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from simkit.plan.campaign import CampaignModel, CampaignPlan
from simkit.plan.keys import CAMPAIGN_COLUMNS, CAMPAIGN_FIELDS
from simkit.plan.strings import PlanStrings, number, percent
from simkit.plan.views.common import NumbersForm, PlanView, alert_html, figure_image, html_table, paragraph

KINDS = {
    "workshops": "int",
    "attendees": "int",
    "converted": "float",
    "months": "int",
    "adults": "int",
    "baseline": "float",
    "ceiling": "float",
    "working_days": "float",
}


class CampaignView(PlanView):
    """The campaign planner (see the module docstring)."""

    def __init__(
        self,
        preset_name: str = "commune_pasc",
        *,
        lang: str = "vi",
        replications: int = 5,
        run_now: bool = True,
        strings: PlanStrings | None = None,
    ) -> None:
        super().__init__(lang=lang, strings=strings, title_key="campaign.title", intro_key="campaign.intro")
        self.model = CampaignModel(preset_name, lang=lang, replications=replications, strings=self.strings)
        self.preset = self.preset_dropdown(preset_name, self._choose)
        self.assumptions_heading = widgets.HTML()
        self.form = NumbersForm(self, CAMPAIGN_FIELDS, KINDS, "campaign")
        self.assumptions = widgets.VBox([self.assumptions_heading, self.form])
        self.assumptions.add_class("simkit-plan-assumption")
        self.method = widgets.HTML()
        self.run_button = self.button("campaign.run", self.refresh, tooltip="campaign.run_help", primary=True)
        self.caption = widgets.HTML()
        self.image = figure_image()
        self.table_heading = widgets.HTML()
        self.table = widgets.HTML()
        self.references_heading = widgets.HTML()
        self.references = widgets.HTML()
        self.children = [
            *self.header(),
            self.preset,
            self.assumptions,
            self.method,
            self.run_button,
            self.progress,
            self.message,
            self.caption,
            self.image,
            self.table_heading,
            self.table,
            self.references_heading,
            self.references,
        ]
        self.form.set_values(self.model.choose(preset_name).as_dict())
        self.relabel()
        if run_now:
            self.guard(self.refresh)()

    def _choose(self, name: str) -> None:
        plan: CampaignPlan = self.model.choose(name)
        self.form.set_values(plan.as_dict())

    def refresh(self) -> None:
        self.progress.value = 0
        self.model.evaluate(self.form.values(), self.step)
        self.clear_error()
        self.render()

    def relabel(self) -> None:
        super().relabel()
        self.assumptions_heading.value = f"<h3>{html.escape(self.t('campaign.assumptions'))}</h3>"
        self.method.value = paragraph(self.t("campaign.method"), "simkit-plan-muted")
        self.table_heading.value = f"<h3>{html.escape(self.t('campaign.table_title'))}</h3>"
        self.references_heading.value = f"<h3>{html.escape(self.t('campaign.references_title'))}</h3>"
        headers = [self.t(f"campaign.ref.{c}") for c in ("figure", "value", "status", "caveat")]
        rows = []
        for point in self.strings.references:
            value = (
                percent(point.value, self.lang, 1)
                if point.kind == "adoption"
                else self.t("campaign.ref.per_day", value=number(point.value, self.lang, 0))
            )
            status = self.t("campaign.ref.verified" if point.verified else "campaign.unverified")
            caveat = point.caveat.text(self.lang)
            if point.source:
                caveat += " " + self.t("campaign.ref.source", title=point.source)
            rows.append((point.label.text(self.lang), value, status, caveat))
        self.references.value = html_table(headers, rows)

    def render(self) -> None:
        run = self.model.last
        if run is None:
            return
        lang = self.lang
        self.caption.value = paragraph(run.caption(lang)) + alert_html(run.alerts(lang))
        self.image.value = run.figure_png(lang)
        notes = (
            paragraph(self.t("campaign.capped_note"), "simkit-plan-muted")
            if any(m.capped for m in run.months)
            else ""
        )
        headers = [self.t(f"campaign.col.{c}") for c in CAMPAIGN_COLUMNS]
        self.table.value = html_table(headers, run.rows(lang)) + notes
