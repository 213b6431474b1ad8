"""The figures of each clock hour of the replayed day, shown beside the animation.

Why "citizens who arrived in this hour" and not "what happened in this hour": it is how the kit's tables
read (wait by hour of arrival, ``hour = 9`` is 09:00–10:00), so a trainer can point from the replay to
the dashboard's chart and find the same hour. Waits are those of the hour's walk-ins who were called;
those who gave up, were turned away by the long line or sent home at closing are counted, never dropped.
"Counters busy" is the share of the hour's staffed counter minutes spent serving (or on back-office work
at a shared counter); a clerk finishing a citizen after a session ended is not staffed time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simkit.replay.daylog import ASSISTED_DESK, COUNTER_DESK, COUNTER_FOR_DOSSIER, DayLog
from simkit.replay.frames import BAULKED, RENEGED, SENT_HOME
from simkit.sim.timetable import MINUTES_PER_DAY


@dataclass(frozen=True)
class HourFigures:
    """One clock hour (``hour`` 9 = 09:00–10:00) of one day; waits in minutes, NaN when nobody was called."""

    hour: int
    walk_ins: int
    assisted: int
    online: int
    called: int
    wait_mean: float
    wait_max: float
    over_target: int
    gave_up: int
    turned_away: int
    sent_home: int
    counter_busy_share: float


def hour_figures(log: DayLog, target_wait: float) -> list[HourFigures]:
    """Figures of every clock hour the replay shows, in order."""
    day0 = log.window_start - log.window_start % MINUTES_PER_DAY
    first = (log.window_start - day0) // 60
    last = (log.window_end - day0) // 60
    arrival_hour = (log.visit_arrival - day0) // 60
    wait = log.visit_start - log.visit_arrival
    submit_hour = (log.dossier_submitted - day0) // 60
    busy = _counter_busy_minutes(log, day0, first, last)
    rows = []
    for hour in range(int(first), int(last) + 1):
        here = arrival_hour == hour
        walk = here & (log.visit_station == COUNTER_DESK)
        called = walk & ~np.isnan(log.visit_start)
        waits = wait[called]
        staffed = _staffed_minutes(log, day0 + hour * 60)
        rows.append(
            HourFigures(
                hour=hour,
                walk_ins=int(walk.sum()),
                assisted=int((here & (log.visit_station == ASSISTED_DESK)).sum()),
                online=int(((submit_hour == hour) & _online_submission(log)).sum()),
                called=int(called.sum()),
                wait_mean=float(waits.mean()) if len(waits) else float("nan"),
                wait_max=float(waits.max()) if len(waits) else float("nan"),
                over_target=int((waits > target_wait).sum()),
                gave_up=int((walk & (log.visit_outcome == RENEGED)).sum()),
                turned_away=int((walk & (log.visit_outcome == BAULKED)).sum()),
                sent_home=int((walk & (log.visit_outcome == SENT_HOME)).sum()),
                counter_busy_share=min(busy[hour - int(first)], staffed) / staffed
                if staffed > 0
                else float("nan"),
            )
        )
    return rows


def _online_submission(log: DayLog) -> np.ndarray:
    """Dossiers the citizen submitted online (not those submitted for them at the assisted desk)."""
    at_desk = set(log.visit_citizen[log.visit_station == ASSISTED_DESK].tolist())
    return np.array([c not in at_desk for c in log.dossier_citizen.tolist()], dtype=bool)


def _staffed_minutes(log: DayLog, hour_start: float) -> float:
    """Counter-minutes with a clerk on duty between ``hour_start`` and an hour later."""
    hour_end = hour_start + 60
    return float(
        sum(
            max(0.0, min(end, hour_end) - max(start, hour_start)) * count
            for start, end, count in log.counter_duty
        )
    )


def _counter_busy_minutes(log: DayLog, day0: float, first: int, last: int) -> np.ndarray:
    """Staffed counter minutes spent busy in each clock hour (serving, or shared back-office work).

    Only time inside the opening periods counts: a clerk finishing the citizen in hand after a session
    ends is working, but not in staffed time, so the share stays a share (at most 100%).
    """
    counter = (log.visit_station == COUNTER_DESK) & ~np.isnan(log.visit_start)
    shared = log.dossier_place == COUNTER_FOR_DOSSIER
    start = np.concatenate([log.visit_start[counter], log.dossier_start[shared]])
    end = np.concatenate([log.service_end[counter], log.dossier_done[shared]])
    end = np.where(np.isnan(end), log.window_end, np.minimum(end, log.window_end))
    edges = day0 + 60.0 * np.arange(first, last + 2)
    busy = np.zeros(len(edges) - 1)
    if not len(start):
        return busy
    for opens, closes, _count in log.counter_duty:
        low = np.maximum(edges[:-1], opens)[:, None]
        high = np.minimum(edges[1:], closes)[:, None]
        overlap = np.clip(np.minimum(end[None, :], high) - np.maximum(start[None, :], low), 0, None)
        busy += overlap.sum(axis=1)
    return busy
