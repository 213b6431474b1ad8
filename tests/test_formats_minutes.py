"""``whole_minutes``: durations rounded as people read them (issue 19's class results)."""

from __future__ import annotations

import math

import pytest

from simkit.formats import whole_minutes


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (0.0, (0, 0)),
        (0.49, (0, 0)),
        (0.5, (0, 1)),
        (2.5, (0, 3)),
        (59.5, (1, 0)),
        (143.4, (2, 23)),
        (-3, (0, 0)),
    ],
)
def test_rounds_to_the_nearest_minute_halves_up(minutes: float, expected: tuple[int, int]) -> None:
    assert whole_minutes(minutes) == expected


def test_no_data_stays_no_data() -> None:
    assert whole_minutes(None) is None and whole_minutes(math.nan) is None
