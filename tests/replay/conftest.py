"""Runs the replay tests read: a busy commune day where every way of leaving happens, and variants."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pytest

from simkit.replay.daylog import DayLog, day_log
from simkit.replay.frames import Frame, day_frames
from simkit.sim.experiment import RunSettings, single_run
from simkit.sim.loading import load_scenario
from simkit.sim.records import RunRecords
from simkit.sim.scenario import Scenario
from simkit.sim.timetable import build_timetable

BUSY = {
    "staffing.counters": 1,
    "channel.adoption": 0.3,
    "impatience.baulk_queue_length": 10,
    "impatience.patience": {"dist": "lognormal", "mean": 60, "sd": 30},
    "calendar.sessions.1.end": "16:00",
}
"""The commune preset with one counter closing at 16:00: a long line, so people give up, are turned away
and are sent home at closing."""


@dataclass(frozen=True)
class Day:
    scenario: Scenario
    records: RunRecords
    citizens: pd.DataFrame
    log: DayLog
    frames: list[Frame]


def run_day(
    overrides: dict, *, preset: str = "commune_pasc", days: int = 1, day: int = 0, seed: int = 3
) -> Day:
    scenario = load_scenario(preset, overrides)
    settings = RunSettings.of(scenario, replications=1, days=days, warmup_days=0, seed=seed)
    records = single_run(scenario, settings, 0).records
    log = day_log(scenario, build_timetable(scenario, days), records, day)
    return Day(scenario, records, records.to_frame(scenario), log, day_frames(log))


@pytest.fixture(scope="session")
def busy_day() -> Day:
    return run_day(BUSY)


@pytest.fixture(scope="session")
def shared_day() -> Day:
    """Counter staff also do the back office (no back-office staff): dossiers are processed at counters."""
    return run_day({"staffing.backoffice": 0, "staffing.backoffice_shared_with_counters": True})
