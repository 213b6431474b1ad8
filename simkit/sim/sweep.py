"""Sweeps: a scenario field (or several) varied over a grid, with replications and common random numbers.

Planners never look at one run; they look at a curve — walk-in wait against online adoption — with its
confidence band. Every grid point runs replications 0…n−1 of the same root seed, so each point meets the
same citizens and the curve moves only because the field moved.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import ConfigError
from simkit.sim.executors import ExecutorSpec, Outcome, Task, run_tasks
from simkit.sim.experiment import RunSettings, confidence_interval, kpi_bounds
from simkit.sim.keys import SUMMARY_KEYS
from simkit.sim.loading import scenario_with
from simkit.sim.precision import Precision
from simkit.sim.scenario import Scenario

MAX_GRID_POINTS = 1000
"""Grid points in one sweep, at most: more is a typo in a step (``0:1:1e-9``), not a planner's question."""


def parse_range(text: str, field: str = "--adoption") -> list[float]:
    """``"0:1:0.1"`` → [0.0, 0.1, …, 1.0] (inclusive); ``"0.2,0.5"`` → [0.2, 0.5]."""
    try:
        if ":" in text:
            start, stop, step = (float(p) for p in text.split(":"))
            if not all(math.isfinite(v) for v in (start, stop, step)) or step <= 0 or stop < start:
                raise ValueError
            count = math.floor((stop - start) / step + 1e-9) + 1
            if count > MAX_GRID_POINTS:
                raise ConfigError(
                    f"'{text}' has {count:,} points; at most {MAX_GRID_POINTS:,} (use a larger STEP)",
                    field=field,
                )
            return [round(start + i * step, 10) for i in range(count)]
        values = [float(p) for p in text.split(",") if p.strip()]
        if not all(math.isfinite(v) for v in values):
            raise ValueError
    except ConfigError:
        raise
    except (ValueError, OverflowError):
        raise ConfigError(
            f"'{text}' is not a range START:STOP:STEP (STEP > 0, STOP ≥ START) or a list a,b,c", field=field
        ) from None
    if not values:
        raise ConfigError("the grid is empty", field=field)
    return values


def grid(vary: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """Every combination of the varied fields, first field slowest (so tables read naturally).

    The number of points is checked before the list is built: a grid too large is one line, not memory
    running out.
    """
    points = math.prod(len(values) for values in vary.values()) if vary else 0
    if points > MAX_GRID_POINTS:
        sizes = " × ".join(f"{len(v)} {name}" for name, v in vary.items())
        raise ConfigError(f"{sizes} = {points:,} grid points; at most {MAX_GRID_POINTS:,}", field="grid")
    if not vary:
        raise ConfigError("nothing to vary: give at least one field and its values", field="vary")
    for field, values in vary.items():
        if len(values) == 0:
            raise ConfigError("the grid is empty", field=field)
    names = list(vary)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(vary[n] for n in names))]


@dataclass
class SweepResult:
    """KPIs of every replication at every grid point, with tidy summaries."""

    base: Scenario
    settings: RunSettings
    points: list[dict[str, Any]]
    outcomes: list[list[Outcome]]
    precision: Precision | None = None

    @property
    def fields(self) -> list[str]:
        return list(self.points[0])

    def table(self) -> pd.DataFrame:
        """Tidy: one row per (grid point, KPI) with mean, 95% CI and n; the varied fields as columns."""
        rows = []
        for point, outcomes in zip(self.points, self.outcomes, strict=True):
            for key in SUMMARY_KEYS:
                mean, low, high, n = confidence_interval(
                    (o.kpis[key] for o in outcomes), bounds=kpi_bounds(key)
                )
                rows.append({**point, "key": key, "mean": mean, "ci_low": low, "ci_high": high, "n": n})
        return pd.DataFrame(rows, columns=[*self.fields, "key", "mean", "ci_low", "ci_high", "n"])

    def per_replication(self) -> pd.DataFrame:
        """One row per (grid point, replication), one column per KPI: for paired analyses."""
        rows = [
            {**point, "replication": o.replication, **o.kpis}
            for point, outcomes in zip(self.points, self.outcomes, strict=True)
            for o in outcomes
        ]
        return pd.DataFrame(rows, columns=[*self.fields, "replication", *SUMMARY_KEYS])

    def precision_table(self) -> pd.DataFrame:
        """One row per grid point: replications run, the precision KPI's mean and 95% CI half-width, and
        whether the target holds there (``precision_met``: True, False, or None when the KPI is undefined
        at that point, e.g. the walk-in wait when nobody walks in). Empty without a precision target."""
        columns = [*self.fields, "replications", "key", "mean", "half_width", "precision_met"]
        if self.precision is None:
            return pd.DataFrame(columns=columns)
        rows = []
        for point, outcomes in zip(self.points, self.outcomes, strict=True):
            mean, half, _, met = self.precision.measure(o.kpis[self.precision.key] for o in outcomes)
            rows.append(
                {
                    **point,
                    "replications": len(outcomes),
                    "key": self.precision.key,
                    "mean": mean,
                    "half_width": half,
                    "precision_met": met,
                }
            )
        return pd.DataFrame(rows, columns=columns)

    def shortfalls(self) -> list[dict[str, Any]]:
        """The grid points where the precision target does not hold (empty without a target)."""
        table = self.precision_table()
        return [
            {f: row[f] for f in [*self.fields, "replications", "mean", "half_width"]}
            for _, row in table.iterrows()
            if row["precision_met"] is False
        ]

    def kpi(self, key: str) -> np.ndarray:
        """Mean of one KPI at each grid point, in grid order."""
        return np.array([confidence_interval(o.kpis[key] for o in outs)[0] for outs in self.outcomes])


def point_scenarios(base: Scenario, points: list[dict[str, Any]]) -> list[Scenario]:
    """Validate every grid point before anything runs: a bad value fails at once, naming the field."""
    scenarios = []
    for point in points:
        try:
            scenarios.append(scenario_with(base, point))
        except ConfigError as exc:
            shown = ", ".join(f"{k}={v}" for k, v in point.items())
            raise ConfigError(f"{exc.detail} (grid point {shown})", where="grid", field=exc.field) from None
    return scenarios


def sweep(
    base: Scenario,
    vary: Mapping[str, Sequence[Any]],
    settings: RunSettings,
    *,
    executor: ExecutorSpec = None,
    workers: int | None = None,
    progress: bool = True,
    precision: Precision | None = None,
    more_replications: bool = True,
) -> SweepResult:
    """Run ``settings.replications`` replications at every combination of ``vary`` (field → values).

    With a ``precision`` target, every point whose CI is still too wide gets more replications (the
    next ones of the same seed, doubling each round, up to ``precision.max_replications``): points then
    differ in their count, and the first ``settings.replications`` stay paired across points. With
    ``more_replications=False`` (the planner fixed the count) the target is only measured and reported.
    """
    points = grid(vary)
    scenarios = point_scenarios(base, points)
    tasks = [
        Task(index, scenario, settings, rep)
        for index, scenario in enumerate(scenarios)
        for rep in range(settings.replications)
    ]
    outcomes = run_tasks(tasks, executor, workers=workers, progress=progress, description="sweep")
    by_point: list[list[Outcome]] = [[] for _ in points]
    for outcome in outcomes:
        by_point[outcome.point].append(outcome)
    if precision is not None and more_replications:
        _extend(by_point, scenarios, settings, precision, executor, workers, progress)
    return SweepResult(base=base, settings=settings, points=points, outcomes=by_point, precision=precision)


def _extend(
    by_point: list[list[Outcome]],
    scenarios: list[Scenario],
    settings: RunSettings,
    precision: Precision,
    executor: ExecutorSpec,
    workers: int | None,
    progress: bool,
) -> None:
    """More replications at the points that fall short of ``precision``, until none does or all hit max."""
    rounds = 0
    while True:
        short = [
            index
            for index, outcomes in enumerate(by_point)
            if len(outcomes) < precision.max_replications
            and precision.measure(o.kpis[precision.key] for o in outcomes)[3] is False
        ]
        if not short:
            return
        rounds += 1
        tasks = [
            Task(index, scenarios[index], settings, rep)
            for index in short
            for rep in range(len(by_point[index]), min(2 * len(by_point[index]), precision.max_replications))
        ]
        description = f"more replications {rounds}"
        for outcome in run_tasks(
            tasks, executor, workers=workers, progress=progress, description=description
        ):
            by_point[outcome.point].append(outcome)
