"""Extreme values and the direction of effects, with common random numbers (same seed, same citizens)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from simkit.sim.engine import COUNTER
from simkit.sim.keys import CHANNELS, OUTCOMES
from tests.sim.conftest import build, run_many, run_one

SERVED = OUTCOMES.index("served")
BUSY = {
    "demand.citizens": 110,
    "staffing.counters": 2,
    "channel.adoption": 0.3,
    "channel.online_failure_rate": 0.2,
}


def test_unlimited_counters_means_nobody_waits():
    rep = run_one(build({**BUSY, "staffing.unlimited_counters": True, "demand.citizens": 400}), days=2)
    rec = rep.records
    counter = rec.visit_station == COUNTER
    assert counter.sum() > 300
    assert np.all(rec.visit_outcome[counter] == SERVED)
    assert np.all(rec.visit_start[counter] == rec.visit_arrival[counter])
    assert rep.kpis["walkin_wait_max"] == 0.0
    assert rep.kpis["queue_length_mean"] == 0.0


def test_adoption_zero_means_no_online_dossiers():
    rep = run_one(build({**BUSY, "channel.adoption": 0.0}), days=2)
    assert np.isnan(rep.records.dossier_submitted).all()
    assert rep.kpis["online_dossiers_per_day"] == 0.0
    assert rep.kpis["online_attempts_per_day"] == 0.0
    assert rep.kpis["citizen_hours_saved_per_day"] == 0.0


def test_adoption_one_with_only_fully_online_procedures_leaves_only_failed_attempts_at_the_counter():
    scenario = build({**BUSY, "channel.adoption": 1.0, "procedures.copies.online": "full"})
    rep = run_one(scenario, days=2)
    rec = rep.records
    walkers = rec.population.channel[rec.visit_citizen[rec.visit_station == COUNTER]]
    assert len(walkers) > 0
    assert set(walkers.tolist()) == {CHANNELS.index("failed_to_counter")}
    no_failures = run_one(
        build(
            {
                **BUSY,
                "channel.adoption": 1.0,
                "procedures.copies.online": "full",
                "channel.online_failure_rate": 0.0,
            }
        ),
        days=2,
    )
    assert len(no_failures.records.visit_citizen) == 0
    assert math.isnan(no_failures.kpis["walkin_wait_mean"])


def test_failed_attempts_go_to_the_assisted_desk_when_it_is_staffed():
    rep = run_one(
        build({**BUSY, "staffing.assisted_desk.staff": 1, "channel.failed_to_assisted_share": 1.0}), days=2
    )
    channels = set(rep.records.population.channel.tolist())
    assert CHANNELS.index("assisted") in channels
    assert CHANNELS.index("failed_to_counter") not in channels
    assert rep.kpis["assisted_visits_per_day"] == rep.kpis["online_failed_per_day"]


def _served_waits(rep) -> dict[int, float]:
    rec = rep.records
    ok = (rec.visit_station == COUNTER) & (rec.visit_outcome == SERVED) & (rec.visit_number == 1)
    return dict(
        zip(rec.visit_citizen[ok].tolist(), (rec.visit_start - rec.visit_arrival)[ok].tolist(), strict=True)
    )


@pytest.mark.parametrize("replication", range(8))
def test_more_counters_never_make_any_citizen_wait_longer(replication):
    """FCFS with service times fixed per citizen: a sample-path property, citizen by citizen."""
    waits = [
        _served_waits(run_one(build({**BUSY, "staffing.counters": c}), replication, days=2))
        for c in (1, 2, 3, 4)
    ]
    for fewer, more in zip(waits, waits[1:], strict=False):
        common = fewer.keys() & more.keys()
        assert common
        assert all(more[c] <= fewer[c] + 1e-9 for c in common)


@pytest.mark.parametrize("replication", range(8))
def test_raising_adoption_never_makes_a_remaining_walk_in_wait_longer(replication):
    waits = [
        _served_waits(run_one(build({**BUSY, "channel.adoption": a}), replication, days=2))
        for a in (0.0, 0.2, 0.4, 0.6, 0.8)
    ]
    for lower, higher in zip(waits, waits[1:], strict=False):
        common = lower.keys() & higher.keys()
        assert all(higher[c] <= lower[c] + 1e-9 for c in common)


def test_raising_adoption_converts_the_same_citizens():
    online = []
    for adoption in (0.2, 0.5, 0.8):
        pop = run_one(build({**BUSY, "channel.adoption": adoption})).records.population
        online.append(set(np.flatnonzero(pop.channel != CHANNELS.index("in_person")).tolist()))
    assert online[0] < online[1] < online[2]


def test_mean_walkin_wait_falls_with_counters_and_adoption_across_replications():
    by_counters = [
        run_many(build({**BUSY, "staffing.counters": c}), replications=20).kpi("walkin_wait_mean")
        for c in (2, 3, 4)
    ]
    assert by_counters[0] > by_counters[1] > by_counters[2]
    by_adoption = [
        run_many(build({**BUSY, "channel.adoption": a}), replications=20).kpi("walkin_wait_mean")
        for a in (0.0, 0.3, 0.6, 0.9)
    ]
    assert all(a >= b for a, b in zip(by_adoption, by_adoption[1:], strict=False))
    assert by_adoption[0] > 2 * by_adoption[-1]
