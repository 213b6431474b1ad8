"""How many replications are enough: add replications until a KPI's 95% CI is as narrow as asked.

In the spirit of the replications algorithm of Hoad, Robinson and Davies (2010): after each new
replication, compute the CI half-width of the chosen KPI; stop at the first count n whose precision
holds not only at n but for the next ``look_ahead`` counts too, so one lucky replication cannot stop the
search early. Precision is relative (half-width ≤ ``relative`` × |mean|) or, for KPIs near zero where a
relative target is meaningless, absolute (half-width ≤ ``absolute``), whichever is met first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from simkit.errors import ConfigError
from simkit.sim.executors import ExecutorSpec, Task, default_workers, run_tasks
from simkit.sim.experiment import RunSettings, confidence_interval
from simkit.sim.keys import SUMMARY_KEYS
from simkit.sim.scenario import Scenario


@dataclass(frozen=True)
class ReplicationAdvice:
    """The replications needed, and the precision reached at each count (for a plot or a table)."""

    key: str
    replications: int
    reached: bool
    history: pd.DataFrame


@dataclass(frozen=True)
class Precision:
    """A precision target for one KPI: 95% CI half-width ≤ ``relative`` × |mean| or ≤ ``absolute``.

    Sweeps hold it at *every* grid point: replications are chosen on the base scenario, then any point
    that falls short gets more (up to ``max_replications``), and the table says which points still fall
    short, so "±10%" is never claimed for a point at ±100%.
    """

    key: str = "walkin_wait_mean"
    relative: float = 0.1
    absolute: float | None = 0.5
    max_replications: int = 100

    def __post_init__(self) -> None:
        _check_target(self.key, self.relative, self.absolute)

    def measure(self, values: Iterable[float]) -> tuple[float, float, int, bool | None]:
        """(mean, half-width, n, met) of the values; ``met`` is None when the KPI is undefined (n = 0)."""
        mean, low, high, n = confidence_interval(values)
        if n == 0:
            return mean, math.nan, 0, None
        half = (high - low) / 2 if n >= 2 else math.nan
        return mean, half, n, precise_enough(mean, half, self.relative, self.absolute)

    def describe(self) -> str:
        """``±10% or ±0.5 on walkin_wait_mean`` (for a line on stderr or under a table)."""
        absolute = f" or ±{self.absolute:g}" if self.absolute is not None else ""
        return f"±{self.relative:.0%}{absolute} on {self.key} (95% CI half-width)"


def _check_target(key: str, relative: float, absolute: float | None) -> None:
    if key not in SUMMARY_KEYS:
        raise ConfigError(f"unknown result key; known keys: {', '.join(SUMMARY_KEYS)}", field="key")
    if not 0 < relative < 1:
        raise ConfigError(f"must be between 0 and 1 (got {relative})", field="relative")
    if absolute is not None and not (absolute > 0 and math.isfinite(absolute)):
        raise ConfigError(f"must be > 0 (got {absolute})", field="absolute")


def precise_enough(mean: float, half_width: float, relative: float, absolute: float | None) -> bool:
    if math.isnan(half_width):
        return False
    if absolute is not None and half_width <= absolute:
        return True
    return mean != 0 and half_width <= relative * abs(mean)


def replications_needed(
    scenario: Scenario,
    settings: RunSettings,
    *,
    key: str = "walkin_wait_mean",
    relative: float = 0.1,
    absolute: float | None = 0.5,
    min_replications: int = 5,
    max_replications: int = 100,
    look_ahead: int = 5,
    executor: ExecutorSpec = None,
    workers: int | None = None,
    progress: bool = True,
) -> ReplicationAdvice:
    """The fewest replications giving the requested CI half-width for ``key`` (see the module docstring)."""
    _check_target(key, relative, absolute)
    if look_ahead < 0:
        raise ConfigError(f"must be ≥ 0 (got {look_ahead})", field="look_ahead")
    if not 2 <= min_replications <= max_replications:
        raise ConfigError(
            f"need 2 ≤ min_replications ({min_replications}) ≤ max_replications ({max_replications})",
            field="min_replications",
        )
    batch = 1 if executor in (None, "serial") else max(1, workers or default_workers())
    values: list[float] = []
    rows: list[dict[str, float]] = []
    while len(values) < max_replications:
        wanted = min_replications if not values else min(batch, max_replications - len(values))
        tasks = [Task(0, scenario, settings, r) for r in range(len(values), len(values) + wanted)]
        values += [o.kpis[key] for o in run_tasks(tasks, executor, workers=workers, progress=False)]
        for n in range(len(rows) + 2, len(values) + 1):
            mean, low, high, count = confidence_interval(values[:n])
            half = (high - low) / 2 if count >= 2 else math.nan
            rows.append(
                {
                    "replications": n,
                    "mean": mean,
                    "half_width": half,
                    "precise": precise_enough(mean, half, relative, absolute),
                }
            )
        answer = _first_stable(rows, min_replications, look_ahead)
        if answer is not None:
            return ReplicationAdvice(key, answer, True, pd.DataFrame(rows))
    return ReplicationAdvice(key, max_replications, False, pd.DataFrame(rows))


def _first_stable(rows: list[dict[str, float]], minimum: int, look_ahead: int) -> int | None:
    precise = {int(r["replications"]): bool(r["precise"]) for r in rows}
    last = max(precise, default=0)
    for n in sorted(precise):
        if n < minimum or n + look_ahead > last:
            continue
        if all(precise[m] for m in range(n, n + look_ahead + 1)):
            return n
    return None
