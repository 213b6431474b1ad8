"""What the centre looks like at one whole minute of the day, read straight from the records.

A frame is the answer to "at 09:40, who is where?": the line at the counters and at the assisted desk in
true queue order (first come, first served: by arrival, then by order of joining), who is at which desk,
who is on the way out and how they left, and where each online dossier is. Counts and the live figures
(queue length, counters busy) come with it. Nothing here knows about drawing; ``simkit.replay.scene``
turns frames into positions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
        return self.many([minute])[0]

    def many(self, minutes: Sequence[int]) -> list[Frame]:
        """The frames at each of ``minutes``, computed together: one (minutes × visits) comparison per
        condition instead of a dozen small numpy calls per minute — a day of frames in a few hundredths
        of a second."""
        log = self.log
        minutes = [int(m) for m in minutes]
        t = np.asarray(minutes, dtype=float)[:, None]
        arrived = self.arrival[None, :] <= t
        waiting = arrived & (t < self.leave_queue[None, :])
        serving = self.served_visit[None, :] & (self.start[None, :] <= t) & (t < self.end[None, :])
        ended = self.left[None, :] & (log.visit_end[None, :] <= t)
        leaving = ended & (t < log.visit_end[None, :] + LEAVE_MINUTES)
        just = waiting & (self.arrival[None, :] > t - 1)
        count = len(minutes)
        queue = {s: _rows(waiting & (log.visit_station == s)[None, :], count) for s in self.stations}
        desk = {s: _rows(serving & (log.visit_station == s)[None, :], count) for s in self.stations}
        outcomes = log.visit_outcome
        left_today = {o: np.count_nonzero(ended & (outcomes == o)[None, :], axis=1) for o in LEFT_OUTCOMES}
        arrived_today = {
            s: np.count_nonzero(arrived & (self.today_visit & (log.visit_station == s))[None, :], axis=1)
            for s in self.stations
        }
        submitted = self.submitted[None, :] <= t
        inbox = submitted & (t < self.d_start[None, :])
        working = (self.d_start[None, :] <= t) & (t < self.d_done[None, :])
        finished = (self.d_done[None, :] <= t) & (t < self.d_done[None, :] + LEAVE_MINUTES)
        finished_today = np.count_nonzero(
            (self.d_done[None, :] <= t) & (self.d_done >= log.window_start), axis=1
        )
        submitted_today = np.count_nonzero(submitted & self.today_dossier[None, :], axis=1)
        rows = {
            "just": _rows(just, count),
            "leaving": _rows(leaving, count),
            "inbox": _rows(inbox, count),
            "just_submitted": _rows(inbox & (self.submitted[None, :] > t - 1), count),
            "working": _rows(working, count),
            "finished": _rows(finished, count),
        }
        desks, places, dossier_desks = (
            log.visit_desk.tolist(),
            log.dossier_place.tolist(),
            log.dossier_desk.tolist(),
        )
        outcome_list = outcomes.tolist()
        frames = []
        for k, minute in enumerate(minutes):
            processing = {i: (places[i], dossier_desks[i]) for i in rows["working"][k]}
            shared_busy = sum(1 for place, _ in processing.values() if place == COUNTER_FOR_DOSSIER)
            at_desk = {s: {desks[i]: i for i in desk[s][k]} for s in self.stations}
            frames.append(
                Frame(
                    minute=minute,
                    queue={s: tuple(queue[s][k]) for s in self.stations},  # already in queue order
                    just_arrived=frozenset(rows["just"][k]),
                    at_desk=at_desk,
                    leaving={i: outcome_list[i] for i in rows["leaving"][k]},
                    left_today={o: int(left_today[o][k]) for o in LEFT_OUTCOMES},
                    arrived_today={s: int(arrived_today[s][k]) for s in self.stations},
                    inbox=tuple(rows["inbox"][k]),
                    just_submitted=frozenset(rows["just_submitted"][k]),
                    processing=processing,
                    finished=tuple(rows["finished"][k]),
                    finished_today=int(finished_today[k]),
                    submitted_today=int(submitted_today[k]),
                    counters_on_duty=log.counters_on_duty(minute),
                    counters_busy=len(at_desk[COUNTER_DESK]) + shared_busy,
                    assisted_busy=len(at_desk[ASSISTED_DESK]),
                    backoffice_busy=len(processing) - shared_busy,
                    desks_open=log.desks_open(minute),
                )
            )
        return frames

    def __iter__(self) -> Iterator[Frame]:
        yield from self.many(self.log.minutes.tolist())


def _rows(mask: np.ndarray, count: int) -> list[list[int]]:
    """For each row of a boolean matrix, the column numbers that are true, in order."""
    row, col = np.nonzero(mask)
    bounds = np.searchsorted(row, np.arange(count + 1))
    cols = col.tolist()
    return [cols[bounds[k] : bounds[k + 1]] for k in range(count)]


def day_frames(log: DayLog) -> list[Frame]:
    """Every frame of the day, one per whole minute from opening to after the last citizen left."""
    return list(FrameMaker(log))
