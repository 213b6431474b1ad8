"""Comparing two plans fairly: the same citizens in both, and a paired confidence interval per KPI.

Replication r of plan A and replication r of plan B share every random stream, so their difference
removes the day-to-day noise both plans have in common; the 95% CI of the paired differences is much
narrower than two separate CIs would suggest. A difference is "clear" when its CI excludes zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simkit.sim.executors import ExecutorSpec, ProgressSpec, Task, run_tasks
from simkit.sim.experiment import RunSettings, confidence_interval
from simkit.sim.keys import SUMMARY_KEYS
from simkit.sim.scenario import Scenario


@dataclass
class Comparison:
    """Per-replication KPIs of two plans run with the same seed."""

    a: Scenario
    b: Scenario
    settings: RunSettings
    kpis_a: list[dict[str, float]]
    kpis_b: list[dict[str, float]]

    def table(self) -> pd.DataFrame:
        """One row per KPI: means of A and B, mean difference B − A, its paired 95% CI, and whether clear."""
        rows = []
        for key in SUMMARY_KEYS:
            a = np.array([k[key] for k in self.kpis_a])
            b = np.array([k[key] for k in self.kpis_b])
            both = ~(np.isnan(a) | np.isnan(b))
            diff, low, high, n = confidence_interval((b - a)[both])
            clear = bool(n >= 2 and not math.isnan(low) and (low > 0 or high < 0))
            rows.append(
                {
                    "key": key,
                    "mean_a": confidence_interval(a)[0],
                    "mean_b": confidence_interval(b)[0],
                    "difference": diff,
                    "ci_low": low,
                    "ci_high": high,
                    "n": n,
                    "clear": clear,
                }
            )
        return pd.DataFrame(rows)


def compare(
    a: Scenario,
    b: Scenario,
    settings: RunSettings,
    *,
    executor: ExecutorSpec = None,
    workers: int | None = None,
    progress: ProgressSpec = True,
) -> Comparison:
    """Run replications 0…n−1 of both plans under the same seed and pair them."""
    tasks = [Task(p, s, settings, r) for p, s in enumerate((a, b)) for r in range(settings.replications)]
    outcomes = run_tasks(tasks, executor, workers=workers, progress=progress, description="compare")
    kpis: dict[int, list[dict[str, float]]] = {0: [], 1: []}
    for outcome in outcomes:
        kpis[outcome.point].append(outcome.kpis)
    return Comparison(a=a, b=b, settings=settings, kpis_a=kpis[0], kpis_b=kpis[1])
