"""Comparing two plans under common random numbers: zero for identical plans, paired CIs, clear changes."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from simkit.sim.compare import Comparison, compare
from simkit.sim.experiment import RunSettings
from simkit.sim.keys import SUMMARY_KEYS
from tests.sim.conftest import build

BUSY = {
    "demand.citizens": 110,
    "staffing.counters": 2,
    "channel.adoption": 0.0,
    "channel.online_failure_rate": 0.2,
}
REPS = 10


def settings(scenario, replications: int = REPS) -> RunSettings:
    return RunSettings.of(scenario, days=2, warmup_days=0, replications=replications, seed=3)


def values(comparison: Comparison, key: str) -> tuple[np.ndarray, np.ndarray]:
    a = np.array([k[key] for k in comparison.kpis_a])
    b = np.array([k[key] for k in comparison.kpis_b])
    return a, b


def test_identical_plans_differ_by_exactly_zero_and_nothing_is_clear() -> None:
    # Two separately built (equal, not identical) scenarios, with online, assisted and back-office work
    # so that almost every KPI is defined.
    overrides = {**BUSY, "channel.adoption": 0.4, "staffing.assisted_desk.staff": 1}
    a, b = build(overrides), build(overrides)
    assert a is not b
    result = compare(a, b, settings(a), progress=False)
    table = result.table()
    assert list(table["key"]) == list(SUMMARY_KEYS)
    defined = table[table["n"] > 0]
    assert len(defined) >= len(SUMMARY_KEYS) - 2
    assert (defined["n"] == REPS).all()
    assert (defined["difference"] == 0.0).all()
    assert (defined["ci_low"] == 0.0).all()
    assert (defined["ci_high"] == 0.0).all()
    assert (defined["mean_a"] == defined["mean_b"]).all()
    undefined = table[table["n"] == 0]
    assert undefined["mean_a"].isna().all() and undefined["mean_b"].isna().all()
    assert not table["clear"].any()


def test_a_plan_compared_with_itself_is_zero_too() -> None:
    a = build(BUSY)
    table = compare(a, a, settings(a, replications=4), progress=False).table()
    defined = table[table["n"] > 0]
    assert (defined["difference"] == 0.0).all()
    assert not table["clear"].any()


@pytest.fixture(scope="module")
def adoption_change() -> Comparison:
    """Busy centre, adoption 0 → 0.8: a large, real change."""
    a = build(BUSY)
    b = build({**BUSY, "channel.adoption": 0.8})
    return compare(a, b, settings(a), progress=False)


def test_a_real_change_lowers_the_wait_clearly(adoption_change: Comparison) -> None:
    table = adoption_change.table().set_index("key")
    wait = table.loc["walkin_wait_mean"]
    assert wait["difference"] < 0
    assert wait["ci_high"] < 0
    assert wait["clear"]
    assert wait["mean_b"] < wait["mean_a"]
    assert wait["difference"] == pytest.approx(wait["mean_b"] - wait["mean_a"])
    walkins = table.loc["walkin_visits_per_day"]
    assert walkins["difference"] < 0 and walkins["clear"]
    online = table.loc["online_dossiers_per_day"]
    assert online["difference"] > 0 and online["clear"]
    # the same citizens come in both plans: demand differs by exactly nothing
    demand = table.loc["arrivals_per_day"]
    assert demand["difference"] == 0.0 and not demand["clear"]


def test_clear_means_the_ci_excludes_zero(adoption_change: Comparison) -> None:
    table = adoption_change.table()
    defined = table[table["n"] >= 2]
    assert table["clear"].any() and not table["clear"].all()
    expected = (defined["ci_low"] > 0) | (defined["ci_high"] < 0)
    assert (defined["clear"] == expected).all()
    assert not table[table["n"] < 2]["clear"].any()


def test_the_ci_is_the_paired_t_interval_of_the_differences(adoption_change: Comparison) -> None:
    table = adoption_change.table().set_index("key")
    for key in ("walkin_wait_mean", "queue_length_mean", "online_dossiers_per_day"):
        a, b = values(adoption_change, key)
        diff = b - a
        half = stats.t.ppf(0.975, len(diff) - 1) * diff.std(ddof=1) / math.sqrt(len(diff))
        assert table.loc[key, "difference"] == pytest.approx(diff.mean())
        assert table.loc[key, "ci_low"] == pytest.approx(diff.mean() - half)
        assert table.loc[key, "ci_high"] == pytest.approx(diff.mean() + half)


def unpaired_half_width(a: np.ndarray, b: np.ndarray) -> float:
    """Two independent samples: t with 2n − 2 degrees of freedom (the most generous choice)."""
    n_a, n_b = len(a), len(b)
    return float(stats.t.ppf(0.975, n_a + n_b - 2) * math.sqrt(a.var(ddof=1) / n_a + b.var(ddof=1) / n_b))


def test_pairing_narrows_the_ci_for_a_modest_change() -> None:
    """With common random numbers both plans see the same busy and quiet days, so the paired CI is
    narrower than the CI two independent samples would give (here adoption 0 → 0.2)."""
    a = build(BUSY)
    b = build({**BUSY, "channel.adoption": 0.2})
    result = compare(a, b, settings(a), progress=False)
    table = result.table().set_index("key")
    for key in ("walkin_wait_mean", "walkin_share_within_target", "queue_length_mean"):
        xa, xb = values(result, key)
        paired = (table.loc[key, "ci_high"] - table.loc[key, "ci_low"]) / 2
        unpaired = unpaired_half_width(xa, xb)
        assert paired > 0
        assert paired < unpaired, (key, paired, unpaired)


def _synthetic(key: str, a: list[float], b: list[float]) -> Comparison:
    """A comparison whose KPI ``key`` takes the given per-replication values (every other KPI: 1.0)."""
    scenario = build()
    kpis = {k: 1.0 for k in SUMMARY_KEYS}
    return Comparison(
        a=scenario,
        b=scenario,
        settings=settings(scenario, len(a)),
        kpis_a=[{**kpis, key: v} for v in a],
        kpis_b=[{**kpis, key: v} for v in b],
    )


def _line(comparison: Comparison, key: str, lang: str = "en") -> str:
    from simkit.sim.experiment_report import comparison_table
    from simkit.sim.labels import load_labels

    labels = load_labels(lang)
    return next(
        line
        for line in comparison_table(comparison, labels).splitlines()
        if line.startswith(labels.kpi(key) + " ")
    )


def test_no_difference_at_all_is_not_marked_clear() -> None:
    """Issue 13: "0.0 [0.0 – 0.0] ✔ clear" is a contradiction on screen."""
    from simkit.sim.labels import load_labels

    mark = load_labels("en").figure("clear_mark")
    same = _synthetic("overtime_staff_minutes_per_day", [0.0] * 5, [0.0] * 5)
    assert mark not in _line(same, "overtime_staff_minutes_per_day")
    assert not same.table().set_index("key").loc["overtime_staff_minutes_per_day", "clear"]


def test_a_small_clear_difference_is_shown_with_the_decimals_that_make_it_visible() -> None:
    from simkit.sim.labels import load_labels

    mark = load_labels("en").figure("clear_mark")
    small = _synthetic("queue_length_mean", [1.0] * 5, [1.003, 1.004, 1.005, 1.004, 1.003])
    row = small.table().set_index("key").loc["queue_length_mean"]
    assert row["clear"] and row["ci_low"] > 0
    line = _line(small, "queue_length_mean")
    assert line.endswith(mark)
    interval = line[line.index("[") + 1 : line.index("]")]
    low, high = (float(v) for v in interval.split(" – "))
    assert low > 0 and high > 0  # the ends as shown exclude zero, as the mark says
    tiny = _synthetic("queue_length_mean", [1.0] * 5, [1.00001, 1.00002, 1.00001, 1.00002, 1.00001])
    assert tiny.table().set_index("key").loc["queue_length_mean", "clear"]  # statistically clear…
    assert mark not in _line(tiny, "queue_length_mean")  # …but too small to show: no mark on "0.00"


def test_share_differences_are_in_percentage_points() -> None:
    from simkit.sim.labels import load_labels

    labels = load_labels("vi")
    change = _synthetic("counter_utilisation", [0.50, 0.52, 0.51, 0.49, 0.50], [0.60, 0.61, 0.62, 0.60, 0.59])
    line = _line(change, "counter_utilisation", "vi")
    assert line.split("]")[1].split()[0:2] == labels.figure("points_unit").split()
