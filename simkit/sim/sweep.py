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
) -> SweepResult:
    """Run ``settings.replications`` replications at every combination of ``vary`` (field → values)."""
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
    return SweepResult(base=base, settings=settings, points=points, outcomes=by_point)
