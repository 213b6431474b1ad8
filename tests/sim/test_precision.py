"""How many replications: the sequential helper reaches the half-width it promises, with its look-ahead."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pandas as pd
import pytest

from simkit.errors import ConfigError
from simkit.sim.experiment import RunSettings, confidence_interval, multiple_replications
from simkit.sim.precision import ReplicationAdvice, replications_needed
from tests.sim.conftest import build

SCENARIO = build()  # 70 citizens a day, 3 counters: short waits, so an absolute target matters too


def settings(seed: int = 4) -> RunSettings:
    return RunSettings.of(SCENARIO, days=1, warmup_days=0, replications=1, seed=seed)


def half_width_of(key: str, replications: int) -> tuple[float, float]:
    """(mean, half-width) of ``key`` over replications 0…n−1, recomputed from scratch."""
    results = multiple_replications(SCENARIO, replace(settings(), replications=replications))
    mean, low, high, n = confidence_interval(r.kpis[key] for r in results.replications)
    assert n >= 2
    return mean, (high - low) / 2


def history_by_n(advice: ReplicationAdvice) -> dict[int, bool]:
    return {int(r.replications): bool(r.precise) for r in advice.history.itertuples()}


CASES = [
    pytest.param({"key": "walkin_wait_mean", "relative": 0.1, "absolute": 0.5}, id="wait-default"),
    pytest.param(
        {"key": "walkin_share_within_target", "relative": 0.05, "absolute": None}, id="share-relative"
    ),
]


@pytest.mark.parametrize("request_", CASES)
def test_the_answer_reaches_the_requested_half_width(request_) -> None:
    advice = replications_needed(SCENARIO, settings(), progress=False, **request_)
    assert advice.reached
    assert advice.key == request_["key"]
    n = advice.replications
    assert 5 <= n < 100
    mean, half = half_width_of(request_["key"], n)
    relative, absolute = request_["relative"], request_["absolute"]
    assert half <= relative * abs(mean) or (absolute is not None and half <= absolute), (n, mean, half)
    # the history reports exactly that precision at n (replications 0…n−1 of the same seed)
    row = advice.history.set_index("replications").loc[n]
    assert row["mean"] == pytest.approx(mean, rel=1e-12)
    assert row["half_width"] == pytest.approx(half, rel=1e-12)


@pytest.mark.parametrize("look_ahead", [0, 3, 5])
def test_look_ahead_is_respected_and_the_answer_is_the_first_stable_count(look_ahead: int) -> None:
    advice = replications_needed(SCENARIO, settings(), look_ahead=look_ahead, progress=False)
    assert advice.reached
    n = advice.replications
    precise = history_by_n(advice)
    assert all(precise[m] for m in range(n, n + look_ahead + 1))  # precise at n … n + look_ahead
    for earlier in range(5, n):  # and no smaller count (from min_replications on) was stable
        assert not all(precise.get(m, False) for m in range(earlier, earlier + look_ahead + 1))


def test_a_longer_look_ahead_never_asks_for_fewer_replications() -> None:
    answers = [
        replications_needed(SCENARIO, settings(), look_ahead=k, progress=False).replications
        for k in (0, 3, 8)
    ]
    assert answers == sorted(answers)


def test_history_is_a_table_from_two_replications_on() -> None:
    advice = replications_needed(SCENARIO, settings(), progress=False)
    history = advice.history
    assert isinstance(history, pd.DataFrame)
    assert list(history.columns) == ["replications", "mean", "half_width", "precise"]
    assert list(history["replications"]) == list(range(2, len(history) + 2))
    assert history["replications"].max() >= advice.replications + 5


def test_not_reached_when_the_maximum_is_too_small_for_a_tight_target() -> None:
    advice = replications_needed(
        SCENARIO, settings(), relative=0.01, absolute=None, max_replications=12, progress=False
    )
    assert not advice.reached
    assert advice.replications == 12
    assert advice.history["replications"].max() == 12
    assert not advice.history["precise"].all()
    mean, half = half_width_of("walkin_wait_mean", 12)
    assert half > 0.01 * abs(mean)


def test_an_executor_gives_the_same_answer_as_serial() -> None:
    serial = replications_needed(SCENARIO, settings(), progress=False)
    with ThreadPoolExecutor(max_workers=2) as pool:
        batched = replications_needed(SCENARIO, settings(), executor=pool, workers=2, progress=False)
    assert (batched.replications, batched.reached) == (serial.replications, serial.reached)
    common = min(len(serial.history), len(batched.history))
    pd.testing.assert_frame_equal(
        serial.history.iloc[:common], batched.history.iloc[:common], check_exact=True
    )


# --- bad arguments ------------------------------------------------------------------------------------------


@pytest.fixture
def nothing_may_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args, **kwargs):
        pytest.fail("a replication ran before the arguments were checked")

    monkeypatch.setattr("simkit.sim.precision.run_tasks", fail)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"key": "no_such_kpi"}, "key"),
        ({"relative": 0}, "relative"),
        ({"relative": 1}, "relative"),
        ({"relative": -0.1}, "relative"),
        ({"relative": math.nan}, "relative"),
        ({"absolute": 0}, "absolute"),
        ({"absolute": -1.0}, "absolute"),
        ({"min_replications": 1}, "min_replications"),
        ({"min_replications": 10, "max_replications": 5}, "min_replications"),
    ],
)
def test_bad_arguments_fail_naming_the_field(nothing_may_run, kwargs, field) -> None:
    with pytest.raises(ConfigError) as info:
        replications_needed(SCENARIO, settings(), progress=False, **kwargs)
    assert info.value.field == field
    assert "\n" not in str(info.value)


def test_a_negative_look_ahead_is_rejected() -> None:
    with pytest.raises(ConfigError) as info:
        replications_needed(
            SCENARIO,
            settings(),
            relative=0.01,
            absolute=None,
            look_ahead=-1,
            max_replications=10,
            progress=False,
        )
    assert info.value.field == "look_ahead"
