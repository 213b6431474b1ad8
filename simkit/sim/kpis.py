"""KPIs of one replication, computed from its records with numpy.

Conventions (also stated in ``content/README.md`` so planners can read them):

- Only what happens after the warm-up days counts: visits by the day they are made, citizens (online
  submissions, citizen-hours) by the day they first came or submitted. Counts, hours and overtime are
  per measured working day, so a 1-day and a 5-day run read the same way.
- A walk-in is any visit to the counters: in-person procedures, failed online attempts sent to the
  counter, and collection visits of partly-online procedures (on the appointment day or later, once the
  dossier is done; see ``Centre.collect_later``). Wait statistics use served walk-ins; reneged, baulked
  and sent-home visits are counted separately, never silently dropped.
- Queue length is time-weighted over opening minutes of the measured days (the queue that waits through
  lunch shows up in the waits of those who waited, not in this average).
- Citizen-hours: every in-person visit costs a round trip plus the time from arrival to leaving; an
  online submission costs the procedure's ``online_minutes``. Hours saved by going online compare each
  successful online citizen with what the same citizen would have spent at the counter: round trip,
  own counter service time and the replication's mean walk-in wait. A collection visit due after the
  run's last day is still a trip the citizen makes: it is counted as a round trip, its collection time
  and the replication's mean walk-in wait.
- Online lead time: ``online_lead_time_mean_hours``/``_p90_hours`` are over *completed* dossiers;
  ``online_lead_time_with_pending_mean_hours`` counts the pending ones too, with the time they have waited
  up to the end of the run (a lower bound), so a backlog shows; ``online_backlog_growth_per_day`` is the
  dossiers waiting at the last closing minus those at the warm-up's last closing (0 without warm-up), per
  measured day.
- A KPI with nothing to measure (no walk-ins at adoption 1, no assisted desk) is NaN, not zero.
"""

from __future__ import annotations

import numpy as np

from simkit.sim.engine import ASSISTED_DESK, COUNTER
from simkit.sim.keys import CHANNELS, OUTCOMES
from simkit.sim.records import RunRecords, StaffLog
from simkit.sim.timetable import MINUTES_PER_DAY, Timetable

_SERVED, _RENEGED, _BAULKED, _NOT_SERVED, _IN_SYSTEM = (
    OUTCOMES.index(name) for name in ("served", "reneged", "baulked", "not_served_today", "in_system")
)
_ATTEMPTED = np.isin(np.arange(len(CHANNELS)), [CHANNELS.index(c) for c in CHANNELS if c != "in_person"])
_FAILED = np.isin(np.arange(len(CHANNELS)), [CHANNELS.index("assisted"), CHANNELS.index("failed_to_counter")])
_ONLINE = np.isin(np.arange(len(CHANNELS)), [CHANNELS.index("online_full"), CHANNELS.index("online_partial")])
_NAN = float("nan")


class QueueTrace:
    """The number in a line over time, as a step function, with its running integral.

    Built once from every join and leave time; then the time-weighted mean over any set of windows is
    two interpolations of the (piecewise-linear) integral, and the longest line is a running maximum.
    """

    def __init__(self, enter: np.ndarray, leave: np.ndarray) -> None:
        times = np.concatenate([leave, enter])
        steps = np.ones(len(times))
        steps[: len(leave)] = -1.0
        order = np.lexsort((steps, times))  # at equal times, leaving comes before joining
        self.times = times[order]
        self.level = np.cumsum(steps[order])
        # area[i] = ∫ L dt up to times[i]: the level before each event times the gap since the last one.
        self.area = np.zeros(len(times))
        if len(times) > 1:
            np.cumsum(self.level[:-1] * (self.times[1:] - self.times[:-1]), out=self.area[1:])

    def integral(self, at: np.ndarray) -> np.ndarray:
        """∫ L(t) dt from the first event to each time in ``at`` (0 before it, flat after the last).

        Computed as the area up to the last event at or before ``t`` plus that event's level times the
        time since, not by linear interpolation: every term is a product of non-negative numbers, so the
        result never decreases in ``t`` even after rounding, and a window's integral is never below 0
        (interpolating between two areas could round the earlier end above the later one).
        """
        if len(self.times) == 0:
            return np.zeros(np.shape(at))
        last = np.searchsorted(self.times, at, side="right") - 1
        known = np.maximum(last, 0)
        since = np.asarray(at, dtype=float) - self.times[known]
        return np.where(last < 0, 0.0, self.area[known] + self.level[known] * since)

    def mean_over(self, windows: np.ndarray) -> float:
        minutes = float((windows[:, 1] - windows[:, 0]).sum())
        if minutes == 0:
            return _NAN
        return float((self.integral(windows[:, 1]) - self.integral(windows[:, 0])).sum()) / minutes

    def longest_since(self, since: float) -> float:
        if len(self.times) == 0:
            return 0.0
        after = self.times >= since
        at_start = self.level[~after][-1] if (~after).any() else 0.0
        return float(max(at_start, self.level[after].max() if after.any() else 0.0))


def _quantile(ordered: np.ndarray, q: float) -> float:
    """Linear-interpolation quantile of a sorted array (numpy's default method), without its overhead."""
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def _wait_stats(waits: np.ndarray, target: float) -> dict[str, float]:
    if len(waits) == 0:
        names = ("mean", "median", "p90", "p95", "max")
        return {**{f"walkin_wait_{n}": _NAN for n in names}, "walkin_share_within_target": _NAN}
    ordered = np.sort(waits)
    return {
        "walkin_wait_mean": float(ordered.sum()) / len(ordered),
        "walkin_wait_median": _quantile(ordered, 0.5),
        "walkin_wait_p90": _quantile(ordered, 0.9),
        "walkin_wait_p95": _quantile(ordered, 0.95),
        "walkin_wait_max": float(ordered[-1]),
        "walkin_share_within_target": float(np.count_nonzero(ordered <= target)) / len(ordered),
    }


def _mean(values: np.ndarray) -> float:
    # sum / n is what ndarray.mean computes, without its per-call overhead (this runs ~20× per replication).
    return float(values.sum()) / len(values) if len(values) else _NAN


def _inside(starts: np.ndarray, ends: np.ndarray, window: tuple[float, float]) -> float:
    """Total length of the intervals [starts, ends) inside one window."""
    return float(np.maximum(np.minimum(ends, window[1]) - np.maximum(starts, window[0]), 0.0).sum())


def _share(part: float, whole: float) -> float:
    """``part / whole``, NaN when there is no whole (no staff on duty, nobody busy)."""
    return part / whole if whole else _NAN


def _utilisation(log: StaffLog, window: tuple[float, float]) -> float:
    """Busy ÷ on-duty time inside the window."""
    busy = _inside(log.busy_start, log.busy_end, window)
    return _share(busy, _inside(log.duty_start, log.duty_stop, window))


def replication_kpis(
    records: RunRecords, timetable: Timetable, warmup_days: int, target_wait: float, *, by_hour: bool = True
) -> tuple[dict[str, float], dict[int, dict[str, float]]]:
    """Summary KPIs and per-clock-hour KPIs of one replication (keys as in ``simkit.sim.keys``).

    ``by_hour=False`` skips the hourly table (empty dict): sweeps and searches only use the summary.
    """
    pop = records.population
    days = timetable.days - warmup_days
    measured_citizen = pop.working_day >= warmup_days
    measured_periods = [p for p in timetable.periods if p.working_day >= warmup_days]
    open_windows = np.array([(p.start, p.end) for p in measured_periods], dtype=float).reshape(-1, 2)
    run_window = (measured_periods[0].start, max(records.end_time, timetable.end))

    station, outcome = records.visit_station, records.visit_outcome
    in_window = records.visit_day >= warmup_days
    counter = (station == COUNTER) & in_window
    assisted = (station == ASSISTED_DESK) & in_window
    served = outcome == _SERVED
    waits_all = records.visit_start - records.visit_arrival
    leaves = records.visit_leaves_queue()

    kpi: dict[str, float] = {
        "arrivals_per_day": measured_citizen.sum() / days,
        "walkin_visits_per_day": counter.sum() / days,
        "walkin_served_per_day": (counter & served).sum() / days,
        "walkin_reneged_per_day": (counter & (outcome == _RENEGED)).sum() / days,
        "walkin_baulked_per_day": (counter & (outcome == _BAULKED)).sum() / days,
        "walkin_not_served_per_day": (counter & (outcome == _NOT_SERVED)).sum() / days,
        "walkin_in_system_at_end": float((counter & (outcome == _IN_SYSTEM)).sum()),
    }
    kpi.update(_wait_stats(waits_all[counter & served], target_wait))

    # Lines at the desks, from every visit's time in line (warm-up visits too: a line is a state).
    joined = outcome != _BAULKED
    counter_line = QueueTrace(
        records.visit_arrival[joined & (station == COUNTER)], leaves[joined & (station == COUNTER)]
    )
    kpi["queue_length_mean"] = counter_line.mean_over(open_windows)
    kpi["queue_length_max"] = counter_line.longest_since(run_window[0])

    counters = records.staff["counter"]
    counter_busy = _inside(counters.busy_start, counters.busy_end, run_window)
    counter_duty = _inside(counters.duty_start, counters.duty_stop, run_window)
    kpi["counter_utilisation"] = _share(counter_busy, counter_duty)
    helping = counters.busy_backoffice  # busy with online dossiers while the hall was empty
    kpi["counter_backoffice_share"] = _share(
        _inside(counters.busy_start[helping], counters.busy_end[helping], run_window), counter_busy
    )
    kpi["backoffice_utilisation"] = _utilisation(records.staff["backoffice"], run_window)
    kpi["assisted_visits_per_day"] = assisted.sum() / days
    assisted_waits = waits_all[assisted & served]
    kpi["assisted_wait_mean"] = _mean(assisted_waits)
    kpi["assisted_share_within_target"] = _mean(assisted_waits <= target_wait)
    kpi["assisted_utilisation"] = _utilisation(records.staff["assisted"], run_window)
    desk = joined & (station == ASSISTED_DESK)
    kpi["assisted_queue_length_mean"] = (
        QueueTrace(records.visit_arrival[desk], leaves[desk]).mean_over(open_windows)
        if records.staff["assisted"].members
        else _NAN
    )

    kpi["online_attempts_per_day"] = (measured_citizen & _ATTEMPTED[pop.channel]).sum() / days
    kpi["online_failed_per_day"] = (measured_citizen & _FAILED[pop.channel]).sum() / days
    has_dossier = ~np.isnan(records.dossier_submitted)
    submitted = measured_citizen & has_dossier
    completed = submitted & ~np.isnan(records.dossier_done)
    kpi["online_dossiers_per_day"] = submitted.sum() / days
    kpi["online_completed_per_day"] = completed.sum() / days
    measured_backlog = records.backlog_count[records.backlog_day >= warmup_days]
    kpi["online_backlog_end"] = _mean(measured_backlog.astype(float))
    picked_up = np.where(np.isnan(records.dossier_start), records.end_time, records.dossier_start)
    backlog = QueueTrace(records.dossier_submitted[has_dossier], picked_up[has_dossier])
    kpi["online_backlog_mean"] = backlog.mean_over(open_windows) if len(open_windows) else _NAN
    lead_hours = np.sort((records.dossier_done[completed] - records.dossier_submitted[completed]) / 60.0)
    kpi["online_lead_time_mean_hours"] = _mean(lead_hours)
    kpi["online_lead_time_p90_hours"] = _quantile(lead_hours, 0.9) if len(lead_hours) else _NAN
    # Pending dossiers count too, with the time they have waited so far (censored at the end of the run):
    # a lower bound of the true mean, where the mean of completed dossiers alone never sees the backlog.
    finished = np.where(np.isnan(records.dossier_done), records.end_time, records.dossier_done)
    kpi["online_lead_time_with_pending_mean_hours"] = _mean(
        (finished[submitted] - records.dossier_submitted[submitted]) / 60.0
    )
    kpi["online_backlog_growth_per_day"] = _backlog_growth(records, warmup_days, days)

    spent, saved = _citizen_minutes(records, measured_citizen, kpi["walkin_wait_mean"])
    kpi["citizen_hours_spent_per_day"] = spent / 60.0 / days
    kpi["citizen_hours_saved_per_day"] = saved / 60.0 / days
    closing = counters.duty_closes_day & (counters.duty_start >= run_window[0])
    kpi["overtime_staff_minutes_per_day"] = (
        float((counters.duty_stop - counters.duty_end)[closing].sum()) / days
    )

    hourly = (
        _hourly(
            records, counter & served, counter, waits_all, counter_line, measured_periods, days, target_wait
        )
        if by_hour
        else {}
    )
    return {k: float(v) for k, v in kpi.items()}, hourly


def _backlog_growth(records: RunRecords, warmup_days: int, days: int) -> float:
    """Dossiers waiting at the last closing minus at the close of the warm-up (0 without one), per day.

    Near 0 when the back office keeps up; clearly positive when its backlog grows day after day.
    """
    closing = dict(zip(records.backlog_day.tolist(), records.backlog_count.tolist(), strict=True))
    if not closing:
        return _NAN
    last = closing[max(closing)]
    start = closing.get(warmup_days - 1, 0) if warmup_days else 0
    return float(last - start) / days


def _citizen_minutes(
    records: RunRecords, measured: np.ndarray, mean_walkin_wait: float
) -> tuple[float, float]:
    pop = records.population
    in_person = measured[records.visit_citizen]
    leave = np.where(np.isnan(records.visit_end), records.end_time, records.visit_end)
    visit_minutes = 2 * pop.travel[records.visit_citizen] + (leave - records.visit_arrival)
    online = measured & _ONLINE[pop.channel]
    wait = 0.0 if np.isnan(mean_walkin_wait) else mean_walkin_wait
    # Collections still to come after the run: a dossier that ends in one, and no counter visit yet.
    at_counter = np.bincount(records.visit_citizen[records.visit_station == COUNTER], minlength=len(pop))
    due = measured & pop.collects & ~np.isnan(records.dossier_submitted) & (at_counter == 0)
    due_minutes = np.where(due, 2 * pop.travel + pop.collect_service + wait, 0.0)
    spent = float(visit_minutes[in_person].sum() + pop.online_minutes[online].sum() + due_minutes.sum())
    if not online.any():
        return spent, 0.0
    counterfactual = (2 * pop.travel + pop.counter_service + wait)[online].sum()
    collection = np.bincount(
        records.visit_citizen[in_person], weights=visit_minutes[in_person], minlength=len(pop)
    )
    actual = (pop.online_minutes + collection + due_minutes)[online].sum()
    return spent, float(counterfactual - actual)


def _hourly(
    records: RunRecords,
    served: np.ndarray,
    counter: np.ndarray,
    waits: np.ndarray,
    line: QueueTrace,
    periods: list,
    days: int,
    target: float,
) -> dict[int, dict[str, float]]:
    """KPIs by clock hour of arrival; queue length by clock hour of the day, over opening minutes."""
    windows: dict[int, list[tuple[float, float]]] = {}
    for p in periods:
        midnight = p.start - p.start % MINUTES_PER_DAY
        edge = p.start
        while edge < p.end:
            hour = int(edge - midnight) // 60
            stop = min(p.end, midnight + (hour + 1) * 60)
            windows.setdefault(hour, []).append((edge, stop))
            edge = stop
    clock_hour = ((records.visit_arrival % MINUTES_PER_DAY) // 60).astype(np.int64)
    result: dict[int, dict[str, float]] = {}
    for hour in sorted(windows):
        mine = clock_hour == hour
        row = {"walkin_arrivals_per_day": float((counter & mine).sum()) / days}
        row.update(_wait_stats(waits[served & mine], target))
        row["queue_length_mean"] = line.mean_over(np.array(windows[hour], dtype=float))
        result[hour] = row
    return result
