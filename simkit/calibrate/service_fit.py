"""Service time per procedure: a lognormal or exponential when one fits, else the records' own shape.

Both families are fitted by their mean and standard deviation (the numbers a scenario file holds, and
the ones a planner can read), and each is checked with the Kolmogorov–Smirnov test against the service
times it was fitted to. A family passes when the test cannot reject it at the 5% level; of those that
pass, the one with the lower AIC is written. Because the parameters come from the same data the test is
conservative (it passes slightly more often than 5% would say), which errs towards the simpler family.
When no family passes — common with a year of real tickets, where the test sees every small departure —
the procedure gets an ``empirical`` distribution: its 0th to 100th percentiles. Either way the mean
written is the mean of the records, with its Student-t 95% interval.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from simkit.calibrate.intervals import Estimate, mean_interval
from simkit.sim.distributions import EMPIRICAL_POINTS, Empirical, Exponential, Lognormal

PASS_LEVEL = 0.05
MIN_TICKETS = 20
"""Fewer served tickets than this give no trustworthy shape: such procedures are pooled as "other"."""


@dataclass(frozen=True)
class FamilyCheck:
    family: str
    ks_statistic: float
    p_value: float
    aic: float

    @property
    def passes(self) -> bool:
        return self.p_value >= PASS_LEVEL


@dataclass(frozen=True)
class ServiceFit:
    """What was written for one procedure's service time, and why."""

    distribution: Lognormal | Exponential | Empirical
    mean: Estimate
    sd: float
    median: float
    p90: float
    checks: tuple[FamilyCheck, ...]

    @property
    def family(self) -> str:
        return self.distribution.dist


def fit_service(minutes: np.ndarray) -> ServiceFit:
    """Fit one procedure's service times (minutes, all > 0); see the module docstring."""
    x = np.sort(np.asarray(minutes, dtype=float))
    mean, sd = float(x.mean()), float(x.std(ddof=1))
    sigma = math.sqrt(math.log1p((sd / mean) ** 2))
    mu = math.log(mean) - sigma**2 / 2
    candidates = {
        "lognormal": (stats.lognorm(sigma, scale=math.exp(mu)), 2),
        "exponential": (stats.expon(scale=mean), 1),
    }
    checks = []
    for family, (frozen, parameters) in candidates.items():
        result = stats.kstest(x, frozen.cdf)
        aic = 2 * parameters - 2 * float(np.sum(frozen.logpdf(x)))
        checks.append(FamilyCheck(family, float(result.statistic), float(result.pvalue), aic))
    passing = sorted((c for c in checks if c.passes), key=lambda c: c.aic)
    distribution: Lognormal | Exponential | Empirical
    if passing and passing[0].family == "lognormal":
        distribution = Lognormal(dist="lognormal", mean=round(mean, 2), sd=round(sd, 2))
    elif passing:
        distribution = Exponential(dist="exponential", mean=round(mean, 2))
    else:
        points = np.quantile(x, np.linspace(0, 1, EMPIRICAL_POINTS))
        distribution = Empirical(dist="empirical", percentiles=tuple(round(float(v), 2) for v in points))
    return ServiceFit(
        distribution=distribution,
        mean=mean_interval(x),
        sd=sd,
        median=float(np.median(x)),
        p90=float(np.quantile(x, 0.9)),
        checks=tuple(checks),
    )
