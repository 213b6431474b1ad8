"""A frame at a given minute says what the records say at that minute: who queues (in order), who is
being served and where, who left and how, where each online dossier is, and the counts of each state.

The expectations are computed from the per-citizen table (``RunRecords.to_frame``, the rows of
``citizens.csv``), independently of the replay's own arrays.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from simkit.replay.daylog import COUNTER_FOR_DOSSIER, LEAVE_MINUTES, assign_desks
from simkit.replay.frames import FrameMaker
from simkit.sim.timetable import build_timetable
from tests.replay.conftest import Day, run_day

MINUTES = (
    7 * 60 + 45,
    9 * 60,
    10 * 60 + 17,
    11 * 60 + 29,
    12 * 60,
    13 * 60 + 31,
    15 * 60,
    16 * 60 + 59,
    17 * 60 + 1,
)


def visits_of(day: Day):
    rows = day.citizens[day.citizens.is_visit]
    return rows.assign(
        start=rows.service_start_minute.fillna(math.inf), end=rows.service_end_minute.fillna(math.inf)
    )


def names(day: Day, visits) -> list[tuple[int, int]]:
    return [(int(day.log.visit_citizen[v]), int(day.log.visit_number[v])) for v in visits]


def test_every_way_of_leaving_happens_in_the_busy_day(busy_day: Day) -> None:
    outcomes = set(busy_day.citizens.outcome)
    assert {"served", "reneged", "baulked", "not_served_today", "online"} <= outcomes


@pytest.mark.parametrize("minute", MINUTES)
def test_who_queues_in_what_order_matches_the_records(busy_day: Day, minute: int) -> None:
    frame = FrameMaker(busy_day.log).at(minute)
    rows = visits_of(busy_day)
    for station, code in (("counter", 0), ("assisted", 1)):
        here = rows[(rows.station == station) & (rows.arrival_minute <= minute)]
        leaves = np.where(np.isnan(here.service_start_minute), here.end, here.start)
        waiting = here[minute < leaves].sort_values(["arrival_minute", "citizen"], kind="stable")
        expected = list(zip(waiting.citizen, waiting.visit, strict=True))
        assert names(busy_day, frame.queue[code]) == expected
    assert frame.queue_length == len(frame.queue[0])


@pytest.mark.parametrize("minute", MINUTES)
def test_who_is_served_where_matches_the_records(busy_day: Day, minute: int) -> None:
    frame = FrameMaker(busy_day.log).at(minute)
    rows = visits_of(busy_day)
    for station, code in (("counter", 0), ("assisted", 1)):
        serving = rows[(rows.station == station) & (rows.start <= minute) & (minute < rows.end)]
        at_desk = frame.at_desk[code]
        assert sorted(names(busy_day, at_desk.values())) == sorted(
            zip(serving.citizen, serving.visit, strict=True)
        )
        desks = busy_day.log.counters if code == 0 else busy_day.log.assisted_desks
        assert all(0 <= desk < desks for desk in at_desk)


@pytest.mark.parametrize("minute", MINUTES)
def test_counts_of_each_state_match_the_records(busy_day: Day, minute: int) -> None:
    frame = FrameMaker(busy_day.log).at(minute)
    rows = visits_of(busy_day)
    ended = rows[rows.service_end_minute <= minute]
    for code, outcome in enumerate(("served", "reneged", "baulked", "not_served_today")):
        assert frame.left_today[code] == int((ended.outcome == outcome).sum()), outcome
    recent = ended[minute < ended.service_end_minute + LEAVE_MINUTES]
    assert len(frame.leaving) == len(recent)
    counts = frame.state_counts()
    arrived = rows[rows.arrival_minute <= minute]
    assert sum(frame.left_today.values()) + counts["waiting_counter"] + counts["waiting_assisted"] + counts[
        "served_counter"
    ] + counts["served_assisted"] == len(arrived), "every arrived visit is in exactly one state"
    assert frame.counters_busy == counts["served_counter"]  # nobody does back-office work at these counters
    assert frame.counters_on_duty == (1 if (450 <= minute < 690 or 810 <= minute < 960) else 0)


@pytest.mark.parametrize("minute", MINUTES)
def test_dossiers_are_where_the_records_put_them(busy_day: Day, minute: int) -> None:
    frame = FrameMaker(busy_day.log).at(minute)
    log = busy_day.log
    citizen = log.dossier_citizen
    submitted, start = log.dossier_submitted, np.nan_to_num(log.dossier_start, nan=math.inf)
    done = np.nan_to_num(log.dossier_done, nan=math.inf)
    assert [int(citizen[d]) for d in frame.inbox] == [
        int(c)
        for c in citizen[np.argsort(submitted, kind="stable")]
        if c in set(citizen[(submitted <= minute) & (minute < start)])
    ]
    assert sorted(int(citizen[d]) for d in frame.processing) == sorted(
        citizen[(start <= minute) & (minute < done)]
    )
    table = busy_day.citizens.drop_duplicates("citizen").set_index("citizen")
    for d in frame.inbox:
        assert table.dossier_submitted_minute[citizen[d]] <= minute


def test_desks_are_never_shared_and_only_staffed_desks_are_used(busy_day: Day) -> None:
    for frame in busy_day.frames:
        served = frame.state_counts()["served_counter"]
        assert len(frame.at_desk[0]) == served  # a desk held two citizens would have dropped one
        if frame.counters_on_duty and served:
            assert max(frame.at_desk[0]) < busy_day.log.counters


def test_assign_desks_picks_the_desk_free_longest_and_never_doubles_up() -> None:
    start = np.array([0.0, 0.0, 5.0, 6.0, 8.0, np.nan])
    end = np.array([10.0, 4.0, 8.0, 9.0, 20.0, np.nan])
    desks = assign_desks(start, end, 3, ((0.0, 30.0, 3),))
    # at 5 desk 2 (never used) has been free longer than desk 1 (free since 4); at 6 only desk 1 is free;
    # at 8 desk 2 is free again (its citizen left at 8); the job that never started gets no desk
    assert desks.tolist() == [0, 1, 2, 1, 2, -1]
    for a in range(5):
        for b in range(a + 1, 5):
            if desks[a] == desks[b]:
                assert end[a] <= start[b] or end[b] <= start[a]
    with pytest.raises(ValueError, match="more services"):
        assign_desks(np.array([0.0, 1.0]), np.array([5.0, 5.0]), 1, ((0.0, 30.0, 1),))


def test_shared_back_office_work_takes_a_counter_and_counts_as_busy(shared_day: Day) -> None:
    log = shared_day.log
    at_counter = log.dossier_place == COUNTER_FOR_DOSSIER
    assert at_counter.any() and at_counter.all(), (
        "with no back-office staff every dossier is done at a counter"
    )
    worked = 0
    for frame in shared_day.frames:
        dossier_desks = [desk for place, desk in frame.processing.values() if place == COUNTER_FOR_DOSSIER]
        assert not set(dossier_desks) & set(frame.at_desk[0]), (
            "a counter serves a citizen or a dossier, not both"
        )
        assert frame.counters_busy == len(frame.at_desk[0]) + len(dossier_desks) <= log.counters
        worked += bool(dossier_desks)
    assert worked > 0


def test_unlimited_counters_get_as_many_desks_as_ever_busy_at_once() -> None:
    day = run_day({"staffing.unlimited_counters": True})
    most = max(len(f.at_desk[0]) for f in day.frames)
    assert day.log.counters >= most >= 1
    assert all(not f.queue[0] for f in day.frames), "nobody waits with unlimited counters"


def test_a_later_day_shows_its_own_citizens_and_those_sent_home_the_day_before() -> None:
    day = run_day(
        {"staffing.counters": 1, "calendar.return_next_day": True, "impatience.patience": None}, days=2, day=1
    )
    timetable = build_timetable(day.scenario, 2)
    opens = timetable.day_start(1)
    assert day.log.window_start == opens
    assert (day.log.visit_arrival >= opens).all()
    returning = day.log.visit_number > 1
    assert returning.any(), "someone sent home on day 1 comes back first thing on day 2"
    assert (day.log.visit_arrival[returning] == opens).all()
    first = day.frames[0]
    assert set(names(day, np.flatnonzero(returning))) <= set(names(day, first.queue[0])) | set(
        names(day, first.at_desk[0].values())
    )
