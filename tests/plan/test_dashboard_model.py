"""The dashboard's view model: one validated run with progress, and captions that say what the numbers say."""

from __future__ import annotations

import math

import numpy as np
import pytest

from simkit.formats import number, percent
from simkit.plan import captions
from simkit.plan.captions import Digest, hour_range, minutes_up
from simkit.plan.dashboard import (
    FIGURES,
    TABLE_KEYS,
    DashboardModel,
    PlanRun,
    error_message,
)
from simkit.plan.inputs import PlanInputError
from simkit.plan.strings import PlanStrings
from simkit.sim.experiment import RunSettings, multiple_replications
from simkit.sim.labels import load_labels

from .conftest import small


@pytest.fixture(scope="module")
def busy_run(strings: PlanStrings) -> PlanRun:
    """The commune centre with 2 counters: waits long enough for every caption to have something to say."""
    model = DashboardModel("commune_pasc", strings=strings)
    return model.evaluate({**model.defaults().as_dict(), "counters": 2})


def test_a_run_is_one_day_of_ten_replications_with_progress(strings: PlanStrings) -> None:
    model = DashboardModel("commune_pasc", strings=strings)
    calls: list[tuple[int, int]] = []
    run = model.evaluate(model.defaults().as_dict(), lambda done, total: calls.append((done, total)))
    assert calls == [(i, 10) for i in range(1, 11)]
    settings = run.results.settings
    run_defaults = model.base.run  # the preset's own days: a warm-up day, then the reported Monday
    assert (settings.days, settings.warmup_days, settings.replications) == (
        run_defaults.days,
        run_defaults.warmup_days,
        10,
    )
    assert model.last is run and run.seconds > 0


def test_a_progress_callback_changes_no_result() -> None:
    scenario = small()
    settings = RunSettings.of(scenario, replications=3)
    calls: list[tuple[int, int]] = []
    ours = multiple_replications(scenario, settings, progress=lambda done, total: calls.append((done, total)))
    theirs = multiple_replications(scenario, settings)
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert ours.per_replication().equals(theirs.per_replication())


def test_bad_input_raises_before_anything_runs(strings: PlanStrings) -> None:
    model = DashboardModel("commune_pasc", strings=strings)
    calls = []
    with pytest.raises(PlanInputError):
        model.evaluate({**model.defaults().as_dict(), "counters": 0}, lambda *a: calls.append(a))
    assert calls == [] and model.last is None


def test_unknown_preset_and_unexpected_errors_are_sentences(strings: PlanStrings) -> None:
    model = DashboardModel(strings=strings)
    with pytest.raises(PlanInputError) as info:
        model.choose("mmc_validation")
    assert "mmc_validation" in model.message(info.value) and "commune_pasc" in model.message(info.value)
    text = error_message(RuntimeError("disk on fire"), strings, "en")
    assert text.startswith("Something unexpected went wrong (RuntimeError: disk on fire)")


def test_wait_by_hour_caption_matches_the_hourly_numbers(busy_run: PlanRun, strings: PlanStrings) -> None:
    hourly = busy_run.results.hourly()
    p90 = hourly[hourly["key"] == "walkin_wait_p90"].set_index("hour")["mean"]
    mean = hourly[hourly["key"] == "walkin_wait_mean"].set_index("hour")["mean"]
    worst = int(p90.idxmax())
    for lang in ("vi", "en"):
        first = strings.get(
            "caption.wait_by_hour",
            lang,
            hours=hour_range(worst, strings, lang),
            p90=strings.get("time.minutes", lang, count=math.ceil(p90[worst])),
            mean=number(mean[worst], lang),
            target=15,
        )
        caption = busy_run.caption("wait_by_hour", lang)
        assert caption.startswith(first)
        verdict = "caption.wait_by_hour_ok" if p90[worst] <= 15 else "caption.wait_by_hour_over"
        assert strings.get(verdict, lang, target=15) in caption


def test_distribution_caption_matches_the_summary(busy_run: PlanRun, strings: PlanStrings) -> None:
    summary = busy_run.results.summary().set_index("key")["mean"]
    en = busy_run.caption("wait_distribution", "en")
    assert en.startswith(f"{percent(summary['walkin_share_within_target'], 'en')} of walk-ins are called")
    assert f"Half wait no longer than {number(summary['walkin_wait_median'], 'en')} minutes" in en
    assert f"1 in 10 wait {math.ceil(summary['walkin_wait_p90'])} minutes or more" in en


def test_utilisation_online_and_hours_captions_match(busy_run: PlanRun) -> None:
    s = busy_run.results.summary().set_index("key")["mean"]
    util = busy_run.caption("utilisation", "vi")
    strings = busy_run.strings
    assert util.startswith(
        strings.get("caption.utilisation", "vi", counters=percent(s["counter_utilisation"], "vi"))
    )
    office = strings.get(
        "caption.utilisation_backoffice", "vi", value=percent(s["backoffice_utilisation"], "vi")
    )
    assert office in util
    online = busy_run.caption("online", "en")
    assert f"about {number(s['online_dossiers_per_day'], 'en')} online dossiers" in online
    assert f"took {number(s['online_lead_time_mean_hours'], 'en')} hours on average" in online
    hours = busy_run.caption("citizen_hours", "en")
    spent, saved = s["citizen_hours_spent_per_day"], s["citizen_hours_saved_per_day"]
    assert (
        f"about {number(spent, 'en')} hours a day" in hours and f"about {number(saved, 'en')} hours" in hours
    )
    assert percent(saved / (spent + saved), "en") in hours


def test_captions_without_walk_ins_or_online_say_so(strings: PlanStrings) -> None:
    closed_counter = small(
        {"procedures.copies.online": "full", "channel.adoption": 1.0, "staffing.backoffice": 2}
    )
    settings = RunSettings.of(closed_counter, replications=2)
    digest = Digest.of(multiple_replications(closed_counter, settings))
    no_walkins = strings.get("caption.no_walkins", "en")
    assert captions.wait_by_hour(digest, strings, "en") == no_walkins
    assert captions.wait_distribution(digest, strings, "en") == no_walkins
    offline = Digest.of(multiple_replications(small(), RunSettings.of(small(), replications=2)))
    assert captions.online(offline, strings, "vi") == strings.get("caption.online_none", "vi")


def test_hour_ranges_and_rounding(strings: PlanStrings) -> None:
    def said(key: str, lang: str, start: int, end: int) -> str:
        return strings.get(key, lang, start=start, end=end, start24=start, end24=end)

    assert hour_range(9, strings, "en") == said("time.hours_am", "en", 9, 10)
    assert hour_range(9, strings, "vi") == said("time.hours_am", "vi", 9, 10)
    assert hour_range(11, strings, "en") == said("time.hours_noon", "en", 11, 12)  # 11 am–12 pm
    assert hour_range(12, strings, "en") == said("time.hours_pm", "en", 12, 1)  # 12–1 pm
    assert hour_range(13, strings, "en") == said("time.hours_pm", "en", 1, 2)  # the 12-hour clock in English
    assert hour_range(13, strings, "vi") == said(
        "time.hours_pm", "vi", 13, 14
    )  # the 24-hour clock in Vietnamese
    assert [minutes_up(v) for v in (0.2, 11.2, 12.0, 12.0000000001)] == [1, 12, 12, 12]


def test_table_and_figures(busy_run: PlanRun) -> None:
    rows = busy_run.table("en")
    assert len(rows) == len(TABLE_KEYS)
    summary = busy_run.results.summary().set_index("key")
    label, mean, interval = rows[TABLE_KEYS.index("walkin_wait_mean")]
    assert (
        label == "Mean wait of walk-in citizens (min)"
        and mean == f"{summary.loc['walkin_wait_mean', 'mean']:.1f}"
    )
    assert rows[TABLE_KEYS.index("counter_utilisation")][1].endswith("%")
    for name in FIGURES:
        png = busy_run.figure_png(name, "vi")
        assert png.startswith(b"\x89PNG") and busy_run.figure_png(name, "vi") is png
    assert busy_run.figure_png("online", "en") != busy_run.figure_png("online", "vi")


def test_same_numbers_same_results(strings: PlanStrings) -> None:
    model = DashboardModel("commune_pasc", strings=strings)
    first = model.evaluate(model.defaults().as_dict()).results.per_replication()
    again = model.evaluate(model.defaults().as_dict()).results.per_replication()
    assert np.array_equal(first.to_numpy(), again.to_numpy(), equal_nan=True)


def test_presets_are_named_in_the_chosen_language(strings: PlanStrings) -> None:
    model = DashboardModel(lang="en", strings=strings)
    names = {name: label for label, name in model.presets()}
    assert list(names) == ["commune_pasc", "hoa_binh_city", "provincial_pasc"]
    assert names["commune_pasc"].startswith("Commune Public Administration Service Centre")


# --- what the dashboard must never hide (issue 10, observation 7) ----------------------------------------


@pytest.fixture(scope="module")
def crowded_run(strings: PlanStrings) -> PlanRun:
    """Ten times the commune's demand: ~390 walk-ins a day turn away or give up, the back office drowns."""
    model = DashboardModel("commune_pasc", strings=strings)
    return model.evaluate({**model.defaults().as_dict(), "citizens_per_day": 700})


def test_lost_walk_ins_and_the_back_office_backlog_come_first(crowded_run: PlanRun, strings) -> None:
    s = crowded_run.results.summary().set_index("key")["mean"]
    assert s["walkin_baulked_per_day"] + s["walkin_reneged_per_day"] > 300
    for lang in ("vi", "en"):
        lost, backlog = crowded_run.alerts(lang)
        total = s["walkin_baulked_per_day"] + s["walkin_reneged_per_day"] + s["walkin_not_served_per_day"]
        assert lost == strings.get(
            "alert.lost",
            lang,
            total=number(total, lang),
            baulked=number(s["walkin_baulked_per_day"], lang),
            reneged=number(s["walkin_reneged_per_day"], lang),
            sent_home=number(s["walkin_not_served_per_day"], lang),
        )
        assert backlog == strings.get(
            "alert.backlog",
            lang,
            received=number(s["online_dossiers_per_day"], lang),
            completed=number(s["online_completed_per_day"], lang),
            pending=number(s["online_backlog_end"], lang),
            busy=percent(s["backoffice_utilisation"], lang),
        )
    shown = [row[0] for row in crowded_run.table("en")]
    labels = load_labels("en")
    for key in ("walkin_baulked_per_day", "walkin_reneged_per_day", "walkin_not_served_per_day"):
        assert any(name.startswith(labels.kpi(key)) for name in shown), key


def test_no_slack_is_claimed_while_the_back_office_drowns(strings: PlanStrings) -> None:
    model = DashboardModel("commune_pasc", strings=strings)
    numbers = {**model.defaults().as_dict(), "adoption": 90, "counters": 6}
    run = model.evaluate(numbers)
    s = run.results.summary().set_index("key")["mean"]
    assert s["counter_utilisation"] < captions.HIGH_UTILISATION  # a quiet hall
    assert s["online_completed_per_day"] < 0.9 * s["online_dossiers_per_day"]  # a drowning back office
    for lang in ("vi", "en"):
        text = run.caption("utilisation", lang)
        assert strings.get("caption.utilisation_ok", lang, limit=percent(0.85, lang)) not in text
        assert (
            strings.get(
                "caption.utilisation_backoffice_behind", lang, pending="", completed="", received=""
            ).split("{")[0][:20]
            in text
        )
        assert run.alerts(lang)  # and the warning is above the table


def test_the_worst_hour_caption_names_the_lunch_carry_over(crowded_run: PlanRun, strings) -> None:
    worst, cause, other = crowded_run.digest.worst
    assert worst == 11 and cause.cause == "closed" and other is not None
    for lang in ("vi", "en"):
        text = crowded_run.caption("wait_by_hour", lang)
        said = strings.get(
            "caption.cause_closed",
            lang,
            share=percent(cause.closed_share, lang),
            other=hour_range(other, strings, lang),
        )
        assert text.endswith(said)
        target = number(15, lang, 0)
        assert (
            strings.get("caption.wait_by_hour_over", lang, target=target) not in text
        )  # not "add a counter"


def test_a_weekday_can_be_chosen_including_the_provincial_saturday(strings: PlanStrings) -> None:
    model = DashboardModel("provincial_pasc", strings=strings)
    days = [key for _, key in model.weekdays()]
    assert days == ["mon", "tue", "wed", "thu", "fri", "sat"]
    assert dict(model.weekdays())[strings.get("weekday.sat", "vi")] == "sat"
    raw = model.defaults().as_dict()
    saturday = model.evaluate(raw, weekday="sat")
    assert saturday.scenario.calendar.start_weekday == "sat"
    hours = set(saturday.results.hourly()["hour"])
    assert max(hours) == 11  # Saturday closes at 11:30
    monday = model.evaluate(raw, weekday="mon")
    assert max(set(monday.results.hourly()["hour"])) == 16
    with pytest.raises(PlanInputError):
        model.evaluate(raw, weekday="sun")
