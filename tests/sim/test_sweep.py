"""Sweeps: grids, range parsing, common random numbers across grid points, and errors before any run."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from simkit.errors import ConfigError
from simkit.sim.experiment import RunSettings, confidence_interval
from simkit.sim.keys import SHARE_KEYS, SUMMARY_KEYS
from simkit.sim.sweep import SweepResult, grid, parse_range, sweep
from tests.sim.conftest import build

BUSY = {
    "demand.citizens": 110,
    "staffing.counters": 2,
    "channel.adoption": 0.3,
    "channel.online_failure_rate": 0.2,
}
ADOPTION = [0.0, 0.25, 0.5, 0.75, 1.0]
COUNTERS = [2, 3]
REPS = 8


def settings(scenario, seed: int = 5, replications: int = REPS) -> RunSettings:
    return RunSettings.of(scenario, days=2, warmup_days=0, replications=replications, seed=seed)


@pytest.fixture(scope="module")
def busy_sweep() -> SweepResult:
    """Adoption × counters on a busy small centre, 8 replications per point (shared by several tests)."""
    base = build(BUSY)
    vary = {"channel.adoption": ADOPTION, "staffing.counters": COUNTERS}
    return sweep(base, vary, settings(base), progress=False)


# --- common random numbers: the curve moves only because the field moved ---------------------------------


def test_mean_walkin_wait_does_not_rise_with_adoption_or_counters(busy_sweep: SweepResult) -> None:
    waits = busy_sweep.kpi("walkin_wait_mean").reshape(len(ADOPTION), len(COUNTERS))
    assert np.isfinite(waits).all()
    # non-increasing down each adoption column and along each counters row
    assert (np.diff(waits, axis=0) <= 1e-12).all(), waits
    assert (np.diff(waits, axis=1) <= 1e-12).all(), waits
    # and the effects are real, not flat lines
    assert waits[0, 0] > 3 * waits[-1, 0]
    assert waits[0, 0] > 3 * waits[0, 1]


def test_share_within_target_does_not_fall_with_adoption(busy_sweep: SweepResult) -> None:
    shares = busy_sweep.kpi("walkin_share_within_target").reshape(len(ADOPTION), len(COUNTERS))
    assert (np.diff(shares, axis=0) >= -1e-12).all(), shares
    assert ((shares >= 0) & (shares <= 1)).all()


def test_every_grid_point_meets_the_same_citizens(busy_sweep: SweepResult) -> None:
    """CRN: replication r draws the same population at every point, so the demand KPI is identical."""
    per_rep = busy_sweep.per_replication()
    arrivals = per_rep.pivot_table(
        index="replication", columns=["channel.adoption", "staffing.counters"], values="arrivals_per_day"
    )
    assert arrivals.shape == (REPS, len(ADOPTION) * len(COUNTERS))
    for column in arrivals.columns:
        assert (arrivals[column] == arrivals.iloc[:, 0]).all()
    # …while the replications themselves differ (otherwise the CIs would be meaningless)
    assert arrivals.iloc[:, 0].nunique() > 1


def test_points_are_in_grid_order_with_replications_zero_to_n(busy_sweep: SweepResult) -> None:
    assert busy_sweep.points == grid({"channel.adoption": ADOPTION, "staffing.counters": COUNTERS})
    assert busy_sweep.fields == ["channel.adoption", "staffing.counters"]
    for outcomes in busy_sweep.outcomes:
        assert [o.replication for o in outcomes] == list(range(REPS))


def test_table_is_tidy_with_ordered_cis(busy_sweep: SweepResult) -> None:
    table = busy_sweep.table()
    fields = ["channel.adoption", "staffing.counters"]
    assert list(table.columns) == [*fields, "key", "mean", "ci_low", "ci_high", "n"]
    assert len(table) == len(ADOPTION) * len(COUNTERS) * len(SUMMARY_KEYS)
    assert list(table["key"][: len(SUMMARY_KEYS)]) == list(SUMMARY_KEYS)
    defined = table[table["n"] >= 2]
    assert len(defined) > 0
    assert (defined["ci_low"] <= defined["mean"] + 1e-12).all()
    assert (defined["mean"] <= defined["ci_high"] + 1e-12).all()
    shares = defined[defined["key"].isin(SHARE_KEYS)]
    assert shares["ci_low"].between(0, 1).all() and shares["ci_high"].between(0, 1).all()
    assert (table["n"] <= REPS).all()
    wait = table[table["key"] == "walkin_wait_mean"]["mean"].to_numpy()
    np.testing.assert_array_equal(wait, busy_sweep.kpi("walkin_wait_mean"))


def test_same_seed_gives_an_identical_table_and_another_seed_does_not() -> None:
    base = build(BUSY)
    vary = {"channel.adoption": [0.0, 0.6]}
    first = sweep(base, vary, settings(base, seed=9, replications=3), progress=False).table()
    again = sweep(base, vary, settings(base, seed=9, replications=3), progress=False).table()
    pd.testing.assert_frame_equal(first, again, check_exact=True)
    other = sweep(base, vary, settings(base, seed=10, replications=3), progress=False).table()
    assert not first.equals(other)


# --- parse_range ---------------------------------------------------------------------------------------


def test_parse_range_is_inclusive_with_clean_values() -> None:
    values = parse_range("0:1:0.1")
    assert len(values) == 11
    assert values[0] == 0.0 and values[-1] == 1.0
    assert values == [round(i / 10, 10) for i in range(11)]
    assert values[3] == 0.3  # no 0.30000000000000004


def test_parse_range_lists_and_single_points() -> None:
    assert parse_range("0.2,0.5") == [0.2, 0.5]
    assert parse_range("0.7") == [0.7]
    assert parse_range("0.3:0.3:0.1") == [0.3]
    assert parse_range("0:1:0.3") == [0.0, 0.3, 0.6, 0.9]  # STOP is not overshot


@pytest.mark.parametrize(
    "text", ["a:b:c", "0:1", "0:1:0.1:5", "0:1:0", "0:1:-0.1", "1:0:0.1", "", ",", " , ", "0.2,x", "0.2;0.5"]
)
def test_parse_range_rejects_bad_strings_naming_the_field(text: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_range(text, "--my-grid")
    assert info.value.field == "--my-grid"
    assert str(info.value).startswith("--my-grid: ")
    assert "\n" not in str(info.value)


def test_parse_range_default_field_is_adoption() -> None:
    with pytest.raises(ConfigError) as info:
        parse_range("1:0:0.1")
    assert info.value.field == "--adoption"


def test_parse_range_rejects_an_infinite_stop() -> None:
    with pytest.raises(ConfigError) as info:
        parse_range("0:inf:0.1", "--adoption")
    assert info.value.field == "--adoption"


# --- grid -------------------------------------------------------------------------------------------------


def test_grid_first_field_slowest() -> None:
    assert grid({"a": [1, 2], "b": ["x", "y", "z"]}) == [
        {"a": 1, "b": "x"},
        {"a": 1, "b": "y"},
        {"a": 1, "b": "z"},
        {"a": 2, "b": "x"},
        {"a": 2, "b": "y"},
        {"a": 2, "b": "z"},
    ]
    assert grid({"only": [0.5]}) == [{"only": 0.5}]


def test_empty_grid_is_an_error() -> None:
    with pytest.raises(ConfigError) as info:
        grid({})
    assert info.value.field == "vary"
    with pytest.raises(ConfigError) as info:
        grid({"channel.adoption": [0.1], "staffing.counters": []})
    assert info.value.field == "staffing.counters"


# --- bad grid values fail before any replication runs --------------------------------------------------


@pytest.fixture
def nothing_may_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args, **kwargs):
        pytest.fail("a replication ran before the grid was validated")

    monkeypatch.setattr("simkit.sim.sweep.run_tasks", fail)


@pytest.mark.parametrize(
    ("vary", "field"),
    [
        ({"channel.adoption": [0.5, 1.2]}, "channel.adoption"),
        ({"channel.adoption": [-0.1]}, "channel.adoption"),
        ({"channel.adoption": [math.nan]}, "channel.adoption"),
        ({"staffing.nonsense": [1, 2]}, "staffing.nonsense"),
        ({"channel.adoption": [0.0, 0.5], "staffing.counters": [2, 0]}, "staffing.counters"),
        ({"channel.adoption": []}, "channel.adoption"),
        ({}, "vary"),
    ],
)
def test_bad_grid_fails_naming_the_field_before_anything_runs(nothing_may_run, vary, field) -> None:
    base = build(BUSY)
    with pytest.raises(ConfigError) as info:
        sweep(base, vary, settings(base), progress=False)
    assert info.value.field == field
    assert field in str(info.value)
    assert "\n" not in str(info.value)


# --- precision at every grid point (issue 10, observation 2) ---------------------------------------------


def test_points_short_of_the_precision_get_more_replications_until_it_holds() -> None:
    from simkit.sim.precision import Precision

    base = build(BUSY)
    target = Precision("walkin_wait_mean", relative=0.1, absolute=0.5, max_replications=40)
    vary = {"channel.adoption": [0.0, 0.5, 1.0]}
    plain = sweep(base, vary, settings(base, replications=4), progress=False)
    result = sweep(base, vary, settings(base, replications=4), progress=False, precision=target)
    table = result.precision_table()
    assert list(table.columns) == [
        "channel.adoption",
        "replications",
        "key",
        "mean",
        "half_width",
        "precision_met",
    ]
    assert table["replications"].max() > 4  # a point that 4 replications left imprecise got more
    for row, outcomes, first in zip(table.itertuples(), result.outcomes, plain.outcomes, strict=True):
        assert [o.kpis for o in outcomes[:4]] == [o.kpis for o in first]  # the first 4 stay paired
        assert [o.replication for o in outcomes] == list(range(len(outcomes)))
        half = (
            confidence_interval([o.kpis["walkin_wait_mean"] for o in outcomes])[2]
            - confidence_interval([o.kpis["walkin_wait_mean"] for o in outcomes])[1]
        ) / 2
        assert row.half_width == pytest.approx(half)
        if row.precision_met is not True:
            assert row.replications == 40  # only the maximum stops short, and the table says so
    assert [p for p in result.shortfalls()] == [
        {
            "channel.adoption": r.channel_adoption,
            "replications": r.replications,
            "mean": r.mean,
            "half_width": r.half_width,
        }
        for r in table.rename(columns={"channel.adoption": "channel_adoption"}).itertuples()
        if r.precision_met is False
    ]


def test_without_more_replications_the_precision_is_only_reported() -> None:
    from simkit.sim.precision import Precision

    base = build(BUSY)
    result = sweep(
        base,
        {"channel.adoption": [0.0, 0.5]},
        settings(base, replications=3),
        progress=False,
        precision=Precision(),
        more_replications=False,
    )
    table = result.precision_table()
    assert (table["replications"] == 3).all()
    assert (table["precision_met"] == False).any()  # noqa: E712 - 3 busy days are not precise
    assert len(result.shortfalls()) == int((table["precision_met"] == False).sum())  # noqa: E712
