"""Opening periods on the simulation clock: which minutes the centre is open, and with how many counters.

The simulation clock counts minutes from midnight of the first calendar day. A working week is a list of
sessions per weekday (``Calendar``); this module lays it out over the days a run covers, skipping closed
days, so the model only asks "is this period open, and does it end the working day?".

Why touching periods stay open: an always-open centre (the M/M/c validation preset, 00:00–24:00 every day)
must not "close" at midnight and send its queue home; a period that runs into the next does not close.
"""

from __future__ import annotations

from dataclasses import dataclass

from simkit.sim.scenario import Scenario

MINUTES_PER_DAY = 1440


@dataclass(frozen=True)
class OpenPeriod:
    """One stretch of opening time on the simulation clock."""

    working_day: int
    weekday: int
    start: float
    end: float
    counters: int
    closes_day: bool

    @property
    def minutes(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Timetable:
    """Every opening period of a run, in time order, and the working days they belong to."""

    periods: tuple[OpenPeriod, ...]
    days: int

    def periods_of_day(self, working_day: int) -> tuple[OpenPeriod, ...]:
        return tuple(p for p in self.periods if p.working_day == working_day)

    def day_start(self, working_day: int) -> float:
        """Opening minute of a working day (its first period's start)."""
        return self.periods_of_day(working_day)[0].start

    @property
    def end(self) -> float:
        return self.periods[-1].end


def build_timetable(scenario: Scenario, days: int, warmup_days: int = 0) -> Timetable:
    """Lay the scenario's weekly calendar over ``days`` working days.

    The first *reported* day (working day number ``warmup_days``) is the first working day on or after
    ``calendar.start_weekday``; the warm-up days are the working days just before it. So a preset with
    ``start_weekday: mon`` and one warm-up day runs the Friday (or the Saturday morning, where that is a
    working day) and reports the Monday. Clock minute 0 is midnight of the first simulated day.
    """
    calendar = scenario.calendar
    first_weekday = _first_weekday(scenario, warmup_days)
    periods: list[OpenPeriod] = []
    working_day = 0
    calendar_day = 0
    while working_day < days:
        weekday = (first_weekday + calendar_day) % 7
        sessions = calendar.sessions_on(weekday)
        for index, session in enumerate(sessions):
            periods.append(
                OpenPeriod(
                    working_day=working_day,
                    weekday=weekday,
                    start=calendar_day * MINUTES_PER_DAY + session.start_minute,
                    end=calendar_day * MINUTES_PER_DAY + session.end_minute,
                    counters=scenario.counters_in(session),
                    closes_day=index == len(sessions) - 1,
                )
            )
        working_day += bool(sessions)
        calendar_day += 1
    return Timetable(periods=_keep_open_across_touching(periods), days=days)


def _first_weekday(scenario: Scenario, warmup_days: int) -> int:
    """Weekday of the first simulated day: ``start_weekday``, moved back over the warm-up days."""
    calendar = scenario.calendar
    start = ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(calendar.start_weekday)
    if warmup_days == 0:
        return start
    while not calendar.sessions_on(start % 7):  # the first reported day is a working day
        start += 1
    found = 0
    while found < warmup_days:
        start -= 1
        found += bool(calendar.sessions_on(start % 7))
    return start % 7


def _keep_open_across_touching(periods: list[OpenPeriod]) -> tuple[OpenPeriod, ...]:
    merged: list[OpenPeriod] = []
    for period in periods:
        previous = merged[-1] if merged else None
        if previous and previous.end == period.start and previous.counters == period.counters:
            # Keep both working-day labels apart for arrivals, but do not close in between.
            merged[-1] = OpenPeriod(
                previous.working_day,
                previous.weekday,
                previous.start,
                previous.end,
                previous.counters,
                closes_day=False,
            )
        merged.append(period)
    return tuple(merged)
