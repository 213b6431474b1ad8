"""Experiments as plain functions: one replication, many replications, and their summary with 95% CIs.

``single_run(scenario, seed, replication)`` is the unit of work: it depends on nothing but its
arguments, so replications can run in any order, in any process, and give bit-identical results.
``multiple_replications`` runs them and ``Results`` summarises: a mean and a Student-t 95% confidence
interval per KPI across replications (each replication is one independent observation).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from simkit.errors import ConfigError
from simkit.sim.engine import Centre
from simkit.sim.keys import HOURLY_KEYS, SHARE_KEYS, SIGNED_KEYS, SUMMARY_KEYS
from simkit.sim.kpis import replication_kpis
from simkit.sim.population import LastDraws, population_from
from simkit.sim.records import RunRecords
from simkit.sim.scenario import Scenario
from simkit.sim.timetable import build_timetable

Progress = Callable[[int, int], None]
"""A progress callback, called as ``progress(done, total)`` after each replication finishes.

Why a callback and not only a bar: a screen (a planner dashboard) shows progress its own way; with a
callback it runs the model's own loops (and their shared draws) instead of copying them to count steps.
Functions that also take ``progress=True``/``False`` show or hide a terminal bar for those values."""


@dataclass(frozen=True)
class RunSettings:
    """How to run a scenario: its own ``run:`` defaults unless overridden here."""

    days: int
    warmup_days: int
    replications: int
    seed: int
    target_wait: float

    @classmethod
    def of(
        cls,
        scenario: Scenario,
        *,
        days: int | None = None,
        warmup_days: int | None = None,
        replications: int | None = None,
        seed: int | None = None,
        target_wait: float | None = None,
    ) -> RunSettings:
        run = scenario.run
        chosen_days = run.days if days is None else days
        if warmup_days is None:  # a shorter run than the scenario's keeps what warm-up fits (none in 1 day)
            warmup_days = min(run.warmup_days, max(chosen_days - 1, 0))
        settings = cls(
            days=chosen_days,
            warmup_days=warmup_days,
            replications=run.replications if replications is None else replications,
            seed=run.seed if seed is None else seed,
            target_wait=run.target_wait_minutes if target_wait is None else target_wait,
        )
        settings.check()
        return settings

    def check(self) -> None:
        """One-line errors for impossible settings, before any work starts."""
        if self.days < 1:
            raise ConfigError(f"must be ≥ 1 (got {self.days})", field="days")
        if not 0 <= self.warmup_days < self.days:
            raise ConfigError(
                f"must be ≥ 0 and less than days ({self.days}) (got {self.warmup_days})", field="warmup_days"
            )
        check_replications(self.replications)
        if self.seed < 0:
            raise ConfigError(f"must be ≥ 0 (got {self.seed})", field="seed")
        if not (self.target_wait > 0 and math.isfinite(self.target_wait)):
            raise ConfigError(f"must be > 0 minutes (got {self.target_wait})", field="target_wait")


def check_replications(value: object) -> int:
    """``value`` if it is a whole number ≥ 1, else a one-line error (``2.5`` or ``True`` are mistakes)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"must be a whole number ≥ 1 (got {value!r})", field="replications")
    return value


@dataclass(frozen=True)
class Replication:
    """One replication's records and KPIs."""

    index: int
    records: RunRecords
    kpis: dict[str, float]
    hourly: dict[int, dict[str, float]]


def single_run(
    scenario: Scenario,
    settings: RunSettings,
    replication: int = 0,
    *,
    by_hour: bool = True,
    last_draws: LastDraws | None = None,
) -> Replication:
    """Run replication number ``replication`` of a scenario: its streams come from (seed, replication).

    ``by_hour=False`` leaves out the hourly KPIs, which sweeps and staffing searches do not use.
    ``last_draws`` lets consecutive runs of the same replication share its random numbers.
    """
    timetable = build_timetable(scenario, settings.days, settings.warmup_days)
    draws = (last_draws or LastDraws()).get(scenario, timetable, settings.seed, replication)
    population = population_from(scenario, timetable, draws)
    output = Centre(scenario, timetable, population).run()
    records = RunRecords.from_engine(population, output)
    kpis, hourly = replication_kpis(
        records, timetable, settings.warmup_days, settings.target_wait, by_hour=by_hour
    )
    return Replication(index=replication, records=records, kpis=kpis, hourly=hourly)


def multiple_replications(
    scenario: Scenario, settings: RunSettings, *, progress: Progress | None = None
) -> Results:
    """Run replications 0 … n−1 serially and collect them, calling ``progress(done, n)`` after each."""
    reps = []
    for r in range(settings.replications):
        reps.append(single_run(scenario, settings, r))
        if progress is not None:
            progress(r + 1, settings.replications)
    return Results(scenario=scenario, settings=settings, replications=reps)


def confidence_interval(
    values: Iterable[float], level: float = 0.95, bounds: tuple[float, float] = (-math.inf, math.inf)
) -> tuple[float, float, float, int]:
    """(mean, low, high, n) of the non-NaN values, with a Student-t interval; NaN bounds when n < 2.

    ``bounds`` is the range the quantity can take (a share is in [0, 1], a wait ≥ 0): the interval is
    clipped to it, so a table never shows a negative wait or a share above 100%.
    """
    data = np.asarray([v for v in values if not math.isnan(v)], dtype=float)
    n = len(data)
    if n == 0:
        return float("nan"), float("nan"), float("nan"), 0
    mean = float(data.mean())
    if n < 2:
        return mean, float("nan"), float("nan"), n
    half = float(_t_quantile(0.5 + level / 2, n - 1) * data.std(ddof=1) / math.sqrt(n))
    return mean, max(mean - half, bounds[0]), min(mean + half, bounds[1]), n


@functools.lru_cache(maxsize=1024)
def _t_quantile(probability: float, df: int) -> float:
    """Student-t quantile, remembered: a sweep's table asks for the same few hundreds of times."""
    return float(stats.t.ppf(probability, df))


def kpi_bounds(key: str) -> tuple[float, float]:
    """The range a KPI can take: [0, 1] for shares, any sign for signed ones, else [0, ∞)."""
    if key in SHARE_KEYS:
        return 0.0, 1.0
    if key in SIGNED_KEYS:
        return -math.inf, math.inf
    return 0.0, math.inf


@dataclass
class Results:
    """Replications of one scenario, with tidy summaries for tables, CSV files and figures."""

    scenario: Scenario
    settings: RunSettings
    replications: list[Replication] = field(default_factory=list)

    def per_replication(self) -> pd.DataFrame:
        """One row per replication, one column per summary KPI."""
        rows = [{"replication": r.index, **{k: r.kpis[k] for k in SUMMARY_KEYS}} for r in self.replications]
        return pd.DataFrame(rows, columns=["replication", *SUMMARY_KEYS])

    def summary(self) -> pd.DataFrame:
        """One row per KPI key: mean, 95% CI, and n (replications where it was defined)."""
        rows = []
        for key in SUMMARY_KEYS:
            mean, low, high, n = confidence_interval(
                (r.kpis[key] for r in self.replications), bounds=kpi_bounds(key)
            )
            rows.append({"key": key, "mean": mean, "ci_low": low, "ci_high": high, "n": n})
        return pd.DataFrame(rows, columns=["key", "mean", "ci_low", "ci_high", "n"])

    def hourly(self) -> pd.DataFrame:
        """One row per (clock hour, KPI): mean and 95% CI across replications."""
        hours = sorted({h for r in self.replications for h in r.hourly})
        rows = []
        for hour in hours:
            for key in HOURLY_KEYS:
                values = [r.hourly[hour][key] for r in self.replications if hour in r.hourly]
                mean, low, high, n = confidence_interval(values, bounds=kpi_bounds(key))
                rows.append({"hour": hour, "key": key, "mean": mean, "ci_low": low, "ci_high": high, "n": n})
        return pd.DataFrame(rows, columns=["hour", "key", "mean", "ci_low", "ci_high", "n"])

    def citizens(self) -> pd.DataFrame:
        """Per-citizen (per-visit) records of every replication, with a ``replication`` column."""
        frames = [r.records.to_frame(self.scenario).assign(replication=r.index) for r in self.replications]
        frame = pd.concat(frames, ignore_index=True)
        return frame[["replication", *[c for c in frame.columns if c != "replication"]]]

    def kpi(self, key: str) -> float:
        """Mean of one summary KPI across replications (NaN-aware)."""
        if key not in SUMMARY_KEYS:
            raise ConfigError(f"unknown result key; known keys: {', '.join(SUMMARY_KEYS)}", field=key)
        return confidence_interval(r.kpis[key] for r in self.replications)[0]
