"""How long the ``simkit`` command takes to answer when it has almost nothing to do, against bare Python.

Usage::

    .venv/bin/python benchmarks/cli_latency.py [--repeats K]

Three quick answers a person waits for at the terminal, each a fresh process started the way a shell
starts it (the console script next to this interpreter), measured as wall time from start to exit:

1. ``simkit --help`` — the list of commands;
2. ``simkit scenarios`` — the presets, one line each;
3. ``simkit run --scenario nope`` — a typo, answered with one line on stderr and exit status 2.

The baseline, in the same run and the same way, is ``python -c pass``: the cost of starting the
interpreter at all, which no change to simkit can remove. Each command runs ``--repeats`` times (default
7) after one unmeasured warm-up run (so the files are in the page cache); the table gives the median and
the fastest run, the median minus the baseline's median (what simkit's own imports and work cost), and the
ratio to the baseline, and the median CPU time the process used (user + system: what the command costs,
which other programs' load barely changes, unlike wall time on a shared machine). Target (from
DEVELOPERS.md): quick CLI answers ≤ 0.3 s (median). Nothing is asserted; the figures
depend on the machine and its load, so the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 0.3
BIN = Path(sys.executable).parent


def _simkit() -> list[str]:
    script = BIN / ("simkit.exe" if os.name == "nt" else "simkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "simkit.cli"]


CASES: list[tuple[str, list[str], int]] = [
    ("python -c pass (baseline)", [sys.executable, "-c", "pass"], 0),
    ("simkit --help", [*_simkit(), "--help"], 0),
    ("simkit scenarios", [*_simkit(), "scenarios"], 0),
    ("simkit run --scenario nope", [*_simkit(), "run", "--scenario", "nope"], 2),
]
"""(label, command, expected exit status)."""


def _children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time_once(command: list[str], expected: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one fresh process."""
    env = {k: v for k, v in os.environ.items() if k != "SIMKIT_CONTENT"}
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, stdin=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    used = _children_cpu() - cpu
    if done.returncode != expected:
        raise SystemExit(
            f"{' '.join(command)}: exit status {done.returncode}, expected {expected}\n"
            + done.stderr.decode("utf-8", "replace")
        )
    return elapsed, used


def measure(repeats: int) -> list[tuple[str, float, float, float]]:
    """(label, median wall s, fastest wall s, median CPU s) of every case, interleaved run by run.

    Interleaving (baseline, help, scenarios, error, baseline, …) spreads a burst of load from other
    programs over all cases instead of charging it to one.
    """
    times: dict[str, list[float]] = {label: [] for label, _, _ in CASES}
    cpu: dict[str, list[float]] = {label: [] for label, _, _ in CASES}
    for _, command, expected in CASES:
        _time_once(command, expected)  # warm-up, not counted
    for _ in range(repeats):
        for label, command, expected in CASES:
            wall, used = _time_once(command, expected)
            times[label].append(wall)
            cpu[label].append(used)
    return [
        (label, statistics.median(t), min(t), statistics.median(cpu[label])) for label, t in times.items()
    ]


def report(rows: list[tuple[str, float, float, float]]) -> str:
    """The table; the verdict is on the median wall time, and the CPU column is what the command itself
    used, which load from other programs barely moves."""
    baseline = rows[0][1]
    head = f"{'command':<30} {'median':>8} {'fastest':>8} {'CPU':>7} {'minus python':>13} {'× python':>9}"
    lines = [f"{head}  target ≤ {TARGET_SECONDS} s"]
    for label, median, fastest, used in rows:
        verdict = "" if label.startswith("python") else ("met" if median <= TARGET_SECONDS else "not met")
        extra, ratio = median - baseline, median / baseline
        times = f"{median:>7.3f}s {fastest:>7.3f}s {used:>6.3f}s"
        lines.append(f"{label:<30} {times} {extra:>12.3f}s {ratio:>8.1f}× {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="measured runs per command (default 7)")
    args = parser.parse_args(argv)
    if not 1 <= args.repeats <= 100:
        parser.error("--repeats must be a whole number from 1 to 100")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"simkit CLI latency: wall time of a fresh process, {args.repeats} runs each (median, fastest)")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.2f} before the run")
    print(report(measure(args.repeats)))
    after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average {after:.2f} after the run")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
