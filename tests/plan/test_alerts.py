"""Every planner screen says when citizens are lost or the back office falls behind (issue 10, obs. 7).

A table of waits counts only the citizens who were served; each screen puts these sentences beside it.
"""

from __future__ import annotations

import pytest

from simkit.formats import percent
from simkit.plan.alerts import alerts, alerts_at
from simkit.plan.campaign import CampaignModel
from simkit.plan.compare import COMPARE_KEYS, CompareModel
from simkit.plan.experiments import SweepModel
from simkit.plan.quick_check import QuickCheckModel
from simkit.plan.strings import PlanStrings
from simkit.sim.loading import scenario_with

CROWD = 700  # ten times the commune preset's demand


def test_nothing_lost_says_nothing(strings: PlanStrings) -> None:
    quiet = {
        "walkin_baulked_per_day": 0.0,
        "walkin_reneged_per_day": 0.0,
        "walkin_not_served_per_day": 0.0,
        "online_dossiers_per_day": 10.0,
        "online_completed_per_day": 10.0,
        "online_backlog_end": 0.0,
        "backoffice_utilisation": 0.3,
    }
    assert alerts(quiet.__getitem__, strings, "vi") == []
    busy = {**quiet, "backoffice_utilisation": 0.9}
    assert alerts(busy.__getitem__, strings, "en") == [
        strings.get("alert.backoffice_busy", "en", busy=percent(0.9, "en"), pending="0.0")
    ]


def test_compare_warns_for_the_plan_that_loses_citizens(strings: PlanStrings) -> None:
    model = CompareModel("commune_pasc", replications=3, strings=strings)
    # Plan A: the preset with a fifth counter, so its crowded Monday loses nobody; plan B: a crowd.
    a = {**model.choose("a", "commune_pasc").as_dict(), "counters": 5}
    run = model.evaluate(a, {**a, "citizens_per_day": CROWD})
    assert {"walkin_baulked_per_day", "walkin_reneged_per_day", "backoffice_utilisation"} <= set(COMPARE_KEYS)
    lines = run.alerts("en")
    plan_b = strings.get("alert.plan", "en", name="B")
    assert lines and all(line.startswith(f"{plan_b}: ") for line in lines)  # plan A loses nobody
    table = run.table()
    assert lines == alerts_at(plan_b, lambda k: float(table.loc[k, "mean_b"]), strings, "en")


def test_the_sweep_screen_warns_per_adoption_level_and_of_imprecise_levels(strings: PlanStrings) -> None:
    model = SweepModel("commune_pasc", replications=3, strings=strings)
    numbers = {**model.choose("commune_pasc").as_dict(), "citizens_per_day": CROWD}
    run = model.evaluate(numbers, "20, 80", 90)
    lines = run.alerts("vi")
    at_20 = strings.get("alert.at_adoption", "vi", adoption=percent(0.2, "vi"))
    assert any(line.startswith(f"{at_20}: ") for line in lines)
    short = run.result.shortfalls()
    if short:
        assert lines[-1] == strings.get("alert.precision", "vi", count=len(short), total=2, replications=3)
    assert len(run.result.precision_table()) == 2


def test_campaign_and_quick_check_warn_too(strings: PlanStrings) -> None:
    campaign = CampaignModel("commune_pasc", replications=2, strings=strings)
    plan = campaign.choose("commune_pasc").as_dict()
    campaign.base = scenario_with(
        campaign.base, {"demand.citizens": CROWD, "demand.per": "day", "demand.working_days_per_period": None}
    )
    run = campaign.evaluate({**plan, "months": 2})
    before = strings.get("campaign.before", "en")
    assert any(line.startswith(f"Month {before}") for line in run.alerts("en"))

    quick = QuickCheckModel("commune_pasc", replications=2, strings=strings)
    raw = {**quick.choose("commune_pasc").as_dict(), "citizens_per_day": CROWD}
    checked = quick.evaluate(raw)
    assert checked.alerts("en") == alerts(checked.digest.mean, strings, "en")
    assert len(checked.alerts("en")) == 2


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_alert_sentences_exist_in_both_languages(strings: PlanStrings, lang: str) -> None:
    for key in ("alert.lost", "alert.backlog", "alert.backoffice_busy", "alert.precision"):
        assert strings.get(
            key,
            lang,
            total=1,
            baulked=1,
            reneged=1,
            sent_home=1,
            received=1,
            completed=1,
            pending=1,
            busy=1,
            count=1,
            replications=1,
        )
