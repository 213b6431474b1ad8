"""Collection visits of partly-online dossiers: after the dossier is done, on or after the appointment day.

The rule (README "What the model does", content/README.md ``collect_after_days``): a partly-online
citizen submits online when they arrive; the back office processes the dossier; the citizen comes to
the counter to collect on the appointment date (``collect_after_days`` working days after the day of
submission) at their own hour of that day, drawn from the day's arrival profile with the citizen's own
uniform, or on the first later working day whose hour falls after the dossier was done. A failed
attempt helped at the assisted desk is submitted there and collected the same way.
"""

from __future__ import annotations

import numpy as np
import pytest

from simkit.sim.arrivals import times_in_day
from simkit.sim.engine import ASSISTED_DESK, COUNTER
from simkit.sim.keys import CHANNELS, OUTCOMES
from simkit.sim.streams import Streams
from simkit.sim.timetable import build_timetable
from tests.sim.conftest import build, run_one

PARTIAL = CHANNELS.index("online_partial")
ASSISTED = CHANNELS.index("assisted")
SERVED = OUTCOMES.index("served")

LAND = {
    "name": {"vi": "Đất đai", "en": "Land"},
    "share": 0.5,
    "service": {"dist": "lognormal", "mean": 20, "sd": 10},
    "online": "partial",
    "backoffice": {"dist": "lognormal", "mean": 40, "sd": 20},
    "collect_service": {"dist": "lognormal", "mean": 8, "sd": 4},
}
MIXED = {
    "demand.citizens": 80,
    "procedures.residence.share": 0.3,
    "procedures.copies.share": 0.2,
    "procedures.land": LAND,
    "channel.adoption": 0.6,
    "channel.online_failure_rate": 0.2,
    "staffing.assisted_desk.staff": 1,
    "staffing.backoffice": 1,
}


def collections(rec) -> dict[int, tuple[float, int, int]]:
    """citizen → (arrival, working day, visit number) of their counter visit after a dossier."""
    pop = rec.population
    counter = rec.visit_station == COUNTER
    ones = counter & pop.collects[rec.visit_citizen] & ~np.isnan(rec.dossier_submitted[rec.visit_citizen])
    return {
        int(c): (float(a), int(d), int(n))
        for c, a, d, n in zip(
            rec.visit_citizen[ones],
            rec.visit_arrival[ones],
            rec.visit_day[ones],
            rec.visit_number[ones],
            strict=True,
        )
        if n == 1 or pop.channel[c] == ASSISTED
    }


@pytest.mark.parametrize("replication", range(4))
def test_nobody_collects_before_the_dossier_is_done_or_before_the_appointment_day(replication):
    rep = run_one(build(MIXED), replication, days=4)
    rec, pop = rep.records, rep.records.population
    got = collections(rec)
    assert len(got) > 20
    for citizen, (arrival, day, _number) in got.items():
        assert arrival >= rec.dossier_done[citizen]
        assert day >= pop.working_day[citizen] + 1  # collect_after_days defaults to 1
    # The same citizen's own minute on that day of the profile: no new draw, no other citizen's.
    timetable = build_timetable(build(MIXED), 4)
    u = Streams(1, replication)["collect_time"].random(len(pop))
    for citizen, (arrival, day, _number) in got.items():
        expected = times_in_day(build(MIXED), timetable.periods_of_day(day), u[citizen : citizen + 1])[0]
        assert arrival == pytest.approx(expected, abs=1e-9)  # the clock reaches it as now + (t - now)


def test_every_finished_partly_online_dossier_is_collected_once_when_its_day_falls_in_the_run():
    rep = run_one(build(MIXED), 0, days=5)
    rec, pop = rep.records, rep.records.population
    got = collections(rec)
    clock = pop.collect_clock
    expected = set()
    for citizen in np.flatnonzero(pop.collects & ~np.isnan(rec.dossier_done)):
        days = range(pop.working_day[citizen] + pop.collect_after[citizen], clock.shape[0])
        if any(clock[d, citizen] >= rec.dossier_done[citizen] for d in days):
            expected.add(int(citizen))
    assert expected and set(got) == expected
    counter_visits = rec.visit_citizen[rec.visit_station == COUNTER]
    partly_online = np.flatnonzero(pop.channel == PARTIAL)
    assert all(np.count_nonzero(counter_visits == c) <= 1 for c in partly_online)  # no visit at submission


def test_a_failed_attempt_helped_at_the_assisted_desk_comes_back_to_collect():
    rep = run_one(build({**MIXED, "channel.failed_to_assisted_share": 1.0}), 0, days=4)
    rec, pop = rep.records, rep.records.population
    helped = [
        c
        for c in np.flatnonzero((pop.channel == ASSISTED) & pop.collects)
        if not np.isnan(rec.dossier_done[c])
    ]
    assert helped
    got = collections(rec)
    back = [c for c in helped if c in got]
    assert back
    for citizen in back:
        desk = (
            (rec.visit_citizen == citizen)
            & (rec.visit_station == ASSISTED_DESK)
            & (rec.visit_outcome == SERVED)
        )
        arrival, _day, number = got[citizen]
        assert arrival >= rec.dossier_done[citizen] >= rec.visit_end[desk][0]
        assert number == rec.visit_number[desk][0] + 1  # the citizen's second visit


def test_appointment_on_the_same_day_collects_later_that_day_if_ready():
    scenario = build({**MIXED, "procedures.land.collect_after_days": 0})
    rep = run_one(scenario, 0, days=2)
    rec, pop = rep.records, rep.records.population
    same_day = [c for c, (_a, day, _n) in collections(rec).items() if day == pop.working_day[c]]
    assert same_day
    for citizen in same_day:
        assert collections(rec)[citizen][0] >= rec.dossier_done[citizen] >= pop.arrival[citizen]


def test_a_one_day_run_has_no_collection_visits_and_counts_their_trip_in_citizen_hours():
    one_day = run_one(build(MIXED), 0, days=1)
    rec, pop = one_day.records, one_day.records.population
    assert not collections(rec)
    due = pop.collects & ~np.isnan(rec.dossier_submitted)
    assert due.any()
    frame = rec.to_frame(build(MIXED))
    waiting = frame[(frame["channel"] == "online_partial")]
    assert set(waiting["outcome"]) == {"online"} and len(waiting) == np.count_nonzero(pop.channel == PARTIAL)
    # The trip still to come is spent: more hours than visits and online minutes alone.
    visits = rec.visit_station == COUNTER
    assert (
        one_day.kpis["citizen_hours_spent_per_day"] * 60
        > (2 * pop.travel[rec.visit_citizen] + rec.visit_end - rec.visit_arrival)[
            visits | (rec.visit_station == ASSISTED_DESK)
        ].sum()
        + pop.online_minutes[np.isin(pop.channel, [CHANNELS.index("online_full"), PARTIAL])].sum()
    )
