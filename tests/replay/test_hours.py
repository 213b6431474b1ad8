"""The hour's figures beside the animation are those of the citizens who arrived in that clock hour."""

from __future__ import annotations

import math

import numpy as np

from simkit.replay.hours import hour_figures
from tests.replay.conftest import Day


def test_hour_figures_count_the_hours_arrivals_from_the_records(busy_day: Day) -> None:
    rows = busy_day.citizens
    figures = {h.hour: h for h in hour_figures(busy_day.log, target_wait=15)}
    assert min(figures) == 7 and max(figures) >= 15
    for hour, fig in figures.items():
        here = rows[rows.hour == hour]
        walk = here[here.is_visit & (here.station == "counter")]
        called = walk[walk.wait_minutes.notna()]
        assert fig.walk_ins == len(walk)
        assert fig.assisted == int((here.is_visit & (here.station == "assisted")).sum())
        assert fig.called == len(called)
        if len(called):
            assert math.isclose(fig.wait_mean, called.wait_minutes.mean())
            assert math.isclose(fig.wait_max, called.wait_minutes.max())
        else:
            assert math.isnan(fig.wait_mean)
        assert fig.over_target == int((called.wait_minutes > 15).sum())
        assert fig.gave_up == int((walk.outcome == "reneged").sum())
        assert fig.turned_away == int((walk.outcome == "baulked").sum())
        assert fig.sent_home == int((walk.outcome == "not_served_today").sum())
        online = here[
            here.channel.isin(["online_full", "online_partial"]) & ~here.is_visit
            | (here.is_visit & (here.channel == "online_partial"))
        ]
        assert fig.online == online.citizen.nunique()
    assert sum(f.sent_home for f in figures.values()) > 0 and sum(f.gave_up for f in figures.values()) > 0


def test_counter_busy_share_is_busy_over_staffed_minutes(busy_day: Day) -> None:
    figures = {h.hour: h for h in hour_figures(busy_day.log, target_wait=15)}
    assert math.isnan(figures[12].counter_busy_share), "nobody on duty at lunch"
    log = busy_day.log
    served = ~np.isnan(log.visit_start) & (log.visit_station == 0)
    start, end = log.visit_start[served], np.minimum(log.service_end[served], log.window_end)
    busy_9 = np.clip(np.minimum(end, 600) - np.maximum(start, 540), 0, None).sum()
    assert math.isclose(figures[9].counter_busy_share, busy_9 / 60)
    # 11:00–12:00: staffed until 11:30 only; the clerk finishing the citizen in hand after 11:30 is not
    # staffed time, so the share is busy staffed minutes over 30
    busy_11 = np.clip(np.minimum(end, 690) - np.maximum(start, 660), 0, None).sum()
    assert math.isclose(figures[11].counter_busy_share, busy_11 / 30)
    assert all(
        0 <= f.counter_busy_share <= 1 for f in figures.values() if not math.isnan(f.counter_busy_share)
    )
