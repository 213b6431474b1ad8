"""Two plans side by side meet the same citizens (common random numbers), and the replay shows the very
records a plain run makes — no second model."""

from __future__ import annotations

import numpy as np
import pytest

from simkit.errors import ConfigError
from simkit.replay import replay_adoptions, replay_records
from simkit.replay.build import adoption_label
from simkit.sim.experiment import RunSettings, single_run
from simkit.sim.loading import load_scenario, scenario_with
from simkit.sim.population import ONLINE_FULL, ONLINE_PARTIAL
from simkit.sim.timetable import build_timetable


@pytest.fixture(scope="module")
def pair():
    return replay_adoptions("commune_pasc", [0.4, 0.7], seed=5)


def test_both_plans_meet_identical_citizens(pair) -> None:
    a, b = (plan.records.population for plan in pair.plans)
    for field in ("arrival", "procedure", "counter_service", "patience", "travel"):
        assert np.array_equal(getattr(a, field), getattr(b, field)), field
    online = (ONLINE_FULL, ONLINE_PARTIAL)
    went_online_a = np.isin(a.channel, online)
    went_online_b = np.isin(b.channel, online)
    assert went_online_b.sum() > went_online_a.sum()
    assert not (went_online_a & ~went_online_b).any(), "raising adoption converts the same citizens"


def test_both_plans_play_on_one_clock(pair) -> None:
    frames = [len(plan.frames) for plan in pair.plans]
    assert frames[0] == frames[1] == len(pair.minutes)
    assert (
        [f.minute for f in pair.plans[0].frames]
        == [f.minute for f in pair.plans[1].frames]
        == list(pair.minutes)
    )
    assert pair.first_minute == min(p.log.window_start for p in pair.plans)


def test_the_replay_shows_the_records_of_a_plain_run(pair) -> None:
    scenario = scenario_with(load_scenario("commune_pasc"), {"channel.adoption": 0.7})
    settings = RunSettings.of(scenario, replications=1, seed=5, warmup_days=0)
    plain = single_run(scenario, settings, 0).records
    shown = pair.plans[1].records
    for field in ("visit_arrival", "visit_start", "visit_end", "visit_outcome", "dossier_done"):
        assert np.array_equal(getattr(plain, field), getattr(shown, field), equal_nan=True), field
    again = replay_records([(adoption_label(0.7), scenario, plain)], build_timetable(scenario, 1), seed=5)
    assert [f.state_counts() for f in again.plans[0].frames[::37]] == [
        f.state_counts() for f in pair.plans[1].frames[::37]
    ]


def test_plan_captions_in_both_languages() -> None:
    label = adoption_label(0.4)
    assert "40%" in label.vi and "40%" in label.en
    assert "12,5%" in adoption_label(0.125).vi and "12.5%" in adoption_label(0.125).en


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"adoptions": [1.5]}, "adoption"),
        ({"adoptions": [0.4, float("nan")]}, "compare_adoption"),
        ({"adoptions": []}, "adoption"),
        ({"adoptions": [0.1, 0.2, 0.3]}, "adoption"),
        ({"adoptions": [0.4], "day": 3}, "day"),
        ({"adoptions": [0.4], "replication": -1}, "replication"),
    ],
)
def test_bad_requests_are_one_line_errors_naming_the_field(kwargs, field) -> None:
    with pytest.raises(ConfigError) as caught:
        replay_adoptions("commune_pasc", **kwargs)
    assert caught.value.field == field and "\n" not in str(caught.value)
