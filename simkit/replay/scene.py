"""Where everything of a frame is drawn: the floor plan of the centre and each citizen's spot on it.

The plan, top to bottom: the numbered counters (and the assisted-digital desk to their right) with the
citizens being served in front of them; the line, in true queue order, folded into rows from the front;
the entrance on the left, where a citizen appears in the minute they arrive; the way out on the right,
one column per way of leaving (served, gave up, turned away, sent home at closing); below, the back
office: online dossiers arrive from the left, wait in the inbox, are opened at a back-office desk (or
at a counter when the back office is shared) and go to the "done" tray.

Past the display limit a line is not drawn further: the last spot shows a count ("+12 more"), and when
the line moves up the next person appears in the freed spot — nobody flies in from a corner.

Why runs (first frame, length, spot, state) per citizen instead of every frame's full list: a citizen
stays put for minutes at a time, so a day of frames shrinks about twentyfold and a 300-citizen day fits
a small file; the page expands the runs back into frames before playing (``player.js``), and
``expand_tracks`` here does the same for tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from simkit.replay.daylog import ASSISTED_DESK, COUNTER_DESK, COUNTER_FOR_DOSSIER
from simkit.replay.frames import BAULKED, RENEGED, SENT_HOME, SERVED, Frame

ARRIVING, WAITING, AT_DESK, LEFT_SERVED, LEFT_GAVE_UP, LEFT_TURNED_AWAY, LEFT_SENT_HOME = range(7)
DOSSIER_WAITING, DOSSIER_WORKED, DOSSIER_DONE = 7, 8, 9
LEAVING_STATE = {
    SERVED: LEFT_SERVED,
    RENEGED: LEFT_GAVE_UP,
    BAULKED: LEFT_TURNED_AWAY,
    SENT_HOME: LEFT_SENT_HOME,
}
QUEUE_ROWS = 4
"""Rows of the drawn line at the counters; with at least 10 per row, 40 or more people are drawn."""
DOOR_SPOTS = 6
EXIT_SPOTS = 8
INBOX_ROWS = 2


@dataclass
class Layout:
    """Spots (x, y) on the floor plan of one centre, by kind, and where the fixed labels go."""

    counters: int
    assisted: int
    backoffice: int

    def __post_init__(self) -> None:
        self.columns = max(10, self.counters)
        self.assisted_columns = max(2, self.assisted) if self.assisted else 0
        self.spots: list[tuple[float, float]] = []
        q = self.columns
        self.door = self._add([(-2.2 + 0.7 * (i % 2), 5.5 - 0.8 * (i // 2)) for i in range(DOOR_SPOTS)])
        self.queue = self._add([self._snake(r, q) for r in range(q * QUEUE_ROWS)])
        self.counter_x = [(k + 0.5) * q / self.counters - 0.5 for k in range(self.counters)]
        self.counter_seat = self._add([(x, 8.2) for x in self.counter_x])
        self.counter_dossier = self._add([(x, 8.2) for x in self.counter_x])  # a clerk on back-office work
        a0 = q + 1.0
        self.assisted_x = [
            a0 + k * self.assisted_columns / max(self.assisted, 1) for k in range(self.assisted)
        ]
        self.assisted_seat = self._add([(x, 8.2) for x in self.assisted_x])
        ac = max(self.assisted_columns, 1)
        self.assisted_queue = self._add(
            [(a0 + i % ac, 7.0 - i // ac) for i in range(ac * QUEUE_ROWS)] if self.assisted else []
        )
        self.exit_x0 = a0 + self.assisted_columns + (1.0 if self.assisted else 0.0)
        self.exit = {
            state: self._add(
                [(self.exit_x0 + j + 0.35 * (i % 2), 7.0 - 0.6 * (i // 2)) for i in range(EXIT_SPOTS)]
            )
            for j, state in enumerate((LEFT_SERVED, LEFT_GAVE_UP, LEFT_TURNED_AWAY, LEFT_SENT_HOME))
        }
        self.right = self.exit_x0 + 3.6
        self.online = self._add([(-2.2 + 0.7 * (i % 2), 1.6 - 0.7 * (i // 2)) for i in range(DOOR_SPOTS)])
        self.inbox = self._add([(i % q, 1.5 - 0.8 * (i // q)) for i in range(q * INBOX_ROWS)])
        room = self.right - 1.0 - a0
        step = min(1.0, room / max(self.backoffice, 1))
        self.office_x = [a0 + k * step for k in range(self.backoffice)]
        self.office_seat = self._add([(x, 1.1) for x in self.office_x])
        self.done = self._add(
            [(self.right - 0.35 * (i % 2), 1.5 - 0.5 * (i // 2)) for i in range(DOOR_SPOTS)]
        )

    def _add(self, points: list[tuple[float, float]]) -> list[int]:
        first = len(self.spots)
        self.spots.extend((round(x, 2), round(y, 2)) for x, y in points)
        return list(range(first, len(self.spots)))

    @staticmethod
    def _snake(rank: int, columns: int) -> tuple[float, float]:
        """Queue place ``rank`` (0 = next called): rows fold back and forth, the front row by the desks."""
        row, col = divmod(rank, columns)
        x = col if row % 2 == 0 else columns - 1 - col
        return float(x), 7.0 - row

    @property
    def queue_limit(self) -> int:
        return len(self.queue)

    @property
    def assisted_limit(self) -> int:
        return len(self.assisted_queue)

    @property
    def inbox_limit(self) -> int:
        return len(self.inbox)

    def to_json(self) -> dict:
        """What the page needs to draw the fixed parts: spots, desk positions and label anchors."""
        return {
            "spots": self.spots,
            "counter_x": self.counter_x,
            "assisted_x": self.assisted_x,
            "office_x": self.office_x,
            "columns": self.columns,
            "exit_x0": self.exit_x0,
            "right": self.right,
            "queue_limit": self.queue_limit,
            "assisted_limit": self.assisted_limit,
            "inbox_limit": self.inbox_limit,
        }


def placements(frame: Frame, layout: Layout) -> dict[str, tuple[int, int]]:
    """Every drawn thing of ``frame``: key (``c12`` for visit 12, ``d3`` for dossier 3) → (spot, state)."""
    return place(frame, layout)[0]


def hidden_counts(frame: Frame, layout: Layout) -> tuple[int, int, int]:
    """How many waiting citizens (counters, assisted desk) and dossiers are past the display limit."""
    return place(frame, layout)[1]


def place(frame: Frame, layout: Layout) -> tuple[dict[str, tuple[int, int]], tuple[int, int, int]]:
    """(placements, hidden counts) of ``frame``: someone in line is drawn at the door in the minute they
    arrive, else at their place in line if it is within the display limit, else counted as hidden."""
    out: dict[str, tuple[int, int]] = {}
    hidden = [0, 0, 0]
    door = 0
    for n, (station, spots) in enumerate(
        ((COUNTER_DESK, layout.queue), (ASSISTED_DESK, layout.assisted_queue))
    ):
        for rank, visit in enumerate(frame.queue[station]):
            if visit in frame.just_arrived and door < DOOR_SPOTS:
                out[f"c{visit}"] = (layout.door[door], ARRIVING)
                door += 1
            elif rank < len(spots):
                out[f"c{visit}"] = (spots[rank], WAITING)
            else:
                hidden[n] += 1
    for desk, visit in frame.at_desk[COUNTER_DESK].items():
        out[f"c{visit}"] = (layout.counter_seat[desk], AT_DESK)
    for desk, visit in frame.at_desk[ASSISTED_DESK].items():
        out[f"c{visit}"] = (layout.assisted_seat[desk], AT_DESK)
    taken = {state: 0 for state in layout.exit}
    for visit, outcome in sorted(frame.leaving.items()):
        state = LEAVING_STATE[outcome]
        if taken[state] < EXIT_SPOTS:
            out[f"c{visit}"] = (layout.exit[state][taken[state]], state)
            taken[state] += 1
    online = 0
    for rank, dossier in enumerate(frame.inbox):
        if dossier in frame.just_submitted and online < DOOR_SPOTS:
            out[f"d{dossier}"] = (layout.online[online], DOSSIER_WAITING)
            online += 1
        elif rank < layout.inbox_limit:
            out[f"d{dossier}"] = (layout.inbox[rank], DOSSIER_WAITING)
        else:
            hidden[2] += 1
    for dossier, (place_, desk) in frame.processing.items():
        spot = layout.counter_dossier[desk] if place_ == COUNTER_FOR_DOSSIER else layout.office_seat[desk]
        out[f"d{dossier}"] = (spot, DOSSIER_WORKED)
    for i, dossier in enumerate(frame.finished[:DOOR_SPOTS]):
        out[f"d{dossier}"] = (layout.done[i], DOSSIER_DONE)
    return out, (hidden[0], hidden[1], hidden[2])


def encode_tracks(
    frames: list[Frame], layout: Layout
) -> tuple[list[str], list[int], list[tuple[int, int, int]]]:
    """(keys, runs, hidden): each key's runs flattened as ``[key index, first frame, frames, spot, state, …]``
    and each frame's hidden counts (see ``place``)."""
    keys: dict[str, int] = {}
    runs: list[list[int]] = []
    hidden: list[tuple[int, int, int]] = []
    open_run: dict[str, list[int]] = {}
    for index, frame in enumerate(frames):
        now, counts = place(frame, layout)
        hidden.append(counts)
        for key, run in list(open_run.items()):
            if now.get(key) != (run[3], run[4]):
                del open_run[key]
        for key, (spot, state) in now.items():
            current = open_run.get(key)
            if current is not None and current[1] + current[2] == index:
                current[2] += 1
                continue
            number = keys.setdefault(key, len(keys))
            run = [number, index, 1, spot, state]
            runs.append(run)
            open_run[key] = run
    return list(keys), [value for run in runs for value in run], hidden


def expand_tracks(keys: list[str], runs: list[int], frames: int) -> list[dict[str, tuple[int, int]]]:
    """The inverse of ``encode_tracks``: each frame's placements (what ``player.js`` rebuilds)."""
    out: list[dict[str, tuple[int, int]]] = [{} for _ in range(frames)]
    for i in range(0, len(runs), 5):
        key, first, length, spot, state = runs[i : i + 5]
        for f in range(first, first + length):
            out[f][keys[key]] = (spot, state)
    return out
