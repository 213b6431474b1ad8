"""Shared helpers for the planner tests: the shipped strings, small scenarios, and key numbers as typed."""

from __future__ import annotations

from typing import Any

import pytest

from simkit.plan.inputs import KeyNumbers, preset
from simkit.plan.strings import PlanStrings, load_plan_strings
from simkit.sim.loading import apply_overrides, validate_scenario
from simkit.sim.scenario import Scenario

SMALL: dict[str, Any] = {
    "id": "small_centre",
    "name": {"vi": "Trung tâm nhỏ để kiểm thử", "en": "Small test centre"},
    "description": {"vi": "Dùng cho kiểm thử", "en": "Used by tests"},
    "calendar": {"sessions": [{"start": "08:00", "end": "12:00"}], "start_weekday": "tue"},
    "demand": {"citizens": 48, "arrival_profile": {8: 2, 9: 1, 10: 1, 11: 0}},
    "procedures": {
        "copies": {
            "name": {"vi": "Chứng thực bản sao", "en": "Certified copies"},
            "share": 1.0,
            "service": {"dist": "fixed", "value": 10},
            "online": "in_person",
        }
    },
    "staffing": {"counters": 3},
    "travel": {"one_way": {"dist": "fixed", "value": 20}},
}
"""One in-person procedure of exactly 10 minutes, 48 citizens in a 4-hour morning: hand-checkable."""


def small(overrides: dict[str, Any] | None = None) -> Scenario:
    return validate_scenario(apply_overrides(SMALL, overrides or {}))


@pytest.fixture(scope="session")
def strings() -> PlanStrings:
    return load_plan_strings()


@pytest.fixture
def commune_numbers() -> dict[str, Any]:
    """The commune preset's key numbers as a form would hold them."""
    return KeyNumbers.of(preset("commune_pasc")).as_dict()
