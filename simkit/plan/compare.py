"""Comparing two plans side by side, with the same citizens in both: the planner's fair test.

Built on ``simkit.sim.compare.compare``: replication r of plan A and of plan B share every random number,
so the difference B − A is the effect of the plan, not of a luckier day, and its paired 95% confidence
interval is narrow. This module adds the planner's side: two presets with their key numbers checked into
friendly messages, a table of the KPIs a planner reads with "clear" or "not clear" beside each
difference, and a sentence on the mean walk-in wait.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

import pandas as pd

from simkit.bilingual import check_lang
from simkit.formats import number
from simkit.plan.alerts import alerts_at
from simkit.plan.alerts import mean_of as _mean_of
from simkit.plan.inputs import KeyNumbers, PlanInputError, Problem, check_numbers, plan_scenario
from simkit.plan.inputs import preset as load_preset
from simkit.plan.screen import ScreenModel
from simkit.plan.strings import PlanStrings
from simkit.sim.compare import Comparison, compare
from simkit.sim.experiment import Progress, RunSettings
from simkit.sim.labels import load_labels

COMPARE_KEYS: tuple[str, ...] = (
    "walkin_visits_per_day",
    "walkin_wait_mean",
    "walkin_wait_p90",
    "walkin_share_within_target",
    "queue_length_mean",
    "walkin_baulked_per_day",
    "walkin_reneged_per_day",
    "walkin_not_served_per_day",
    "counter_utilisation",
    "backoffice_utilisation",
    "online_backlog_end",
    "online_lead_time_mean_hours",
    "citizen_hours_spent_per_day",
    "citizen_hours_saved_per_day",
)


def _shown(value: float, unit_key: str, lang: str, signed: bool = False) -> str:
    if math.isnan(value):
        return "–"
    if unit_key == "share":
        text = number(value * 100, lang, 1)
        return ("+" if signed and value > 0 else "") + text + ("" if signed else "%")
    return ("+" if signed and value > 0 else "") + number(value, lang)


@dataclass
class CompareRun:
    """A finished comparison and what the view shows of it."""

    comparison: Comparison
    strings: PlanStrings

    def table(self) -> pd.DataFrame:
        return self.comparison.table().set_index("key")

    def rows(self, lang: str) -> list[tuple[str, str, str, str, str, str]]:
        """(KPI, A, B, B − A, 95% CI of B − A, clear?) for each compared KPI; share differences in points."""
        labels = load_labels(check_lang(lang))
        table = self.table()
        rows = []
        for key in COMPARE_KEYS:
            row = table.loc[key]
            unit_key = labels.unit_key(key)
            unit = self.strings.get("compare.points", lang) if unit_key == "share" else labels.unit(key)
            low, high = (_shown(row[k], unit_key, lang, signed=True) for k in ("ci_low", "ci_high"))
            ci = "–" if math.isnan(row["ci_low"]) else f"{low} … {high}"
            clear = self.strings.get("compare.clear" if row["clear"] else "compare.unclear", lang)
            rows.append(
                (
                    f"{labels.kpi(key)} ({unit})" if unit else labels.kpi(key),
                    _shown(row["mean_a"], unit_key, lang),
                    _shown(row["mean_b"], unit_key, lang),
                    _shown(row["difference"], unit_key, lang, True),
                    ci,
                    clear,
                )
            )
        return rows

    def alerts(self, lang: str) -> list[str]:
        """Lost walk-ins and back-office trouble of plan A, then of plan B (``simkit.plan.alerts``)."""
        table = self.table()
        lines = []
        for side in ("a", "b"):
            where = self.strings.get("alert.plan", lang, name=side.upper())
            means = table[f"mean_{side}"]
            lines += alerts_at(where, partial(_mean_of, means), self.strings, lang)
        return lines

    def caption(self, lang: str) -> str:
        row = self.table().loc["walkin_wait_mean"]
        if math.isnan(row["difference"]):
            return self.strings.get("caption.no_walkins", lang)
        key = "compare.caption_lower" if row["difference"] < 0 else "compare.caption_higher"
        text = self.strings.get(
            key,
            lang,
            diff=number(abs(row["difference"]), lang),
            low=number(row["ci_low"], lang),
            high=number(row["ci_high"], lang),
            a=number(row["mean_a"], lang),
            b=number(row["mean_b"], lang),
        )
        verdict = "compare.verdict_clear" if row["clear"] else "compare.verdict_unclear"
        return f"{text} {self.strings.get(verdict, lang)}"


class CompareModel(ScreenModel):
    """Two plans, each a preset with its key numbers; one run setting (seed, replications, target)."""

    def __init__(
        self,
        preset_a: str = "commune_pasc",
        preset_b: str | None = None,
        *,
        lang: str = "vi",
        replications: int = 10,
        strings: PlanStrings | None = None,
    ) -> None:
        super().__init__(lang=lang, replications=replications, strings=strings)
        self.bases = {"a": load_preset(preset_a), "b": load_preset(preset_b or preset_a)}
        self.last: CompareRun | None = None

    def choose(self, side: str, preset_name: str) -> KeyNumbers:
        self.bases[side] = load_preset(preset_name)
        return KeyNumbers.of(self.bases[side])

    def suggested_b(self) -> KeyNumbers:
        """Plan B to start from: plan B's preset with 30 more percentage points of online adoption."""
        numbers = KeyNumbers.of(self.bases["b"])
        return dataclasses.replace(numbers, adoption=min(1.0, numbers.adoption + 0.30))

    def evaluate(
        self, raw_a: Mapping[str, Any], raw_b: Mapping[str, Any], progress: Progress | None = None
    ) -> CompareRun:
        """Check both plans (problems are prefixed "Plan A:"/"Plan B:"), then run them paired."""
        scenarios = {}
        targets = {}
        for side, raw in (("a", raw_a), ("b", raw_b)):
            try:
                numbers = check_numbers(raw)
                scenarios[side] = plan_scenario(self.bases[side], numbers)
                targets[side] = numbers.target_wait
            except PlanInputError as exc:
                raise exc.within("compare.side_problem", side=side.upper()) from None
        if not math.isclose(targets["a"], targets["b"]):
            raise PlanInputError([Problem("problem.targets_differ", {"a": targets["a"], "b": targets["b"]})])
        settings = RunSettings.of(scenarios["a"], replications=self.replications, target_wait=targets["a"])
        comparison = compare(scenarios["a"], scenarios["b"], settings, progress=progress or False)
        self.last = CompareRun(comparison, self.strings)
        return self.last
