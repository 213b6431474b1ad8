"""The SimPy model of one service centre: queues, staff who pull work from them, and the clock.

Picture the centre as desks with a ticket queue each. Staff are the active parties: at the start of a
session each clerk sits down and calls the next ticket; when nobody waits, a clerk who shares the back
office opens an online dossier instead; when the session ends the clerk finishes the citizen in hand
and stops calling. Citizens are passive records that wait in a queue until called, give up
(reneging), or never join a queue that is too long (baulking).

Why staff pull rather than citizens requesting a ``simpy.Resource``: counters that change by session,
a lunch break that stops *calling* but not *serving*, overtime at closing and back-office work taken
only when the hall is empty all fall out of one simple loop per clerk, with no pre-emption tricks and
one event per service instead of a process per citizen. Handing a citizen straight to an idle clerk
keeps the engine as fast as a textbook SimPy M/M/c (see ``benchmarks/``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import simpy

from simkit.sim.population import ASSISTED, ONLINE_FULL, ONLINE_PARTIAL, Population
from simkit.sim.scenario import Scenario
from simkit.sim.timetable import Timetable

COUNTER, ASSISTED_DESK = 0, 1
SERVED, RENEGED, BAULKED, NOT_SERVED, IN_SYSTEM = (
    "served",
    "reneged",
    "baulked",
    "not_served_today",
    "in_system",
)


class Visit:
    """One in-person visit to a desk: a citizen can make a second visit after being sent home."""

    __slots__ = ("citizen", "station", "number", "arrival", "service", "start", "end", "outcome")

    def __init__(self, citizen: int, station: int, number: int, arrival: float, service: float) -> None:
        self.citizen = citizen
        self.station = station
        self.number = number
        self.arrival = arrival
        self.service = service
        self.start: float | None = None
        self.end: float | None = None
        self.outcome: str | None = None


class Dossier:
    """An online submission waiting for, or done by, the back office."""

    __slots__ = ("citizen", "submitted", "work", "start", "done")

    def __init__(self, citizen: int, submitted: float, work: float) -> None:
        self.citizen = citizen
        self.submitted = submitted
        self.work = work
        self.start: float | None = None
        self.done: float | None = None


class WorkQueue:
    """A first-come-first-served line with idle staff waiting beside it.

    Items that leave early (reneging, sent home) stay in the deque and are skipped when reached, so
    leaving is O(1); ``waiting`` counts only those still in line, and ``area`` integrates it over time
    (the time-weighted queue length, and Little's law's L·T).
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: deque[Any] = deque()
        self.idle: list[Server] = []
        self.waiting = 0
        self.area = 0.0
        self.max_waiting = 0
        self._last = 0.0

    def change(self, now: float, delta: int) -> None:
        self.area += self.waiting * (now - self._last)
        self._last = now
        self.waiting += delta
        if self.waiting > self.max_waiting:
            self.max_waiting = self.waiting

    def hand_to_idle(self, item: Any) -> bool:
        """Give ``item`` straight to an idle clerk (preferring one whose main job this is)."""
        if not self.idle:
            return False
        chosen = next((s for s in self.idle if s.queues[0] is self), self.idle[-1])
        chosen.wake_with(item)
        return True


class Server:
    """One member of staff working a list of shifts, calling work from ``queues`` in priority order."""

    def __init__(
        self, centre: Centre, kind: str, queues: list[WorkQueue], shifts: list[tuple[float, float, bool]]
    ) -> None:
        self.centre = centre
        self.kind = kind
        self.queues = queues
        self.shifts = shifts
        self.wake: simpy.Event | None = None
        self.until = 0.0
        self.busy: list[tuple[float, float, bool]] = []  # (start, end, was back-office work)
        self.duty: list[tuple[float, float, float, bool]] = []  # (start, end, actual stop, closed the day)

    def wake_with(self, item: Any) -> None:
        for queue in self.queues:
            if self in queue.idle:
                queue.idle.remove(self)
        event, self.wake = self.wake, None
        assert event is not None
        event.succeed(item)

    def take(self, queues: list[WorkQueue]) -> Any:
        now = self.centre.env.now
        for queue in queues:
            items = queue.items
            while items:
                item = items.popleft()
                if type(item) is Dossier:
                    queue.change(now, -1)
                    return item
                if item.outcome is None and item.start is None:
                    queue.change(now, -1)
                    return item
        return None

    def run(self) -> Generator[simpy.Event, Any, None]:
        env = self.centre.env
        for start, end, closes_day in self.shifts:
            if env.now < start:
                yield env.timeout(start - env.now)
            self.until = end
            while env.now < end:
                work = self.take(self.queues)
                if work is None:
                    self.wake = env.event()
                    for queue in self.queues:
                        queue.idle.append(self)
                    work = yield self.wake
                    if work is None:  # woken by the end of the shift
                        continue
                began = env.now
                yield env.timeout(self._begin(work, began))
                self._finish(work, began)
            if closes_day and self.centre.overtime and self.kind != "backoffice":
                while (work := self.take(self.queues[:1])) is not None:
                    began = env.now
                    yield env.timeout(self._begin(work, began))
                    self._finish(work, began)
            self.duty.append((start, end, max(end, env.now), closes_day))

    @staticmethod
    def _begin(work: Visit | Dossier, now: float) -> float:
        """Start serving a citizen or processing a dossier; returns how long it takes."""
        work.start = now
        return work.work if type(work) is Dossier else work.service  # type: ignore[union-attr]

    def _finish(self, work: Visit | Dossier, began: float) -> None:
        now = self.centre.env.now
        if type(work) is Dossier:
            work.done = now
            self.busy.append((began, now, True))
            return
        work.end = now  # type: ignore[union-attr]
        work.outcome = SERVED  # type: ignore[union-attr]
        self.busy.append((began, now, False))
        self.centre.after_service(work)  # type: ignore[arg-type]


@dataclass
class EngineOutput:
    """What a run leaves behind, before any KPI is computed."""

    visits: list[Visit]
    dossiers: dict[int, Dossier]
    servers: list[Server]
    queues: dict[str, WorkQueue]
    backlog_at_closing: list[tuple[int, int]] = field(default_factory=list)
    end_time: float = 0.0


class Centre:
    """Builds the queues and staff of a scenario, feeds in the population and runs the clock."""

    def __init__(self, scenario: Scenario, timetable: Timetable, population: Population) -> None:
        self.scenario = scenario
        self.timetable = timetable
        self.population = population
        self.env = simpy.Environment()
        self.overtime = scenario.calendar.closing_policy == "overtime"
        self.counter_queue = WorkQueue("counter")
        self.assisted_queue = WorkQueue("assisted")
        self.dossier_queue = WorkQueue("backoffice")
        self.visits: list[Visit] = []
        self.dossiers: dict[int, Dossier] = {}
        self.backlog_at_closing: list[tuple[int, int]] = []
        self.baulk_at = scenario.impatience.baulk_queue_length
        self._patience = population.patience.tolist()
        self.has_patience = scenario.impatience.patience is not None
        self.unlimited = scenario.staffing.unlimited_counters
        # Plain Python lists: indexing them per event is several times faster than numpy scalars.
        self._arrival = population.arrival.tolist()
        self._channel = population.channel.tolist()
        self._counter_service = population.counter_service.tolist()
        self._collect_service = population.collect_service.tolist()
        self._assisted_service = population.assisted_service.tolist()
        self._backoffice = population.backoffice.tolist()
        self.servers = self._staff()
        for server in self.servers:
            self.env.process(server.run())
        self._next_arrival(0)
        self.env.process(self._clock())

    def _staff(self) -> list[Server]:
        staffing = self.scenario.staffing
        periods = self.timetable.periods
        every = [(p.start, p.end, p.closes_day) for p in periods]
        servers: list[Server] = []
        if not self.unlimited:
            counter_queues = [self.counter_queue]
            if staffing.backoffice_shared_with_counters:
                counter_queues.append(self.dossier_queue)
            for k in range(max(p.counters for p in periods)):
                shifts = [(p.start, p.end, p.closes_day) for p in periods if k < p.counters]
                servers.append(Server(self, "counter", counter_queues, shifts))
        servers += [
            Server(self, "backoffice", [self.dossier_queue], every) for _ in range(staffing.backoffice)
        ]
        servers += [
            Server(self, "assisted", [self.assisted_queue], every)
            for _ in range(staffing.assisted_desk.staff)
        ]
        return servers

    # -- citizens ---------------------------------------------------------------------------------
    # Arrivals are a chain of timeouts with callbacks rather than a process: one pending event at a
    # time, as with a generator, but without resuming a generator for each citizen.
    def _next_arrival(self, citizen: int) -> None:
        if citizen < len(self._arrival):
            delay = self._arrival[citizen] - self.env.now
            self.env.timeout(delay, value=citizen).callbacks.append(self._arrive)

    def _arrive(self, event: simpy.Event) -> None:
        citizen = event.value
        when = self._arrival[citizen]
        how = self._channel[citizen]
        if how == ONLINE_FULL:
            self.submit_dossier(citizen)
        elif how == ONLINE_PARTIAL:
            self.submit_dossier(citizen)
            self.join(Visit(citizen, COUNTER, 1, when, self._collect_service[citizen]))
        elif how == ASSISTED:
            self.join(Visit(citizen, ASSISTED_DESK, 1, when, self._assisted_service[citizen]))
        else:  # IN_PERSON or FAILED_TO_COUNTER
            self.join(Visit(citizen, COUNTER, 1, when, self._counter_service[citizen]))
        self._next_arrival(citizen + 1)

    def submit_dossier(self, citizen: int) -> None:
        dossier = Dossier(citizen, self.env.now, self._backoffice[citizen])
        self.dossiers[citizen] = dossier
        if not self.dossier_queue.hand_to_idle(dossier):
            self.dossier_queue.items.append(dossier)
            self.dossier_queue.change(self.env.now, +1)

    def join(self, visit: Visit) -> None:
        """A citizen reaches a desk: served at once, queues, or baulks at a long line."""
        self.visits.append(visit)
        now = self.env.now
        if visit.station == COUNTER and self.unlimited:
            visit.start = now
            self.env.timeout(visit.service).callbacks.append(lambda _e, v=visit: self._finish_unlimited(v))
            return
        queue = self.counter_queue if visit.station == COUNTER else self.assisted_queue
        if queue.hand_to_idle(visit):
            return
        if self.baulk_at is not None and queue.waiting >= self.baulk_at:
            visit.outcome = BAULKED
            visit.end = now
            return
        queue.items.append(visit)
        queue.change(now, +1)
        if self.has_patience:
            timer = self.env.timeout(self._patience[visit.citizen])
            timer.callbacks.append(lambda _e, v=visit, q=queue: self._renege(v, q))

    def _renege(self, visit: Visit, queue: WorkQueue) -> None:
        if visit.outcome is None and visit.start is None:
            visit.outcome = RENEGED
            visit.end = self.env.now
            queue.change(self.env.now, -1)

    def _finish_unlimited(self, visit: Visit) -> None:
        visit.end = self.env.now
        visit.outcome = SERVED
        self.after_service(visit)

    def after_service(self, visit: Visit) -> None:
        if visit.station == ASSISTED_DESK:
            self.submit_dossier(visit.citizen)

    # -- the clock --------------------------------------------------------------------------------
    def _clock(self) -> Generator[simpy.Event, Any, None]:
        """At each period end: idle staff stop waiting; at closing, send the queue home (or not)."""
        env = self.env
        for period in self.timetable.periods:
            if period.end > env.now:
                yield env.timeout(period.end - env.now)
            for server in self.servers:
                if server.wake is not None and server.until <= env.now:
                    server.wake_with(None)
            if period.closes_day:
                self.backlog_at_closing.append((period.working_day, self.dossier_queue.waiting))
                if not self.overtime:
                    self._send_home(self.counter_queue, period.working_day)
                    self._send_home(self.assisted_queue, period.working_day)

    def _send_home(self, queue: WorkQueue, working_day: int) -> None:
        now = self.env.now
        leaving = [v for v in queue.items if v.outcome is None and v.start is None]
        queue.items.clear()
        for visit in leaving:
            visit.outcome = NOT_SERVED
            visit.end = now
            queue.change(now, -1)
        if self.scenario.calendar.return_next_day and working_day + 1 < self.timetable.days:
            reopen = self.timetable.day_start(working_day + 1)
            for visit in leaving:
                again = Visit(visit.citizen, visit.station, visit.number + 1, reopen, visit.service)
                self.env.timeout(reopen - now).callbacks.append(lambda _e, v=again: self.join(v))

    def run(self) -> EngineOutput:
        self.env.run()
        end = self.env.now
        for queue in (self.counter_queue, self.assisted_queue, self.dossier_queue):
            queue.change(end, 0)
        for visit in self.visits:
            if visit.outcome is None:
                visit.outcome = IN_SYSTEM
        return EngineOutput(
            visits=self.visits,
            dossiers=self.dossiers,
            servers=self.servers,
            queues={q.name: q for q in (self.counter_queue, self.assisted_queue, self.dossier_queue)},
            backlog_at_closing=self.backlog_at_closing,
            end_time=end,
        )
