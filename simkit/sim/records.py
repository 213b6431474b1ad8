"""Flat records of one replication: per citizen, per visit, per member of staff.

Why column arrays and not a DataFrame straight away: a planner's sweep runs hundreds of replications and
needs only KPIs from each, which numpy computes in microseconds; the per-citizen DataFrame (for CSV
export and notebooks) is built on request by ``to_frame``, exactly as ``get_all_records()`` in Ciw.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from simkit.sim.engine import ASSISTED_DESK, COUNTER, EngineOutput
from simkit.sim.keys import CHANNELS, OUTCOMES
from simkit.sim.population import Population
from simkit.sim.scenario import Scenario
from simkit.sim.timetable import MINUTES_PER_DAY

OUTCOME_CODE = {name: code for code, name in enumerate(OUTCOMES)}
STATIONS = ("counter", "assisted")
STAFF_KINDS = ("counter", "backoffice", "assisted")


@dataclass(frozen=True)
class StaffLog:
    """Busy and on-duty intervals of one kind of staff, pooled over its members."""

    busy_start: np.ndarray
    busy_end: np.ndarray
    busy_backoffice: np.ndarray
    duty_start: np.ndarray
    duty_end: np.ndarray
    duty_stop: np.ndarray
    duty_closes_day: np.ndarray
    members: int


@dataclass(frozen=True)
class RunRecords:
    """Everything a replication produced, as arrays (times in minutes on the simulation clock)."""

    population: Population
    dossier_submitted: np.ndarray
    dossier_start: np.ndarray
    dossier_done: np.ndarray
    visit_citizen: np.ndarray
    visit_station: np.ndarray
    visit_number: np.ndarray
    visit_arrival: np.ndarray
    visit_day: np.ndarray
    visit_start: np.ndarray
    visit_end: np.ndarray
    visit_outcome: np.ndarray
    staff: dict[str, StaffLog]
    backlog_day: np.ndarray
    backlog_count: np.ndarray
    queue_area: dict[str, float]
    end_time: float

    @classmethod
    def from_engine(cls, population: Population, output: EngineOutput) -> RunRecords:
        n = len(population)
        submitted = np.full(n, np.nan)
        started = np.full(n, np.nan)
        done = np.full(n, np.nan)
        for citizen, dossier in output.dossiers.items():
            submitted[citizen] = dossier.submitted
            if dossier.start is not None:
                started[citizen] = dossier.start
            if dossier.done is not None:
                done[citizen] = dossier.done
        visits = output.visits
        arrival = np.array([v.arrival for v in visits], dtype=float)
        nan = float("nan")
        staff = {kind: _staff_log([s for s in output.servers if s.kind == kind]) for kind in STAFF_KINDS}
        return cls(
            population=population,
            dossier_submitted=submitted,
            dossier_start=started,
            dossier_done=done,
            visit_citizen=np.array([v.citizen for v in visits], dtype=np.int64),
            visit_station=np.array([v.station for v in visits], dtype=np.int64),
            visit_number=np.array([v.number for v in visits], dtype=np.int64),
            visit_arrival=arrival,
            visit_day=np.searchsorted(np.array(output.day_starts), arrival, side="right") - 1,
            visit_start=np.array([nan if v.start is None else v.start for v in visits], dtype=float),
            visit_end=np.array([nan if v.end is None else v.end for v in visits], dtype=float),
            visit_outcome=np.array([OUTCOME_CODE[cast(str, v.outcome)] for v in visits], dtype=np.int64),
            staff=staff,
            backlog_day=np.array([d for d, _ in output.backlog_at_closing], dtype=np.int64),
            backlog_count=np.array([c for _, c in output.backlog_at_closing], dtype=np.int64),
            queue_area={name: q.area for name, q in output.queues.items()},
            end_time=output.end_time,
        )

    def visit_leaves_queue(self) -> np.ndarray:
        """When each visit stopped waiting: its service start, else when it left, else the end of the run."""
        leave = np.where(np.isnan(self.visit_start), self.visit_end, self.visit_start)
        return np.where(np.isnan(leave), self.end_time, leave)

    def to_frame(self, scenario: Scenario) -> pd.DataFrame:
        """One row per in-person visit, plus one per online citizen with no visit in the run.

        That is every fully-online citizen, and partly-online ones whose collection visit falls after
        the run (outcome ``online``). ``working_day`` is the day of the visit (of the submission for
        those rows): a collection visit comes on a later day than its dossier.
        """
        pop = self.population
        procedure_ids = np.array(list(scenario.procedures), dtype=object)
        # Online citizens with no visit in the run: fully online, or a collection still to come.
        visited = np.bincount(self.visit_citizen, minlength=len(pop)) > 0
        online = np.isin(pop.channel, [CHANNELS.index("online_full"), CHANNELS.index("online_partial")])
        online_only = np.flatnonzero(online & ~visited)
        citizen = np.concatenate([self.visit_citizen, online_only])
        count = len(citizen)
        visits = len(self.visit_citizen)
        arrival = np.concatenate([self.visit_arrival, pop.arrival[online_only]])
        start = np.concatenate([self.visit_start, np.full(len(online_only), np.nan)])
        end = np.concatenate([self.visit_end, np.full(len(online_only), np.nan)])
        station = np.array(
            [*(STATIONS[s] for s in self.visit_station), *(["none"] * len(online_only))], dtype=object
        )
        outcome = np.array(
            [*(OUTCOMES[o] for o in self.visit_outcome), *(["online"] * len(online_only))], dtype=object
        )
        wait = np.where(np.isnan(start), np.nan, start - arrival)
        frame = pd.DataFrame(
            {
                "citizen": citizen,
                "visit": np.concatenate([self.visit_number, np.zeros(len(online_only), dtype=np.int64)]),
                "working_day": np.concatenate([self.visit_day, pop.working_day[online_only]]),
                "procedure": procedure_ids[pop.procedure[citizen]] if count else np.array([], dtype=object),
                "channel": np.array(CHANNELS, dtype=object)[pop.channel[citizen]] if count else [],
                "station": station,
                "arrival_minute": arrival,
                "arrival_clock": [_clock(t) for t in arrival],
                "hour": (arrival % MINUTES_PER_DAY // 60).astype(np.int64),
                "wait_minutes": wait,
                "service_start_minute": start,
                "service_end_minute": end,
                "outcome": outcome,
                "travel_one_way_minutes": pop.travel[citizen],
                "dossier_submitted_minute": self.dossier_submitted[citizen],
                "dossier_done_minute": self.dossier_done[citizen],
            }
        )
        frame["is_visit"] = np.arange(count) < visits
        return frame.sort_values(["arrival_minute", "citizen", "visit"], kind="stable").reset_index(drop=True)


def _clock(minute: float) -> str:
    of_day = int(minute % MINUTES_PER_DAY)
    return f"{of_day // 60:02d}:{of_day % 60:02d}"


def _staff_log(servers: list) -> StaffLog:
    def pooled(column: str, dtype: type) -> np.ndarray:
        return np.array(list(itertools.chain.from_iterable(getattr(s, column) for s in servers)), dtype=dtype)

    duty = [d for s in servers for d in s.duty]
    return StaffLog(
        busy_start=pooled("busy_start", float),
        busy_end=pooled("busy_end", float),
        busy_backoffice=pooled("busy_backoffice", bool),
        duty_start=np.array([d[0] for d in duty], dtype=float),
        duty_end=np.array([d[1] for d in duty], dtype=float),
        duty_stop=np.array([d[2] for d in duty], dtype=float),
        duty_closes_day=np.array([d[3] for d in duty], dtype=bool),
        members=len(servers),
    )


__all__ = ["RunRecords", "StaffLog", "COUNTER", "ASSISTED_DESK"]
