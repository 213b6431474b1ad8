"""A replay from a run's output folder (``simkit run --out``): its ``citizens.csv`` and ``scenario.yaml``.

Why: a planner who ran ``simkit run`` last week has the folder, not the Python objects; the animation must
show those very records, not a fresh run. ``citizens.csv`` keeps, per visit, the arrival, the service start
and end and how the visit ended, and per citizen when their dossier was submitted and finished — all the
replay needs except when the back office *opened* each dossier (and which dossiers counter clerks did),
which the file does not keep: from a file, a dossier is shown waiting in the inbox until it is finished.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from simkit.bilingual import Text
from simkit.errors import ConfigError
from simkit.replay.build import MAX_PLANS, Replay, adoption_label, replay_records
from simkit.sim.keys import CHANNELS, OUTCOMES
from simkit.sim.loading import load_scenario
from simkit.sim.population import Population
from simkit.sim.records import STAFF_KINDS, RunRecords, StaffLog
from simkit.sim.scenario import Scenario
from simkit.sim.timetable import build_timetable

COLUMNS = (
    "replication",
    "citizen",
    "visit",
    "station",
    "channel",
    "arrival_minute",
    "service_start_minute",
    "service_end_minute",
    "outcome",
    "dossier_submitted_minute",
    "dossier_done_minute",
    "is_visit",
)
"""The columns of ``citizens.csv`` the replay reads (the file may have more)."""


def read_run_folder(folder: Path) -> tuple[Scenario, pd.DataFrame]:
    """The scenario that ran and its per-citizen table, with one-line errors naming the file."""
    folder = Path(folder)
    citizens, scenario_file = folder / "citizens.csv", folder / "scenario.yaml"
    for path in (citizens, scenario_file):
        if not path.is_file():
            raise ConfigError("not found (give a folder written by `simkit run --out`)", where=str(path))
    scenario = load_scenario(scenario_file)
    try:
        frame = pd.read_csv(citizens)
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"cannot be read as CSV ({exc})", where=str(citizens)) from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ConfigError(f"lacks the column(s) {', '.join(missing)}", where=str(citizens))
    return scenario, frame


def records_from_citizens(frame: pd.DataFrame, replication: int, where: str = "citizens.csv") -> RunRecords:
    """The records of one replication as ``citizens.csv`` keeps them.

    Fields the file does not hold are left empty or unknown (NaN): per-citizen service times the run drew,
    when each dossier was opened, the staff's busy intervals. The replay reads none of them except the
    dossier's opening, and shows dossiers without it as waiting until finished.
    """
    rows = frame[frame.replication == replication]
    if rows.empty:
        known = ", ".join(str(r) for r in sorted(frame.replication.unique())[:10])
        raise ConfigError(
            f"has no replication {replication} (it has {known})", where=where, field="replication"
        )
    if not rows.citizen.is_unique and not rows[~rows.is_visit.astype(bool)].citizen.is_unique:
        raise ConfigError("lists a fully-online citizen twice", where=where)
    n = int(rows.citizen.max()) + 1
    first = rows.sort_values(["citizen", "visit"]).drop_duplicates("citizen").set_index("citizen")
    channel = np.zeros(n, dtype=np.int64)
    arrival = np.full(n, np.nan)
    channel[first.index] = [CHANNELS.index(c) for c in first.channel]
    arrival[first.index] = first.arrival_minute
    submitted, done = np.full(n, np.nan), np.full(n, np.nan)
    submitted[first.index] = first.dossier_submitted_minute
    done[first.index] = first.dossier_done_minute
    # A partly-online citizen's first row is their collection visit, days later: they came (online) when
    # they submitted.
    partial = (channel == CHANNELS.index("online_partial")) & ~np.isnan(submitted)
    arrival[partial] = submitted[partial]
    visits = rows[rows.is_visit.astype(bool)]
    unknown = np.full(n, np.nan)
    population = Population(
        arrival=arrival,
        working_day=np.zeros(n, dtype=np.int64),
        procedure=np.zeros(n, dtype=np.int64),
        channel=channel,
        counter_service=unknown,
        collect_service=unknown,
        assisted_service=unknown,
        backoffice=unknown,
        online_minutes=unknown,
        patience=unknown,
        travel=unknown,
        collects=np.zeros(n, dtype=bool),  # the collection visits are in the file as visits already
        collect_after=np.zeros(n, dtype=np.int64),
        collect_clock=np.empty((0, n)),
    )
    empty = np.array([], dtype=float)
    staff = {
        kind: StaffLog(empty, empty, np.array([], dtype=bool), empty, empty, empty, np.array([], bool), 0)
        for kind in STAFF_KINDS
    }
    try:
        outcome = np.array([OUTCOMES.index(o) for o in visits.outcome], dtype=np.int64)
        station = np.array([("counter", "assisted").index(s) for s in visits.station], dtype=np.int64)
    except ValueError as exc:
        raise ConfigError(f"has an unknown station or outcome ({exc})", where=where) from None
    return RunRecords(
        population=population,
        dossier_submitted=submitted,
        dossier_start=np.full(n, np.nan),
        dossier_done=done,
        visit_citizen=visits.citizen.to_numpy(dtype=np.int64),
        visit_station=station,
        visit_number=visits.visit.to_numpy(dtype=np.int64),
        visit_arrival=visits.arrival_minute.to_numpy(dtype=float),
        visit_day=(
            visits.working_day.to_numpy(dtype=np.int64)
            if "working_day" in visits
            else np.zeros(len(visits), dtype=np.int64)
        ),
        visit_start=visits.service_start_minute.to_numpy(dtype=float),
        visit_end=visits.service_end_minute.to_numpy(dtype=float),
        visit_outcome=outcome,
        staff=staff,
        backlog_day=np.array([], dtype=np.int64),
        backlog_count=np.array([], dtype=np.int64),
        queue_area={},
        end_time=float(np.nanmax(visits.service_end_minute)) if len(visits) else 0.0,
    )


def replay_folders(folders: list[Path], *, replication: int = 0, day: int = 0) -> Replay:
    """A replay of one or two ``simkit run`` folders (same calendar), each captioned by its folder name."""
    if not 1 <= len(folders) <= MAX_PLANS:
        raise ConfigError(f"give one or two folders (got {len(folders)})", field="--from")
    plans = []
    for folder in folders:
        scenario, frame = read_run_folder(folder)
        records = records_from_citizens(frame, replication, where=str(Path(folder) / "citizens.csv"))
        rate = adoption_label(scenario.channel.adoption)
        name = Path(folder).resolve().name
        plans.append((Text(vi=f"{name}: {rate.vi}", en=f"{name}: {rate.en}"), scenario, records))
    first = plans[0][1]
    layout = (first.calendar, first.run.days, first.run.warmup_days)
    if any((sc.calendar, sc.run.days, sc.run.warmup_days) != layout for _, sc, _ in plans):
        raise ConfigError(
            "the two runs have different calendars or days; they cannot share one clock", field="--from"
        )
    days = first.run.days
    if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day < days:
        raise ConfigError(f"must be a working day from 1 to {days} (got {day + 1})", field="--day")
    return replay_records(
        plans,
        build_timetable(first, days, first.run.warmup_days),  # the days as the run laid them out
        day=day,
        replication=replication,
        seed=first.run.seed,
        target_wait=first.run.target_wait_minutes,
        from_file=True,
    )
