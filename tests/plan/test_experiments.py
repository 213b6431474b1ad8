"""Adoption sweep, staffing table and the comparison of two plans, as the planner screens use them."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from simkit.formats import number, percent
from simkit.plan.compare import COMPARE_KEYS, CompareModel, CompareRun
from simkit.plan.experiments import SweepModel, SweepRun, read_levels, read_service_level
from simkit.plan.inputs import PlanInputError
from simkit.plan.strings import PlanStrings
from simkit.sim.compare import compare
from simkit.sim.experiment import RunSettings
from simkit.sim.staffing import staffing_precision, staffing_table
from simkit.sim.sweep import sweep


def test_adoption_levels_are_typed_in_percent() -> None:
    assert read_levels("0:100:25") == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert read_levels("60, 20; 40") == [0.2, 0.4, 0.6]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "problem.levels_format"),
        ("abc", "problem.levels_format"),
        ("0:200:50", "problem.levels_range"),
        ("0:100:1", "problem.levels_count"),
    ],
)
def test_bad_levels_are_friendly(text: str, key: str, strings: PlanStrings) -> None:
    with pytest.raises(PlanInputError) as info:
        read_levels(text)
    assert info.value.problems[0].key == key and info.value.message(strings, "vi")


def test_service_level_is_typed_in_percent() -> None:
    assert read_service_level(90) == pytest.approx(0.9)
    for bad in (100, 20, "x"):
        with pytest.raises(PlanInputError):
            read_service_level(bad)


@pytest.fixture(scope="module")
def sweep_run(strings: PlanStrings) -> SweepRun:
    model = SweepModel("commune_pasc", replications=3, strings=strings)
    numbers = {**model.choose("commune_pasc").as_dict(), "counters": 2}
    calls: list[tuple[int, int]] = []
    run = model.evaluate(numbers, "20, 80", 90, lambda done, total: calls.append((done, total)))
    run.calls = calls
    return run


def test_sweep_reports_every_replication_of_sweep_and_staffing_search(sweep_run: SweepRun) -> None:
    calls = sweep_run.calls
    assert calls[:6] == [(done, 12) for done in range(1, 7)]  # 2 levels × 3 replications, then as many more
    assert [done for done, _ in calls] == list(range(1, len(calls) + 1))
    assert all(total >= done for done, total in calls) and calls[-1][0] == calls[-1][1]
    assert [total for _, total in calls] == sorted(total for _, total in calls)
    assert [p["channel.adoption"] for p in sweep_run.result.points] == [0.2, 0.8]
    assert [len(o) for o in sweep_run.result.outcomes] == [3, 3]


def test_sweep_screen_gives_what_the_model_gives_level_by_level(sweep_run: SweepRun) -> None:
    """One sweep and one staffing search over both levels: identical to running each level on its own."""
    base, settings = sweep_run.result.base, sweep_run.result.settings
    for index, adoption in enumerate((0.2, 0.8)):
        alone = sweep(base, {"channel.adoption": [adoption]}, settings, progress=False)
        assert [o.kpis for o in alone.outcomes[0]] == [o.kpis for o in sweep_run.result.outcomes[index]]
        # the screen widens the advice's check to at most four times its replications (the CLI to 100)
        check = replace(staffing_precision("counters"), max_replications=4 * settings.replications)
        table = staffing_table(base, [adoption], settings, service_level=0.9, progress=False, precision=check)
        assert table.iloc[0].equals(sweep_run.staffing.iloc[index])


def test_sweep_caption_matches_the_curve(sweep_run: SweepRun) -> None:
    waits = sweep_run.curve("walkin_wait_mean")["mean"]
    shares = sweep_run.curve("walkin_share_within_target")["mean"]
    text = sweep_run.caption("en")
    assert text.startswith("As online adoption rises from 20% to 80%")
    assert f"from {number(waits[0], 'en')} to {number(waits[1], 'en')} minutes" in text
    assert f"from {percent(shares[0], 'en')} to {percent(shares[1], 'en')}" in text
    assert sweep_run.figure_png("vi").startswith(b"\x89PNG")


def test_staffing_rows_read_the_table(sweep_run: SweepRun) -> None:
    table = sweep_run.staffing
    rows = sweep_run.staffing_rows("vi")
    assert [r[0] for r in rows] == ["20%", "80%"]
    for row, (_, line) in zip(rows, table.iterrows(), strict=True):
        assert row[1] == str(int(line["staff_needed"])) and row[2] == "2"
        assert row[3] == f"{int(line['current_staff'] - line['staff_needed']):+d}"
    last = table.iloc[-1]
    caption = sweep_run.staffing_caption("en")
    assert f"{int(last['staff_needed'])} counters are needed" in caption and "reaches 90%" in caption


def test_sweep_refuses_online_levels_without_back_office(strings: PlanStrings) -> None:
    model = SweepModel("commune_pasc", replications=2, strings=strings)
    numbers = {**model.choose("commune_pasc").as_dict(), "adoption": 0, "backoffice": 0}
    with pytest.raises(PlanInputError) as info:
        model.evaluate(numbers, "0, 50", 90)
    assert info.value.problems[0].key == "problem.backoffice_needed"


@pytest.fixture(scope="module")
def comparison(strings: PlanStrings) -> CompareRun:
    model = CompareModel("commune_pasc", replications=5, strings=strings)
    a = {**model.choose("a", "commune_pasc").as_dict(), "counters": 2}
    b = {**model.choose("b", "commune_pasc").as_dict(), "counters": 2, "adoption": 70}
    return model.evaluate(a, b)


def test_comparison_is_paired_with_the_same_seeds(comparison: CompareRun) -> None:
    own = comparison.comparison
    again = compare(own.a, own.b, RunSettings.of(own.a, replications=5), progress=False)
    assert own.table().equals(again.table())
    assert own.b.channel.adoption == pytest.approx(0.7) and own.a.staffing.counters == 2


def test_comparison_rows_and_caption_match_the_table(comparison: CompareRun) -> None:
    table = comparison.table()
    rows = comparison.rows("en")
    assert len(rows) == len(COMPARE_KEYS)
    wait = rows[COMPARE_KEYS.index("walkin_wait_mean")]
    line = table.loc["walkin_wait_mean"]
    assert wait[1] == number(line["mean_a"], "en") and wait[2] == number(line["mean_b"], "en")
    assert wait[5] == ("clear" if line["clear"] else "not clear")
    share = rows[COMPARE_KEYS.index("walkin_share_within_target")]
    assert share[0].endswith("(percentage points)") and share[1].endswith("%")
    caption = comparison.caption("en")
    assert caption.startswith("Plan B cuts" if line["difference"] < 0 else "Plan B raises")
    assert f"by {number(abs(line['difference']), 'en')} minutes" in caption


def test_a_problem_in_plan_b_says_which_plan(strings: PlanStrings) -> None:
    model = CompareModel(strings=strings)
    a = model.choose("a", "commune_pasc").as_dict()
    with pytest.raises(PlanInputError) as info:
        model.evaluate(a, {**a, "counters": 0})
    counters = strings.get("problem.counters_range", "vi", high=60, value=0)
    assert info.value.message(strings, "vi") == strings.get(
        "compare.side_problem", "vi", side="B", problem=counters
    )
    with pytest.raises(PlanInputError) as info:
        model.evaluate(a, {**a, "target_wait": 30})
    assert "A: 15.0" in info.value.message(strings, "en") or "A: 15" in info.value.message(strings, "en")


def test_suggested_plan_b_adds_thirty_points_of_adoption(strings: PlanStrings) -> None:
    model = CompareModel("hoa_binh_city", strings=strings)
    assert model.suggested_b().adoption == 1.0
    assert not math.isnan(CompareModel(strings=strings).suggested_b().adoption)
