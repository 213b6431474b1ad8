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


def _served_waits(rep, day: int | None = None) -> dict[tuple[int, int], float]:
    """(citizen, visit number) → wait of every served counter visit (on one working day if given)."""
    rec = rep.records
    ok = (rec.visit_station == COUNTER) & (rec.visit_outcome == SERVED)
    if day is not None:
        ok &= rec.visit_day == day
    keys = zip(rec.visit_citizen[ok].tolist(), rec.visit_number[ok].tolist(), strict=True)
    return dict(zip(keys, (rec.visit_start - rec.visit_arrival)[ok].tolist(), strict=True))


def _never_longer(waits: list[dict]) -> bool:
    """Each run's waits, citizen by citizen, are no longer than the run before's (where both have one)."""
    for before, after in zip(waits, waits[1:], strict=False):
        common = before.keys() & after.keys()
        assert common
        if any(after[c] > before[c] for c in common):
            return False
    return True


# The README ("How it is validated") states exactly what holds, sample path by sample path, when the
# same seed gives the same citizens, nobody reneges or baulks and counter staff do not take online
# dossiers; these tests check each statement, and that the stated limits are real.
PARTLY = {**BUSY, "procedures.residence.online": "partial", "calendar.return_next_day": True}


@pytest.mark.parametrize("online", ["full", "partial"])
@pytest.mark.parametrize("replication", range(6))
def test_more_counters_never_make_any_citizen_wait_longer(replication, online):
    """FCFS with service times fixed per citizen; collection visits come when the (separate) back office
    is done, which counters do not change: a sample-path property, visit by visit, over three days."""
    scenario = {**PARTLY, "procedures.residence.online": online}
    waits = [
        _served_waits(run_one(build({**scenario, "staffing.counters": c}), replication, days=3))
        for c in (1, 2, 3, 4)
    ]
    assert _never_longer(waits)


@pytest.mark.parametrize("replication", range(8))
def test_raising_adoption_of_fully_online_procedures_never_makes_any_walk_in_wait_longer(replication):
    """Converted citizens' visits disappear; a failed attempt is the same visit as before, same time and
    same service: the counters only lose work, on every day."""
    waits = [
        _served_waits(
            run_one(
                build({**PARTLY, "procedures.residence.online": "full", "channel.adoption": a}),
                replication,
                days=3,
            )
        )
        for a in (0.0, 0.2, 0.4, 0.6, 0.8)
    ]
    assert _never_longer(waits)


@pytest.mark.parametrize("replication", range(8))
def test_raising_adoption_of_partly_online_procedures_never_delays_a_walk_in_before_collections_are_due(
    replication,
):
    """On the submission day (appointments are at least a day later) the counters only lose work."""
    runs = [
        run_one(build({**PARTLY, "channel.adoption": a}), replication, days=3) for a in (0.0, 0.3, 0.6, 0.9)
    ]
    assert _never_longer([_served_waits(run, day=0) for run in runs])


def test_collection_visits_on_later_days_can_delay_a_walk_in_though_the_mean_falls():
    """The stated limit is real: a converted citizen's short collection visit on the appointment day is
    new work on that day, so some walk-in there can wait longer; the mean over replications still falls."""
    delayed = []
    for replication in range(8):
        runs = [run_one(build({**PARTLY, "channel.adoption": a}), replication, days=3) for a in (0.3, 0.6)]
        delayed.append(not _never_longer([_served_waits(run) for run in runs]))
    assert any(delayed)
    means = [
        run_many(build({**PARTLY, "channel.adoption": a}), replications=20, days=3, warmup_days=1).kpi(
            "walkin_wait_mean"
        )
        for a in (0.0, 0.3, 0.6, 0.9)
    ]
    assert all(a > b for a, b in zip(means, means[1:], strict=False))


def test_with_impatience_a_citizen_who_no_longer_gives_up_can_delay_others():
    """The other stated limit: more counters (or fewer walk-ins) let a would-be reneger be served, and
    their service can hold up someone behind them."""
    impatient = {**BUSY, "impatience.patience": {"dist": "exponential", "mean": 20}}
    delayed = []
    for replication in range(8):
        runs = [run_one(build({**impatient, "staffing.counters": c}), replication, days=2) for c in (1, 2)]
        delayed.append(not _never_longer([_served_waits(run) for run in runs]))
    assert any(delayed)


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
