"""The campaign planner: from a workshop plan to online adoption month by month, and its queue effect.

The arithmetic is deliberately simple and fully visible, because every step is an assumption a planner
must be able to question and change:

- the workshops are spread evenly over the months (any remainder in the first months);
- each month, ``workshops × attendees × share who then submit online`` adults start submitting online;
- they are taken to be like any other adult of the area in how often they need a procedure, so online
  adoption among citizens with a procedure rises by ``new online adults ÷ adults served``, from the
  baseline, never above the ceiling.

The queue effect of each month's adoption comes from the simulation (one day, common random numbers,
so months differ only by adoption), and citizen-hours saved by the campaign are the month's extra hours
saved per day over the baseline, times the working days in a month.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from simkit.bilingual import check_lang
from simkit.formats import number, percent
from simkit.plan import charts
from simkit.plan.alerts import alerts_at
from simkit.plan.inputs import FieldReader, PlanInputError, as_percent, check_backoffice, shown
from simkit.plan.inputs import preset as load_preset
from simkit.plan.keys import CAMPAIGN_FIELDS
from simkit.plan.screen import ScreenModel
from simkit.plan.strings import PlanStrings, ReferencePoint
from simkit.sim.experiment import Progress, RunSettings, confidence_interval
from simkit.sim.scenario import Scenario
from simkit.sim.sweep import SweepResult, sweep

DEFAULT_ADULTS = 19_000
"""Adults served by one commune centre: the new Phú Thọ has more than 4 million people in 148 communes and
wards (about 27,000 each; an unofficial listing), and about 70% are assumed to be adults. An average, shown
as an assumption, for the planner to replace with the local figure."""

MAX_MONTHS = 24


@dataclass(frozen=True)
class CampaignPlan:
    """A workshop plan and the assumptions that turn it into adoption.

    ``converted``, ``baseline`` and ``ceiling`` are shares (fractions); the form shows them as percentages
    (``as_dict``, ``check_campaign``)."""

    workshops: int
    attendees: int
    converted: float
    months: int
    adults: int
    baseline: float
    ceiling: float
    working_days: float

    @classmethod
    def defaults(cls, scenario: Scenario) -> CampaignPlan:
        """A modest commune campaign: two workshops a month for six months, 30 people each, half convert."""
        return cls(
            workshops=12,
            attendees=30,
            converted=0.5,
            months=6,
            adults=DEFAULT_ADULTS,
            baseline=scenario.channel.adoption,
            ceiling=0.95,
            working_days=22.0,
        )

    def as_dict(self) -> dict[str, Any]:
        """The values as the form shows them: every field by name, shares as percentages."""
        values = {name: getattr(self, name) for name in CAMPAIGN_FIELDS}
        return {**values, **{name: as_percent(values[name]) for name in SHARES}}


SHARES = ("converted", "baseline", "ceiling")
"""The plan's shares: fractions inside, percentages on the form."""


def check_campaign(raw: Mapping[str, Any]) -> CampaignPlan:
    """A valid ``CampaignPlan`` from typed values, or ``PlanInputError`` listing every problem."""
    read = FieldReader(raw, label_prefix="campaign")
    workshops = read.whole("workshops", 0, 1000, "problem.count_range")
    attendees = read.whole("attendees", 1, 500, "problem.count_range")
    converted = read.percent("converted")
    months = read.whole("months", 1, MAX_MONTHS, "problem.count_range")
    adults = read.whole("adults", 1, 10_000_000, "problem.count_range")
    baseline, ceiling = read.percent("baseline"), read.percent("ceiling")
    working_days = read.number("working_days", 0, 31, "problem.count_range", low_open=True)
    if not read.problems and ceiling < baseline:
        read.problem("problem.ceiling_below", ceiling=shown(raw["ceiling"]), baseline=shown(raw["baseline"]))
    if read.problems:
        raise PlanInputError(read.problems)
    return CampaignPlan(workshops, attendees, converted, months, adults, baseline, ceiling, working_days)


@dataclass(frozen=True)
class Month:
    """One month of the trajectory; month 0 is the situation before the campaign."""

    month: int
    workshops: int
    new_online: float
    cumulative: float
    adoption: float
    capped: bool


def trajectory(plan: CampaignPlan) -> list[Month]:
    """Adoption month by month, by the rules in the module docstring."""
    per_month, extra = divmod(plan.workshops, plan.months)
    months = [Month(0, 0, 0.0, 0.0, plan.baseline, False)]
    cumulative = 0.0
    for month in range(1, plan.months + 1):
        workshops = per_month + (1 if month <= extra else 0)
        new = workshops * plan.attendees * plan.converted
        cumulative += new
        uncapped = plan.baseline + cumulative / plan.adults
        adoption = min(plan.ceiling, uncapped)
        months.append(Month(month, workshops, new, cumulative, adoption, uncapped > adoption))
    return months


@dataclass
class CampaignRun:
    """A trajectory with the simulated queue at each month's adoption."""

    plan: CampaignPlan
    months: list[Month]
    result: SweepResult
    strings: PlanStrings
    _pngs: dict[str, bytes] = field(default_factory=dict, init=False, repr=False)

    def _kpi_mean(self, adoption: float, key: str) -> float:
        return self.kpi(adoption, key)[0]

    def kpi(self, adoption: float, key: str) -> tuple[float, float, float]:
        """(mean, CI low, CI high) of a KPI at one simulated adoption level."""
        index = [round(p["channel.adoption"], 6) for p in self.result.points].index(round(adoption, 6))
        mean, low, high, _ = confidence_interval(o.kpis[key] for o in self.result.outcomes[index])
        return mean, low, high

    def hours_saved(self) -> list[tuple[float, float]]:
        """(citizen-hours saved in the month thanks to the campaign, running total) per month."""
        before = self.kpi(self.months[0].adoption, "citizen_hours_saved_per_day")[0]
        rows, total = [(0.0, 0.0)], 0.0
        for month in self.months[1:]:
            per_day = self.kpi(month.adoption, "citizen_hours_saved_per_day")[0] - before
            total += per_day * self.plan.working_days
            rows.append((per_day * self.plan.working_days, total))
        return rows

    def rows(self, lang: str) -> list[tuple[str, ...]]:
        """One row per month: month, workshops, new online, cumulative, adoption, walk-ins, wait, share,
        hours saved that month and in total."""
        check_lang(lang)
        out: list[tuple[str, ...]] = []
        for month, (extra, total) in zip(self.months, self.hours_saved(), strict=True):
            label = self.strings.get("campaign.before", lang) if month.month == 0 else str(month.month)
            adoption = percent(month.adoption, lang, 1) + (" *" if month.capped else "")
            out.append(
                (
                    label,
                    str(month.workshops),
                    number(month.new_online, lang, 0),
                    number(month.cumulative, lang, 0),
                    adoption,
                    number(self.kpi(month.adoption, "walkin_visits_per_day")[0], lang),
                    number(self.kpi(month.adoption, "walkin_wait_mean")[0], lang),
                    percent(self.kpi(month.adoption, "walkin_share_within_target")[0], lang),
                    number(extra, lang, 0),
                    number(total, lang, 0),
                )
            )
        return out

    def alerts(self, lang: str) -> list[str]:
        """Lost walk-ins and back-office trouble in the months where there are any (each adoption once)."""
        lines: list[str] = []
        seen: set[float] = set()
        for month in self.months:
            level = round(month.adoption, 6)
            if level in seen:
                continue
            seen.add(level)
            label = self.strings.get("campaign.before", lang) if month.month == 0 else str(month.month)
            where = self.strings.get(
                "alert.at_month", lang, month=label, adoption=percent(month.adoption, lang, 1)
            )
            lines += alerts_at(where, partial(self._kpi_mean, month.adoption), self.strings, lang)
        return lines

    def caption(self, lang: str) -> str:
        first, last = self.months[0], self.months[-1]
        return self.strings.get(
            "campaign.caption",
            check_lang(lang),
            months=self.plan.months,
            workshops=self.plan.workshops,
            people=number(last.cumulative, lang, 0),
            a0=percent(first.adoption, lang, 1),
            a1=percent(last.adoption, lang, 1),
            w0=number(self.kpi(first.adoption, "walkin_wait_mean")[0], lang),
            w1=number(self.kpi(last.adoption, "walkin_wait_mean")[0], lang),
            hours=number(self.hours_saved()[-1][1], lang, 0),
        )

    def references(self) -> Sequence[ReferencePoint]:
        return self.strings.references

    def figure_png(self, lang: str) -> bytes:
        if lang not in self._pngs:
            waits = [self.kpi(m.adoption, "walkin_wait_mean") for m in self.months]
            figure = charts.campaign_figure(
                [m.month for m in self.months],
                [m.adoption for m in self.months],
                [w[0] for w in waits],
                [w[1] if not math.isnan(w[1]) else w[0] for w in waits],
                [w[2] if not math.isnan(w[2]) else w[0] for w in waits],
                self.references(),
                self.strings,
                lang,
            )
            self._pngs[lang] = charts.screen_png(figure)
        return self._pngs[lang]


class CampaignModel(ScreenModel):
    """The campaign screen: a preset (the centre), the campaign plan, and replications per month."""

    def __init__(
        self,
        preset_name: str = "commune_pasc",
        *,
        lang: str = "vi",
        replications: int = 5,
        strings: PlanStrings | None = None,
    ) -> None:
        super().__init__(lang=lang, replications=replications, strings=strings)
        self.base: Scenario = load_preset(preset_name)
        self.last: CampaignRun | None = None

    def choose(self, preset_name: str) -> CampaignPlan:
        self.base = load_preset(preset_name)
        return CampaignPlan.defaults(self.base)

    def evaluate(self, raw: Mapping[str, Any], progress: Progress | None = None) -> CampaignRun:
        """Check the plan, compute the trajectory, and simulate each distinct month's adoption."""
        plan = check_campaign(raw)
        months = trajectory(plan)
        levels = sorted({round(m.adoption, 6) for m in months})
        check_backoffice(self.base, max(levels), self.base.staffing.backoffice)
        settings = RunSettings.of(self.base, replications=self.replications)
        result = sweep(self.base, {"channel.adoption": levels}, settings, progress=progress or False)
        self.last = CampaignRun(plan, months, result, self.strings)
        return self.last
