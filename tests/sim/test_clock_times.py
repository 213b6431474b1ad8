"""Clock times read unquoted everywhere (issue 10, observation 8).

YAML 1.1 reads ``11:00`` as the base-60 integer 660 while ``07:30`` stays text; simkit's reader drops
base-60 so an unquoted time works in a file, in ``--set`` and in ``--vary`` whatever its first digit.
"""

from __future__ import annotations

import pytest
import yaml

from simkit.errors import ConfigError
from simkit.sim.loading import load_scenario, parse_override, parse_yaml_text, validate_scenario

CLOCKS = ["11:00", "7:30", "13:30", "17:00", "9:05", "24:00"]


@pytest.mark.parametrize("text", CLOCKS)
def test_unquoted_clock_times_stay_text(text):
    assert parse_yaml_text(f"end: {text}") == {"end": text}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("-3", -3),
        ("0.25", 0.25),
        ("1_000", 1000),
        ("0x10", 16),
        (".inf", float("inf")),
        ("true", True),
        ("null", None),
        ("1.5e+3", 1500.0),
        ("[1, 2]", [1, 2]),
    ],
)
def test_every_other_scalar_reads_as_yaml_safe_load_does(text, value):
    assert parse_yaml_text(text) == value == yaml.safe_load(text)


def test_set_accepts_an_unquoted_clock_time():
    assert parse_override("calendar.sessions.0.end=11:00") == ("calendar.sessions.0.end", "11:00")
    scenario = load_scenario("commune_pasc", {"calendar.sessions.0.end": "11:00"})
    assert scenario.calendar.sessions[0].end == "11:00"
    assert scenario.calendar.sessions[0].end_minute == 660


def test_a_scenario_file_with_unquoted_times_loads(tmp_path):
    text = (
        "id: unquoted\nname: {vi: Thử, en: Try}\ndescription: {vi: Thử, en: Try}\n"
        "calendar:\n  sessions:\n    - {start: 7:30, end: 11:00}\n    - {start: 13:30, end: 17:00}\n"
        "demand: {citizens: 10, fixed_times: []}\n"
        "procedures:\n  a: {name: {vi: A, en: A}, share: 1, service: {dist: fixed, value: 5},"
        " online: in_person}\n"
    )
    path = tmp_path / "unquoted.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    assert [(s.start, s.end) for s in scenario.calendar.sessions] == [("7:30", "11:00"), ("13:30", "17:00")]
    assert [s.start_minute for s in scenario.calendar.sessions] == [450, 810]


def test_a_base_60_number_from_another_reader_is_named_not_reinterpreted():
    raw = load_scenario("commune_pasc").model_dump(mode="json")
    raw["calendar"]["sessions"][0]["end"] = yaml.safe_load("11:00")  # 660 from a YAML 1.1 reader
    with pytest.raises(ConfigError) as caught:
        validate_scenario(raw)
    message = str(caught.value)
    assert "calendar.sessions.0.end" in message
    assert "660 is not a clock time" in message


def test_overrides_never_change_the_values_they_were_given():
    """A nested override value is copied: a later dotted override must not edit the caller's dict (the
    findings tests once turned the timeline tests' 5-minute procedure into a 60-minute one)."""
    from simkit.sim.loading import apply_overrides

    procedures = {
        "visit": {"name": {"vi": "A", "en": "A"}, "share": 1.0, "service": {"dist": "fixed", "value": 5}}
    }
    raw = apply_overrides(
        {"procedures": {}}, {"procedures": procedures, "procedures.visit.service": {"value": 60}}
    )
    assert raw["procedures"]["visit"]["service"] == {"value": 60}
    assert procedures["visit"]["service"] == {"dist": "fixed", "value": 5}
