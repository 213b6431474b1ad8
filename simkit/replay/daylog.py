"""One working day of a run's records, cut out and given desk numbers, ready to be replayed minute by minute.

Why a separate step: the records keep *when* each citizen arrived, was called and left, and when each
online dossier was submitted, opened and finished — everything an animation needs except *which* desk.
The engine's clerks are interchangeable, so the records do not say which clerk served whom. The replay
gives each service a numbered desk the way the centre's clerks call tickets: the next service goes to a
free desk on duty, the one that has been free longest (lowest number on a tie). That is a faithful
picture: no two citizens ever share a desk, a desk is used only while a clerk is there (or finishing the
citizen in hand after a session ends), and the number of busy desks at every minute is exactly the number
of services in the records. Work that counter clerks do for the back office (when the scenario shares
it) takes a counter too, so "counters busy" counts it.

Only public fields of ``RunRecords`` are read; the engine is not run again here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from simkit.errors import ConfigError
from simkit.sim.keys import CHANNELS, OUTCOMES
from simkit.sim.records import RunRecords
from simkit.sim.scenario import Scenario
from simkit.sim.timetable import MINUTES_PER_DAY, Timetable

COUNTER_DESK, ASSISTED_DESK = 0, 1
"""Stations, as in the records' ``visit_station``."""
BACKOFFICE_DESK, COUNTER_FOR_DOSSIER = 0, 1
"""Where a dossier was processed: at a back-office desk, or at a counter (back office shared)."""
LEAVE_MINUTES = 3
"""How long someone who left stays visible on the way out (at the exit, coloured by how they left)."""
_FAR = math.inf


@dataclass(frozen=True)
class DayLog:
    """Visits and dossiers of one working day, with desk numbers, and the desks on duty.

    Times are minutes on the simulation clock (as in the records). Visits are those that arrived during
    the day; dossiers those submitted during the day plus any backlog left from earlier days.
    """

    day: int
    window_start: int
    window_end: int
    counters: int
    assisted_desks: int
    backoffice_desks: int
    counter_duty: tuple[tuple[float, float, int], ...]
    desk_duty: tuple[tuple[float, float], ...]
    visit_citizen: np.ndarray
    visit_number: np.ndarray
    visit_station: np.ndarray
    visit_arrival: np.ndarray
    visit_start: np.ndarray
    visit_end: np.ndarray
    visit_outcome: np.ndarray
    visit_desk: np.ndarray
    visit_channel: np.ndarray
    dossier_citizen: np.ndarray
    dossier_submitted: np.ndarray
    dossier_start: np.ndarray
    dossier_done: np.ndarray
    dossier_place: np.ndarray
    dossier_desk: np.ndarray

    @property
    def minutes(self) -> np.ndarray:
        """Every whole minute the replay shows, from opening to after the last person left."""
        return np.arange(self.window_start, self.window_end + 1)

    def counters_on_duty(self, minute: float) -> int:
        """Counters with a clerk at ``minute`` (0 at lunch and after closing)."""
        return sum(count for start, end, count in self.counter_duty if start <= minute < end)

    def desks_open(self, minute: float) -> bool:
        """Whether the assisted desk and back office are staffed at ``minute`` (they work every period)."""
        return any(start <= minute < end for start, end in self.desk_duty)

    @property
    def queue_leave(self) -> np.ndarray:
        """When each visit stopped waiting: called, gave up, sent home; never, if still in line at the end."""
        leave = np.where(np.isnan(self.visit_start), self.visit_end, self.visit_start)
        return np.where(np.isnan(leave), _FAR, leave)

    @property
    def service_end(self) -> np.ndarray:
        """End of service (∞ for a citizen still being served when the run ended)."""
        return np.where(np.isnan(self.visit_end), _FAR, self.visit_end)

    def walk_in(self) -> np.ndarray:
        """Mask of counter visits (the kit's walk-ins: in person, failed online, collection visits)."""
        return self.visit_station == COUNTER_DESK


def day_log(scenario: Scenario, timetable: Timetable, records: RunRecords, day: int = 0) -> DayLog:
    """Cut working day ``day`` out of a replication's records and give every service a desk number."""
    if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day < timetable.days:
        raise ConfigError(f"must be a working day from 0 to {timetable.days - 1} (got {day!r})", field="day")
    periods = timetable.periods_of_day(day)
    opens, closes = periods[0].start, periods[-1].end
    next_day = math.inf if day + 1 >= timetable.days else timetable.day_start(day + 1)
    pop = records.population

    in_day = (records.visit_arrival >= opens) & (
        records.visit_arrival < min(next_day, opens + MINUTES_PER_DAY)
    )
    v = np.flatnonzero(in_day)
    v = v[np.lexsort((v, records.visit_arrival[v]))]  # queue order: arrival, then order of joining
    start, end = records.visit_start[v], records.visit_end[v]
    station = records.visit_station[v]

    submitted, d_start, done = records.dossier_submitted, records.dossier_start, records.dossier_done
    has = ~np.isnan(submitted)
    today = has & (submitted < next_day) & (submitted >= opens)
    backlog = has & (submitted < opens) & (np.isnan(done) | (done > opens))
    d = np.flatnonzero(today | backlog)
    d = d[np.lexsort((d, submitted[d]))]

    unlimited = scenario.staffing.unlimited_counters
    counter_duty = tuple((p.start, p.end, p.counters) for p in periods)
    desk_duty = tuple((p.start, p.end) for p in periods)
    counter_jobs_start = start[station == COUNTER_DESK]
    counter_jobs_end = end[station == COUNTER_DESK]
    # Back-office work done at the counters (shared back office): the counter staff's busy intervals
    # marked as back-office work, each one exactly a dossier's (start, done).
    log = records.staff.get("counter")
    if log is not None and len(log.busy_start):
        shared = log.busy_backoffice.astype(bool)
        pairs = zip(log.busy_start[shared], log.busy_end[shared], strict=True)
        shared_keys = {(float(s), float(e)) for s, e in pairs}
    else:
        shared_keys = set()
    at_counter = np.array(
        [(float(d_start[i]), float(done[i])) in shared_keys for i in d] if len(d) else [], dtype=bool
    )
    served_at = np.concatenate([counter_jobs_start, d_start[d][at_counter]])
    ended_at = np.concatenate([counter_jobs_end, done[d][at_counter]])
    if unlimited:
        counters = max(_most_at_once(served_at, ended_at), 1)
        counter_duty = tuple((p.start, p.end, counters) for p in periods)
    else:
        counters = max(p.counters for p in periods)
    counter_desks = assign_desks(served_at, ended_at, counters, counter_duty)
    visit_desk = np.full(len(v), -1, dtype=np.int64)
    visit_desk[station == COUNTER_DESK] = counter_desks[: len(counter_jobs_start)]

    assisted = int(scenario.staffing.assisted_desk.staff)
    on_assisted = station == ASSISTED_DESK
    assisted_duty = tuple((s, e, assisted) for s, e in desk_duty)
    visit_desk[on_assisted] = assign_desks(start[on_assisted], end[on_assisted], assisted, assisted_duty)

    backoffice = int(scenario.staffing.backoffice)
    dossier_place = np.where(at_counter, COUNTER_FOR_DOSSIER, BACKOFFICE_DESK).astype(np.int64)
    dossier_desk = np.full(len(d), -1, dtype=np.int64)
    dossier_desk[at_counter] = counter_desks[len(counter_jobs_start) :]
    by_staff = ~at_counter
    office_duty = tuple((s, e, backoffice) for s, e in desk_duty)
    dossier_desk[by_staff] = assign_desks(d_start[d][by_staff], done[d][by_staff], backoffice, office_duty)

    last = np.nanmax(np.concatenate([[closes], end[end < next_day], done[d][done[d] < closes + 60]]))
    return DayLog(
        day=day,
        window_start=int(math.floor(opens)),
        window_end=int(math.ceil(last)) + LEAVE_MINUTES,
        counters=int(counters),
        assisted_desks=assisted,
        backoffice_desks=backoffice,
        counter_duty=counter_duty,
        desk_duty=desk_duty,
        visit_citizen=records.visit_citizen[v],
        visit_number=records.visit_number[v],
        visit_station=station,
        visit_arrival=records.visit_arrival[v],
        visit_start=start,
        visit_end=end,
        visit_outcome=records.visit_outcome[v],
        visit_desk=visit_desk,
        visit_channel=pop.channel[records.visit_citizen[v]],
        dossier_citizen=d,
        dossier_submitted=submitted[d],
        dossier_start=d_start[d],
        dossier_done=done[d],
        dossier_place=dossier_place,
        dossier_desk=dossier_desk,
    )


def assign_desks(
    start: np.ndarray, end: np.ndarray, desks: int, duty: tuple[tuple[float, float, int], ...]
) -> np.ndarray:
    """A desk number (0-based) for each job [start, end) — −1 for a job that never started.

    In order of start: a free desk on duty (desk k is on duty in a period if k < the period's count),
    the one free longest, lowest number on a tie; a free desk off duty only if none on duty is free (a
    clerk finishing the citizen in hand). Never two jobs at one desk: the records never hold more jobs
    at once than there are desks, so a free desk always exists.
    """
    out = np.full(len(start), -1, dtype=np.int64)
    started = np.flatnonzero(~np.isnan(start))
    if len(started) == 0:
        return out
    if desks < 1:
        raise ValueError("services recorded at a station without staff")
    free_since = np.full(desks, -math.inf)
    order = started[np.lexsort((started, start[started]))]
    finish = np.where(np.isnan(end), math.inf, end)
    for job in order:
        now = start[job]
        on_duty = next((count for s, e, count in duty if s <= now < e), 0)
        free = np.flatnonzero(free_since <= now)
        if len(free) == 0:
            raise ValueError(f"more services at minute {now:.2f} than desks ({desks})")
        preferred = free[free < on_duty]
        pool = preferred if len(preferred) else free
        desk = int(pool[np.argmin(free_since[pool])])
        out[job] = desk
        free_since[desk] = finish[job]
    return out


def _most_at_once(start: np.ndarray, end: np.ndarray) -> int:
    """The largest number of [start, end) intervals open at one instant (ends before starts on a tie)."""
    ok = ~np.isnan(start)
    if not ok.any():
        return 0
    times = np.concatenate([start[ok], np.where(np.isnan(end[ok]), math.inf, end[ok])])
    steps = np.concatenate([np.ones(ok.sum()), -np.ones(ok.sum())])
    order = np.lexsort((steps, times))
    return int(np.cumsum(steps[order]).max())


CHANNEL_CODE = {name: code for code, name in enumerate(CHANNELS)}
OUTCOME_CODE = {name: code for code, name in enumerate(OUTCOMES)}
