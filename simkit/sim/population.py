"""The citizens of one replication, drawn up front: who comes when, with what, and by which channel.

Why draw everyone before the simulation starts: each attribute (procedure, channel, service time,
patience, travel…) comes from its own stream and is fixed per citizen, independent of what happens in
the queue. A scenario with more counters or higher adoption therefore meets exactly the same citizens,
and "each citizen draws one uniform number u and goes online if u < adoption" holds literally: raising
adoption converts the same people, so curves across adoption levels are smooth.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from simkit.sim.arrivals import arrival_times, times_in_day
from simkit.sim.distributions import ppf_by_group
from simkit.sim.keys import CHANNELS
from simkit.sim.scenario import Scenario
from simkit.sim.streams import STREAM_NAMES, Streams
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
    collects: np.ndarray
    """Partly-online procedure and tried online: a dossier of theirs (submitted online or at the assisted
    desk) ends in a collection visit; a failed attempt done at the counter has no dossier."""
    collect_after: np.ndarray
    """Working days from submission to the appointment date (the procedure's ``collect_after_days``)."""
    collect_clock: np.ndarray
    """``collect_clock[d, i]``: the minute citizen ``i`` would come to collect on working day ``d`` (NaN
    where the day has no arrival hours); days × citizens, empty when no procedure is partly online."""

    def __len__(self) -> int:
        return len(self.arrival)


@dataclass(frozen=True)
class Draws:
    """The random numbers of one replication: arrival times, and one uniform per citizen per stream.

    Everything else about a citizen is a function of these numbers and the scenario, so two scenarios
    with the same demand and calendar (say, 8 or 10 counters, 30% or 60% online) share one ``Draws``.
    The arrays are read-only: a shared draw must never be changed by the run that uses it.
    """

    arrival: np.ndarray
    uniforms: dict[str, np.ndarray]


def draw_randoms(scenario: Scenario, timetable: Timetable, streams: Streams) -> Draws:
    """Arrival times from the ``arrivals`` stream and ``n`` uniforms from each other stream."""
    arrival = arrival_times(scenario, timetable, streams["arrivals"])
    uniforms = {name: streams[name].random(len(arrival)) for name in STREAM_NAMES if name != "arrivals"}
    for array in (arrival, *uniforms.values()):
        array.flags.writeable = False
    return Draws(arrival, uniforms)


class LastDraws:
    """Remembers the last replication's draws and hands them out again while the next task matches.

    Why: sweeps, comparisons and staffing searches run replication r of several scenarios that differ
    only in staffing or adoption. Their citizens are the same (common random numbers), and creating
    eleven seeded generators and drawing from them is about a tenth of a one-day run. ``run_tasks``
    runs the tasks of one replication one after another, so remembering one entry is enough. The
    draws depend only on the seed, the replication, the number of days, the demand and the calendar:
    that is the key; any other change reuses them, any change to these draws afresh.
    """

    def __init__(self) -> None:
        self._key: tuple[Any, ...] | None = None
        self._draws: Draws | None = None

    def get(self, scenario: Scenario, timetable: Timetable, seed: int, replication: int) -> Draws:
        first = timetable.periods[0].weekday  # the warm-up days move the first simulated day
        key = (seed, replication, timetable.days, first, scenario.demand, scenario.calendar)
        if self._draws is None or key != self._key:
            self._draws = draw_randoms(scenario, timetable, Streams(seed, replication))
            self._key = key
        return self._draws


def draw_population(scenario: Scenario, timetable: Timetable, streams: Streams) -> Population:
    """Every citizen of the run with all attributes; see the module docstring for why up front."""
    return population_from(scenario, timetable, draw_randoms(scenario, timetable, streams))


def population_from(scenario: Scenario, timetable: Timetable, draws: Draws) -> Population:
    """The citizens that a scenario makes of one replication's random numbers."""
    arrival, u = draws.arrival, draws.uniforms
    n = len(arrival)
    day_starts = np.array([timetable.day_start(d) for d in range(timetable.days)])
    working_day = np.searchsorted(day_starts, arrival, side="right") - 1

    procedure_ids = list(scenario.procedures)
    procedures = [scenario.procedures[k] for k in procedure_ids]
    shares = np.cumsum([p.share for p in procedures])
    procedure = np.minimum(np.searchsorted(shares, u["procedure"], side="right"), len(shares) - 1)

    splits = [scenario.channel_split(k) for k in procedure_ids]  # the channel rule (scenario.ChannelSplit)
    adoption = np.array([split.adoption for split in splits])[procedure]
    partial = np.array([p.online == "partial" for p in procedures])[procedure]
    attempts = u["channel"] < adoption
    failed = attempts & (u["online_failure"] < scenario.channel.online_failure_rate)
    assisted = failed & (u["assisted_choice"] < scenario.failed_to_desk_share())

    channel = np.full(n, IN_PERSON)
    channel[attempts & ~failed & ~partial] = ONLINE_FULL
    channel[attempts & ~failed & partial] = ONLINE_PARTIAL
    channel[failed & assisted] = ASSISTED
    channel[failed & ~assisted] = FAILED_TO_COUNTER

    def per_procedure(stream: str, attribute: str) -> np.ndarray:
        dists = [getattr(proc, attribute) for proc in procedures]
        return ppf_by_group(dists, procedure, u[stream])

    patience_dist = scenario.impatience.patience
    collects = partial & attempts
    days = range(timetable.days)
    collect_clock = (
        np.array([times_in_day(scenario, timetable.periods_of_day(d), u["collect_time"]) for d in days])
        if collects.any()
        else np.empty((timetable.days, 0))
    )
    return Population(
        arrival=arrival,
        working_day=working_day,
        procedure=procedure,
        channel=channel,
        counter_service=per_procedure("counter_service", "service"),
        collect_service=per_procedure("collect_service", "collect_service"),
        assisted_service=scenario.staffing.assisted_desk.service.ppf(u["assisted_service"]),
        backoffice=per_procedure("backoffice", "backoffice"),
        online_minutes=np.array([p.online_minutes for p in procedures])[procedure],
        patience=patience_dist.ppf(u["patience"]) if patience_dist is not None else np.full(n, np.inf),
        travel=scenario.travel.one_way.ppf(u["travel"]),
        collects=collects,
        collect_after=np.array([p.collect_after_days for p in procedures], dtype=np.int64)[procedure],
        collect_clock=collect_clock,
    )
