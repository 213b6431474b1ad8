"""The back-test must notice a wrong model; its table and figure speak the planner's language."""

from __future__ import annotations

import dataclasses

import pytest

from simkit.calibrate import backtest, backtest_figure, backtest_table, calibrate, sample_path, verdict
from simkit.sim.loading import scenario_with


@pytest.fixture(scope="module")
def sample():
    return calibrate(sample_path())


@pytest.fixture(scope="module")
def good(sample):
    return backtest(sample, replications=10, seed=3)


def test_a_model_with_a_counter_too_few_is_called_out(sample, strings) -> None:
    wrong = scenario_with(sample.scenario, {"calendar.sessions.0.counters": 2})
    result = backtest(dataclasses.replace(sample, scenario=wrong), replications=10, seed=3)
    morning = result.hours[result.hours["hour"].isin([8, 9])]
    assert not morning["mean_within"].any() and (morning["mean_gap"] > 5).all()
    text = verdict(result, "en")
    within = int(result.hours["mean_within"].sum())
    assert text.startswith(
        strings.get(
            "backtest.summary_mixed",
            "en",
            within=within,
            hours=9,
            within_p90=int(result.hours["p90_within"].sum()),
            worst="X",
        ).split("Largest gap")[0]
    )
    assert "Largest gap: 08h: model" in text or "Largest gap: 09h: model" in text


def test_the_right_model_gets_the_good_verdict_in_both_languages(good, strings) -> None:
    for lang in ("vi", "en"):
        assert verdict(good, lang).startswith(
            strings.get("backtest.summary_good", lang, within=9, hours=9, within_p90=9).split(":")[0]
        )


def test_table_columns_and_rows_in_the_chosen_language(good, strings) -> None:
    for lang in ("vi", "en"):
        table = backtest_table(good, lang)
        keys = ("hour", "tickets", "data_mean", "model_mean", "data_p90", "model_p90", "verdict")
        assert list(table.columns) == [strings.get(f"backtest.{k}", lang) for k in keys]
        hours = table[strings.get("backtest.hour", lang)].tolist()
        assert (
            hours[0] == "07h–08h" and hours[-1] == strings.get("backtest.all_day", lang) and len(hours) == 10
        )
    served = int(good.table.iloc[-1]["tickets_data"])
    assert served == good.data.waits.size and served > 2000
    vi = backtest_table(good, "vi")
    assert "," in vi.iloc[0][strings.get("backtest.data_mean", "vi")]  # decimal comma in Vietnamese


def test_intervals_respect_bounds_and_contain_their_values(good) -> None:
    t = good.table
    for side in ("data", "model"):
        for key in ("mean", "p90"):
            assert (t[f"{key}_low_{side}"] >= 0).all()
            assert (t[f"{key}_low_{side}"] <= t[f"{key}_{side}"] + 1e-9).all()
            assert (t[f"{key}_{side}"] <= t[f"{key}_high_{side}"] + 1e-9).all()


def test_figure_has_three_labelled_panels(good, strings) -> None:
    for lang in ("vi", "en"):
        figure = backtest_figure(good, lang)
        titles = [a.get_title() for a in figure.axes]
        assert titles == [
            strings.get(f"backtest.figure_{k}", lang) for k in ("by_hour", "distribution", "daily")
        ]
        assert figure.axes[0].get_xlabel() == strings.get("backtest.axis_hour", lang)
        assert figure._repr_png_()[:4] == b"\x89PNG"
