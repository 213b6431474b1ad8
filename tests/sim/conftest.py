"""Small scenario builders for the model tests: a base dict plus dotted overrides, validated."""

from __future__ import annotations

from typing import Any

import pytest

from simkit.sim.experiment import RunSettings, multiple_replications, single_run
from simkit.sim.loading import apply_overrides, validate_scenario
from simkit.sim.scenario import Scenario

BASE: dict[str, Any] = {
    "id": "test_centre",
    "name": {"vi": "Trung tâm thử nghiệm", "en": "Test centre"},
    "description": {"vi": "Dùng cho kiểm thử", "en": "Used by tests"},
    "demand": {"citizens": 70},
    "procedures": {
        "residence": {
            "name": {"vi": "Đăng ký cư trú", "en": "Residence registration"},
            "share": 0.6,
            "service": {"dist": "lognormal", "mean": 12, "sd": 6},
            "online": "full",
        },
        "copies": {
            "name": {"vi": "Chứng thực bản sao", "en": "Certified copies"},
            "share": 0.4,
            "service": {"dist": "triangular", "min": 3, "mode": 5, "max": 12},
            "online": "in_person",
        },
    },
    "staffing": {"counters": 3, "backoffice": 1},
    "travel": {"one_way": {"dist": "fixed", "value": 20}},
}


def build(overrides: dict[str, Any] | None = None, base: dict[str, Any] | None = None) -> Scenario:
    return validate_scenario(apply_overrides(base or BASE, overrides or {}))


def run_one(scenario: Scenario, replication: int = 0, **settings: Any):
    return single_run(scenario, RunSettings.of(scenario, replications=1, **settings), replication)


def run_many(scenario: Scenario, **settings: Any):
    return multiple_replications(scenario, RunSettings.of(scenario, **settings))


@pytest.fixture
def base_scenario() -> Scenario:
    return build()
