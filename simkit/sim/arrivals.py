"""Arrival times of citizens: a non-homogeneous Poisson process that only runs while the centre is open.

Why not thinning or hour-by-hour exponential gaps: on a working day the number of arrivals is Poisson
with mean Λ (the day's demand), and, given that number, the arrival times are independent draws from the
normalised rate curve. Drawing them that way is exact for *any* profile — a burst at opening, an empty
lunch hour, a closed afternoon — and costs two vectorised draws per day, with no rejected samples.
The rate is piecewise constant: the profile's weight for a clock hour, on the open minutes of that hour.
"""

from __future__ import annotations

import numpy as np

from simkit.sim.scenario import WEEKDAYS, Scenario, clock_to_minutes
from simkit.sim.timetable import MINUTES_PER_DAY, OpenPeriod, Timetable


def rate_segments(
    scenario: Scenario, periods: tuple[OpenPeriod, ...]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start minute and length of each open hour-slice of a day, and its arrival weight per minute."""
    starts: list[float] = []
    lengths: list[float] = []
    weights: list[float] = []
    for period in periods:
        edge = period.start
        while edge < period.end:
            hour_end = (edge // 60 + 1) * 60
            stop = min(hour_end, period.end)
            weight = scenario.demand.weight_of_hour(int(edge % MINUTES_PER_DAY) // 60)
            if weight > 0:
                starts.append(edge)
                lengths.append(stop - edge)
                weights.append(weight)
            edge = stop
    return np.array(starts), np.array(lengths), np.array(weights)


def daily_mean(scenario: Scenario, weekday: int) -> float:
    """Expected arrivals on a working day with this weekday (0 = Monday)."""
    factor = scenario.demand.weekday_factors.get(WEEKDAYS[weekday], 1.0)  # type: ignore[call-overload]
    return scenario.demand.citizens_per_working_day * factor


def arrival_times(scenario: Scenario, timetable: Timetable, rng: np.random.Generator) -> np.ndarray:
    """Sorted arrival minutes of every citizen over all working days of the timetable."""
    days: list[np.ndarray] = []
    for day in range(timetable.days):
        periods = timetable.periods_of_day(day)
        if scenario.demand.fixed_times:
            midnight = periods[0].start - periods[0].start % MINUTES_PER_DAY
            slots = midnight + np.array([clock_to_minutes(t) for t in scenario.demand.fixed_times], float)
            # Appointments only in this day's sessions (a Saturday morning takes only its morning slots).
            open_now = np.zeros(len(slots), bool)
            for period in periods:
                open_now |= (slots >= period.start) & (slots < period.end)
            days.append(slots[open_now])
            continue
        days.append(_poisson_day(scenario, periods, rng))
    return np.concatenate(days) if days else np.empty(0)


def times_in_day(scenario: Scenario, periods: tuple[OpenPeriod, ...], u: np.ndarray) -> np.ndarray:
    """The minute of the day's rate curve at which a share ``u`` of its arrivals has come (inverse CDF).

    The curve is the hourly profile on the open minutes, plus an atom at the morning opening minute
    holding ``demand.door_queue_share`` of the day (the queue already at the door). Used for every
    arrival of a day (sorted ``u``) and for a citizen who comes back to collect a result: they keep one
    uniform ``u`` and arrive at the same point of whichever day's profile they come on — within
    opening hours, with the morning rush, and the same in every scenario that shares the random numbers.
    """
    starts, lengths, weights = rate_segments(scenario, periods)
    if len(weights) == 0:
        return np.full(len(u), np.nan)
    u = np.asarray(u, dtype=float)
    door = scenario.demand.door_queue_share
    rest = u if door == 0 else np.maximum(u - door, 0.0) / (1.0 - door)
    mass = np.cumsum(weights * lengths)
    points = rest * mass[-1]
    segment = np.minimum(np.searchsorted(mass, points, side="right"), len(mass) - 1)
    before = np.concatenate(([0.0], mass[:-1]))[segment]
    times = starts[segment] + (points - before) / weights[segment]
    return times if door == 0 else np.where(u < door, periods[0].start, times)


def _poisson_day(scenario: Scenario, periods: tuple[OpenPeriod, ...], rng: np.random.Generator) -> np.ndarray:
    """One day's arrivals: a Poisson count, then each at the inverse CDF of a sorted uniform."""
    _starts, _lengths, weights = rate_segments(scenario, periods)
    count = rng.poisson(daily_mean(scenario, periods[0].weekday))
    if count == 0 or len(weights) == 0:
        return np.empty(0)
    return times_in_day(scenario, periods, np.sort(rng.random(count)))
