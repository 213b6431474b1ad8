"""Every scenario preset in content/scenarios loads, is sourced, and matches the figures it claims.

Why test content: a preset is what a planner opens first, so a preset that fails validation, cites nothing,
or whose numbers drift from its description (the Hoa Binh calibration, the M/M/c utilisation) misleads
exactly the people the kit is for.
"""

from __future__ import annotations

import re

import pytest
import yaml

from simkit.sim.loading import load_scenario, preset_names, scenarios_dir, validate_scenario
from simkit.sim.scenario import Scenario

VIETNAMESE_LETTER = re.compile(
    "[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE
)
"""Letters with Vietnamese diacritics: Vietnamese text without any of them has lost its accents."""

PRESETS = preset_names()


def test_the_expected_presets_are_shipped() -> None:
    expected = {"commune_pasc", "provincial_pasc", "hoa_binh_city", "mmc_validation", "mmc_validation_busy"}
    assert expected <= set(PRESETS)


@pytest.mark.parametrize("name", PRESETS)
def test_preset_loads_and_its_id_is_the_file_stem(name: str) -> None:
    scenario = load_scenario(name)
    assert scenario.id == name
    assert (scenarios_dir() / f"{name}.yaml").exists()


@pytest.mark.parametrize("name", PRESETS)
def test_preset_is_sourced_and_states_its_assumptions(name: str) -> None:
    scenario = load_scenario(name)
    assert any(source.url.startswith(("http://", "https://")) for source in scenario.sources)
    assert len(scenario.assumptions) >= 1
    for assumption in scenario.assumptions:
        assert assumption.vi != assumption.en, "an assumption is not translated"


@pytest.mark.parametrize("name", PRESETS)
def test_vietnamese_texts_keep_their_diacritics(name: str) -> None:
    scenario = load_scenario(name)
    texts = [scenario.name.vi, scenario.description.vi, *(a.vi for a in scenario.assumptions)]
    for text in texts:
        assert VIETNAMESE_LETTER.search(text), f"no Vietnamese diacritics in {text!r}"


def test_hoa_binh_city_is_calibrated_to_the_brief_seed_figures() -> None:
    scenario = load_scenario("hoa_binh_city")
    assert scenario.demand.citizens == 14332
    assert scenario.demand.per == "six_months"
    assert scenario.demand.citizens_per_working_day == pytest.approx(110.2, abs=0.05)
    assert scenario.channel.adoption == pytest.approx(0.82)


def test_hoa_binh_city_marks_the_seed_figures_as_unverified() -> None:
    scenario = load_scenario("hoa_binh_city")
    english = " ".join(a.en for a in scenario.assumptions)
    assert "not independently verified" in english
    assert "14,332" in english and "72,901" in english


@pytest.mark.parametrize(("name", "utilisation"), [("mmc_validation", 0.7), ("mmc_validation_busy", 0.9)])
def test_mmc_presets_have_the_stated_utilisation(name: str, utilisation: float) -> None:
    scenario = load_scenario(name)
    (procedure,) = scenario.procedures.values()
    assert procedure.service.dist == "exponential"
    assert procedure.online == "in_person"
    per_minute = scenario.demand.citizens_per_working_day / 1440
    implied = per_minute * procedure.service.mean_minutes / scenario.staffing.counters
    assert implied == pytest.approx(utilisation)


@pytest.mark.parametrize("name", ["mmc_validation", "mmc_validation_busy"])
def test_mmc_presets_are_a_plain_mmc_queue(name: str) -> None:
    scenario = load_scenario(name)
    assert scenario.level == "validation"
    assert [(s.start, s.end) for s in scenario.calendar.sessions] == [("00:00", "24:00")]
    assert len(scenario.calendar.weekdays) == 7
    assert scenario.demand.arrival_profile == {}
    assert scenario.demand.weekday_factors == {}
    assert scenario.channel.adoption == 0
    assert scenario.impatience.patience is None
    assert scenario.impatience.baulk_queue_length is None
    assert scenario.travel.one_way.mean_minutes == 0
    assert (scenario.run.days, scenario.run.warmup_days, scenario.run.replications) == (6, 1, 20)


def test_the_complete_example_in_the_content_readme_is_valid() -> None:
    readme = (scenarios_dir().parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### 1.12", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    scenario = validate_scenario(yaml.safe_load(example), where="content/README.md")
    assert scenario.calendar.sessions[1].counters == 3
    top_level = set(yaml.safe_load(example))
    assert top_level == set(Scenario.model_fields), "the example should show every top-level field"
