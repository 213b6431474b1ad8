"""How many citizens come, on which weekday and at what hour — in the terms simkit's demand uses.

simkit draws a day's arrivals as a Poisson number with mean ``citizens × weekday factor``, spread over
the open minutes with a rate proportional to the clock hour's weight. So the estimates are exactly those:
``citizens`` is the mean of the Monday-to-Friday weekday means (the ordinary working day), each weekday's
factor is its mean over that, and an hour's weight is its tickets per open minute over the day's tickets
per open minute (1 = the day's average pace; an hour open for 30 minutes is judged on those 30). Every
interval is a bootstrap over recorded days, weekday by weekday.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simkit.calibrate.calendar_fit import session_of, weekday_of
from simkit.calibrate.intervals import BOOTSTRAP, Estimate, bootstrap_interval, bootstrap_rng


@dataclass(frozen=True)
class ArrivalEstimates:
    citizens_per_day: Estimate
    weekday_factors: dict[int, Estimate]
    weekday_means: dict[int, Estimate]
    profile: dict[int, Estimate]
    outside_sessions: int
    daily_counts: pd.Series


def open_minutes_by_hour(sessions: list[tuple[int, int]]) -> np.ndarray:
    """Open minutes in each clock hour 0–23 for a day with these sessions."""
    minutes = np.zeros(24)
    for start, end in sessions:
        for hour in range(start // 60, (end - 1) // 60 + 1):
            minutes[hour] += max(0, min(end, (hour + 1) * 60) - max(start, hour * 60))
    return minutes


def estimate_arrivals(
    tickets: pd.DataFrame, recorded: tuple[int, ...], sessions_on: dict[int, list[tuple[int, int]]]
) -> ArrivalEstimates:
    """Demand estimates from the tickets of the recorded days; ``sessions_on`` maps weekday → sessions."""
    days = np.array(recorded, dtype=np.int64)
    on_day = tickets[tickets["day"].isin(days)]
    counts = on_day.groupby("day").size().reindex(days, fill_value=0)
    weekdays = weekday_of(days)
    open_weekdays = sorted(set(weekdays.tolist()))
    ordinary = [w for w in open_weekdays if w < 5] or open_weekdays

    # Hour-by-day matrices of tickets inside a session and of open minutes (the exposure).
    index = {int(d): i for i, d in enumerate(days)}
    inside = np.zeros(len(on_day), bool)
    for weekday in open_weekdays:
        mask = weekday_of(on_day["day"].to_numpy()) == weekday
        inside[mask] = session_of(on_day["issued"].to_numpy()[mask], sessions_on[weekday]) >= 0
    hits = on_day[inside]
    by_hour = np.zeros((len(days), 24))
    np.add.at(by_hour, (hits["day"].map(index).to_numpy(), (hits["issued"].to_numpy() // 60).astype(int)), 1)
    exposure = np.array([open_minutes_by_hour(sessions_on[int(w)]) for w in weekdays])

    values = counts.to_numpy(float)
    groups = {w: np.flatnonzero(weekdays == w) for w in open_weekdays}

    def demand(pick: dict[int, np.ndarray]) -> tuple[float, dict[int, float], dict[int, float]]:
        means = {w: float(values[rows].mean()) for w, rows in pick.items()}
        base = float(np.mean([means[w] for w in ordinary]))
        return base, means, {w: means[w] / base if base > 0 else np.nan for w in means}

    def profile(rows: np.ndarray) -> np.ndarray:
        c, m = by_hour[rows].sum(axis=0), exposure[rows].sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(m > 0, (c / m) / (c.sum() / m.sum()), np.nan)

    base, means, factors = demand(groups)
    shape = profile(np.arange(len(days)))
    # The bootstrap: each resample draws every weekday's days again with replacement, as multiplicities.
    rng = bootstrap_rng()
    boot_means, hits_b, minutes_b = {}, np.zeros((BOOTSTRAP, 24)), np.zeros((BOOTSTRAP, 24))
    for w, rows in groups.items():
        weights = rng.multinomial(len(rows), np.full(len(rows), 1 / len(rows)), size=BOOTSTRAP)
        boot_means[w] = weights @ values[rows] / len(rows)
        hits_b += weights @ by_hour[rows]
        minutes_b += weights @ exposure[rows]
    boot_base = np.mean([boot_means[w] for w in ordinary], axis=0)
    boot_factors = {w: boot_means[w] / boot_base for w in open_weekdays}
    with np.errstate(invalid="ignore", divide="ignore"):
        pace = hits_b.sum(axis=1, keepdims=True) / minutes_b.sum(axis=1, keepdims=True)
        boot_shape = np.where(minutes_b > 0, hits_b / minutes_b / pace, np.nan)
    open_hours = [h for h in range(24) if exposure[:, h].sum() > 0]
    fewest = min(len(rows) for rows in groups.values())
    return ArrivalEstimates(
        citizens_per_day=bootstrap_interval(base, boot_base, len(days), fewest),
        weekday_factors={
            w: bootstrap_interval(factors[w], boot_factors[w], len(rows), len(rows))
            for w, rows in groups.items()
        },
        weekday_means={
            w: bootstrap_interval(means[w], boot_means[w], len(rows), len(rows)) for w, rows in groups.items()
        },
        profile={
            h: bootstrap_interval(shape[h], boot_shape[:, h], int(by_hour[:, h].sum()), len(days))
            for h in open_hours
        },
        outside_sessions=int((~inside).sum()),
        daily_counts=counts,
    )
