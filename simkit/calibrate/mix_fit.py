"""Procedure shares, and citizens who took a ticket but were never served (and how patient people are).

A ticket never served is one of two things. If a ticket issued *after* it was called the same session,
its holder left while the queue moved on: that is impatience, and the call of the next ticket is when
they would have been called. If no later ticket was called, the counters closed first: that is a citizen
sent home at closing, which the model produces by itself from the calendar and the counters.

Patience is estimated as an exponential time by maximum likelihood with censoring: a served citizen's
patience was longer than their wait; one who left had less patience than the wait they would have had;
one still waiting at closing had at least the wait until then. Its 95% interval is the profile-likelihood
interval. Citizens who see the queue and never take a ticket (baulking) leave no trace in a ticket log.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize

from simkit.calibrate.calendar_fit import session_of
from simkit.calibrate.intervals import Estimate, share_interval


@dataclass(frozen=True)
class Abandonment:
    left_while_waiting: Estimate
    not_called_by_closing: Estimate
    patience_mean: Estimate | None


def shares(procedure: pd.Series) -> dict[str, Estimate]:
    """Each procedure's share of tickets, with a Wilson interval, largest first."""
    counts = procedure.value_counts()
    total = int(counts.sum())
    return {str(name): share_interval(int(count), total) for name, count in counts.items()}


def abandonment(tickets: pd.DataFrame, sessions_by_day: dict[int, list[tuple[int, int]]]) -> Abandonment:
    """Shares of tickets that left or were still waiting at closing, and the patience estimate."""
    known = tickets[tickets["status"] != "unknown"]
    survived: list[np.ndarray] = []
    gave_up: list[np.ndarray] = []
    closed = 0
    for day, group in known.groupby("day"):
        sessions = sessions_by_day.get(int(day), [])
        where = session_of(group["issued"].to_numpy(), sessions)
        for index in np.unique(where):
            part = group[where == index]
            issued = part["issued"].to_numpy()
            called = part["called"].to_numpy()
            served = (part["status"] == "served").to_numpy()
            survived.append(called[served] - issued[served])
            left = np.flatnonzero(~served)
            if not len(left):
                continue
            # When would a leaver have been called? Their own call if they were called and absent,
            # else the first call of a ticket issued after theirs.
            later_calls = np.minimum.accumulate(np.where(served, called, np.inf)[::-1])[::-1]
            next_call = np.append(later_calls[1:], np.inf)[left]
            would = np.where(np.isnan(called[left]), next_call, called[left])
            end = sessions[index][1] if index >= 0 else float(issued.max())
            at_closing = ~np.isfinite(would)
            closed += int(at_closing.sum())
            survived.append(np.maximum(end - issued[left][at_closing], 0.0))
            gave_up.append(np.maximum(would[~at_closing] - issued[left][~at_closing], 0.0))
    waits = np.concatenate(survived) if survived else np.empty(0)
    bounds = np.concatenate(gave_up) if gave_up else np.empty(0)
    total = len(known)
    return Abandonment(
        left_while_waiting=share_interval(len(bounds), total),
        not_called_by_closing=share_interval(closed, total),
        patience_mean=_patience(waits, bounds) if len(bounds) else None,
    )


def _patience(waits: np.ndarray, bounds: np.ndarray) -> Estimate | None:
    """Exponential mean patience (minutes) by censored maximum likelihood, with its likelihood interval."""
    bounds = np.maximum(bounds, 1e-3)

    def loglik(log_mean: float) -> float:
        theta = math.exp(log_mean)
        return float(-waits.sum() / theta + np.log(-np.expm1(-bounds / theta)).sum())

    low_edge, high_edge = math.log(0.5), math.log(1e5)
    best = optimize.minimize_scalar(lambda v: -loglik(v), bounds=(low_edge, high_edge), method="bounded")
    peak = -float(best.fun)
    limit = 3.841458820694124 / 2  # chi-square(1) 95% quantile, halved

    def edge(target: float) -> float:
        if peak - loglik(target) <= limit:
            return math.exp(target)
        return math.exp(optimize.brentq(lambda v: peak - loglik(v) - limit, *sorted((best.x, target))))

    if best.x >= high_edge - 1e-3:
        return None  # so few left that any patience fits: not an estimate
    return Estimate(math.exp(best.x), edge(low_edge), edge(high_edge), len(waits) + len(bounds))
