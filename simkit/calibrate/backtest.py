"""Back-test: simulate the recorded days with the calibrated scenario and compare its waits with the records.

The question a planner asks of a calibrated model is "would it have told me what actually happened?".
So the recorded period is run again — the same weekdays in the same order, the days without tickets
simulated and dropped like the holidays they were — ``replications`` times, and waits by hour of arrival
are compared: mean and 90th percentile, each with a 95% interval (records: bootstrap over days; model:
Student-t across replications). An hour is *within the data's noise* when the gap between model and
records is at most 1.96 combined standard errors — what a second period of the same centre could show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from simkit.calibrate.calibration import Calibration
from simkit.calibrate.intervals import BOOTSTRAP, Estimate, bootstrap_rng, share_interval
from simkit.calibrate.synthetic import working_dates
from simkit.sim.engine import COUNTER
from simkit.sim.experiment import RunSettings, single_run
from simkit.sim.keys import OUTCOMES
from simkit.sim.scenario import WEEKDAYS, Scenario
from simkit.sim.timetable import MINUTES_PER_DAY

Z = 1.959963984540054
SERVED = OUTCOMES.index("served")
NEGLIGIBLE = 0.5
"""A gap under half a minute counts as agreement even where both sides are very precise (an hour where
nobody waits): no planning decision turns on it."""
LEFT = tuple(OUTCOMES.index(o) for o in ("reneged", "not_served_today"))


@dataclass(frozen=True)
class Side:
    """Waits of one side (records or model): per hour mean and P90 with standard errors, and pooled."""

    by_hour: pd.DataFrame
    waits: np.ndarray
    daily_means: np.ndarray
    left: Estimate


@dataclass(frozen=True)
class BackTest:
    days: int
    replications: int
    table: pd.DataFrame
    data: Side
    model: Side

    @property
    def hours(self) -> pd.DataFrame:
        return self.table[self.table["hour"] >= 0]


def recorded_period(
    calibration: Calibration, replications: int = 20, seed: int = 1
) -> tuple[Scenario, RunSettings, np.ndarray]:
    """The scenario starting on the first recorded weekday, the run settings covering every working day
    of the period, and which of those days were recorded (the others had no tickets)."""
    c = calibration
    scenario = c.scenario
    assert scenario is not None
    first = np.datetime64(min(c.days.recorded), "D")
    last = np.datetime64(max(c.days.recorded), "D")
    runnable = scenario.model_copy(
        update={
            "calendar": scenario.calendar.model_copy(
                update={"start_weekday": WEEKDAYS[int((first.astype(np.int64) + 3) % 7)]}
            )
        }
    )
    dates = [int(d.astype(np.int64)) for d in working_dates(str(first), str(last), runnable)]
    keep_day = np.isin(np.array(dates), np.array(c.days.recorded))
    settings = RunSettings.of(runnable, days=len(dates), warmup_days=0, replications=replications, seed=seed)
    return runnable, settings, keep_day


def backtest(calibration: Calibration, replications: int = 20, seed: int = 1) -> BackTest:
    """Run the recorded period ``replications`` times and compare; see the module docstring."""
    runnable, settings, keep_day = recorded_period(calibration, replications, seed)
    data = _records_side(calibration)
    model = _model_side(runnable, settings, keep_day)
    return BackTest(len(calibration.days.recorded), replications, _compare(data, model), data, model)


def _records_side(c: Calibration) -> Side:
    t = c.tickets
    served = t[t["status"] == "served"]
    waits = (served["called"] - served["issued"]).to_numpy()
    hour = (served["issued"].to_numpy() // 60).astype(np.int64)
    days = np.array(c.days.recorded)
    day_index = np.searchsorted(days, served["day"].to_numpy())
    rng = bootstrap_rng()
    weights = rng.multinomial(len(days), np.full(len(days), 1 / len(days)), size=BOOTSTRAP).astype(float)
    rows = []
    for h in [*np.unique(hour).tolist(), -1]:
        pick = np.ones(len(waits), bool) if h < 0 else hour == h
        w, d = waits[pick], day_index[pick]
        means, p90s = _resampled(w, d, len(days), weights)
        factor = math.sqrt(len(days) / (len(days) - 1)) if len(days) > 1 else math.nan
        rows.append(
            _row(
                int(h),
                len(w),
                (float(w.mean()), float(np.nanstd(means, ddof=1)) * factor),
                (float(np.quantile(w, 0.9)), float(np.nanstd(p90s, ddof=1)) * factor),
                len(days) - 1,
            )
        )
    daily = served.assign(wait=waits).groupby("day")["wait"].mean().to_numpy()
    known = t[t["status"] != "unknown"]
    left = share_interval(int((known["status"] == "left").sum()), len(known))
    return Side(pd.DataFrame(rows), waits, daily, left)


STEP = 0.1
"""Resolution (minutes) of the waits' histogram behind the bootstrap of the P90: far below what a planner
reads (one decimal), and it keeps a year of tickets to a small day × bin table."""


def _resampled(
    waits: np.ndarray, day: np.ndarray, days: int, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Bootstrap replicates of the mean and the P90 of ``waits``, each resample weighting whole days.

    Why a day × bin histogram: the P90 of a resample is where its weighted cumulative count passes 90%;
    with the waits binned per day that is one matrix product per hour, not a sort of 100,000 waits for
    each of a thousand resamples.
    """
    sums = np.bincount(day, weights=waits, minlength=days)
    counts = np.bincount(day, minlength=days).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = (weights @ sums) / (weights @ counts)
    step = max(STEP, float(waits.max(initial=0)) / 4000)
    bins = np.minimum((waits / step).astype(np.int64), int(waits.max(initial=0) / step))
    table = np.zeros((days, int(bins.max(initial=0)) + 1))
    np.add.at(table, (day, bins), 1)
    cumulative = np.cumsum(weights @ table, axis=1)
    total = cumulative[:, -1:]
    first = (cumulative >= 0.9 * total).argmax(axis=1)
    p90s = np.where(total[:, 0] > 0, (first + 0.5) * step, np.nan)
    return means, p90s


def _row(hour: int, n: int, mean: tuple[float, float], p90: tuple[float, float], df: int) -> dict[str, float]:
    """A table row: each statistic with its standard error and its 95% interval (t with ``df``), ≥ 0."""
    quantile = float(stats.t.ppf(0.975, df)) if df >= 1 else math.nan
    row: dict[str, float] = {"hour": hour, "tickets": n}
    for key, (value, se) in (("mean", mean), ("p90", p90)):
        row.update(
            {
                key: value,
                f"{key}_low": max(value - quantile * se, 0.0),
                f"{key}_high": value + quantile * se,
                f"{key}_se": se,
            }
        )
    return row


def _model_side(scenario: Scenario, settings: RunSettings, keep_day: np.ndarray) -> Side:
    per_rep: list[dict[int, tuple[float, float, int]]] = []
    pooled: list[np.ndarray] = []
    daily: list[np.ndarray] = []
    left_parts, totals = 0, 0
    for r in range(settings.replications):
        records = single_run(scenario, settings, r, by_hour=False).records
        counter = records.visit_station == COUNTER
        day = records.population.working_day[records.visit_citizen[counter]]
        keep = keep_day[day]
        outcome = records.visit_outcome[counter][keep]
        arrival = records.visit_arrival[counter][keep]
        start = records.visit_start[counter][keep]
        served = outcome == SERVED
        waits = (start - arrival)[served]
        hour = (arrival[served] % MINUTES_PER_DAY // 60).astype(np.int64)
        stats_by_hour = {
            int(h): (
                float(waits[hour == h].mean()),
                float(np.quantile(waits[hour == h], 0.9)),
                int((hour == h).sum()),
            )
            for h in np.unique(hour)
        }
        stats_by_hour[-1] = (float(waits.mean()), float(np.quantile(waits, 0.9)), len(waits))
        per_rep.append(stats_by_hour)
        pooled.append(waits)
        frame = pd.DataFrame({"day": day[keep][served], "wait": waits})
        daily.append(frame.groupby("day")["wait"].mean().to_numpy())
        left_parts += int(np.isin(outcome, LEFT).sum())
        totals += len(outcome)
    rows = []
    for h in sorted({h for rep in per_rep for h in rep if h >= 0}) + [-1]:
        values = np.array([rep[h] for rep in per_rep if h in rep])
        reps = len(values)
        se = values[:, :2].std(axis=0, ddof=1) / math.sqrt(reps) if reps > 1 else np.full(2, math.nan)
        rows.append(
            _row(
                int(h),
                int(round(values[:, 2].sum() / len(per_rep))),
                (float(values[:, 0].mean()), float(se[0])),
                (float(values[:, 1].mean()), float(se[1])),
                reps - 1,
            )
        )
    return Side(
        pd.DataFrame(rows), np.concatenate(pooled), np.concatenate(daily), share_interval(left_parts, totals)
    )


def _compare(data: Side, model: Side) -> pd.DataFrame:
    """One row per hour (and ``hour = -1`` for the whole day): both sides and whether they agree."""
    # Hours the model never opens (a ticket issued after closing) have nothing to compare with.
    merged = data.by_hour.merge(model.by_hour, on="hour", how="inner", suffixes=("_data", "_model"))
    for key in ("mean", "p90"):
        gap = merged[f"{key}_model"] - merged[f"{key}_data"]
        noise = Z * np.sqrt(merged[f"{key}_se_data"] ** 2 + merged[f"{key}_se_model"].fillna(0) ** 2)
        merged[f"{key}_gap"] = gap
        merged[f"{key}_within"] = (gap.abs() <= noise) | (gap.abs() < NEGLIGIBLE)
    order = [*[h for h in merged["hour"] if h >= 0], -1]
    return merged.set_index("hour").loc[order].reset_index()
