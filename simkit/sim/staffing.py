"""How many staff are needed: the fewest counters (or back-office, or assisted-desk staff) meeting a level.

The planner's rule is conservative on purpose: counters are enough when the *lower* bound of the 95% CI of
P(walk-in wait ≤ target) is at least the service level, so a lucky run cannot make a plan look safe.

Why a search and not a full grid: meeting the level is monotone in staff (more staff never lengthens a
wait, which the direction tests check citizen by citizen), so each adoption level needs only a doubling
step to find an upper bound and a bisection below it — a handful of evaluations instead of every count.
All adoption levels advance together, one batch of replications per round, so a process pool or a Dask
cluster always has a full batch to work on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from simkit.errors import ConfigError
from simkit.sim.executors import ExecutorSpec, ProgressSpec, Task, after, run_tasks
from simkit.sim.experiment import RunSettings, confidence_interval, kpi_bounds
from simkit.sim.loading import scenario_with
from simkit.sim.scenario import Scenario


@dataclass(frozen=True)
class Criterion:
    """What "enough staff" means for one resource."""

    resource: str
    field: str
    key: str
    bound: str  # "low": the CI's lower bound must reach the goal; "high": the upper bound must stay below it


CRITERIA = {
    "counters": Criterion("counters", "staffing.counters", "walkin_share_within_target", "low"),
    "assisted_desk": Criterion(
        "assisted_desk", "staffing.assisted_desk.staff", "assisted_share_within_target", "low"
    ),
    "backoffice": Criterion("backoffice", "staffing.backoffice", "online_lead_time_mean_hours", "high"),
}
"""Counters and the assisted desk: P(wait ≤ target) at the service level; back office: the mean online
lead time at most ``target_lead_hours``."""


def check_request(resource: str, service_level: float, target_lead_hours: float, max_staff: int) -> None:
    """One-line errors for an impossible request, before any replication runs."""
    if resource not in CRITERIA:
        raise ConfigError(
            f"unknown resource '{resource}'; choose from {', '.join(CRITERIA)}", field="resource"
        )
    if not 0 < service_level < 1:
        raise ConfigError(f"must be strictly between 0 and 1 (got {service_level})", field="service_level")
    if not (target_lead_hours > 0 and math.isfinite(target_lead_hours)):
        raise ConfigError(f"must be > 0 hours (got {target_lead_hours})", field="target_lead_hours")
    if max_staff < 1:
        raise ConfigError(f"must be ≥ 1 (got {max_staff})", field="max_staff")


def _fewest_possible(scenario: Scenario, resource: str) -> int:
    online = scenario.channel.adoption > 0 or any(p.adoption for p in scenario.procedures.values())
    if resource == "counters":
        return 1
    if resource == "assisted_desk":
        return 1 if online and scenario.channel.online_failure_rate > 0 else 0
    return 0 if scenario.staffing.backoffice_shared_with_counters or not online else 1


@dataclass
class _Search:
    """Bisection state for one adoption level: ``failing`` < answer ≤ ``meeting``."""

    scenario: Scenario
    failing: int
    meeting: int | None
    guess: int
    max_staff: int

    @property
    def done(self) -> bool:
        if self.meeting is None:
            return self.failing >= self.max_staff
        return self.meeting - self.failing <= 1

    def next_probe(self) -> int:
        if self.meeting is None:
            return min(self.max_staff, max(self.guess, self.failing + 1))
        return (self.failing + self.meeting) // 2

    def record(self, staff: int, meets: bool) -> None:
        if meets:
            self.meeting = staff if self.meeting is None else min(self.meeting, staff)
        else:
            self.failing = max(self.failing, staff)
            self.guess = staff * 2


def staffing_table(
    base: Scenario,
    adoption_levels: Sequence[float],
    settings: RunSettings,
    *,
    service_level: float = 0.9,
    resource: str = "counters",
    target_lead_hours: float = 8.0,
    max_staff: int = 60,
    executor: ExecutorSpec = None,
    workers: int | None = None,
    progress: ProgressSpec = True,
) -> pd.DataFrame:
    """At each adoption level, the fewest staff of ``resource`` meeting the criterion, and staff freed.

    The waiting target is ``settings.target_wait``. Returns one row per adoption level: the staff
    needed (NaN when even ``max_staff`` does not meet it), the KPI's mean and CI there, the scenario's
    current staff and how many are freed (negative: a shortfall), and how many staffing levels were tried.
    A ``progress`` callback counts replications across rounds; its total grows as rounds are added.
    """
    check_request(resource, service_level, target_lead_hours, max_staff)
    if len(adoption_levels) == 0:
        raise ConfigError("no adoption levels to search", field="adoption_levels")
    criterion = CRITERIA[resource]
    searches: list[_Search] = []
    for adoption in adoption_levels:
        scenario = scenario_with(base, {"channel.adoption": adoption})
        fewest = _fewest_possible(scenario, resource)
        current = _current(scenario, resource)
        guess = max(current, fewest)
        searches.append(_Search(scenario, failing=fewest - 1, meeting=None, guess=guess, max_staff=max_staff))
    evaluated: dict[tuple[int, int], tuple[float, float, float, int]] = {}
    rounds = finished = 0
    while not all(s.done for s in searches):
        rounds += 1
        probes = {(i, s.next_probe()) for i, s in enumerate(searches) if not s.done}
        probes -= evaluated.keys()
        scenarios = {p: _with_staff(searches[p[0]].scenario, criterion, p[1]) for p in probes}
        order = sorted(probes)
        tasks = [
            Task(point, scenarios[probe], settings, rep)
            for point, probe in enumerate(order)
            for rep in range(settings.replications)
        ]
        outcomes = run_tasks(
            tasks,
            executor,
            workers=workers,
            progress=after(progress, finished),
            description=f"staff round {rounds}",
        )
        finished += len(tasks)
        values: dict[int, list[float]] = {}
        for outcome in outcomes:
            values.setdefault(outcome.point, []).append(outcome.kpis[criterion.key])
        for point, probe in enumerate(order):
            evaluated[probe] = confidence_interval(values[point], bounds=kpi_bounds(criterion.key))
        for i, search in enumerate(searches):
            if not search.done:
                staff = search.next_probe()
                search.record(
                    staff, _meets(evaluated[(i, staff)], criterion, service_level, target_lead_hours)
                )
    rows = []
    for i, (adoption, search) in enumerate(zip(adoption_levels, searches, strict=True)):
        needed = search.meeting
        mean, low, high, _ = (
            evaluated.get((i, needed), (math.nan,) * 4) if needed is not None else (math.nan,) * 4
        )
        current = _current(search.scenario, resource)
        rows.append(
            {
                "adoption": adoption,
                "resource": resource,
                "staff_needed": needed if needed is not None else math.nan,
                "kpi": criterion.key,
                "kpi_mean": mean,
                "kpi_ci_low": low,
                "kpi_ci_high": high,
                "current_staff": current,
                "staff_freed": current - needed if needed is not None else math.nan,
                "levels_tried": sum(1 for (point, _) in evaluated if point == i),
            }
        )
    return pd.DataFrame(rows)


def _current(scenario: Scenario, resource: str) -> int:
    staffing = scenario.staffing
    return {
        "counters": staffing.counters,
        "assisted_desk": staffing.assisted_desk.staff,
        "backoffice": staffing.backoffice,
    }[resource]


def session_counters_replaced(scenario: Scenario, resource: str) -> list[str]:
    """The sessions whose own ``counters`` a counter search replaces (e.g. ``["sat 07:30–11:30"]``).

    The search answers "how many counters in every session": a session-level number would hide the
    number being searched, so those are set aside while searching. Callers tell the planner which.
    """
    if resource != "counters":
        return []
    calendar = scenario.calendar
    named = [("", s) for s in calendar.sessions] + [("sat ", s) for s in calendar.saturday_sessions]
    return [f"{day}{s.start}–{s.end}" for day, s in named if s.counters is not None]


def _with_staff(scenario: Scenario, criterion: Criterion, staff: int) -> Scenario:
    overrides: dict[str, object] = {criterion.field: staff}
    if criterion.resource == "counters":
        # Session-level counter overrides would hide the number being searched: drop them.
        overrides["calendar.sessions"] = [
            {"start": s.start, "end": s.end} for s in scenario.calendar.sessions
        ]
        overrides["calendar.saturday_sessions"] = [
            {"start": s.start, "end": s.end} for s in scenario.calendar.saturday_sessions
        ]
    return scenario_with(scenario, overrides)


def _meets(
    ci: tuple[float, float, float, int], criterion: Criterion, level: float, lead_hours: float
) -> bool:
    mean, low, high, n = ci
    if n == 0:  # nothing to measure (nobody needed this resource): any staffing meets it
        return True
    if criterion.bound == "low":
        return not math.isnan(low) and low >= level
    return not math.isnan(high) and high <= lead_hours
