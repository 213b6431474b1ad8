"""The floor plan: people drawn in their true place in line, a count past the display limit, nobody flying
in from a corner, one person per spot, and runs that expand back into exactly the frames."""

from __future__ import annotations

import pytest

from simkit.replay.scene import (
    ARRIVING,
    AT_DESK,
    WAITING,
    Layout,
    encode_tracks,
    expand_tracks,
    place,
)
from tests.replay.conftest import BUSY, Day, run_day


@pytest.fixture(scope="module")
def long_line() -> Day:
    """Forty citizens an hour at one counter and nobody leaving the line: more than the plan can draw."""
    return run_day(
        {**BUSY, "demand.citizens": 160, "impatience.baulk_queue_length": None, "impatience.patience": None}
    )


def layout_of(day: Day) -> Layout:
    return Layout(day.log.counters, day.log.assisted_desks, day.log.backoffice_desks)


def test_people_in_line_stand_in_their_true_place_and_past_the_limit_are_counted(long_line: Day) -> None:
    layout = layout_of(long_line)
    longest = max(long_line.frames, key=lambda f: f.queue_length)
    assert longest.queue_length > layout.queue_limit + 5, "the test needs a line longer than the plan"
    drawn, hidden = place(longest, layout)
    for rank, visit in enumerate(longest.queue[0]):
        spot = drawn.get(f"c{visit}")
        if visit in longest.just_arrived:
            assert spot is not None and spot[1] == ARRIVING
        elif rank < layout.queue_limit:
            assert spot == (layout.queue[rank], WAITING), f"place {rank} in line"
        else:
            assert spot is None
    in_line = sum(1 for spot, state in drawn.values() if state in (WAITING, ARRIVING))
    assert in_line + hidden[0] + hidden[1] == longest.queue_length + len(longest.queue[1])
    assert hidden[0] == longest.queue_length - layout.queue_limit - sum(
        1 for v in longest.queue[0][layout.queue_limit :] if v in longest.just_arrived
    )


def test_nobody_flies_in_from_a_corner(long_line: Day, busy_day: Day) -> None:
    """Someone newly drawn either just arrived (at the door or straight to a free desk), just submitted a
    dossier, just left (turned away at the door), or was hidden past the display limit a minute before and
    now takes the freed last visible place."""
    for day in (long_line, busy_day):
        layout = layout_of(day)
        previous = place(day.frames[0], layout)[0]
        last_places = set(layout.queue[-layout.columns :]) | set(layout.assisted_queue[-2:])
        for before, frame in zip(day.frames, day.frames[1:], strict=False):
            now = place(frame, layout)[0]
            for key, (spot, state) in now.items():
                if key in previous:
                    continue
                index = int(key[1:])
                if key[0] == "d":  # submitted this minute, or waited past the inbox's limit a minute before
                    submitted = day.log.dossier_submitted[index]
                    assert frame.minute - 1 < submitted <= frame.minute or index in before.inbox, key
                    continue
                arrived = day.log.visit_arrival[index]
                if frame.minute - 1 < arrived <= frame.minute:
                    continue  # came in this minute: at the door, at a desk, or turned away at the door
                was_hidden = index in before.queue[0] or index in before.queue[1]
                assert was_hidden and state in (WAITING, AT_DESK), (frame.minute, key, state)
                assert state == AT_DESK or spot in last_places or spot in layout.queue, (frame.minute, key)
            previous = now


def test_one_person_per_spot_in_every_frame(busy_day: Day) -> None:
    layout = layout_of(busy_day)
    for frame in busy_day.frames:
        spots = [spot for spot, _ in place(frame, layout)[0].values()]
        assert len(spots) == len(set(spots)), frame.minute


def test_runs_expand_back_into_exactly_the_frames(busy_day: Day, shared_day: Day) -> None:
    for day in (busy_day, shared_day):
        layout = layout_of(day)
        keys, runs, hidden = encode_tracks(day.frames, layout)
        assert len(runs) % 5 == 0 and len(hidden) == len(day.frames)
        assert expand_tracks(keys, runs, len(day.frames)) == [place(f, layout)[0] for f in day.frames]
        assert len(runs) // 5 < sum(len(place(f, layout)[0]) for f in day.frames) / 5, "runs are compact"


def test_every_spot_is_on_the_plan() -> None:
    for counters, assisted, office in ((1, 0, 0), (4, 1, 1), (14, 2, 6), (30, 3, 12)):
        layout = Layout(counters, assisted, office)
        xs = [x for x, _ in layout.spots]
        ys = [y for _, y in layout.spots]
        assert min(xs) >= -3.4 and max(xs) <= layout.right + 0.6 and min(ys) >= -0.6 and max(ys) <= 10.5
        # a counter's clerk serves a citizen or opens a dossier, both in the same seat; all else is apart
        seats = set(layout.counter_dossier)
        apart = [spot for i, spot in enumerate(layout.spots) if i not in seats]
        assert len(set(apart)) == len(apart), "no two spots in the same place"
        assert [layout.spots[i] for i in layout.counter_dossier] == [
            layout.spots[i] for i in layout.counter_seat
        ]
        assert layout.queue_limit >= 40
