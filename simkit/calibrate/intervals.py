"""A number estimated from the ticket log, with its 95% interval, and the two intervals used throughout.

Why the day is the unit of resampling: tickets of one day share its weather, its market day and its
staff, so they are not independent; resampling whole days (the bootstrap over days) gives intervals
that include the day-to-day variation a planner sees, where treating every ticket as independent would
give intervals far too narrow. The bootstrap's random numbers come from a fixed seed: the same file
always gives the same intervals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

BOOTSTRAP = 1000
"""Resamples of the recorded days behind every bootstrap interval."""

SEED = 20250701
"""Seed of the bootstrap's random numbers (fixed, so one file gives one answer)."""


@dataclass(frozen=True)
class Estimate:
    """``value`` with its 95% interval ``[low, high]``, from ``n`` observations (days or tickets)."""

    value: float
    low: float
    high: float
    n: int

    def contains(self, truth: float) -> bool:
        return self.low <= truth <= self.high

    def rounded(self, digits: int) -> dict[str, float | int]:
        return {
            "value": round(self.value, digits),
            "ci_low": round(self.low, digits),
            "ci_high": round(self.high, digits),
            "n": self.n,
        }


def bootstrap_rng() -> np.random.Generator:
    return np.random.default_rng(SEED)


def bootstrap_interval(value: float, resampled: np.ndarray, n: int, days: int) -> Estimate:
    """``value`` ± t(days−1) × the bootstrap standard error × √(days/(days−1)), clipped at 0.

    Why not the bootstrap's own 2.5th–97.5th percentiles: with eight Mondays in a two-month log those
    percentiles are too narrow (they miss the truth about one time in eight, not one in twenty); the
    Student-t quantile and the small-sample factor restore the stated 95% (checked by the recovery test).
    """
    finite = resampled[np.isfinite(resampled)]
    if len(finite) < 2 or days < 2 or not math.isfinite(value):
        return Estimate(float(value), math.nan, math.nan, n)
    half = float(stats.t.ppf(0.975, days - 1) * finite.std(ddof=1) * math.sqrt(days / (days - 1)))
    return Estimate(float(value), max(float(value) - half, 0.0), float(value) + half, n)


def mean_interval(values: np.ndarray) -> Estimate:
    """Mean with a Student-t 95% interval (NaN interval for fewer than two values), clipped at 0."""
    values = np.asarray(values, dtype=float)
    n = len(values)
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    mean = float(values.mean())
    if n < 2:
        return Estimate(mean, math.nan, math.nan, n)
    half = float(stats.t.ppf(0.975, n - 1) * values.std(ddof=1) / math.sqrt(n))
    return Estimate(mean, max(mean - half, 0.0), mean + half, n)


def share_interval(part: int, whole: int) -> Estimate:
    """A share with its Wilson 95% interval: stays inside [0, 1] even for 0 of 40 or 40 of 40."""
    if whole == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    z = 1.959963984540054
    p = part / whole
    centre = (p + z * z / (2 * whole)) / (1 + z * z / whole)
    half = z * math.sqrt(p * (1 - p) / whole + z * z / (4 * whole * whole)) / (1 + z * z / whole)
    return Estimate(p, max(centre - half, 0.0), min(centre + half, 1.0), whole)
