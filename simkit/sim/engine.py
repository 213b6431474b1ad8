"""The SimPy model of one service centre: queues, staff who pull work from them, and the clock.

Picture the centre as desks with a ticket queue each. Staff are the active parties: at the start of a
session each clerk sits down and calls the next ticket; when nobody waits, a clerk who shares the back
office opens an online dossier instead; when the session ends the clerk finishes the citizen in hand
and stops calling. Citizens are passive records that wait in a queue until called, give up
(reneging), or never join a queue that is too long (baulking).

Why staff pull rather than citizens requesting a ``simpy.Resource``: counters that change by session,
a lunch break that stops *calling* but not *serving*, overtime at closing and back-office work taken
only when the hall is empty all fall out of one small routine per clerk ("call the next one"), with
no pre-emption tricks.

Why callbacks on timeouts rather than generator processes: a clerk acts only at a shift start, at the
end of a service and at the end of a period, and a citizen only on arrival. Each of these is one SimPy
timeout whose callback does the work, so the model pays one event per arrival and one per service —
no event to wake an idle clerk, no generator to resume. Work handed to an idle clerk starts in the same
instant. ``benchmarks/`` measures the result against a textbook SimPy model.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast

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

    __slots__ = ("citizen", "submitted", "work", "start", "done", "visits_before")

    def __init__(self, citizen: int, submitted: float, work: float, visits_before: int = 0) -> None:
        self.citizen = citizen
        self.submitted = submitted
        self.work = work
        self.start: float | None = None
        self.done: float | None = None
        self.visits_before = visits_before  # in-person visits before it (at the assisted desk)


class WorkQueue:
    """A first-come-first-served line with idle staff waiting beside it.

    Items that leave early (reneging, sent home) stay in the deque and are skipped when reached, so
    leaving is O(1); ``waiting`` counts only those still in line, and ``area`` integrates it over time
    (the time-weighted queue length, and Little's law's L·T).
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: deque[Any] = deque()
        self.idle: list[Server] = []  # idle staff whose main job is this line, longest idle first
        self.idle_helpers: list[Server] = []  # idle staff who help here when their own line is empty
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
        """Give ``item`` straight to an idle clerk: one whose main job this is first, else a helper."""
        if self.idle:
            self.idle[0].wake_with(item)
        elif self.idle_helpers:
            self.idle_helpers[-1].wake_with(item)
        else:
            return False
        return True


class Server:
    """One member of staff working a list of shifts, calling work from ``queues`` in priority order.

    A clerk is a small state machine driven by callbacks on SimPy timeouts rather than a generator
    process: a shift start, the end of each service and the clock's end-of-period call are the only
    moments a clerk acts. Work handed to an idle clerk starts at once, in the same instant, so an idle
    clerk costs no event at all: one event per service, and one per shift start shared by all who start.
    """

    def __init__(
        self, centre: Centre, kind: str, queues: list[WorkQueue], shifts: list[tuple[float, float, bool]]
    ) -> None:
        self.centre = centre
        self.env = centre.env
        self.kind = kind
        self.queues = queues
        self.own_queue = queues[:1]  # the line that is this clerk's main job
        self.helps_with = queues[1:]  # lines served only when the own one is empty
        self.shifts = shifts
        self.overtime = centre.overtime and kind != "backoffice"
        self.is_idle = False
        self.until = 0.0
        # Busy intervals as three columns (start, end, was back-office work): cheap to turn into arrays.
        self.busy_start: list[float] = []
        self.busy_end: list[float] = []
        self.busy_backoffice: list[bool] = []
        self.duty: list[tuple[float, float, float, bool]] = []  # (start, end, actual stop, closed the day)
        self._shift = -1
        self._start = 0.0
        self._closes_day = False
        self._work: Visit | Dossier | None = None
        self._began = 0.0
        self._done_callback = self._done  # one bound method, not a new one per service

    def start(self) -> None:
        """Report for the first shift."""
        self._next_shift()

    def _next_shift(self) -> None:
        self._shift += 1
        if self._shift == len(self.shifts):
            return
        start = self.shifts[self._shift][0]
        if self.env.now < start:
            self.centre.call_at(start, self)
        else:  # shifts that touch: carry straight on
            self.begin_shift()

    def begin_shift(self) -> None:
        """Sit down for the current shift and call the first piece of work."""
        self._start, self.until, self._closes_day = self.shifts[self._shift]
        self._call_next()

    def _call_next(self) -> None:
        """Serve the next piece of work, wait idle beside the queues, or end the shift."""
        now = self.env.now
        if now < self.until:
            work = self.take(self.queues)
            if work is not None:
                self._serve(work, now)
                return
            self.is_idle = True
            self.queues[0].idle.append(self)
            for queue in self.helps_with:
                queue.idle_helpers.append(self)
            return
        if self._closes_day and self.overtime:  # finish everyone already in the counter line
            work = self.take(self.own_queue)
            if work is not None:
                self._serve(work, now)
                return
        # On duty until the shift ends or the citizen in hand leaves, but never into the next shift: when
        # shifts touch (a 24-hour centre, sessions back to back) the minutes past the boundary belong to
        # the next shift's record; counting them in both made utilisation read low.
        stop = now
        if self._shift + 1 < len(self.shifts):
            stop = min(stop, self.shifts[self._shift + 1][0])
        self.duty.append((self._start, self.until, max(self.until, stop), self._closes_day))
        self._next_shift()

    def wake_with(self, item: Visit | Dossier | None) -> None:
        """Leave the idle list to serve ``item`` now, or (``None``: the period ended) end the shift."""
        self.is_idle = False
        self.queues[0].idle.remove(self)
        for queue in self.helps_with:
            queue.idle_helpers.remove(self)
        if item is None:
            self._call_next()
        else:
            self._serve(item, self.env.now)

    def take(self, queues: list[WorkQueue]) -> Visit | Dossier | None:
        """The first item still waiting in the first line that has one (leavers are skipped)."""
        for queue in queues:
            items = queue.items
            while items:
                item = items.popleft()
                if type(item) is Dossier or (item.outcome is None and item.start is None):
                    queue.change(self.env.now, -1)
                    return item
        return None

    def _serve(self, work: Visit | Dossier, now: float) -> None:
        """Start serving a citizen or processing a dossier; the clerk acts again when it is done."""
        self._work, self._began = work, now
        work.start = now
        duration = work.work if type(work) is Dossier else work.service  # type: ignore[union-attr]
        self.env.timeout(duration).callbacks.append(self._done_callback)

    def _done(self, _event: simpy.Event) -> None:
        work, now = self._work, self.env.now
        self.busy_start.append(self._began)
        self.busy_end.append(now)
        if type(work) is Dossier:
            work.done = now
            self.busy_backoffice.append(True)
            if self.centre.collects[work.citizen]:
                self.centre.collect_later(work)
        else:
            work.end = now  # type: ignore[union-attr]
            work.outcome = SERVED  # type: ignore[union-attr]
            self.busy_backoffice.append(False)
            if work.station == ASSISTED_DESK:  # type: ignore[union-attr]
                # helped at the desk: the dossier now goes to the back office
                self.centre.submit_dossier(work.citizen, work.number)  # type: ignore[union-attr]
        self._call_next()


@dataclass
class EngineOutput:
    """What a run leaves behind, before any KPI is computed."""

    visits: list[Visit]
    dossiers: dict[int, Dossier]
    servers: list[Server]
    queues: dict[str, WorkQueue]
    backlog_at_closing: list[tuple[int, int]] = field(default_factory=list)
    end_time: float = 0.0
    day_starts: tuple[float, ...] = ()  # opening minute of each working day, to date the visits


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
        self._citizens = len(self._arrival)
        self._arrive_callback = self._arrive  # one bound method, not a new one per citizen
        self._channel = population.channel.tolist()
        self._counter_service = population.counter_service.tolist()
        self._collect_service = population.collect_service.tolist()
        self._assisted_service = population.assisted_service.tolist()
        self._backoffice = population.backoffice.tolist()
        self.collects = population.collects.tolist()
        self._collect_after = population.collect_after.tolist()
        self._collect_clock = population.collect_clock.tolist()  # [working day][citizen]
        self._working_day = population.working_day.tolist()
        self._shift_calls: dict[float, list[Server]] = {}  # shift start → staff who begin then
        self.servers = self._staff()
        for server in self.servers:
            server.start()
        self._next_arrival(0)
        self._next_period_end(0)

    def call_at(self, start: float, server: Server) -> None:
        """Have ``server`` begin its next shift at ``start``: one timeout for all who start then."""
        waiting = self._shift_calls.get(start)
        if waiting is None:
            waiting = self._shift_calls[start] = []
            self.env.timeout(start - self.env.now, value=start).callbacks.append(self._begin_shifts)
        waiting.append(server)

    def _begin_shifts(self, event: simpy.Event) -> None:
        for server in self._shift_calls.pop(cast(float, event.value)):
            server.begin_shift()

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
        if citizen < self._citizens:
            delay = self._arrival[citizen] - self.env.now
            self.env.timeout(delay, value=citizen).callbacks.append(self._arrive_callback)

    def _arrive(self, event: simpy.Event) -> None:
        citizen = cast(int, event.value)
        # The clock's own minute, not the drawn one: SimPy reaches it as now + (drawn − now), which can
        # differ from the drawn minute by a rounding step, and every other time of the visit (its call,
        # its end) is read from the clock. One clock for all of them keeps every wait ≥ 0 exactly.
        when = self.env.now
        how = self._channel[citizen]
        if how == ONLINE_FULL:
            self.submit_dossier(citizen)
        elif how == ONLINE_PARTIAL:  # submitted online now; the collection visit follows the dossier
            self.submit_dossier(citizen)
        elif how == ASSISTED:
            self.join(Visit(citizen, ASSISTED_DESK, 1, when, self._assisted_service[citizen]))
        else:  # IN_PERSON or FAILED_TO_COUNTER
            self.join(Visit(citizen, COUNTER, 1, when, self._counter_service[citizen]))
        self._next_arrival(citizen + 1)

    def submit_dossier(self, citizen: int, visits_before: int = 0) -> None:
        dossier = Dossier(citizen, self.env.now, self._backoffice[citizen], visits_before)
        self.dossiers[citizen] = dossier
        if not self.dossier_queue.hand_to_idle(dossier):
            self.dossier_queue.items.append(dossier)
            self.dossier_queue.change(self.env.now, +1)

    def collect_later(self, dossier: Dossier) -> None:
        """Book the collection visit of a finished partly-online dossier.

        The citizen comes on the appointment date (``collect_after_days`` working days after the day
        they submitted) at their own hour of that day, or on the first later working day whose hour
        falls after the dossier was done. The hour comes from the citizen's own uniform, so the same
        citizen collects at the same minute in every scenario where the dossier is ready by then.
        A collection due after the run's last day is not simulated (the KPIs count its cost).
        """
        citizen, done = dossier.citizen, dossier.done
        clock = self._collect_clock
        for day in range(self._working_day[citizen] + self._collect_after[citizen], len(clock)):
            when = clock[day][citizen]
            if when >= done:  # NaN (no arrival hours that day) is never ≥
                number = dossier.visits_before + 1
                visit = Visit(citizen, COUNTER, number, when, self._collect_service[citizen])
                arrives = self.env.timeout(when - self.env.now)
                arrives.callbacks.append(partial(self._collection_arrives, visit))
                return

    def _collection_arrives(self, visit: Visit, _event: object) -> None:
        """The collection visit reaches the centre (a SimPy callback: the event itself is not needed)."""
        self.join(visit)

    def join(self, visit: Visit) -> None:
        """A citizen reaches a desk: served at once, queues, or baulks at a long line."""
        self.visits.append(visit)
        now = visit.arrival = self.env.now  # a return visit too arrives at the clock's minute (see _arrive)
        if visit.station == COUNTER and self.unlimited:
            visit.start = now
            self.env.timeout(visit.service).callbacks.append(lambda _e, v=visit: self._finish_unlimited(v))  # type: ignore[misc]
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
            timer.callbacks.append(lambda _e, v=visit, q=queue: self._renege(v, q))  # type: ignore[misc]

    def _renege(self, visit: Visit, queue: WorkQueue) -> None:
        if visit.outcome is None and visit.start is None:
            visit.outcome = RENEGED
            visit.end = self.env.now
            queue.change(self.env.now, -1)

    def _finish_unlimited(self, visit: Visit) -> None:
        """The end of a counter visit when counters are unlimited (only counter visits come here)."""
        visit.end = self.env.now
        visit.outcome = SERVED

    # -- the clock --------------------------------------------------------------------------------
    # The clock is a chain of timeouts too, one per period end.
    def _next_period_end(self, index: int) -> None:
        periods = self.timetable.periods
        if index < len(periods):
            delay = max(periods[index].end - self.env.now, 0.0)
            self.env.timeout(delay, value=index).callbacks.append(self._period_end)

    def _period_end(self, event: simpy.Event) -> None:
        """At each period end: idle staff stop waiting; at closing, send the queue home (or not)."""
        index = cast(int, event.value)
        period = self.timetable.periods[index]
        now = self.env.now
        for server in self.servers:
            if server.is_idle and server.until <= now:
                server.wake_with(None)
        if period.closes_day:
            self.backlog_at_closing.append((period.working_day, self.dossier_queue.waiting))
            if not self.overtime:
                self._send_home(self.counter_queue, period.working_day)
                self._send_home(self.assisted_queue, period.working_day)
        self._next_period_end(index + 1)

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
                self.env.timeout(reopen - now).callbacks.append(lambda _e, v=again: self.join(v))  # type: ignore[misc]

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
            day_starts=tuple(self.timetable.day_start(d) for d in range(self.timetable.days)),
        )
