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


def session_index(tickets: pd.DataFrame, sessions_by_day: dict[int, list[tuple[int, int]]]) -> np.ndarray:
    """(session number, session end) of each ticket by its issue time; −1 and the issue time outside."""
    index = np.full(len(tickets), -1)
    end = tickets["issued"].to_numpy(float).copy()
    day = tickets["day"].to_numpy()
    issued = tickets["issued"].to_numpy()
    for sessions in {tuple(v) for v in sessions_by_day.values()}:
        on = np.isin(day, [d for d, v in sessions_by_day.items() if tuple(v) == sessions])
        where = session_of(issued[on], list(sessions))
        index[on] = where
        ends = np.array([b for _, b in sessions] + [np.nan])[where]
        end[on] = np.where(where >= 0, ends, issued[on])
    return np.stack([index, end])


def abandonment(tickets: pd.DataFrame, sessions_by_day: dict[int, list[tuple[int, int]]]) -> Abandonment:
    """Shares of tickets that left or were still waiting at closing, and the patience estimate."""
    known = tickets[tickets["status"] != "unknown"].reset_index(drop=True)
    session, end = session_index(known, sessions_by_day)
    served = (known["status"] == "served").to_numpy()
    issued = known["issued"].to_numpy()
    called = known["called"].to_numpy()
    # When would a leaver have been called? Their own call if they were called and nobody answered,
    # else the first call of a ticket issued after theirs in the same session (tickets are in issue order).
    frame = pd.DataFrame({"day": known["day"], "session": session, "call": np.where(served, called, np.inf)})
    backwards = frame.iloc[::-1]
    later = backwards.groupby(["day", "session"], sort=False)["call"].cummin().iloc[::-1]
    next_call = (
        later.groupby([frame["day"], frame["session"]], sort=False).shift(-1).fillna(np.inf).to_numpy()
    )
    left = ~served
    would = np.where(np.isnan(called), next_call, called)
    at_closing = left & ~np.isfinite(would)
    gave_up = left & np.isfinite(would)
    waits = np.concatenate([called[served] - issued[served], np.maximum(end - issued, 0.0)[at_closing]])
    bounds = np.maximum(would - issued, 0.0)[gave_up]
    total = len(known)
    return Abandonment(
        left_while_waiting=share_interval(int(gave_up.sum()), total),
        not_called_by_closing=share_interval(int(at_closing.sum()), total),
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
