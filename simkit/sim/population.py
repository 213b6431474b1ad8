"""The citizens of one replication, drawn up front: who comes when, with what, and by which channel.

Why draw everyone before the simulation starts: each attribute (procedure, channel, service time,
patience, travel…) comes from its own stream and is fixed per citizen, independent of what happens in
the queue. A scenario with more counters or higher adoption therefore meets exactly the same citizens,
and "each citizen draws one uniform number u and goes online if u < adoption" holds literally: raising
adoption converts the same people, so curves across adoption levels are smooth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simkit.sim.arrivals import arrival_times
from simkit.sim.keys import CHANNELS
from simkit.sim.scenario import Scenario
from simkit.sim.streams import Streams
from simkit.sim.timetable import Timetable

IN_PERSON, ONLINE_FULL, ONLINE_PARTIAL, ASSISTED, FAILED_TO_COUNTER = range(len(CHANNELS))


@dataclass(frozen=True)
class Population:
    """Column arrays, one entry per citizen, sorted by arrival time."""

    arrival: np.ndarray
    working_day: np.ndarray
    procedure: np.ndarray
    channel: np.ndarray
    counter_service: np.ndarray
    collect_service: np.ndarray
    assisted_service: np.ndarray
    backoffice: np.ndarray
    online_minutes: np.ndarray
    patience: np.ndarray
    travel: np.ndarray

    def __len__(self) -> int:
        return len(self.arrival)


def draw_population(scenario: Scenario, timetable: Timetable, streams: Streams) -> Population:
    """Every citizen of the run with all attributes; see the module docstring for why up front."""
    arrival = arrival_times(scenario, timetable, streams["arrivals"])
    n = len(arrival)
    day_starts = np.array([timetable.day_start(d) for d in range(timetable.days)])
    working_day = np.searchsorted(day_starts, arrival, side="right") - 1

    procedure_ids = list(scenario.procedures)
    procedures = [scenario.procedures[k] for k in procedure_ids]
    shares = np.cumsum([p.share for p in procedures])
    procedure = np.minimum(
        np.searchsorted(shares, streams["procedure"].random(n), side="right"), len(shares) - 1
    )

    u_channel = streams["channel"].random(n)
    u_failure = streams["online_failure"].random(n)
    u_assisted = streams["assisted_choice"].random(n)
    adoption = np.array([scenario.adoption_of(k) for k in procedure_ids])[procedure]
    partial = np.array([p.online == "partial" for p in procedures])[procedure]
    attempts = u_channel < adoption
    failed = attempts & (u_failure < scenario.channel.online_failure_rate)
    desk_open = scenario.staffing.assisted_desk.staff > 0
    assisted = failed & desk_open & (u_assisted < scenario.channel.failed_to_assisted_share)

    channel = np.full(n, IN_PERSON)
    channel[attempts & ~failed & ~partial] = ONLINE_FULL
    channel[attempts & ~failed & partial] = ONLINE_PARTIAL
    channel[failed & assisted] = ASSISTED
    channel[failed & ~assisted] = FAILED_TO_COUNTER

    def per_procedure(stream: str, attribute: str) -> np.ndarray:
        u = streams[stream].random(n)
        out = np.empty(n)
        for index, proc in enumerate(procedures):
            mask = procedure == index
            out[mask] = getattr(proc, attribute).ppf(u[mask])
        return out

    patience_dist = scenario.impatience.patience
    u_patience = streams["patience"].random(n)
    return Population(
        arrival=arrival,
        working_day=working_day,
        procedure=procedure,
        channel=channel,
        counter_service=per_procedure("counter_service", "service"),
        collect_service=per_procedure("collect_service", "collect_service"),
        assisted_service=scenario.staffing.assisted_desk.service.ppf(streams["assisted_service"].random(n)),
        backoffice=per_procedure("backoffice", "backoffice"),
        online_minutes=np.array([p.online_minutes for p in procedures])[procedure],
        patience=patience_dist.ppf(u_patience) if patience_dist is not None else np.full(n, np.inf),
        travel=scenario.travel.one_way.ppf(streams["travel"].random(n)),
    )
