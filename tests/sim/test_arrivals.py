"""Arrivals: a non-homogeneous Poisson process, correct for any profile, only while the centre is open."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from simkit.sim.arrivals import arrival_times, daily_mean
from simkit.sim.streams import Streams
from simkit.sim.timetable import build_timetable
from tests.sim.conftest import build

DAYS = 400


def _arrivals(overrides, days=DAYS, seed=3):
    scenario = build(overrides)
    timetable = build_timetable(scenario, days)
    return scenario, timetable, arrival_times(scenario, timetable, Streams(seed, 0)["arrivals"])


def test_hourly_counts_follow_the_profile():
    profile = {7: 4, 8: 6, 9: 5, 10: 3, 11: 1, 13: 1, 14: 2, 15: 2, 16: 1}
    scenario, timetable, times = _arrivals({"demand.citizens": 60, "demand.arrival_profile": profile})
    clock = times % 1440
    # Expected mass per hour = weight × open minutes of that hour
    # (07:30–08:00, 11:00–11:30 and 13:30–14:00 are half hours).
    open_minutes = {7: 30, 8: 60, 9: 60, 10: 60, 11: 30, 13: 30, 14: 60, 15: 60, 16: 60}
    mass = np.array([profile[h] * open_minutes[h] for h in profile], float)
    expected = mass / mass.sum() * len(times)
    observed = np.array([((clock >= h * 60) & (clock < h * 60 + 60)).sum() for h in profile])
    assert observed.sum() == len(times)
    assert stats.chisquare(observed, expected).pvalue > 0.001


def test_daily_count_is_poisson_with_the_demand_as_mean():
    scenario, timetable, times = _arrivals({"demand.citizens": 40})
    day = np.searchsorted([timetable.day_start(d) for d in range(DAYS)], times, side="right") - 1
    counts = np.bincount(day, minlength=DAYS)
    assert counts.mean() == pytest.approx(40, rel=0.03)
    assert counts.var(ddof=1) == pytest.approx(40, rel=0.2)  # Poisson: variance = mean


def test_long_closed_periods_get_no_arrivals_and_the_day_keeps_its_demand():
    overrides = {
        "demand.citizens": 30,
        "calendar.sessions": [{"start": "07:00", "end": "08:00"}, {"start": "16:00", "end": "17:00"}],
        "demand.arrival_profile": {h: 1 for h in range(24)},
    }
    scenario, timetable, times = _arrivals(overrides)
    clock = times % 1440
    assert np.all(((clock >= 420) & (clock < 480)) | ((clock >= 960) & (clock < 1020)))
    assert len(times) / DAYS == pytest.approx(30, rel=0.03)
    morning = ((clock >= 420) & (clock < 480)).mean()
    assert morning == pytest.approx(0.5, abs=0.03)


def test_within_an_hour_arrivals_are_uniform():
    scenario, timetable, times = _arrivals({"demand.citizens": 50, "demand.arrival_profile": {9: 1}})
    within = (times % 1440 - 540) / 60
    assert np.all((within >= 0) & (within < 1))
    assert stats.kstest(within, "uniform").pvalue > 0.001


def test_weekday_factors_and_weekends():
    scenario = build({"demand.citizens": 50, "demand.weekday_factors": {"mon": 1.5, "fri": 0.5}})
    assert daily_mean(scenario, 0) == 75 and daily_mean(scenario, 4) == 25 and daily_mean(scenario, 2) == 50
    timetable = build_timetable(scenario, 10)
    assert {p.weekday for p in timetable.periods} == {0, 1, 2, 3, 4}


def test_monthly_and_half_year_volumes_use_working_days():
    assert build({"demand": {"citizens": 2200, "per": "month"}}).demand.citizens_per_working_day == 100
    half = build({"demand": {"citizens": 14332, "per": "six_months"}}).demand.citizens_per_working_day
    assert half == pytest.approx(110.25, abs=0.01)
    custom = build({"demand": {"citizens": 600, "per": "month", "working_days_per_period": 20}})
    assert custom.demand.citizens_per_working_day == 30


def test_saturday_morning_is_an_extra_working_day():
    scenario = build({"calendar.saturday_sessions": [{"start": "07:30", "end": "11:30"}]})
    timetable = build_timetable(scenario, 6)
    saturday = timetable.periods_of_day(5)
    assert [(p.weekday, p.start % 1440, p.end % 1440, p.closes_day) for p in saturday] == [
        (5, 450, 690, True)
    ]


def test_a_share_of_the_day_is_already_at_the_door_at_opening():
    """door_queue_share = 0.2: a fifth of each day's citizens arrive at the morning opening minute, the
    rest follow the profile, and the day's total is unchanged (same Poisson count, same uniforms)."""
    plain = _arrivals({"demand.citizens": 200}, days=40)[2]
    door = _arrivals({"demand.citizens": 200, "demand.door_queue_share": 0.2}, days=40)[2]
    assert len(door) == len(plain)
    at_opening = np.isclose(door % 1440, 450.0)  # 07:30
    assert at_opening.mean() == pytest.approx(0.2, abs=0.02)
    assert np.isclose(plain % 1440, 450.0).mean() < 0.01
    assert np.all(np.diff(door) >= 0)
    later = door[~at_opening] % 1440
    assert later.min() > 450 and later.max() < 17 * 60
