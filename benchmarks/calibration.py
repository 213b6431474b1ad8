"""Wall-clock cost of ``simkit calibrate`` on a year of tickets of a busy centre (about 100,000 rows).

Usage::

    .venv/bin/python benchmarks/calibration.py [--repeats K] [--backtest-reps R]

The ticket log is made by simkit itself (``simkit.calibrate.synthetic``): the ``commune_pasc`` preset with
400 citizens a day, everyone at the counters, 12 counters all day, 60 minutes' exponential patience,
simulated over every working day of 2026 (261 days) and written as a kiosk export (Vietnamese headers,
DD/MM/YYYY dates, HH:MM:SS times). Measured, each the best of ``--repeats`` runs:

1. **Calibration**: ``calibrate(path)`` — reading, cleaning, every estimate with its bootstrap intervals,
   and the validated scenario YAML. Target: ≤ 5 s for 100,000 tickets.
2. **Baseline**: ``pandas.read_csv(path, dtype=str)`` of the same file — the least any tool must do to
   read it — so the calibration's cost shows as a ratio calibration / plain read.
3. **Back-test** (not in the target): ``backtest(calibration, replications=R)``, the 261 recorded days
   simulated ``R`` times (default 3), reported per replication.

Nothing is asserted: the figures are printed with the machine's load average, since other processes
share the CPU. The README quotes a run of this script.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from simkit.calibrate import backtest, calibrate
from simkit.calibrate.synthetic import SAMPLE_FIELDS, export_frame, simulate_tickets
from simkit.sim.loading import load_scenario

BUSY = {
    "demand.citizens": 400,
    "channel.adoption": 0.0,
    "staffing.assisted_desk.staff": 0,
    "staffing.counters": 12,
    "impatience.baulk_queue_length": None,
    "impatience.patience": {"dist": "exponential", "mean": 60},
}


def best_of(repeats: int, work) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--backtest-reps", type=int, default=3)
    args = parser.parse_args()
    scenario = load_scenario("commune_pasc", BUSY)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "year.csv"
        tickets = simulate_tickets(scenario, "2026-01-01", "2026-12-31", seed=11, field_names=SAMPLE_FIELDS)
        export_frame(tickets).to_csv(path, index=False)
        rows = len(tickets)
        read, _ = best_of(args.repeats, lambda: pd.read_csv(path, dtype=str, keep_default_na=False))
        cal, calibration = best_of(args.repeats, lambda: calibrate(path))
        start = time.perf_counter()
        backtest(calibration, replications=args.backtest_reps)
        back = time.perf_counter() - start
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    out = sys.stdout
    out.write(f"ticket log: {rows:,} rows, {len(calibration.days.recorded)} working days ({path.name})\n")
    out.write(f"calibration: {cal:.2f} s (target ≤ 5 s), best of {args.repeats}\n")
    out.write(f"plain pandas.read_csv of the file: {read:.2f} s; calibration / read = {cal / read:.1f}×\n")
    out.write(
        f"back-test: {back:.1f} s for {args.backtest_reps} replication(s) "
        f"({back / args.backtest_reps:.1f} s per replication of the whole year)\n"
    )
    out.write(f"load average (1, 5, 15 min): {load} — measured while other processes share the CPU\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
