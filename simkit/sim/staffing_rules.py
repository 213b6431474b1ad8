"""What "enough staff" means for each resource, and over which days it is measured.

Split from ``simkit.sim.staffing`` (the search and its check): the criteria — P(wait ≤ target) at the
service level for counters and the assisted desk; for the back office a lead time that counts pending
dossiers and a backlog that does not grow — the precision a staffing table aims for, and the horizons
of the search and of its check.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from simkit.sim.experiment import RunSettings, confidence_interval, kpi_bounds
from simkit.sim.precision import Precision, precise_enough
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
    "backoffice": Criterion(
        "backoffice", "staffing.backoffice", "online_lead_time_with_pending_mean_hours", "high"
    ),
}
"""Counters and the assisted desk: P(wait ≤ target) at the service level. Back office: the mean lead time
*counting pending dossiers* at most ``target_lead_hours``, and a backlog that does not grow (see
``BACKLOG_GROWTH_TOLERANCE``), over a horizon of at least a working week after a warm-up day
(``search_settings``): the mean of completed dossiers alone never sees the dossiers left undone."""

GROWTH_KEY = "online_backlog_growth_per_day"
BACKLOG_GROWTH_TOLERANCE = 0.02
"""The back office keeps up when the upper 95% bound of its backlog's growth is at most this share of a
day's online dossiers (and at most 1 dossier a day for small centres): a staff level whose backlog keeps
growing is never advised, however short the lead time looks within the horizon."""


def staffing_precision(resource: str) -> Precision:
    """The precision a staffing table aims for on its criterion's KPI: for a share (P(wait ≤ target)),
    ±2 percentage points — a relative ±10% of 90% would allow ±9 points; for the back office's lead time,
    ±10% or ±0.25 hours."""
    criterion = CRITERIA[resource]
    if resource == "backoffice":
        return Precision(criterion.key, 0.1, 0.25)
    return Precision(criterion.key, 0.02, 0.02)


def working_days_per_week(scenario: Scenario) -> int:
    """Working days in one calendar week (Saturday mornings count as a day)."""
    calendar = scenario.calendar
    return len(calendar.weekdays) + (1 if calendar.saturday_sessions else 0)


def search_settings(base: Scenario, settings: RunSettings, resource: str) -> RunSettings:
    """The run settings a search uses: the planner's, except that the back office needs a longer horizon.

    Why: online dossiers wait overnight and over weekends, so one day cannot show whether a back office
    keeps up — on a one-day run even 1 officer "meets" an 8-hour lead time because the 180 dossiers it
    never opened do not count. So the back-office search measures whole working weeks (at least one)
    after at least one warm-up day: the backlog's growth then compares the same weekday's closings.
    """
    if resource != "backoffice":
        return settings
    warmup = max(settings.warmup_days, 1)
    week = working_days_per_week(base)
    weeks = max(1, math.ceil((settings.days - settings.warmup_days) / week))
    return replace(settings, days=warmup + weeks * week, warmup_days=warmup)


def check_settings(search: RunSettings, resource: str) -> RunSettings:
    """The check reruns the advised level on new replications; the back office over twice the horizon."""
    if resource != "backoffice":
        return search
    measured = search.days - search.warmup_days
    return replace(search, days=search.warmup_days + 2 * measured)


@dataclass(frozen=True)
class Verdict:
    """The criterion's KPI at one staffing level (mean, 95% CI, n) and, for the back office, its backlog."""

    mean: float
    low: float
    high: float
    n: int
    growth_mean: float = math.nan
    growth_high: float = math.nan
    growth_limit: float = math.nan
    meets: bool = False
    half_width: float = math.nan  # of the unclipped 95% CI, for the precision the table reports


def verdict(
    outcomes: list[dict[str, float]], criterion: Criterion, level: float, lead_hours: float
) -> Verdict:
    values = [o[criterion.key] for o in outcomes]
    mean, low, high, n = confidence_interval(values, bounds=kpi_bounds(criterion.key))
    if n == 0:  # nothing to measure (nobody needed this resource): any staffing meets it
        return Verdict(mean, low, high, n, meets=True)
    _, raw_low, raw_high, _ = confidence_interval(values)
    half = (raw_high - raw_low) / 2
    if criterion.bound == "low":
        return Verdict(mean, low, high, n, meets=not math.isnan(low) and low >= level, half_width=half)
    growth, _, growth_high, _ = confidence_interval([o[GROWTH_KEY] for o in outcomes])
    daily = confidence_interval([o["online_dossiers_per_day"] for o in outcomes])[0]
    limit = max(1.0, BACKLOG_GROWTH_TOLERANCE * daily)
    keeps_up = not math.isnan(growth_high) and growth_high <= limit
    short_enough = not math.isnan(high) and high <= lead_hours
    return Verdict(mean, low, high, n, growth, growth_high, limit, keeps_up and short_enough, half)


def precise(verdict: Verdict, precision: Precision) -> bool:
    return verdict.n == 0 or precise_enough(
        verdict.mean, verdict.half_width, precision.relative, precision.absolute
    )
