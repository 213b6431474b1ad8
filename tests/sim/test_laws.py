"""Laws every queue obeys: Little's law and conservation of citizens, on the model's own outputs."""

from __future__ import annotations

import numpy as np
import pytest

from simkit.sim.engine import COUNTER
from simkit.sim.keys import CHANNELS, OUTCOMES
from simkit.sim.loading import load_scenario
from tests.sim.conftest import build, run_one

BUSY = {
    "demand.citizens": 120,
    "staffing.counters": 2,
    "channel.adoption": 0.3,
    "channel.online_failure_rate": 0.3,
    "staffing.assisted_desk.staff": 1,
    "impatience.patience": {"dist": "lognormal", "mean": 60, "sd": 30},
    "impatience.baulk_queue_length": 12,
}


@pytest.mark.parametrize("replication", range(5))
def test_littles_law_queue_area_equals_sum_of_time_in_line(replication):
    """∫ L(t) dt tracked by the engine equals Σ (leave − join) over visits: L·T = λT·W exactly."""
    rec = run_one(build(BUSY), replication, days=2).records
    queued = (rec.visit_station == COUNTER) & (rec.visit_outcome != OUTCOMES.index("baulked"))
    time_in_line = (rec.visit_leaves_queue() - rec.visit_arrival)[queued].sum()
    assert rec.queue_area["counter"] == pytest.approx(time_in_line, rel=1e-9, abs=1e-6)
    assert time_in_line > 100  # the scenario really queues


def test_littles_law_on_kpis_of_an_always_open_centre():
    """Time-average queue length ≈ arrival rate × mean wait (all walk-ins, zero waits included)."""
    scenario = load_scenario("mmc_validation")
    rep = run_one(scenario, days=6, warmup_days=0)
    rec = rep.records
    waits = rec.visit_leaves_queue() - rec.visit_arrival
    rate = len(rec.visit_arrival) / (6 * 1440)
    assert rep.kpis["queue_length_mean"] == pytest.approx(rate * waits.mean(), rel=0.02)


@pytest.mark.parametrize(
    "overrides",
    [BUSY, {**BUSY, "calendar.closing_policy": "overtime"}, {**BUSY, "calendar.return_next_day": True}],
)
def test_conservation_every_visit_has_exactly_one_outcome(overrides):
    rep = run_one(build(overrides), days=3)
    rec, kpi = rep.records, rep.kpis
    counts = np.bincount(rec.visit_outcome, minlength=len(OUTCOMES))
    assert counts[OUTCOMES.index("online")] == 0
    assert counts.sum() == len(rec.visit_citizen)
    walkin = kpi["walkin_visits_per_day"]
    parts = sum(kpi[f"walkin_{k}_per_day"] for k in ("served", "reneged", "baulked", "not_served"))
    assert walkin == pytest.approx(parts + kpi["walkin_in_system_at_end"] / 3)
    # Every citizen is accounted for: online only, or at least one visit.
    pop = rec.population
    online_only = pop.channel == CHANNELS.index("online_full")
    visited = np.zeros(len(pop), bool)
    visited[rec.visit_citizen] = True
    assert np.all(online_only ^ visited)
    assert kpi["walkin_reneged_per_day"] > 0 and kpi["walkin_served_per_day"] > 0


def test_every_dossier_is_either_done_or_in_the_backlog():
    rep = run_one(build({**BUSY, "staffing.backoffice": 1, "channel.adoption": 0.8}), days=2)
    rec = rep.records
    submitted = ~np.isnan(rec.dossier_submitted)
    done = ~np.isnan(rec.dossier_done)
    assert np.all(done <= submitted)
    assert np.all(rec.dossier_done[done] >= rec.dossier_submitted[done])
    expected_online = np.isin(
        rec.population.channel, [CHANNELS.index("online_full"), CHANNELS.index("online_partial")]
    )
    assisted_served = rec.visit_citizen[(rec.visit_station == 1) & (rec.visit_outcome == 0)]
    expected_online[assisted_served] = True
    assert np.array_equal(submitted, expected_online)


def test_nobody_is_served_while_the_centre_is_closed():
    rep = run_one(build({**BUSY, "demand.arrival_profile": {7: 5, 8: 3, 11: 4, 13: 1, 16: 2}}), days=2)
    rec = rep.records
    starts = rec.visit_start[~np.isnan(rec.visit_start)] % 1440
    in_morning = (starts >= 450) & (starts < 690)
    in_afternoon = (starts >= 810) & (starts < 1020)
    assert np.all(in_morning | in_afternoon)
    arrivals = rec.population.arrival % 1440
    assert np.all(((arrivals >= 450) & (arrivals < 690)) | ((arrivals >= 810) & (arrivals < 1020)))


def test_littles_law_for_the_back_office_and_the_assisted_desk():
    rep = run_one(build({**BUSY, "channel.adoption": 0.7, "staffing.backoffice": 1}), days=2)
    rec = rep.records
    has = ~np.isnan(rec.dossier_submitted)
    leaves = np.where(np.isnan(rec.dossier_start), rec.end_time, rec.dossier_start)
    assert rec.queue_area["backoffice"] == pytest.approx(
        (leaves - rec.dossier_submitted)[has].sum(), rel=1e-9
    )
    desk = (rec.visit_station == 1) & (rec.visit_outcome != OUTCOMES.index("baulked"))
    in_line = (rec.visit_leaves_queue() - rec.visit_arrival)[desk].sum()
    assert rec.queue_area["assisted"] == pytest.approx(in_line, rel=1e-9, abs=1e-6)
    assert rep.kpis["online_backlog_mean"] > 0 and rep.kpis["assisted_queue_length_mean"] >= 0
