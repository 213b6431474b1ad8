"""Campaign arithmetic checked by hand; the Erlang C quick check equals simkit.sim.analytic."""

from __future__ import annotations

import pytest

from simkit.formats import number
from simkit.plan.campaign import CampaignModel, CampaignPlan, CampaignRun, Month, check_campaign, trajectory
from simkit.plan.inputs import KeyNumbers, PlanInputError
from simkit.plan.quick_check import QuickCheckModel, counter_load
from simkit.plan.strings import PlanStrings
from simkit.sim import analytic

from .conftest import small

PLAN = CampaignPlan(
    workshops=4,
    attendees=25,
    converted=0.4,
    months=2,
    adults=1000,
    baseline=0.4,
    ceiling=0.95,
    working_days=22,
)


def test_trajectory_by_hand() -> None:
    # 2 workshops a month × 25 attendees × 40% = 20 new online people a month; 20 / 1000 adults = +2 points.
    assert trajectory(PLAN) == [
        Month(0, 0, 0.0, 0.0, 0.40, False),
        Month(1, 2, 20.0, 20.0, pytest.approx(0.42), False),
        Month(2, 2, 20.0, 40.0, pytest.approx(0.44), False),
    ]


def test_uneven_workshops_go_to_the_first_months_and_adoption_stops_at_the_ceiling() -> None:
    plan = CampaignPlan(5, 100, 0.5, 3, 1000, 0.4, 0.45, 22)
    months = trajectory(plan)
    assert [m.workshops for m in months] == [0, 2, 2, 1]
    assert [m.cumulative for m in months] == [0, 100, 200, 250]
    assert [round(m.adoption, 6) for m in months] == [0.4, 0.45, 0.45, 0.45]
    assert [m.capped for m in months] == [False, True, True, True]


def test_campaign_inputs_are_checked(strings: PlanStrings) -> None:
    good = PLAN.as_dict()
    assert check_campaign(good) == PLAN
    with pytest.raises(PlanInputError) as info:
        check_campaign({**good, "months": 0})
    months = strings.get("campaign.months.label", "en")
    expected = strings.get("problem.count_range", "en", label=months, low=1, high=24, value=0)
    assert info.value.message(strings, "en") == expected
    with pytest.raises(PlanInputError) as info:
        check_campaign({**good, "ceiling": 30})
    assert info.value.problems[0].key == "problem.ceiling_below"


@pytest.fixture(scope="module")
def campaign_run(strings: PlanStrings) -> CampaignRun:
    model = CampaignModel("commune_pasc", replications=3, strings=strings)
    plan = {
        **model.choose("commune_pasc").as_dict(),
        "workshops": 6,
        "attendees": 50,
        "converted": 60,
        "months": 3,
        "adults": 2000,
    }
    return model.evaluate(plan)


def test_campaign_queue_effect_and_hours_saved(campaign_run: CampaignRun) -> None:
    months = campaign_run.months
    assert [round(m.adoption, 6) for m in months] == [0.4, 0.43, 0.46, 0.49]
    saved = [campaign_run.kpi(m.adoption, "citizen_hours_saved_per_day")[0] for m in months]
    hours = campaign_run.hours_saved()
    assert hours[0] == (0.0, 0.0)
    running = 0.0
    for month, (extra, total) in zip(range(1, 4), hours[1:], strict=True):
        assert extra == pytest.approx((saved[month] - saved[0]) * 22)
        running += extra
        assert total == pytest.approx(running)
    rows = campaign_run.rows("vi")
    before = campaign_run.strings.get("campaign.before", "vi")
    assert [r[0] for r in rows] == [before, "1", "2", "3"] and rows[3][4] == "49,0%"
    caption = campaign_run.caption("en")
    assert caption.startswith("After 3 months and 6 workshops, about 180 people newly submit online")
    assert (
        "from 40.0% to 49.0%" in caption and f"about {number(hours[-1][1], 'en', 0)} extra hours" in caption
    )
    assert campaign_run.figure_png("en").startswith(b"\x89PNG")


def test_counter_load_by_hand() -> None:
    load = counter_load(small())
    # 48 citizens, all at the counter, over 240 open minutes: 0.2 a minute; 10 minutes each; 3 counters.
    assert load.visits_per_day == pytest.approx(48) and load.open_minutes == 240
    assert load.daily_rate == pytest.approx(0.2) and load.service_mean == pytest.approx(10)
    # Weights 2, 1, 1, 0 for 8, 9, 10, 11 h: the 8 o'clock hour gets half the day, 24 citizens in 60 minutes.
    assert load.hourly_rate == pytest.approx({8: 0.4, 9: 0.2, 10: 0.2})
    assert load.peak_hour == 8 and load.counters == 3


def test_counter_load_follows_the_channels() -> None:
    scenario = small(
        {
            "procedures.copies.online": "partial",
            "procedures.copies.collect_service": {"dist": "fixed", "value": 4},
            "channel": {"adoption": 0.5, "online_failure_rate": 0.2, "failed_to_assisted_share": 0.5},
            "staffing.backoffice": 1,
            "staffing.assisted_desk.staff": 1,
        }
    )
    load = counter_load(scenario)
    # In person 0.5 + failed and not helped 0.5×0.2×0.5 = 0.05 (10 min); collections of every dossier
    # submitted, online 0.5×0.8 = 0.4 or at the assisted desk 0.5×0.2×0.5 = 0.05: 0.45 (4 min).
    assert load.visits_per_day == pytest.approx(48 * 1.0)
    assert load.service_mean == pytest.approx((0.55 * 10 + 0.45 * 4) / 1.0)


def test_erlang_panels_equal_simkit_analytic(strings: PlanStrings) -> None:
    model = QuickCheckModel("commune_pasc", replications=3, strings=strings)
    # 5 counters: at the preset's 3 the 07:30 peak is overloaded (ρ > 1) and has no Erlang C answer.
    run = model.evaluate({**model.choose("commune_pasc").as_dict(), "counters": 5})
    load = run.load
    daily = analytic.summary(load.counters, load.daily_rate, load.service_mean, 15.0)
    peak = analytic.summary(
        load.hourly_counters[load.peak_hour], load.hourly_rate[load.peak_hour], load.service_mean, 15.0
    )
    assert run.daily.result == daily and run.peak.result == peak
    rows = {row[0]: row for row in run.rows("en")}
    assert rows["Mean wait (minutes)"][1] == number(daily.mean_wait, "en")
    assert (
        rows["Share waiting no longer than 15 minutes"][2]
        == f"{number(peak.prob_within_target * 100, 'en')}%"
    )
    note = run.note("en")
    assert "at 7–8 am" in note and f"about {number(load.hourly_rate[7] * 60, 'en')} people an hour" in note


def test_an_overloaded_peak_is_said_in_words(strings: PlanStrings) -> None:
    model = QuickCheckModel("commune_pasc", replications=2, strings=strings)
    numbers = {**KeyNumbers.of(model.base).as_dict(), "counters": 1, "adoption": 0}
    run = model.evaluate(numbers)
    assert run.peak.result is None and run.peak.utilisation > 1
    assert strings.get("quick.overloaded", "vi") in [cell for row in run.rows("vi") for cell in row]
