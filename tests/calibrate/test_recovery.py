"""Recovery: a log simulated by simkit from a known scenario gives that scenario back, within the intervals.

The truth is ``simkit.calibrate.synthetic.sample_scenario()`` (the commune preset with everyone at the
counters, 3 counters in the morning and 2 in the afternoon, 60 minutes' exponential patience), simulated
for twelve weeks with a seed of its own. Every stated 95% interval may miss its truth one time in
twenty, so the test allows the misses a fair coin would make (at most 5 of the 28 intervals — a
binomial(28, 0.05) count exceeds 5 less than 1% of the time) and requires every miss to be small (the
truth within the interval stretched to 1.75 times its width, about 3.4 standard errors).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from simkit.calibrate import backtest, calibrate
from simkit.calibrate.arrivals_fit import open_minutes_by_hour
from simkit.calibrate.intervals import Estimate
from simkit.calibrate.synthetic import SAMPLE_FIELDS, export_frame, sample_scenario, simulate_tickets
from simkit.sim.scenario import WEEKDAYS

MAX_MISSES = 5


@pytest.fixture(scope="module")
def recovered(tmp_path_factory: pytest.TempPathFactory):
    truth = sample_scenario()
    tickets = simulate_tickets(truth, "2026-01-05", "2026-03-27", seed=77, field_names=SAMPLE_FIELDS)
    path = Path(tmp_path_factory.mktemp("recovery")) / "known.csv"
    export_frame(tickets).to_csv(path, index=False)
    return truth, calibrate(path)


def true_values(truth) -> dict[str, float]:
    """Each estimated quantity's true value, in the calibration's own terms."""
    sessions = [(s.start_minute, s.end_minute) for s in truth.calendar.sessions]
    minutes = open_minutes_by_hour(sessions)
    weights = truth.demand.arrival_profile
    pace = sum(weights.get(h, 0) * minutes[h] for h in range(24)) / minutes.sum()
    values = {f"profile {h}": weights[h] / pace for h in range(24) if minutes[h] > 0}
    factors = truth.demand.weekday_factors
    ordinary = np.mean([factors[d] for d in WEEKDAYS[:5]])
    values.update({f"factor {d}": factors[d] / ordinary for d in WEEKDAYS[:5]})
    values["citizens"] = truth.demand.citizens * ordinary
    by_field: dict[str, list[tuple[float, float]]] = {}
    for key, procedure in truth.procedures.items():
        by_field.setdefault(SAMPLE_FIELDS[key], []).append((procedure.share, procedure.service.mean_minutes))
    for field, parts in by_field.items():
        share = sum(s for s, _ in parts)
        values[f"share {field}"] = share
        values[f"service {field}"] = sum(s * m for s, m in parts) / share
    values["patience"] = truth.impatience.patience.mean_minutes
    return values


def estimated(calibration) -> dict[str, Estimate]:
    a = calibration.arrivals
    values = {f"profile {h}": e for h, e in a.profile.items()}
    values.update({f"factor {WEEKDAYS[w]}": e for w, e in a.weekday_factors.items()})
    values["citizens"] = a.citizens_per_day
    for p in calibration.procedures.values():
        values[f"share {p.name_vi}"] = p.share
        values[f"service {p.name_vi}"] = p.service.mean
    values["patience"] = calibration.abandonment.patience_mean
    return values


def test_estimates_recover_the_truth_within_their_intervals(recovered) -> None:
    truth, calibration = recovered
    expected, found = true_values(truth), estimated(calibration)
    assert set(found) == set(expected) and len(found) == 28
    misses = {k: (expected[k], found[k]) for k in found if not found[k].contains(expected[k])}
    assert len(misses) <= MAX_MISSES, misses
    for key, (value, estimate) in misses.items():
        half = (estimate.high - estimate.low) / 2
        assert abs(value - (estimate.low + half)) <= 1.75 * half, (key, value, estimate)


def test_calendar_and_counters_are_recovered_exactly(recovered) -> None:
    truth, calibration = recovered
    assert calibration.sessions == [(s.start_minute, s.end_minute) for s in truth.calendar.sessions]
    assert [n.counters for n in calibration.counters] == [3, 2]
    assert calibration.closing_policy == "go_home" and calibration.saturday_sessions is None
    scenario = calibration.scenario
    assert scenario.calendar.weekdays == ("mon", "tue", "wed", "thu", "fri")
    assert [s.counters for s in scenario.calendar.sessions] == [3, 2]


def test_the_recovered_scenario_reproduces_the_logs_waits_by_hour(recovered) -> None:
    _, calibration = recovered
    result = backtest(calibration, replications=20, seed=5)
    hours = result.hours
    assert len(hours) == 9
    assert hours["mean_within"].all(), hours[["hour", "mean_data", "mean_model", "mean_gap"]]
    assert hours["p90_within"].sum() >= len(hours) - 1
    assert result.table.iloc[-1]["hour"] == -1 and bool(result.table.iloc[-1]["mean_within"])
    # The model's share of tickets never served is inside the records' interval.
    assert result.data.left.contains(result.model.left.value)
