"""Analytic validation: on the M/M/c presets the simulation agrees with Erlang C within the 95% CI."""

from __future__ import annotations

import pytest

from simkit.sim import analytic
from simkit.sim.loading import load_scenario
from tests.sim.conftest import run_many


@pytest.mark.parametrize(("preset", "utilisation"), [("mmc_validation", 0.7), ("mmc_validation_busy", 0.9)])
@pytest.mark.parametrize("t", [5.0, 15.0])
def test_simulated_waits_agree_with_erlang_c(preset, utilisation, t):
    scenario = load_scenario(preset)
    counters = scenario.staffing.counters
    rate = scenario.demand.citizens_per_working_day / 1440
    mean_service = scenario.procedures["generic"].service.mean_minutes
    assert analytic.utilisation(counters, rate, mean_service) == pytest.approx(utilisation)

    summary = run_many(scenario, target_wait=t).summary().set_index("key")

    def inside(key: str, value: float) -> bool:
        return summary.loc[key, "ci_low"] <= value <= summary.loc[key, "ci_high"]

    assert inside("walkin_wait_mean", analytic.mean_wait(counters, rate, mean_service))
    assert inside("walkin_share_within_target", analytic.prob_wait_within(counters, rate, mean_service, t))
    assert inside("counter_utilisation", utilisation)
    assert inside("queue_length_mean", analytic.mean_queue_length(counters, rate, mean_service))
