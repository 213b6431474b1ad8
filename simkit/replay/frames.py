"""What the centre looks like at one whole minute of the day, read straight from the records.

A frame is the answer to "at 09:40, who is where?": the line at the counters and at the assisted desk in
true queue order (first come, first served: by arrival, then by order of joining), who is at which desk,
who is on the way out and how they left, and where each online dossier is. Counts and the live figures
(queue length, counters busy) come with it. Nothing here knows about drawing; ``simkit.replay.scene``
turns frames into positions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from simkit.replay.daylog import ASSISTED_DESK, COUNTER_DESK, COUNTER_FOR_DOSSIER, LEAVE_MINUTES, DayLog
from simkit.sim.keys import OUTCOMES

SERVED, RENEGED, BAULKED, SENT_HOME = (
    OUTCOMES.index(o) for o in ("served", "reneged", "baulked", "not_served_today")
)
LEFT_OUTCOMES = (SERVED, RENEGED, BAULKED, SENT_HOME)
"""How a visit can end: served, gave up waiting, turned away by the long line, sent home at closing."""


@dataclass(frozen=True)
class Frame:
    """The centre at ``minute`` (simulation clock). Citizens are named by visit index in the ``DayLog``.

    ``queue[station]`` lists the visits waiting, first in line first; ``just_arrived`` those of them who
    came in during the last minute; ``at_desk[station]`` maps desk number → visit; ``leaving`` maps visit
    → outcome for those who left in the last ``LEAVE_MINUTES`` minutes. Dossiers likewise: ``inbox`` in
    order, ``processing`` (dossier → (place, desk)), ``finished`` in the last minutes.
    """

    minute: int
    queue: dict[int, tuple[int, ...]]
    just_arrived: frozenset[int]
    at_desk: dict[int, dict[int, int]]
    leaving: dict[int, int]
    left_today: dict[int, int]
    arrived_today: dict[int, int]
    inbox: tuple[int, ...]
    just_submitted: frozenset[int]
    processing: dict[int, tuple[int, int]]
    finished: tuple[int, ...]
    finished_today: int
    submitted_today: int
    counters_on_duty: int
    counters_busy: int
    assisted_busy: int
    backoffice_busy: int
    desks_open: bool

    @property
    def queue_length(self) -> int:
        """Citizens waiting at the counters now."""
        return len(self.queue[COUNTER_DESK])

    def state_counts(self) -> dict[str, int]:
        """How many citizens are in each state now, for tables and tests."""
        return {
            "waiting_counter": len(self.queue[COUNTER_DESK]),
            "waiting_assisted": len(self.queue[ASSISTED_DESK]),
            "served_counter": len(self.at_desk[COUNTER_DESK]),
            "served_assisted": len(self.at_desk[ASSISTED_DESK]),
            "leaving": len(self.leaving),
            "dossiers_waiting": len(self.inbox),
            "dossiers_processing": len(self.processing),
        }


class FrameMaker:
    """Frames of one ``DayLog``: the per-visit times are prepared once, each minute is a few numpy masks."""

    def __init__(self, log: DayLog) -> None:
        self.log = log
        self.arrival = log.visit_arrival
        self.leave_queue = log.queue_leave
        self.start = np.where(np.isnan(log.visit_start), np.inf, log.visit_start)
        self.end = log.service_end
        self.left = ~np.isnan(log.visit_end) & (log.visit_outcome != OUTCOMES.index("in_system"))
        self.served_visit = ~np.isnan(log.visit_start)
        self.submitted = log.dossier_submitted
        self.d_done = np.where(np.isnan(log.dossier_done), np.inf, log.dossier_done)
        # Not opened by the end of the run — or opened at a time the source does not keep (citizens.csv):
        # waiting in the inbox until finished.
        self.d_start = np.where(np.isnan(log.dossier_start), self.d_done, log.dossier_start)
        self.today_visit = log.visit_arrival >= log.window_start
        self.today_dossier = log.dossier_submitted >= log.window_start
        self.stations = (COUNTER_DESK, ASSISTED_DESK)

    def at(self, minute: int) -> Frame:
        """The frame at whole minute ``minute`` (events at exactly that minute have happened)."""
        t = float(minute)
        log = self.log
        arrived = self.arrival <= t
        waiting = arrived & (t < self.leave_queue)
        serving = self.served_visit & (self.start <= t) & (t < self.end)
        ended = self.left & (log.visit_end <= t)
        leaving = ended & (t < log.visit_end + LEAVE_MINUTES)
        queue: dict[int, tuple[int, ...]] = {}
        at_desk: dict[int, dict[int, int]] = {}
        for station in self.stations:
            here = log.visit_station == station
            queue[station] = tuple(int(i) for i in np.flatnonzero(waiting & here))  # already in queue order
            at_desk[station] = {int(log.visit_desk[i]): int(i) for i in np.flatnonzero(serving & here)}
        just = frozenset(int(i) for i in np.flatnonzero(waiting & (self.arrival > t - 1)))
        outcomes = log.visit_outcome
        left_today = {o: int(np.count_nonzero(ended & (outcomes == o))) for o in LEFT_OUTCOMES}
        arrived_today = {
            s: int(np.count_nonzero(arrived & self.today_visit & (log.visit_station == s)))
            for s in self.stations
        }

        submitted = self.submitted <= t
        inbox_mask = submitted & (t < self.d_start)
        working = (self.d_start <= t) & (t < self.d_done)
        finished_mask = (self.d_done <= t) & (t < self.d_done + LEAVE_MINUTES)
        processing = {
            int(i): (int(log.dossier_place[i]), int(log.dossier_desk[i])) for i in np.flatnonzero(working)
        }
        shared_busy = sum(1 for place, _ in processing.values() if place == COUNTER_FOR_DOSSIER)
        return Frame(
            minute=minute,
            queue=queue,
            just_arrived=just,
            at_desk=at_desk,
            leaving={int(i): int(outcomes[i]) for i in np.flatnonzero(leaving)},
            left_today=left_today,
            arrived_today=arrived_today,
            inbox=tuple(int(i) for i in np.flatnonzero(inbox_mask)),
            just_submitted=frozenset(int(i) for i in np.flatnonzero(inbox_mask & (self.submitted > t - 1))),
            processing=processing,
            finished=tuple(int(i) for i in np.flatnonzero(finished_mask)),
            finished_today=int(np.count_nonzero((self.d_done <= t) & (self.d_done >= log.window_start))),
            submitted_today=int(np.count_nonzero(submitted & self.today_dossier)),
            counters_on_duty=log.counters_on_duty(t),
            counters_busy=len(at_desk[COUNTER_DESK]) + shared_busy,
            assisted_busy=len(at_desk[ASSISTED_DESK]),
            backoffice_busy=len(processing) - shared_busy,
            desks_open=log.desks_open(t),
        )

    def __iter__(self) -> Iterator[Frame]:
        for minute in self.log.minutes:
            yield self.at(int(minute))


def day_frames(log: DayLog) -> list[Frame]:
    """Every frame of the day, one per whole minute from opening to after the last citizen left."""
    return list(FrameMaker(log))
