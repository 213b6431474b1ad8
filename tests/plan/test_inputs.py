"""Key numbers: from a preset, checked into friendly messages (never a traceback), and into a scenario."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from simkit.plan.inputs import (
    KeyNumbers,
    PlanInputError,
    check_numbers,
    overrides_for,
    plan_scenario,
    planner_presets,
    preset,
)
from simkit.plan.strings import PlanStrings


def problems(raw: dict[str, Any]) -> PlanInputError:
    with pytest.raises(PlanInputError) as info:
        check_numbers(raw)
    return info.value


def test_a_preset_gives_its_own_numbers() -> None:
    numbers = KeyNumbers.of(preset("commune_pasc"))
    assert numbers == KeyNumbers(70.0, 0.4, 0.15, 3, 2, 1, "07:30", "11:30", "13:30", "17:00", 15.0)
    hoa_binh = KeyNumbers.of(preset("hoa_binh_city"))
    assert hoa_binh.citizens_per_day == 110.2  # 14,332 in six months of 130 working days
    assert hoa_binh.adoption == 0.94  # try-online share of online procedures: 82% of all dossiers online


def test_planner_presets_leave_out_the_validation_benches() -> None:
    assert planner_presets() == ["commune_pasc", "hoa_binh_city", "provincial_pasc"]


def test_zero_counters_is_a_friendly_message(commune_numbers: dict, strings: PlanStrings) -> None:
    error = problems({**commune_numbers, "counters": 0})
    assert error.problems[0].key == "problem.counters_range"
    for lang in ("vi", "en"):
        assert error.message(strings, lang) == strings.get("problem.counters_range", lang, high=60, value=0)


def test_adoption_typed_as_120_is_a_friendly_message(commune_numbers: dict, strings: PlanStrings) -> None:
    error = problems({**commune_numbers, "adoption": 120})
    for lang in ("vi", "en"):
        label = strings.get("field.adoption.label", lang)
        expected = strings.get("problem.percent_range", lang, label=label, low=0, high=100, value=120)
        assert error.message(strings, lang) == expected


def test_closing_before_opening_is_a_friendly_message(commune_numbers: dict, strings: PlanStrings) -> None:
    error = problems({**commune_numbers, "opens": "17:00", "closes": "7:30"})
    for lang in ("vi", "en"):  # "7:30" is read and shown as 07:30
        expected = strings.get("problem.hours_order", lang, opens="17:00", closes="07:30")
        assert error.message(strings, lang) == expected


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"citizens_per_day": 0}, "problem.citizens_range"),
        ({"citizens_per_day": "many"}, "problem.not_number"),
        ({"failure": -5}, "problem.percent_range"),
        ({"backoffice": 2.5}, "problem.whole_number"),
        ({"assisted": 99}, "problem.staff_range"),
        ({"opens": "25:00"}, "problem.time_format"),
        ({"lunch_end": ""}, "problem.lunch_both"),
        ({"lunch_start": "14:00", "lunch_end": "13:00"}, "problem.lunch_order"),
        ({"lunch_start": "06:00", "lunch_end": "08:00"}, "problem.lunch_outside"),
        ({"target_wait": 0}, "problem.target_range"),
    ],
)
def test_every_input_is_checked(commune_numbers: dict, strings: PlanStrings, change: dict, key: str) -> None:
    error = problems({**commune_numbers, **change})
    assert [p.key for p in error.problems] == [key]
    for lang in ("vi", "en"):
        text = error.message(strings, lang)
        assert text and "\n" not in text and "{" not in text


def test_several_problems_show_the_first_and_a_count(commune_numbers: dict, strings: PlanStrings) -> None:
    error = problems({**commune_numbers, "counters": 0, "adoption": 120, "closes": "x"})
    assert [p.key for p in error.problems] == [
        "problem.percent_range",
        "problem.counters_range",
        "problem.time_format",
    ]
    assert error.message(strings, "en").endswith("(and 2 more)")


def test_lunch_may_be_left_out(commune_numbers: dict) -> None:
    numbers = check_numbers({**commune_numbers, "lunch_start": "", "lunch_end": " "})
    scenario = plan_scenario(preset("commune_pasc"), numbers)
    assert [(s.start, s.end) for s in scenario.calendar.sessions] == [("07:30", "17:00")]


def test_untouched_numbers_run_the_preset_exactly(commune_numbers: dict) -> None:
    base = preset("hoa_binh_city")
    numbers = KeyNumbers.of(base)
    assert overrides_for(base, numbers) == {}
    assert plan_scenario(base, numbers).model_dump() == base.model_dump()


def test_changed_numbers_override_only_their_fields(commune_numbers: dict) -> None:
    base = preset("commune_pasc")
    numbers = check_numbers({**commune_numbers, "counters": 2, "adoption": 70, "citizens_per_day": 90})
    scenario = plan_scenario(base, numbers)
    assert scenario.staffing.counters == 2 and scenario.channel.adoption == pytest.approx(0.7)
    assert scenario.demand.citizens_per_working_day == 90
    assert scenario.procedures == base.procedures and scenario.travel == base.travel


def test_changed_counters_replace_session_counters_on_weekdays_and_saturday() -> None:
    base = preset("provincial_pasc")
    assert base.sessions_with_own_counters() == ["sat 07:30–11:30"]
    numbers = dataclasses.replace(KeyNumbers.of(base), counters=10)
    overrides = overrides_for(base, numbers)
    assert overrides == base.counters_everywhere(10)  # the model's rule, as the staffing search uses it
    scenario = plan_scenario(base, numbers)
    assert scenario.sessions_with_own_counters() == []
    saturday = scenario.calendar.saturday_sessions[0]
    assert (saturday.start, saturday.end, scenario.counters_in(saturday)) == ("07:30", "11:30", 10)


def test_shares_are_fractions_inside_and_percentages_on_the_form(commune_numbers: dict) -> None:
    numbers = check_numbers({**commune_numbers, "adoption": 70, "failure": 12.5})
    assert (numbers.adoption, numbers.failure) == (0.7, 0.125)
    assert (numbers.as_dict()["adoption"], numbers.as_dict()["failure"]) == (70.0, 12.5)
    assert check_numbers(numbers.as_dict()) == numbers


def test_new_opening_hours_become_sessions(commune_numbers: dict) -> None:
    numbers = check_numbers({**commune_numbers, "opens": "7h", "lunch_start": "11:00", "closes": "16:30"})
    scenario = plan_scenario(preset("commune_pasc"), numbers)
    assert [(s.start, s.end) for s in scenario.calendar.sessions] == [("07:00", "11:00"), ("13:30", "16:30")]


def test_online_without_back_office_is_a_friendly_message(
    commune_numbers: dict, strings: PlanStrings
) -> None:
    numbers = check_numbers({**commune_numbers, "backoffice": 0})
    with pytest.raises(PlanInputError) as info:
        plan_scenario(preset("commune_pasc"), numbers)
    label = strings.get("field.backoffice.label", "vi")
    assert info.value.message(strings, "vi") == strings.get("problem.backoffice_needed", "vi", label=label)
    offline = check_numbers({**commune_numbers, "backoffice": 0, "adoption": 0})
    assert plan_scenario(preset("commune_pasc"), offline).staffing.backoffice == 0


def test_a_scenario_rule_becomes_a_sentence(commune_numbers: dict, strings: PlanStrings) -> None:
    numbers = check_numbers(
        {**commune_numbers, "opens": "18:00", "lunch_start": "", "lunch_end": "", "closes": "20:00"}
    )
    with pytest.raises(PlanInputError) as info:
        plan_scenario(preset("commune_pasc"), numbers)
    text = info.value.message(strings, "en")
    assert text.startswith("The scenario is not valid:") and "arrival_profile" in text
