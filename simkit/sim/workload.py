"""How big a run is, estimated before it starts, so a typo cannot freeze a commune laptop.

Why: ``--set demand.citizens=1e9``, ``--reps 1000000000`` or ``run.days=100000`` are one keystroke
away from a correct command. Run as asked, they grow past the machine's memory in a minute or compute
for days with no word. The estimate multiplies what a run will do (citizens a day × days × replications ×
grid points) by what one simulated citizen costs on a laptop — measured in ``benchmarks/``: about
70,000 citizens per CPU-second for a whole replication, about 0.7 kB kept per citizen by ``simkit run``
(every replication's records, for the per-citizen file) plus 1.3 kB while ``citizens.csv`` is built.
The figures below are deliberately cautious (a slower laptop, a busier day).

A run whose memory would not fit is refused; one that would take more than an hour is refused unless
the user says ``--allow-large`` (a province-wide grid on purpose).
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass

from simkit.errors import ConfigError
from simkit.sim.experiment import RunSettings
from simkit.sim.scenario import Scenario

CITIZENS_PER_CPU_SECOND = 25_000.0
"""A cautious simulation speed per worker (the benchmark measures ~70,000 on a 2-core laptop)."""

BYTES_PER_CITIZEN_KEPT = 2_500
"""Memory per simulated citizen when every replication's records are kept (``simkit run``)."""

BYTES_PER_CITIZEN_IN_FLIGHT = 1_000
"""Memory per citizen of the one replication a worker holds at a time (sweeps, comparisons, staffing)."""

TIME_LIMIT_SECONDS = 3600.0
"""Longer than this needs ``--allow-large``: a planner's question is answered in minutes."""

MEMORY_SHARE = 0.8
"""At most this share of the memory available now may be planned for."""


@dataclass(frozen=True)
class Workload:
    """What a run will do: citizens per replication, replications in all, seconds and bytes."""

    citizens_per_replication: float
    replications: int
    seconds: float
    bytes: float

    @property
    def citizens(self) -> float:
        return self.citizens_per_replication * self.replications


def citizens_per_replication(scenario: Scenario, days: int) -> float:
    """Expected citizens in one replication: the daily volume on the busiest weekday × days."""
    factors = scenario.demand.weekday_factors
    busiest = max([1.0, *factors.values()]) if factors else 1.0
    return scenario.demand.citizens_per_working_day * busiest * days


def estimate(
    scenarios: Sequence[Scenario],
    settings: RunSettings,
    *,
    runs_per_scenario: int = 1,
    keep_records: bool = False,
    workers: int = 1,
) -> Workload:
    """The work of running ``settings.replications`` (× ``runs_per_scenario``) of every scenario."""
    per_replication = max(citizens_per_replication(s, settings.days) for s in scenarios)
    total_citizens = sum(citizens_per_replication(s, settings.days) for s in scenarios)
    replications = settings.replications * runs_per_scenario * len(scenarios)
    seconds = total_citizens * settings.replications * runs_per_scenario / CITIZENS_PER_CPU_SECOND
    seconds /= max(1, workers)
    if keep_records:
        memory = per_replication * settings.replications * BYTES_PER_CITIZEN_KEPT
    else:
        memory = per_replication * BYTES_PER_CITIZEN_IN_FLIGHT * max(1, workers)
    return Workload(per_replication, replications, seconds, memory)


def available_memory() -> float:
    """Bytes of memory available now (Linux ``MemAvailable``; elsewhere the physical memory)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return float(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return float(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):  # pragma: no cover - not POSIX
        return math.inf


def check_workload(work: Workload, *, allow_large: bool = False, memory: float | None = None) -> None:
    """Refuse, in one line that says the size and the limit, a run that cannot finish here."""
    memory = available_memory() if memory is None else memory
    size = (
        f"about {_count(work.citizens_per_replication)} citizens per replication × "
        f"{_count(work.replications)} replications"
    )
    if work.bytes > MEMORY_SHARE * memory:
        raise ConfigError(
            f"too large for this machine: {size} needs about {_bytes(work.bytes)} of memory; "
            f"{_bytes(memory)} is available (lower demand.citizens, run.days, --days or --reps)",
            field="size",
        )
    if work.seconds > TIME_LIMIT_SECONDS and not allow_large:
        raise ConfigError(
            f"too long: {size} would take about {_duration(work.seconds)}; the limit is "
            f"{_duration(TIME_LIMIT_SECONDS)} unless you add --allow-large",
            field="size",
        )


def _count(value: float) -> str:
    return f"{value:,.0f}" if value < 1e7 else f"{value:.1e}"


def _bytes(value: float) -> str:
    if value >= 100e9:
        return f"{value / 1e9:,.0f} GB"
    if value >= 1e9:
        return f"{value / 1e9:,.1f} GB"
    return f"{value / 1e6:,.0f} MB"


def _duration(seconds: float) -> str:
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:,.0f} days"
    if seconds >= 3600:
        return f"{seconds / 3600:,.1f} hours"
    return f"{seconds / 60:,.0f} minutes"
