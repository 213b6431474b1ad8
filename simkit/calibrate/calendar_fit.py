"""When the centre was actually open: working weekdays, opening sessions, counters, and closing behaviour.

The timetable on the door and the one the tickets show can differ (the afternoon starts at 13:45 in
practice, Saturday mornings are open). The tickets are the better witness: a 15-minute slot belongs to
an opening session when tickets were issued in it on at least one recorded day in ten; a session runs
from the 10th percentile of the days' first tickets (rounded down to a quarter hour) to the 90th
percentile of their last ones (rounded up). Quiet gaps shorter than 30 minutes do not split a session.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simkit.calibrate.intervals import Estimate, mean_interval
from simkit.errors import ConfigError
from simkit.sim.scenario import WEEKDAYS, clock_to_minutes

SLOT = 15
COVERAGE = 0.1
OVERTIME_GRACE = 5.0
"""Minutes after a session's end within which a call still counts as closing on time."""


def weekday_of(day: np.ndarray | int) -> np.ndarray | int:
    """0 = Monday for day numbers counted from 1970-01-01 (a Thursday)."""
    return (np.asarray(day) + 3) % 7 if isinstance(day, np.ndarray) else (day + 3) % 7


def day_label(day: int) -> str:
    """Day number → ``"Thu 2026-09-03"``."""
    return f"{WEEKDAYS[weekday_of(day)].capitalize()} {np.datetime64(int(day), 'D')}"


@dataclass(frozen=True)
class OpenDays:
    """The recorded period, its open weekdays, the days with tickets, and open weekdays without any."""

    first: int
    last: int
    weekdays: tuple[int, ...]
    recorded: tuple[int, ...]
    without_tickets: tuple[int, ...]
    off_calendar: tuple[int, ...]


def open_days(days_with_tickets: np.ndarray) -> OpenDays:
    """Working weekdays: tickets on at least half of their dates in the period, and at least a tenth of
    the busiest weekday's tickets per date (one Sunday event in a quiet log is not a Sunday opening)."""
    days, counts = np.unique(days_with_tickets, return_counts=True)
    first, last = int(days.min()), int(days.max())
    calendar = np.arange(first, last + 1)
    volume = {}
    for weekday in range(7):
        dates = calendar[weekday_of(calendar) == weekday]
        on = np.isin(days, dates)
        if len(dates) and on.sum() >= max(1, len(dates) / 2):
            volume[weekday] = counts[on].sum() / len(dates)
    busiest = max(volume.values())
    open_weekdays = [w for w, v in volume.items() if v >= 0.1 * busiest]
    on_open = np.isin(weekday_of(calendar), open_weekdays)
    recorded = tuple(int(d) for d in days if weekday_of(int(d)) in open_weekdays)
    without = tuple(int(d) for d in calendar[on_open] if d not in set(days.tolist()))
    off = tuple(int(d) for d in days if weekday_of(int(d)) not in open_weekdays)
    return OpenDays(first, last, tuple(open_weekdays), recorded, without, off)


def parse_sessions(text: str) -> list[tuple[int, int]]:
    """``"07:30-11:30,13:30-17:00"`` → minutes; a one-line error naming ``--sessions`` otherwise."""
    sessions = []
    for part in text.split(","):
        pieces = part.replace("–", "-").split("-")
        try:
            if len(pieces) != 2:
                raise ValueError(part)
            start, end = clock_to_minutes(pieces[0]), clock_to_minutes(pieces[1])
        except ValueError:
            raise ConfigError(
                f"'{part.strip()}' is not a session like 07:30-11:30 (sessions separated by commas)",
                field="sessions",
            ) from None
        if end <= start or (sessions and start < sessions[-1][1]):
            raise ConfigError("sessions must each end after they start, in clock order", field="sessions")
        sessions.append((start, end))
    return sessions


def find_sessions(day: np.ndarray, minute: np.ndarray) -> list[tuple[int, int]]:
    """Opening sessions (start, end minute) shown by the issue times of one group of days."""
    days = np.unique(day)
    slots = np.clip((minute // SLOT).astype(np.int64), 0, 1440 // SLOT - 1)
    seen = pd.DataFrame({"day": day, "slot": slots}).drop_duplicates()
    coverage = np.bincount(seen["slot"], minlength=1440 // SLOT) / len(days)
    active = np.flatnonzero(coverage >= COVERAGE)
    if len(active) == 0:
        active = np.flatnonzero(coverage > 0)
    runs: list[list[int]] = [[int(active[0]), int(active[0])]]
    for slot in active[1:]:
        if slot - runs[-1][1] <= 30 // SLOT + 1:
            runs[-1][1] = int(slot)
        else:
            runs.append([int(slot), int(slot)])
    sessions: list[tuple[int, int]] = []
    for low, high in runs:
        inside = (minute >= low * SLOT) & (minute < (high + 1) * SLOT)
        per_day = pd.DataFrame({"day": day[inside], "minute": minute[inside]}).groupby("day")["minute"]
        start = int(math.floor(np.quantile(per_day.min(), 0.1) / SLOT) * SLOT)
        end = int(math.ceil(np.quantile(per_day.max(), 0.9) / SLOT) * SLOT)
        start = max(start, sessions[-1][1] if sessions else 0)
        end = min(max(end, start + SLOT), 1440)
        sessions.append((start, end))
    return sessions


def clock(minute: float) -> str:
    minute = int(round(minute))
    return f"{minute // 60:02d}:{minute % 60:02d}"


@dataclass(frozen=True)
class SessionCounters:
    """Counters open in one session: the whole number written, and the day-to-day mean with its CI."""

    counters: int
    per_day: Estimate
    fewest: int
    most: int
    measured_by: str


def session_of(minute: np.ndarray, sessions: list[tuple[int, int]]) -> np.ndarray:
    """Index of the session each issue minute falls in (−1 outside every session)."""
    index = np.full(len(minute), -1)
    for i, (start, end) in enumerate(sessions):
        index[(minute >= start) & (minute < end)] = i
    return index


def counters_per_session(tickets: pd.DataFrame, sessions: list[tuple[int, int]]) -> list[SessionCounters]:
    """Distinct counters calling tickets per session and day (or, without a counter column, the most
    services going on at once: a lower bound, since an idle counter leaves no trace)."""
    served = tickets[tickets["status"] == "served"]
    has_counter = bool((served["counter"] != "").any())
    result = []
    for start, end in sessions:
        inside = served[(served["called"] >= start) & (served["called"] < end + OVERTIME_GRACE)]
        if has_counter:
            daily = inside.groupby("day")["counter"].nunique().to_numpy(float)
        else:
            daily = np.array([_most_at_once(g) for _, g in inside.groupby("day")], float)
        if len(daily) == 0:
            daily = np.array([1.0])
        written = max(1, int(np.floor(np.median(daily) + 0.5)))
        result.append(
            SessionCounters(
                counters=written,
                per_day=mean_interval(daily),
                fewest=int(daily.min()),
                most=int(daily.max()),
                measured_by="counter_column" if has_counter else "overlap",
            )
        )
    return result


def _most_at_once(group: pd.DataFrame) -> int:
    times = np.concatenate([group["called"].to_numpy(), group["ended"].to_numpy()])
    steps = np.concatenate([np.ones(len(group)), -np.ones(len(group))])
    order = np.lexsort((steps, times))  # an end before a start at the same instant
    return int(np.cumsum(steps[order]).max()) if len(group) else 0


def overtime_days(
    tickets: pd.DataFrame, sessions_by_day: dict[int, list[tuple[int, int]]]
) -> tuple[int, int]:
    """(days with a ticket called over 5 minutes after its session closed, days looked at)."""
    from simkit.calibrate.mix_fit import session_index

    served = tickets[tickets["status"] == "served"]
    session, end = session_index(served, sessions_by_day)
    late = (session >= 0) & (served["called"].to_numpy() > end + OVERTIME_GRACE)
    return int(served["day"][late].nunique()), len(sessions_by_day)
