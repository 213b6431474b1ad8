"""Long M/M/c runs at several c and ρ: the exact utilisation λ/(cμ) lies in the simulated 95% CI.

An always-open centre is a chain of 24-hour sessions that touch at midnight, so every run crosses many
session boundaries with clerks still serving: exactly where on-duty time was once counted twice, which
biased utilisation low by about 0.7% at c = 3, ρ = 0.9 — outside the CI of a long run. The runs are long
(about 15,000 citizens per replication) so that a bias of that size cannot hide in the interval.
"""

from __future__ import annotations

import math

import pytest

from simkit.sim import analytic
from tests.sim.conftest import build, run_many

MEAN_SERVICE = 10.0
CITIZENS_PER_REPLICATION = 15_000


def mmc(counters: int, rho: float):
    """Poisson arrivals around the clock, exponential service, ``counters`` counters, nobody leaves."""
    return build(
        {
            "demand.citizens": rho * counters / MEAN_SERVICE * 1440,
            "calendar.sessions": [{"start": "00:00", "end": "24:00"}],
            "calendar.weekdays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "procedures": {
                "generic": {
                    "name": {"vi": "Thủ tục chung", "en": "Generic procedure"},
                    "share": 1.0,
                    "service": {"dist": "exponential", "mean": MEAN_SERVICE},
                    "online": "in_person",
                }
            },
            "staffing.counters": counters,
            "staffing.backoffice": 0,
            "travel.one_way": {"dist": "fixed", "value": 0},
        }
    )


@pytest.mark.slow
@pytest.mark.parametrize(("counters", "rho"), [(1, 0.5), (2, 0.8), (3, 0.9), (5, 0.95), (8, 0.7)])
def test_exact_utilisation_lies_in_the_ci_of_a_long_mmc_run(counters: int, rho: float) -> None:
    scenario = mmc(counters, rho)
    rate = scenario.demand.citizens_per_working_day / 1440
    assert analytic.utilisation(counters, rate, MEAN_SERVICE) == pytest.approx(rho)
    days = 1 + math.ceil(CITIZENS_PER_REPLICATION / scenario.demand.citizens_per_working_day)
    summary = run_many(scenario, replications=20, days=days, warmup_days=1).summary().set_index("key")
    row = summary.loc["counter_utilisation"]
    assert row["ci_low"] <= rho <= row["ci_high"], (row["ci_low"], row["mean"], row["ci_high"])
    waits = summary.loc["walkin_wait_mean"]
    assert waits["ci_low"] <= analytic.mean_wait(counters, rate, MEAN_SERVICE) <= waits["ci_high"]
