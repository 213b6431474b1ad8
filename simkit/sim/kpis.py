"""KPIs of one replication, computed from its records with numpy.

Conventions (also stated in ``content/README.md`` so planners can read them):

- Only citizens whose first arrival falls after the warm-up days count; counts, hours and overtime are
  per measured working day, so a 1-day and a 5-day run read the same way.
- A walk-in is any visit to the counters: in-person procedures, failed online attempts sent to the
  counter, and collection visits of partly-online procedures. Wait statistics use served walk-ins;
  reneged, baulked and sent-home visits are counted separately, never silently dropped.
- Queue length is time-weighted over opening minutes of the measured days (the queue that waits through
  lunch shows up in the waits of those who waited, not in this average).
- Citizen-hours: every in-person visit costs a round trip plus the time from arrival to leaving; an
  online submission costs the procedure's ``online_minutes``. Hours saved by going online compare each
  successful online citizen with what the same citizen would have spent at the counter: round trip,
  own counter service time and the replication's mean walk-in wait.
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
_ONLINE_FULL, _ONLINE_PARTIAL, _ASSISTED, _FAILED = (
    CHANNELS.index(name) for name in ("online_full", "online_partial", "assisted", "failed_to_counter")
)


def _stat(values: np.ndarray, how: str) -> float:
    if len(values) == 0:
        return float("nan")
    if how == "mean":
        return float(values.mean())
    if how == "max":
        return float(values.max())
    return float(np.percentile(values, {"median": 50, "p90": 90, "p95": 95}[how]))


def _overlap(starts: np.ndarray, ends: np.ndarray, windows: np.ndarray) -> float:
    """Total length of the intervals [starts, ends) that falls inside the sorted, disjoint ``windows``.

    Uses the cumulative open time F(t) = length of the windows before t, so each interval costs two
    binary searches: O((n + w) log w) instead of comparing every interval with every window.
    """
    if len(starts) == 0 or len(windows) == 0:
        return 0.0
    return float((_cumulative(ends, windows) - _cumulative(starts, windows)).clip(min=0.0).sum())


def _cumulative(times: np.ndarray, windows: np.ndarray) -> np.ndarray:
    lengths = windows[:, 1] - windows[:, 0]
    before = np.concatenate(([0.0], np.cumsum(lengths)))
    index = np.searchsorted(windows[:, 0], times, side="right") - 1
    inside = np.clip(times - windows[np.maximum(index, 0), 0], 0.0, lengths[np.maximum(index, 0)])
    return np.where(index < 0, 0.0, before[np.maximum(index, 0)] + inside)


def _wait_stats(waits: np.ndarray, target: float, prefix: str = "walkin_") -> dict[str, float]:
    out = {f"{prefix}wait_{how}": _stat(waits, how) for how in ("mean", "median", "p90", "p95", "max")}
    out[f"{prefix}share_within_target"] = float((waits <= target).mean()) if len(waits) else float("nan")
    return out


def _utilisation(log: StaffLog, window: np.ndarray) -> tuple[float, float]:
    """(busy ÷ on-duty time, share of busy time on back-office work) inside the window."""
    duty = _overlap(log.duty_start, log.duty_stop, window)
    if log.members == 0 or duty == 0:
        return float("nan"), float("nan")
    busy = _overlap(log.busy_start, log.busy_end, window)
    backoffice = _overlap(log.busy_start[log.busy_backoffice], log.busy_end[log.busy_backoffice], window)
    return busy / duty, (backoffice / busy if busy else float("nan"))


def replication_kpis(
    records: RunRecords, timetable: Timetable, warmup_days: int, target_wait: float
) -> tuple[dict[str, float], dict[int, dict[str, float]]]:
    """Summary KPIs and per-clock-hour KPIs of one replication (keys as in ``simkit.sim.keys``)."""
    pop = records.population
    days = timetable.days - warmup_days
    measured_citizen = pop.working_day >= warmup_days
    measured_periods = [p for p in timetable.periods if p.working_day >= warmup_days]
    open_windows = np.array([(p.start, p.end) for p in measured_periods], dtype=float).reshape(-1, 2)
    run_window = np.array([[measured_periods[0].start, max(records.end_time, timetable.end)]])

    in_window = measured_citizen[records.visit_citizen] if len(records.visit_citizen) else np.zeros(0, bool)
    outcome = records.visit_outcome
    counter = (records.visit_station == COUNTER) & in_window
    assisted = (records.visit_station == ASSISTED_DESK) & in_window
    waits_all = records.visit_start - records.visit_arrival
    served_waits = waits_all[counter & (outcome == _SERVED)]

    kpi: dict[str, float] = {
        "arrivals_per_day": measured_citizen.sum() / days,
        "walkin_visits_per_day": counter.sum() / days,
        "walkin_served_per_day": (counter & (outcome == _SERVED)).sum() / days,
        "walkin_reneged_per_day": (counter & (outcome == _RENEGED)).sum() / days,
        "walkin_baulked_per_day": (counter & (outcome == _BAULKED)).sum() / days,
        "walkin_not_served_per_day": (counter & (outcome == _NOT_SERVED)).sum() / days,
        "walkin_in_system_at_end": float((counter & (outcome == _IN_SYSTEM)).sum()),
    }
    kpi.update(_wait_stats(served_waits, target_wait))

    # Queue length at the counters, from every visit's time in line (warm-up visits too: it is a state).
    queued = (records.visit_station == COUNTER) & (outcome != _BAULKED)
    enter = records.visit_arrival[queued]
    leave = records.visit_leaves_queue()[queued]
    open_minutes = float((open_windows[:, 1] - open_windows[:, 0]).sum())
    kpi["queue_length_mean"] = _overlap(enter, leave, open_windows) / open_minutes
    kpi["queue_length_max"] = _max_in_line(enter, leave, run_window[0, 0])

    kpi["counter_utilisation"], kpi["counter_backoffice_share"] = _utilisation(
        records.staff["counter"], run_window
    )
    kpi["backoffice_utilisation"], _ = _utilisation(records.staff["backoffice"], run_window)
    kpi["assisted_visits_per_day"] = assisted.sum() / days
    assisted_waits = waits_all[assisted & (outcome == _SERVED)]
    kpi["assisted_wait_mean"] = _stat(assisted_waits, "mean")
    kpi["assisted_share_within_target"] = (
        float((assisted_waits <= target_wait).mean()) if len(assisted_waits) else float("nan")
    )
    kpi["assisted_utilisation"], _ = _utilisation(records.staff["assisted"], run_window)
    at_desk = (records.visit_station == ASSISTED_DESK) & (outcome != _BAULKED)
    kpi["assisted_queue_length_mean"] = (
        _overlap(records.visit_arrival[at_desk], records.visit_leaves_queue()[at_desk], open_windows)
        / open_minutes
        if records.staff["assisted"].members
        else float("nan")
    )

    channel = pop.channel
    attempted = measured_citizen & np.isin(channel, (_ONLINE_FULL, _ONLINE_PARTIAL, _ASSISTED, _FAILED))
    kpi["online_attempts_per_day"] = attempted.sum() / days
    kpi["online_failed_per_day"] = (measured_citizen & np.isin(channel, (_ASSISTED, _FAILED))).sum() / days
    submitted = measured_citizen & ~np.isnan(records.dossier_submitted)
    completed = submitted & ~np.isnan(records.dossier_done)
    kpi["online_dossiers_per_day"] = submitted.sum() / days
    kpi["online_completed_per_day"] = completed.sum() / days
    measured_backlog = records.backlog_count[records.backlog_day >= warmup_days]
    kpi["online_backlog_end"] = float(measured_backlog.mean()) if len(measured_backlog) else float("nan")
    in_backlog = ~np.isnan(records.dossier_submitted)
    backlog_leaves = np.where(np.isnan(records.dossier_start), records.end_time, records.dossier_start)
    kpi["online_backlog_mean"] = (
        _overlap(records.dossier_submitted[in_backlog], backlog_leaves[in_backlog], open_windows)
        / open_minutes
    )
    lead_hours = (records.dossier_done[completed] - records.dossier_submitted[completed]) / 60.0
    kpi["online_lead_time_mean_hours"] = _stat(lead_hours, "mean")
    kpi["online_lead_time_p90_hours"] = _stat(lead_hours, "p90")

    spent, saved = _citizen_minutes(records, measured_citizen, kpi["walkin_wait_mean"])
    kpi["citizen_hours_spent_per_day"] = spent / 60.0 / days
    kpi["citizen_hours_saved_per_day"] = saved / 60.0 / days
    counters = records.staff["counter"]
    closing = counters.duty_closes_day & (counters.duty_start >= run_window[0, 0])
    kpi["overtime_staff_minutes_per_day"] = (
        float((counters.duty_stop - counters.duty_end)[closing].sum()) / days
    )

    hourly = _hourly(records, counter, outcome, waits_all, enter, leave, measured_periods, days, target_wait)
    return {k: float(v) for k, v in kpi.items()}, hourly


def _citizen_minutes(
    records: RunRecords, measured: np.ndarray, mean_walkin_wait: float
) -> tuple[float, float]:
    pop = records.population
    in_person = measured[records.visit_citizen] if len(records.visit_citizen) else np.zeros(0, bool)
    leave = np.where(np.isnan(records.visit_end), records.end_time, records.visit_end)
    visit_minutes = 2 * pop.travel[records.visit_citizen] + (leave - records.visit_arrival)
    online = measured & np.isin(pop.channel, (_ONLINE_FULL, _ONLINE_PARTIAL))
    spent = float(visit_minutes[in_person].sum() + pop.online_minutes[online].sum())
    if not online.any():
        return spent, 0.0
    wait = 0.0 if np.isnan(mean_walkin_wait) else mean_walkin_wait
    counterfactual = (2 * pop.travel + pop.counter_service + wait)[online].sum()
    collection = np.zeros(len(pop))
    np.add.at(collection, records.visit_citizen[in_person], visit_minutes[in_person])
    actual = (pop.online_minutes + collection)[online].sum()
    return spent, float(counterfactual - actual)


def _max_in_line(enter: np.ndarray, leave: np.ndarray, since: float) -> float:
    if len(enter) == 0:
        return 0.0
    times = np.concatenate([leave, enter])
    steps = np.concatenate([-np.ones(len(leave)), np.ones(len(enter))])
    order = np.lexsort((steps, times))  # at equal times, leaving comes before joining
    level = np.cumsum(steps[order])
    after = times[order] >= since
    at_start = level[~after][-1] if (~after).any() else 0.0
    return float(max(at_start, level[after].max() if after.any() else 0.0))


def _hourly(
    records: RunRecords,
    counter: np.ndarray,
    outcome: np.ndarray,
    waits: np.ndarray,
    enter: np.ndarray,
    leave: np.ndarray,
    periods: list,
    days: int,
    target: float,
) -> dict[int, dict[str, float]]:
    hours = sorted(
        {
            int(h)
            for p in periods
            for h in range(int(p.start % MINUTES_PER_DAY) // 60, int((p.end - 1) % MINUTES_PER_DAY) // 60 + 1)
        }
    )
    clock_hour = (records.visit_arrival % MINUTES_PER_DAY // 60).astype(np.int64)
    result: dict[int, dict[str, float]] = {}
    for hour in hours:
        mine = counter & (clock_hour == hour)
        row = {"walkin_arrivals_per_day": mine.sum() / days}
        row.update(_wait_stats(waits[mine & (outcome == _SERVED)], target))
        windows = []
        for p in periods:
            midnight = p.start - p.start % MINUTES_PER_DAY
            lo, hi = max(p.start, midnight + hour * 60), min(p.end, midnight + (hour + 1) * 60)
            if hi > lo:
                windows.append((lo, hi))
        window = np.array(windows, dtype=float).reshape(-1, 2)
        minutes = float((window[:, 1] - window[:, 0]).sum())
        row["queue_length_mean"] = _overlap(enter, leave, window) / minutes if minutes else float("nan")
        result[hour] = {k: float(v) for k, v in row.items()}
    return result
