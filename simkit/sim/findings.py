"""What a run means before its table: citizens lost, a back office falling behind, and why the worst hour
is the worst.

Why a separate reading: a KPI table lists waits of the citizens who were *served*; at ten times the
demand it shows a 45-minute wait and hides the ~390 walk-ins a day who turned away or gave up. A
planner must see those first. Likewise a back office 98% busy with most of the day's dossiers still
pending, and a worst hour whose waits are the lunch break (citizens who arrived at 11:15 and were called
at 13:30), not a crowd at the counters. Screens (``simkit.plan``) and ``simkit run`` read these facts from
here and word them; nothing here is about display.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simkit.formats import number
from simkit.sim.engine import COUNTER
from simkit.sim.experiment import Results
from simkit.sim.keys import OUTCOMES
from simkit.sim.timetable import MINUTES_PER_DAY, Timetable, build_timetable

BUSY = 0.85
"""At or above this busy share a resource has no slack: queues grow steeply with each extra arrival."""

KEEPS_UP = 0.9
"""The back office keeps up when it completes at least this share of the dossiers it receives."""

SATURATED = 0.95
"""Busy at least this share of its time, a back office has no idle moment left to catch up in."""

CARRY_OVER = 0.5
"""An hour's waits "come from a closure" when at least this share of them was spent while closed."""

NO_WAIT = 0.05
"""A 90th-percentile wait under this many minutes (3 seconds) in every hour: nobody really waits."""

_SERVED = OUTCOMES.index("served")


@dataclass(frozen=True)
class Losses:
    """Walk-ins a day who left without service (means across replications)."""

    baulked: float
    reneged: float
    sent_home: float

    @property
    def total(self) -> float:
        return sum(0.0 if math.isnan(v) else v for v in (self.baulked, self.reneged, self.sent_home))

    @classmethod
    def of(cls, mean: Callable[[str], float]) -> Losses:
        return cls(
            mean("walkin_baulked_per_day"), mean("walkin_reneged_per_day"), mean("walkin_not_served_per_day")
        )


@dataclass(frozen=True)
class BackOffice:
    """How the back office coped: dossiers received and completed a day, left at closing, busy share."""

    received: float
    completed: float
    pending_at_close: float
    utilisation: float

    @classmethod
    def of(cls, mean: Callable[[str], float]) -> BackOffice:
        return cls(
            mean("online_dossiers_per_day"),
            mean("online_completed_per_day"),
            mean("online_backlog_end"),
            mean("backoffice_utilisation"),
        )

    @property
    def has_work(self) -> bool:
        return not math.isnan(self.received) and self.received > 0

    @property
    def falling_behind(self) -> bool:
        """Saturated and completing less than ``KEEPS_UP`` of what comes in: the backlog grows day after day.

        Both are needed on a one-day run: a back office with time to spare still ends the day with the
        last hour's dossiers open (completing, say, 88% of them) and clears them the next morning.
        """
        saturated = not math.isnan(self.utilisation) and self.utilisation >= SATURATED
        return self.has_work and saturated and self.completed < KEEPS_UP * self.received

    @property
    def busy(self) -> bool:
        return not math.isnan(self.utilisation) and self.utilisation >= BUSY


@dataclass(frozen=True)
class HourCause:
    """Why the waits of one clock hour of arrival are what they are.

    ``closed_share`` is the share of those citizens' waiting spent while the counters were closed (the
    lunch break, or after closing in overtime); ``load`` the work that arrives in the hour over the
    counter time open in it (≥ 1: more arrives than the counters can serve).
    """

    hour: int
    closed_share: float
    load: float
    opening: bool = False  # the centre opens in this hour: there is no earlier hour to blame

    @property
    def cause(self) -> str:
        """``"closed"`` (carried over a closure), ``"arrivals"`` (more than capacity), ``"opening"`` (the
        burst at the door when the centre opens), or ``"earlier"`` (the queue built up before)."""
        if self.closed_share >= CARRY_OVER:
            return "closed"
        if self.load >= 1:
            return "arrivals"
        return "opening" if self.opening else "earlier"


def _open_before(times: np.ndarray, timetable: Timetable) -> np.ndarray:
    """Open minutes from the start of the run up to each time."""
    starts = np.array([p.start for p in timetable.periods], dtype=float)
    lengths = np.array([p.minutes for p in timetable.periods], dtype=float)
    return np.clip(times[:, None] - starts[None, :], 0.0, lengths[None, :]).sum(axis=1)


def hour_causes(results: Results) -> dict[int, HourCause]:
    """For every clock hour with served walk-ins, why its waits are what they are (all replications)."""
    timetable = build_timetable(results.scenario, results.settings.days, results.settings.warmup_days)
    warmup = results.settings.warmup_days
    closed: dict[int, float] = {}
    waited: dict[int, float] = {}
    arrived: dict[int, int] = {}
    service_minutes = 0.0
    served_count = 0
    for replication in results.replications:
        records = replication.records
        counter = (records.visit_station == COUNTER) & (records.visit_day >= warmup)
        served = counter & (records.visit_outcome == _SERVED)
        arrival, start = records.visit_arrival[served], records.visit_start[served]
        wait = start - arrival
        shut = wait - (_open_before(start, timetable) - _open_before(arrival, timetable))
        hours = ((arrival % MINUTES_PER_DAY) // 60).astype(np.int64)
        for hour in np.unique(hours).tolist():
            mine = hours == hour
            closed[hour] = closed.get(hour, 0.0) + float(np.maximum(shut[mine], 0.0).sum())
            waited[hour] = waited.get(hour, 0.0) + float(wait[mine].sum())
        all_hours = ((records.visit_arrival[counter] % MINUTES_PER_DAY) // 60).astype(np.int64)
        for hour, count in zip(*np.unique(all_hours, return_counts=True), strict=True):
            arrived[int(hour)] = arrived.get(int(hour), 0) + int(count)
        service_minutes += float((records.visit_end[served] - start).sum())
        served_count += int(served.sum())
    mean_service = service_minutes / served_count if served_count else math.nan
    capacity = _counter_minutes_by_hour(timetable, warmup)
    openings = {int(p.start % MINUTES_PER_DAY) // 60 for p in timetable.periods if _opens_day(p, timetable)}
    reps = len(results.replications)
    causes = {}
    for hour in waited:
        share = closed[hour] / waited[hour] if waited[hour] > 0 else 0.0
        work = arrived.get(hour, 0) / reps * mean_service
        open_minutes = capacity.get(hour, 0.0)
        load = work / open_minutes if open_minutes else math.inf
        causes[hour] = HourCause(hour, share, load, hour in openings)
    return causes


def _opens_day(period, timetable: Timetable) -> bool:  # noqa: ANN001 - an OpenPeriod
    """The first period of its working day (the doors open: a queue may be waiting outside)."""
    return timetable.periods_of_day(period.working_day)[0] is period


def _counter_minutes_by_hour(timetable: Timetable, warmup: int) -> dict[int, float]:
    """Counter-minutes open in each clock hour, over the measured days (so per replication)."""
    minutes: dict[int, float] = {}
    for p in timetable.periods:
        if p.working_day < warmup:
            continue
        midnight = p.start - p.start % MINUTES_PER_DAY
        edge = p.start
        while edge < p.end:
            hour = int(edge - midnight) // 60
            stop = min(p.end, midnight + (hour + 1) * 60)
            minutes[hour % 24] = minutes.get(hour % 24, 0.0) + (stop - edge) * p.counters
            edge = stop
    return minutes


def worst_hours(
    results: Results, hourly: pd.DataFrame | None = None
) -> tuple[int, HourCause, int | None] | None:
    """(worst hour by mean 90th-percentile wait, its cause, the worst hour not carried over a closure).

    None when there are no walk-ins or nobody waits; the third item is None when every hour's waits come
    from a closure, or the worst hour's do not.
    ``hourly`` is ``results.hourly()`` when the caller has it already.
    """
    hourly = results.hourly() if hourly is None else hourly
    p90 = hourly[hourly["key"] == "walkin_wait_p90"].dropna(subset=["mean"])
    if p90.empty or p90["mean"].max() < NO_WAIT:  # nobody really waits: no hour is "worst"
        return None
    causes = hour_causes(results)
    ranked = [int(h) for h in p90.sort_values("mean", ascending=False, kind="stable")["hour"]]
    worst = ranked[0]
    cause = causes.get(worst, HourCause(worst, 0.0, math.nan))
    if cause.cause != "closed":
        return worst, cause, None
    other = next((h for h in ranked[1:] if h in causes and causes[h].cause != "closed"), None)
    return worst, cause, other


def findings_lines(results: Results, labels) -> list[str]:  # noqa: ANN001 - simkit.sim.labels.Labels
    """Sentences for ``simkit run``: losses, the back office, and the worst hour with its cause."""
    summary = results.summary().set_index("key")["mean"]

    def mean(key: str) -> float:
        return float(summary[key])

    def count(value: float) -> str:
        return "0" if math.isnan(value) else number(value, labels.lang, 1)

    def clock(hour: int) -> str:
        return f"{hour:02d}:00–{hour + 1:02d}:00"

    lines = []
    losses = Losses.of(mean)
    if losses.total > 0:
        lines.append(
            labels.figure("finding_lost").format(
                total=count(losses.total),
                baulked=count(losses.baulked),
                reneged=count(losses.reneged),
                sent_home=count(losses.sent_home),
            )
        )
    else:
        lines.append(labels.figure("finding_no_loss"))
    office = BackOffice.of(mean)
    if office.has_work and (office.falling_behind or office.busy):
        key = "finding_backlog" if office.falling_behind else "finding_backoffice_busy"
        lines.append(
            labels.figure(key).format(
                completed=count(office.completed),
                received=count(office.received),
                pending=count(office.pending_at_close),
                utilisation=f"{office.utilisation:.0%}",
            )
        )
    worst = worst_hours(results)
    if worst is not None:
        hour, cause, other = worst
        text = labels.figure(f"finding_worst_{cause.cause}").format(
            hour=clock(hour), share=f"{cause.closed_share:.0%}", load=f"{cause.load:.0%}"
        )
        if other is not None:
            text += " " + labels.figure("finding_worst_other").format(hour=clock(other))
        lines.append(text)
    return lines
