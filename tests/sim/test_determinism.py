"""Same seed, identical results; random valid scenarios never crash and always conserve citizens."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from simkit.sim.keys import SUMMARY_KEYS
from simkit.sim.streams import STREAM_NAMES, Streams
from tests.sim.conftest import build, run_many, run_one

RICH = {
    "demand.citizens": 90,
    "demand.arrival_profile": {7: 3, 8: 4, 9: 4, 10: 3, 11: 1, 13: 2, 14: 2, 15: 1, 16: 1},
    "channel.adoption": 0.4,
    "channel.online_failure_rate": 0.2,
    "staffing.assisted_desk.staff": 1,
    "staffing.backoffice_shared_with_counters": True,
    "impatience.patience": {"dist": "lognormal", "mean": 60, "sd": 30},
    "impatience.baulk_queue_length": 15,
}


def _frames_equal(a, b) -> bool:
    return a.equals(b)


def test_same_seed_gives_identical_results():
    scenario = build(RICH)
    first = run_many(scenario, replications=4, days=2, seed=11)
    second = run_many(scenario, replications=4, days=2, seed=11)
    assert _frames_equal(first.citizens(), second.citizens())
    assert _frames_equal(first.summary(), second.summary())
    assert _frames_equal(first.hourly(), second.hourly())


def test_different_seed_or_replication_gives_different_citizens():
    scenario = build(RICH)
    base = run_one(scenario, 0, seed=1).records.population.arrival
    assert not np.array_equal(base, run_one(scenario, 0, seed=2).records.population.arrival)
    assert not np.array_equal(base, run_one(scenario, 1, seed=1).records.population.arrival)


def test_a_replication_does_not_depend_on_which_others_ran():
    scenario = build(RICH)
    alone = run_one(scenario, 3, seed=5)
    in_batch = run_many(scenario, replications=4, seed=5).replications[3]
    assert alone.kpis == in_batch.kpis


def test_streams_are_independent_per_process():
    streams = Streams(1, 0)
    draws = {name: streams[name].random(3).tolist() for name in STREAM_NAMES}
    assert len({tuple(v) for v in draws.values()}) == len(STREAM_NAMES)


def test_changing_staff_does_not_change_the_citizens():
    a = run_one(build({**RICH, "staffing.counters": 2})).records.population
    b = run_one(build({**RICH, "staffing.counters": 5})).records.population
    for field in ("arrival", "procedure", "channel", "counter_service", "patience", "travel"):
        assert np.array_equal(getattr(a, field), getattr(b, field))


scenarios = st.fixed_dictionaries(
    {
        "demand.citizens": st.floats(1, 160),
        "staffing.counters": st.integers(1, 5),
        "staffing.backoffice": st.integers(0, 2),
        "staffing.backoffice_shared_with_counters": st.booleans(),
        "staffing.assisted_desk.staff": st.integers(0, 2),
        "channel.adoption": st.floats(0, 1),
        "channel.online_failure_rate": st.floats(0, 1),
        "channel.failed_to_assisted_share": st.floats(0, 1),
        "procedures.residence.online": st.sampled_from(["full", "partial", "in_person"]),
        "calendar.closing_policy": st.sampled_from(["go_home", "overtime"]),
        "calendar.return_next_day": st.booleans(),
        "impatience.baulk_queue_length": st.none() | st.integers(0, 20),
        "impatience.patience": st.none()
        | st.builds(lambda m: {"dist": "exponential", "mean": m}, st.floats(1, 200)),
    }
)


# Found by this test (issue 10): nobody ever waits, yet the mean queue came out −3.4e-16 because SimPy's
# clock reached a drawn arrival minute one rounding step early or late, so "served at once" left the line
# a hair before joining it. Kept as an explicit example so it runs every time.
NOBODY_WAITS = {
    "demand.citizens": 1.875,
    "staffing.counters": 1,
    "staffing.backoffice": 0,
    "staffing.backoffice_shared_with_counters": True,
    "staffing.assisted_desk.staff": 0,
    "channel.adoption": 0.0,
    "channel.online_failure_rate": 0.0,
    "channel.failed_to_assisted_share": 0.0,
    "procedures.residence.online": "full",
    "calendar.closing_policy": "go_home",
    "calendar.return_next_day": False,
    "impatience.baulk_queue_length": None,
    "impatience.patience": None,
}


def test_a_centre_where_nobody_waits_has_no_queue_at_all():
    rep = run_one(build(NOBODY_WAITS), seed=0, days=3)
    rec = rep.records
    assert len(rec.visit_arrival) == 7
    assert rec.visit_start.tolist() == rec.visit_arrival.tolist()  # served at the very minute they came
    assert rep.kpis["queue_length_mean"] == 0.0
    assert rep.kpis["walkin_wait_max"] == 0.0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(overrides=scenarios, seed=st.integers(0, 2**32 - 1), days=st.integers(1, 3))
@example(overrides=NOBODY_WAITS, seed=0, days=3)
def test_random_valid_scenarios_run_and_conserve(overrides, seed, days):
    if overrides["staffing.backoffice"] == 0 and not overrides["staffing.backoffice_shared_with_counters"]:
        overrides["staffing.backoffice_shared_with_counters"] = True
    rep = run_one(build(overrides), seed=seed, days=days)
    k = rep.kpis
    assert set(k) == set(SUMMARY_KEYS)
    parts = sum(k[f"walkin_{x}_per_day"] for x in ("served", "reneged", "baulked", "not_served"))
    assert np.isclose(k["walkin_visits_per_day"], parts + k["walkin_in_system_at_end"] / days)
    for key in (
        "counter_utilisation",
        "backoffice_utilisation",
        "assisted_utilisation",
        "walkin_share_within_target",
        "counter_backoffice_share",
    ):
        assert np.isnan(k[key]) or -1e-9 <= k[key] <= 1 + 1e-9, key
    rec = rep.records
    served = ~np.isnan(rec.visit_start)
    assert np.all(rec.visit_start[served] >= rec.visit_arrival[served])  # exactly: one clock for both
    assert np.all(rec.visit_end[served] >= rec.visit_start[served])
    assert k["queue_length_mean"] >= 0 and k["citizen_hours_spent_per_day"] >= 0
