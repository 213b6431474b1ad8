"""Adoption sweep and staffing table for planners: "what if more people went online, and who is freed?"

Built on ``simkit.sim.sweep.sweep`` and ``simkit.sim.staffing.staffing_table``; this module adds what a
planner needs around them: the adoption levels typed as percentages (``0:100:20`` or ``20, 40, 60``)
and checked into a friendly message, progress reported through the model's own callback, a sentence
saying what the curve shows, and the staffing table with readable columns. Every adoption level uses the
same seeds (common random numbers), so the curve moves only because adoption moved.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import pandas as pd

from simkit.bilingual import check_lang
from simkit.errors import ConfigError
from simkit.formats import number, percent, read_number
from simkit.plan import charts
from simkit.plan.alerts import alerts_at
from simkit.plan.alerts import mean_of as _mean_of
from simkit.plan.inputs import (
    KeyNumbers,
    PlanInputError,
    Problem,
    check_backoffice,
    check_numbers,
    plan_scenario,
)
from simkit.plan.inputs import preset as load_preset
from simkit.plan.screen import ScreenModel
from simkit.plan.strings import PlanStrings
from simkit.sim.executors import after
from simkit.sim.experiment import Progress, RunSettings
from simkit.sim.figures import sweep_figure
from simkit.sim.labels import load_labels
from simkit.sim.precision import Precision
from simkit.sim.scenario import Scenario
from simkit.sim.staffing import staffing_precision, staffing_table
from simkit.sim.sweep import SweepResult, parse_range, sweep

MAX_LEVELS = 21


def read_levels(text: Any) -> list[float]:
    """Adoption levels typed in percent (``"0:100:20"`` or ``"20, 40"``) → shares, checked and sorted."""
    raw = str(text or "").strip()
    try:
        values = parse_range(raw.replace(";", ","), field="adoption_levels") if raw else []
    except ConfigError:
        values = []
    if not values:
        raise PlanInputError([Problem("problem.levels_format", {"value": raw})])
    if any(v < 0 or v > 100 for v in values):
        raise PlanInputError([Problem("problem.levels_range", {"value": raw})])
    levels = sorted({round(v / 100, 6) for v in values})
    if len(levels) > MAX_LEVELS:
        raise PlanInputError([Problem("problem.levels_count", {"count": len(levels), "high": MAX_LEVELS})])
    return levels


def read_service_level(value: Any) -> float:
    """The service level typed in percent (50–99.9) → a share strictly between 0 and 1."""
    number_ = read_number(value)
    if number_ is None or not 50 <= number_ < 100:
        raise PlanInputError([Problem("problem.service_level", {"value": str(value)})])
    return number_ / 100


@dataclass
class SweepRun:
    """A finished sweep and staffing search, with what the view shows of them."""

    result: SweepResult
    staffing: pd.DataFrame
    service_level: float
    strings: PlanStrings
    _pngs: dict[str, bytes] = field(default_factory=dict, init=False, repr=False)

    @property
    def target_wait(self) -> float:
        return self.result.settings.target_wait

    def curve(self, key: str) -> pd.DataFrame:
        table = self.result.table()
        return table[table["key"] == key].reset_index(drop=True)

    def alerts(self, lang: str) -> list[str]:
        """Lost walk-ins and back-office trouble at each adoption level where there are any, and the
        levels whose mean wait is less precise than ±10% (the screen's replications are fixed)."""
        table = self.result.table()
        lines = []
        for point in self.result.points:
            rows = table[table["channel.adoption"] == point["channel.adoption"]].set_index("key")["mean"]
            adoption = percent(point["channel.adoption"], lang)
            where = self.strings.get("alert.at_adoption", lang, adoption=adoption)
            lines += alerts_at(where, partial(_mean_of, rows), self.strings, lang)
        short = self.result.shortfalls()
        if short:
            lines.append(
                self.strings.get(
                    "alert.precision",
                    lang,
                    count=len(short),
                    total=len(self.result.points),
                    replications=self.result.settings.replications,
                )
            )
        return lines

    def caption(self, lang: str) -> str:
        waits, shares = self.curve("walkin_wait_mean"), self.curve("walkin_share_within_target")
        first, last = 0, len(waits) - 1
        return self.strings.get(
            "sweep.caption",
            check_lang(lang),
            a0=percent(waits["channel.adoption"][first], lang),
            a1=percent(waits["channel.adoption"][last], lang),
            w0=number(waits["mean"][first], lang),
            w1=number(waits["mean"][last], lang),
            s0=percent(shares["mean"][first], lang),
            s1=percent(shares["mean"][last], lang),
            target=number(self.target_wait, lang, 0),
        )

    def figure_png(self, lang: str) -> bytes:
        if lang not in self._pngs:
            self._pngs[lang] = charts.screen_png(sweep_figure(self.result, load_labels(lang)))
        return self._pngs[lang]

    def staffing_rows(self, lang: str) -> list[tuple[str, str, str, str, str]]:
        """(adoption, counters needed, current, freed, P(wait ≤ target) 95% CI) per adoption level."""
        rows = []
        for row in self.staffing.itertuples():
            needed = "–" if math.isnan(row.staff_needed) else str(int(row.staff_needed))
            freed = "–" if math.isnan(row.staff_freed) else f"{int(row.staff_freed):+d}"
            ci = (
                "–"
                if math.isnan(row.kpi_ci_low)
                else f"{percent(row.kpi_ci_low, lang, 1)} – {percent(row.kpi_ci_high, lang, 1)}"
            )
            rows.append((percent(row.adoption, lang), needed, str(int(row.current_staff)), freed, ci))
        return rows

    def staffing_caption(self, lang: str) -> str:
        text = self.strings.get(
            "sweep.staffing_rule",
            lang,
            level=percent(self.service_level, lang),
            target=number(self.target_wait, lang, 0),
        )
        last = self.staffing.iloc[-1]
        if math.isnan(last["staff_needed"]):
            none = self.strings.get("sweep.staffing_none", lang, adoption=percent(last["adoption"], lang))
            return f"{text} {none}"
        verdict = self.strings.get(
            "sweep.staffing_last",
            lang,
            adoption=percent(last["adoption"], lang),
            needed=int(last["staff_needed"]),
            current=int(last["current_staff"]),
            freed=int(last["staff_freed"]),
        )
        return f"{text} {verdict}"


class SweepModel(ScreenModel):
    """The adoption sweep screen: a preset plus key numbers as the base, adoption levels, service level."""

    def __init__(
        self,
        preset_name: str = "commune_pasc",
        *,
        lang: str = "vi",
        replications: int = 5,
        strings: PlanStrings | None = None,
    ) -> None:
        super().__init__(lang=lang, replications=replications, strings=strings)
        self.preset_name = preset_name
        self.base: Scenario = load_preset(preset_name)
        self.last: SweepRun | None = None

    def choose(self, preset_name: str) -> KeyNumbers:
        self.base = load_preset(preset_name)
        self.preset_name = preset_name
        return KeyNumbers.of(self.base)

    def evaluate(
        self, raw: Mapping[str, Any], levels_text: Any, service_level: Any, progress: Progress | None = None
    ) -> SweepRun:
        """Check everything, then run the sweep and the staffing search level by level."""
        numbers = check_numbers(raw)
        levels = read_levels(levels_text)
        level = read_service_level(service_level)
        scenario = plan_scenario(self.base, numbers)
        check_backoffice(scenario, max(levels), numbers.backoffice)
        settings = RunSettings.of(scenario, replications=self.replications, target_wait=numbers.target_wait)
        # One sweep over every level, then one staffing search over every level: replication r of each
        # level runs back to back and draws its citizens once. The search's first round runs as many
        # replications as the sweep, so the bar starts at twice the sweep and grows if more rounds follow.
        # The sweep's precision is measured and reported, not extended: the screen's count is fixed. The
        # advice is still checked on new replications, but an interactive screen stops widening that
        # check at four times its own count (the CLI goes to 100).
        check = replace(staffing_precision("counters"), max_replications=4 * self.replications)
        runs = len(levels) * settings.replications
        report = progress or False
        result = sweep(
            scenario,
            {"channel.adoption": levels},
            settings,
            progress=after(report, 0, total_after=runs),
            precision=Precision(),
            more_replications=False,
        )
        table = staffing_table(
            scenario, levels, settings, service_level=level, progress=after(report, runs), precision=check
        )
        self.last = SweepRun(result, table, level, self.strings)
        return self.last
