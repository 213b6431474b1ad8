"""Quick check: the Erlang C answer beside the simulation, and why daily averages flatter the peak.

A planner's first question — "are 4 counters enough for 70 people a day?" — has a textbook answer in
microseconds: the M/M/c (Erlang C) formulas of ``simkit.sim.analytic``. This module derives their three
inputs from the scenario by the model's own rules (who reaches the counters, for how long, on how many
counters) twice: with the day's average arrival rate, and with the rate of the busiest hour of the
arrival profile. Shown beside a simulation of the same scenario, the gap teaches the lesson: arrivals
bunch at opening and mid-morning, queues built then last past lunch, so the daily average is optimistic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from simkit.bilingual import check_lang
from simkit.errors import ConfigError
from simkit.formats import number, percent
from simkit.plan.alerts import alerts
from simkit.plan.captions import Digest, hour_range
from simkit.plan.dashboard import DEFAULT_REPLICATIONS
from simkit.plan.inputs import KeyNumbers, check_numbers, plan_scenario
from simkit.plan.inputs import preset as load_preset
from simkit.plan.screen import ScreenModel
from simkit.plan.strings import PlanStrings
from simkit.sim import analytic
from simkit.sim.arrivals import daily_mean, rate_segments
from simkit.sim.experiment import Progress, RunSettings, multiple_replications
from simkit.sim.scenario import Scenario
from simkit.sim.timetable import MINUTES_PER_DAY, build_timetable


@dataclass(frozen=True)
class CounterLoad:
    """What reaches the counters on the first simulated day, by the scenario's rules (rates per minute)."""

    visits_per_day: float
    service_mean: float
    open_minutes: float
    counters: int
    hourly_rate: dict[int, float]
    hourly_counters: dict[int, int]

    @property
    def daily_rate(self) -> float:
        return self.visits_per_day / self.open_minutes

    @property
    def peak_hour(self) -> int:
        return max(self.hourly_rate, key=lambda h: (self.hourly_rate[h], -h))


def counter_load(scenario: Scenario) -> CounterLoad:
    """Counter visits per day and their mean service time, the open minutes, and the rate in each hour.

    A citizen reaches the counters when they come in person, when an online attempt fails and they are
    not helped at the assisted desk, or to collect the result of a partly-online procedure (a shorter
    collection visit, also after help at the desk); fully-online citizens never queue there. The day is
    the one the scenario reports (the first after its warm-up days): in steady state its collections
    equal its partly-online dossiers. The queue already at the door at opening is a batch, not a rate:
    the hourly rates are those of the rest of the day.
    """
    visits = work = 0.0
    for key, procedure in scenario.procedures.items():
        split = scenario.channel_split(key)  # the model's own channel rule
        served = split.at_counters
        collect = split.submitted if procedure.online == "partial" else 0.0
        visits += procedure.share * (served + collect)
        work += procedure.share * (
            served * procedure.service.mean_minutes + collect * procedure.collect_service.mean_minutes
        )
    reported = scenario.run.warmup_days
    periods = build_timetable(scenario, reported + 1, reported).periods_of_day(reported)
    per_day = daily_mean(scenario, periods[0].weekday) * visits
    starts, lengths, weights = rate_segments(scenario, periods)
    mass = float((weights * lengths).sum())
    hourly: dict[int, float] = {}
    hourly_counters: dict[int, int] = {}
    for start, weight in zip(starts, weights, strict=True):
        hour = int(start % MINUTES_PER_DAY) // 60
        hourly[hour] = per_day * (1 - scenario.demand.door_queue_share) * weight / mass if mass else 0.0
        hourly_counters[hour] = next(p.counters for p in periods if p.start <= start < p.end)
    if not hourly or per_day <= 0:
        raise ConfigError("nobody reaches the counters on this day", field="demand")
    return CounterLoad(
        visits_per_day=per_day,
        service_mean=work / visits,
        open_minutes=float(sum(p.minutes for p in periods)),
        counters=min(p.counters for p in periods),
        hourly_rate=hourly,
        hourly_counters=hourly_counters,
    )


@dataclass(frozen=True)
class ErlangPanel:
    """Erlang C for one arrival rate; ``result`` is None when the counters cannot keep up (ρ ≥ 1)."""

    arrival_rate: float
    counters: int
    service_mean: float
    result: analytic.ErlangCResult | None

    @property
    def utilisation(self) -> float:
        return self.arrival_rate * self.service_mean / self.counters

    @classmethod
    def of(cls, counters: int, arrival_rate: float, service_mean: float, target: float) -> ErlangPanel:
        try:
            result = analytic.summary(counters, arrival_rate, service_mean, target)
        except ConfigError:
            result = None
        return cls(arrival_rate, counters, service_mean, result)


@dataclass
class QuickCheckRun:
    """The two Erlang C panels and the simulation of the same scenario."""

    load: CounterLoad
    daily: ErlangPanel
    peak: ErlangPanel
    digest: Digest
    strings: PlanStrings

    def rows(self, lang: str) -> list[tuple[str, str, str, str]]:
        """(measure, Erlang C with the daily average, Erlang C at the peak hour, simulation with 95% CI)."""
        check_lang(lang)
        sim = self.digest
        open_hours = self.load.open_minutes / 60

        def ci(key: str, share: bool = False) -> str:
            fmt = (lambda v: percent(v, lang, 1)) if share else (lambda v: number(v, lang))
            low, high = sim.ci(key)
            interval = "" if math.isnan(low) else f" ({fmt(low)} – {fmt(high)})"
            return fmt(sim.mean(key)) + interval

        def erlang(panel: ErlangPanel, attr: str, share: bool) -> str:
            if panel.result is None:
                return self.strings.get("quick.overloaded", lang)
            value = getattr(panel.result, attr)
            return percent(value, lang, 1) if share else number(value, lang)

        target = number(self.daily.result.target_wait if self.daily.result else sim.target_wait, lang, 0)
        get = self.strings.get
        return [
            (
                get("quick.row.arrivals", lang),
                number(self.daily.arrival_rate * 60, lang),
                number(self.peak.arrival_rate * 60, lang),
                number(sim.mean("walkin_visits_per_day") / open_hours, lang),
            ),
            (
                get("quick.row.counters", lang),
                str(self.daily.counters),
                str(self.peak.counters),
                str(self.daily.counters),
            ),
            (
                get("quick.row.service", lang),
                number(self.daily.service_mean, lang),
                number(self.peak.service_mean, lang),
                "–",
            ),
            (
                get("quick.row.utilisation", lang),
                percent(self.daily.utilisation, lang, 1),
                percent(self.peak.utilisation, lang, 1),
                ci("counter_utilisation", share=True),
            ),
            (
                get("quick.row.prob_wait", lang),
                erlang(self.daily, "prob_wait", True),
                erlang(self.peak, "prob_wait", True),
                "–",
            ),
            (
                get("quick.row.mean_wait", lang),
                erlang(self.daily, "mean_wait", False),
                erlang(self.peak, "mean_wait", False),
                ci("walkin_wait_mean"),
            ),
            (
                get("quick.row.within_target", lang, target=target),
                erlang(self.daily, "prob_within_target", True),
                erlang(self.peak, "prob_within_target", True),
                ci("walkin_share_within_target", share=True),
            ),
        ]

    def alerts(self, lang: str) -> list[str]:
        """Lost walk-ins and back-office trouble in the simulation (Erlang C cannot show either)."""
        return alerts(self.digest.mean, self.strings, check_lang(lang))

    def note(self, lang: str) -> str:
        """Why the daily average is optimistic, with this scenario's own peak and average."""
        return self.strings.get(
            "quick.note",
            check_lang(lang),
            hours=hour_range(self.load.peak_hour, self.strings, lang),
            peak=number(self.peak.arrival_rate * 60, lang),
            average=number(self.daily.arrival_rate * 60, lang),
        )


class QuickCheckModel(ScreenModel):
    """The quick-check screen: a preset and key numbers, Erlang C at once and a short simulation."""

    def __init__(
        self,
        preset_name: str = "commune_pasc",
        *,
        lang: str = "vi",
        replications: int = DEFAULT_REPLICATIONS,
        strings: PlanStrings | None = None,
    ) -> None:
        super().__init__(lang=lang, replications=replications, strings=strings)
        self.base: Scenario = load_preset(preset_name)
        self.last: QuickCheckRun | None = None

    def choose(self, preset_name: str) -> KeyNumbers:
        self.base = load_preset(preset_name)
        return KeyNumbers.of(self.base)

    def evaluate(self, raw: Mapping[str, Any], progress: Progress | None = None) -> QuickCheckRun:
        numbers = check_numbers(raw)
        scenario = plan_scenario(self.base, numbers)
        load = counter_load(scenario)
        target = numbers.target_wait
        peak = load.peak_hour
        daily = ErlangPanel.of(load.counters, load.daily_rate, load.service_mean, target)
        busiest = ErlangPanel.of(
            load.hourly_counters[peak], load.hourly_rate[peak], load.service_mean, target
        )
        settings = RunSettings.of(scenario, replications=self.replications, target_wait=target)
        results = multiple_replications(scenario, settings, progress=progress)
        self.last = QuickCheckRun(load, daily, busiest, Digest.of(results), self.strings)
        return self.last
