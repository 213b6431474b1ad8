"""How many staff are needed: the fewest counters (or back-office, or assisted-desk staff) meeting a level.

The planner's rule is conservative on purpose: counters are enough when the *lower* bound of the 95% CI of
P(walk-in wait ≤ target) is at least the service level, so a lucky run cannot make a plan look safe.

Why a search and not a full grid: meeting the level is monotone in staff (more staff never lengthens a
wait, which the direction tests check citizen by citizen), so each adoption level needs only a doubling
step to find an upper bound and a bisection below it — a handful of evaluations instead of every count.
All adoption levels advance together, one batch of replications per round, so a process pool or a Dask
cluster always has a full batch to work on.

Why a check after the search: the first level whose CI passes is, by selection, one whose replications
were kind to it. The answer is rerun on replications the search never used (for the back office over a
longer horizon too) and raised until that check holds; the table shows both, so the advice is safe to
follow and a planner can see why.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from simkit.errors import ConfigError
from simkit.sim.executors import ExecutorSpec, Outcome, ProgressSpec, Task, after, run_tasks
from simkit.sim.experiment import RunSettings
from simkit.sim.loading import scenario_with
from simkit.sim.precision import Precision
from simkit.sim.scenario import Scenario
from simkit.sim.staffing_rules import (
    BACKLOG_GROWTH_TOLERANCE,
    CRITERIA,
    Criterion,
    Verdict,
    check_settings,
    precise,
    search_settings,
    staffing_precision,
    working_days_per_week,
)
from simkit.sim.staffing_rules import verdict as judge_outcomes

__all__ = [
    "BACKLOG_GROWTH_TOLERANCE",
    "CRITERIA",
    "check_request",
    "check_settings",
    "search_settings",
    "session_counters_replaced",
    "staffing_precision",
    "staffing_table",
    "working_days_per_week",
]


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


def _evaluate(
    probes: dict[tuple[int, int], Scenario],
    settings: RunSettings,
    replications: range,
    judge: Callable[[list[dict[str, float]]], Verdict],
    run: Callable[..., list[Outcome]],
    description: str,
) -> dict[tuple[int, int], Verdict]:
    """Run ``replications`` of every probe in one batch and judge each probe."""
    order = sorted(probes)
    tasks = [
        Task(point, probes[probe], settings, rep) for point, probe in enumerate(order) for rep in replications
    ]
    values: dict[int, list[dict[str, float]]] = {}
    for outcome in run(tasks, description=description):
        values.setdefault(outcome.point, []).append(outcome.kpis)
    return {probe: judge(values[point]) for point, probe in enumerate(order)}


def _check_advice(
    searches: list[_Search],
    criterion: Criterion,
    settings: RunSettings,
    first: int,
    precision: Precision,
    max_staff: int,
    judge: Callable[[list[dict[str, float]]], Verdict],
    run: Callable[..., list[Outcome]],
) -> dict[tuple[int, int], Verdict]:
    """Every search answer rerun on replications ``first``, ``first + 1``, … (never seen by the search).

    A check whose CI is wider than ``precision`` is rerun with twice as many replications (up to
    ``precision.max_replications``) before it is judged; a level that fails its check is replaced by one
    more staff member, checked in turn. Returns every verdict, keyed (adoption index, staff).
    """
    advice = {i: s.meeting for i, s in enumerate(searches) if s.meeting is not None}
    checked: dict[tuple[int, int], tuple[Verdict, int]] = {}
    while True:
        pending: dict[tuple[int, int], int] = {}
        for i, staff in advice.items():
            probe = (i, staff)
            if probe not in checked:
                pending[probe] = first
            else:
                verdict, count = checked[probe]
                if not precise(verdict, precision) and count < precision.max_replications:
                    pending[probe] = min(2 * count, precision.max_replications)
        if not pending:
            failed = [i for i, staff in advice.items() if not checked[(i, staff)][0].meets]
            if not failed:
                break
            for i in failed:  # one more staff member, checked in turn; none left above max_staff
                if advice[i] < max_staff:
                    advice[i] += 1
                else:
                    del advice[i]
            continue
        for count in sorted(set(pending.values())):
            group = [p for p, c in pending.items() if c == count]
            probes = {p: _with_staff(searches[p[0]].scenario, criterion, p[1]) for p in group}
            verdicts = _evaluate(probes, settings, range(first, first + count), judge, run, "check")
            checked.update({p: (v, count) for p, v in verdicts.items()})
    return {probe: verdict for probe, (verdict, _) in checked.items()}


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
    precision: Precision | None = None,
) -> pd.DataFrame:
    """At each adoption level, the fewest staff of ``resource`` meeting the criterion, checked, and freed.

    The waiting target is ``settings.target_wait``. The search runs replications 0…n−1 (``search_settings``
    says over which days); then the level found is *checked* on replications n…2n−1, which the search
    never saw (the back office over twice the horizon), and raised one at a time until the check holds, so
    the advice does not rest on the luck of the replications that chose it. A ``progress`` callback counts
    replications across rounds and the check; its total grows as rounds are added.

    One row per adoption level: ``staff_found`` by the search, ``staff_needed`` the checked advice (NaN
    when even ``max_staff`` does not meet it), the KPI's mean and CI at the search's answer and at the
    check, the back office's backlog growth at the check, the current staff and how many are freed
    (negative: a shortfall), and how many staffing levels were tried. ``check_precision_met`` says
    whether the check's CI is as narrow as ``precision`` (default ``staffing_precision(resource)``).
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
    precision = precision or staffing_precision(resource)
    searched = search_settings(base, settings, resource)
    checking = check_settings(searched, resource)
    n = settings.replications
    if n > precision.max_replications:
        precision = replace(precision, max_replications=n)

    def judge(outcomes: list[dict[str, float]]) -> Verdict:
        return judge_outcomes(outcomes, criterion, service_level, target_lead_hours)

    finished = 0

    def run(tasks: list[Task], description: str) -> list[Outcome]:
        """Run a batch; a ``progress`` callback counts on across rounds and checks (its total grows)."""
        nonlocal finished
        outcomes = run_tasks(
            tasks, executor, workers=workers, progress=after(progress, finished), description=description
        )
        finished += len(tasks)
        return outcomes

    evaluated: dict[tuple[int, int], Verdict] = {}
    rounds = 0
    while not all(s.done for s in searches):
        rounds += 1
        wanted = {(i, s.next_probe()) for i, s in enumerate(searches) if not s.done} - evaluated.keys()
        probes = {p: _with_staff(searches[p[0]].scenario, criterion, p[1]) for p in wanted}
        evaluated.update(_evaluate(probes, searched, range(n), judge, run, f"staff round {rounds}"))
        for i, search in enumerate(searches):
            if not search.done:
                staff = search.next_probe()
                search.record(staff, evaluated[(i, staff)].meets)

    checked = _check_advice(searches, criterion, checking, n, precision, max_staff, judge, run)
    advice = {i: staff for (i, staff), verdict in checked.items() if verdict.meets}

    rows = []
    nothing = Verdict(math.nan, math.nan, math.nan, 0)
    for i, (adoption, search) in enumerate(zip(adoption_levels, searches, strict=True)):
        found = search.meeting
        needed = advice.get(i)
        at_search = evaluated.get((i, found), nothing) if found is not None else nothing
        last_check = (i, needed if needed is not None else max((s for j, s in checked if j == i), default=-1))
        at_check = checked.get(last_check, nothing)
        current = _current(search.scenario, resource)
        rows.append(
            {
                "adoption": adoption,
                "resource": resource,
                "staff_needed": needed if needed is not None else math.nan,
                "kpi": criterion.key,
                "kpi_mean": at_search.mean,
                "kpi_ci_low": at_search.low,
                "kpi_ci_high": at_search.high,
                "current_staff": current,
                "staff_freed": current - needed if needed is not None else math.nan,
                "levels_tried": sum(1 for (point, _) in evaluated if point == i),
                "staff_found": found if found is not None else math.nan,
                "check_kpi_mean": at_check.mean,
                "check_kpi_ci_low": at_check.low,
                "check_kpi_ci_high": at_check.high,
                "check_backlog_growth_per_day": at_check.growth_mean,
                "check_backlog_growth_ci_high": at_check.growth_high,
                "backlog_growth_limit": at_check.growth_limit,
                "check_passed": needed is not None and at_check.meets,
                "check_half_width": at_check.half_width,
                "check_precision_met": (None if at_check.n == 0 else precise(at_check, precision)),
                "search_days": searched.days,
                "search_warmup_days": searched.warmup_days,
                "check_days": checking.days,
                "replications": n,
                "check_replications": at_check.n,
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
    return scenario.sessions_with_own_counters() if resource == "counters" else []


def _with_staff(scenario: Scenario, criterion: Criterion, staff: int) -> Scenario:
    if criterion.resource == "counters":
        return scenario_with(scenario, scenario.counters_everywhere(staff))
    return scenario_with(scenario, {criterion.field: staff})
