"""Bad input: a one-line ConfigError naming the file and the field, before anything runs."""

from __future__ import annotations

import pytest

from simkit.errors import ConfigError
from simkit.sim.experiment import RunSettings
from simkit.sim.loading import apply_overrides, load_scenario, parse_override
from tests.sim.conftest import BASE, build


@pytest.mark.parametrize(
    ("overrides", "field", "says"),
    [
        ({"channel.adoption": 1.2}, "channel.adoption", "≤ 1"),
        ({"channel.adoption": -0.1}, "channel.adoption", "≥ 0"),
        ({"demand.citizens": 0}, "demand.citizens", "> 0"),
        ({"demand.citizens": -5}, "demand.citizens", "> 0"),
        ({"procedures.residence.service.mean": 0}, "procedures.residence.service.mean", "> 0"),
        ({"procedures.residence.service.sd": -1}, "procedures.residence.service.sd", "> 0"),
        ({"staffing.counters": 0}, "staffing.counters", "≥ 1"),
        ({"procedures.residence.share": 0.5}, "procedures", "sum to 1"),
        ({"calendar.sessions": [{"start": "11:30", "end": "07:30"}]}, "calendar.sessions.0", "closes"),
        (
            {"calendar.sessions": [{"start": "7h30", "end": "11:30"}]},
            "calendar.sessions.0.start",
            "clock time",
        ),
        ({"procedures.residence.online": "sometimes"}, "procedures.residence.online", "full"),
        (
            {"procedures.residence.service.dist": "gamma"},
            "procedures.residence.service",
            "unknown distribution",
        ),
        ({"staffing.conters": 4}, "staffing.conters", "unknown field"),
        ({"demand.arrival_profile": {25: 1}}, "demand.arrival_profile", "hour 25"),
        ({"run.warmup_days": 1}, None, "warmup_days"),
        ({"impatience.patience": {"dist": "exponential", "mean": -3}}, "impatience.patience.mean", "> 0"),
        (
            {"procedures.residence.service": {"dist": "triangular", "min": 5, "mode": 3, "max": 9}},
            "procedures.residence.service",
            "min ≤ mode ≤ max",
        ),
        ({"staffing.backoffice": 0, "channel.adoption": 0.5}, None, "never be processed"),
    ],
)
def test_invalid_value_names_field_and_what_is_allowed(overrides, field, says):
    with pytest.raises(ConfigError) as caught:
        build(overrides)
    message = str(caught.value)
    assert "\n" not in message
    assert says in message
    if field:
        assert caught.value.field == field, message


def test_unknown_key_lists_the_allowed_ones():
    with pytest.raises(ConfigError) as caught:
        build({"staffing.conters": 4})
    assert "allowed here: assisted_desk, backoffice, backoffice_shared_with_counters, counters" in str(
        caught.value
    )


def test_unknown_procedure_in_override_is_rejected():
    with pytest.raises(ConfigError) as caught:
        build({"procedures.lands.share": 0.1})
    assert caught.value.field.startswith("procedures.lands")


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_scenario(tmp_path / "nope.yaml")
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}: file not found"


def test_unknown_preset_lists_the_presets():
    with pytest.raises(ConfigError, match="no preset or file of that name; presets are: "):
        load_scenario("no_such_centre")


def test_malformed_yaml_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ndemand: {citizens: 70\nprocedures: []\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_scenario(bad)
    assert str(caught.value).startswith(f"{bad}: malformed YAML: line ")


def test_yaml_that_is_not_a_mapping(tmp_path):
    bad = tmp_path / "list.yaml"
    bad.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a mapping"):
        load_scenario(bad)


def test_error_from_a_file_names_the_file(tmp_path):
    import yaml

    path = tmp_path / "centre.yaml"
    path.write_text(yaml.safe_dump({**BASE, "staffing": {"counters": 0}}), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_scenario(path)
    assert str(caught.value).startswith(f"{path}: staffing.counters: must be ≥ 1")


def test_fixed_times_outside_opening_hours():
    with pytest.raises(ConfigError, match="12:00 is outside the opening sessions"):
        build({"demand": {"fixed_times": ["12:00"]}})


def test_override_syntax():
    assert parse_override("staffing.counters=4") == ("staffing.counters", 4)
    assert parse_override("calendar.weekdays=[mon, tue]") == ("calendar.weekdays", ["mon", "tue"])
    with pytest.raises(ConfigError, match="field=value"):
        parse_override("staffing.counters")


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"days": 0}, "days"),
        ({"replications": 0}, "replications"),
        ({"replications": 2.5}, "replications"),
        ({"replications": True}, "replications"),
        ({"seed": -1}, "seed"),
        ({"days": 2, "warmup_days": 2}, "warmup_days"),
        ({"target_wait": 0}, "target_wait"),
    ],
)
def test_bad_run_settings(settings, field):
    with pytest.raises(ConfigError) as caught:
        RunSettings.of(build(), **settings)
    assert caught.value.field == field


def test_replications_message_is_the_planner_screens_one():
    with pytest.raises(ConfigError) as caught:
        RunSettings.of(build(), replications=0)
    assert str(caught.value) == "replications: must be a whole number ≥ 1 (got 0)"


def test_scenario_is_read_only():
    scenario = build()
    with pytest.raises(Exception, match="frozen"):
        scenario.staffing.counters = 9  # type: ignore[misc]


def test_overrides_never_change_the_callers_own_values():
    land = {"share": 0.5, "collect_after_days": 1}
    overrides = {"procedures.land": land, "procedures.land.collect_after_days": 0}
    result = apply_overrides({"procedures": {}}, overrides)
    assert result["procedures"]["land"]["collect_after_days"] == 0
    assert land == {"share": 0.5, "collect_after_days": 1}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"demand.citizens": float("inf")}, "demand.citizens"),
        ({"demand.citizens": float("nan")}, "demand.citizens"),
        ({"demand.weekday_factors": {"mon": float("inf")}}, "demand.weekday_factors.mon"),
        ({"demand.arrival_profile": {8: float("nan")}}, "demand.arrival_profile.8"),
        ({"procedures.residence.service.mean": float("inf")}, "procedures.residence.service.mean"),
        ({"travel.one_way.value": float("inf")}, "travel.one_way.value"),
        ({"run.target_wait_minutes": float("nan")}, "run.target_wait_minutes"),
    ],
)
def test_numbers_must_be_finite(overrides, field):
    """An infinite service or travel time would run and report "wait 0.0, citizen hours inf"; a NaN
    weight would be reported as "every hour has weight 0". Both are refused as what they are."""
    with pytest.raises(ConfigError) as caught:
        build(overrides)
    assert caught.value.field == field
    assert "finite number" in str(caught.value)


@pytest.mark.parametrize("value", [True, False])
@pytest.mark.parametrize("field", ["staffing.counters", "staffing.backoffice", "run.replications"])
def test_counts_take_whole_numbers_not_yes_or_no(field, value):
    with pytest.raises(ConfigError) as caught:
        build({field: value})
    assert caught.value.field == field
    assert "whole number" in str(caught.value)


def test_a_key_given_twice_is_refused_naming_both_lines(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text("staffing:\n  counters: 3\n  backoffice: 1\n  counters: 5\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert "'counters' is given twice (lines 2 and 4)" in message


def test_a_key_given_twice_in_one_line_and_in_set(tmp_path):
    path = tmp_path / "flow.yaml"
    path.write_text("staffing: {counters: 3, counters: 5}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'counters' is given twice \(line 1\)"):
        load_scenario(path)
    with pytest.raises(ConfigError, match="given twice"):
        parse_override("demand.arrival_profile={8: 1, 8: 2}")


def test_nesting_too_deep_is_one_line_not_a_recursion_error(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 20_000 + "]" * 20_000, encoding="utf-8")
    with pytest.raises(ConfigError, match="nested too deeply") as caught:
        load_scenario(path)
    assert caught.value.where == str(path)
    with pytest.raises(ConfigError, match="nested too deeply"):
        parse_override("staffing.counters=" + "[" * 20_000)


def test_a_number_of_thousands_of_digits_is_one_line(tmp_path):
    with pytest.raises(ConfigError, match="too many digits") as caught:
        parse_override("staffing.counters=" + "9" * 5000)
    assert caught.value.field == "staffing.counters"
    assert len(str(caught.value)) < 200
    path = tmp_path / "digits.yaml"
    path.write_text("staffing:\n  counters: " + "9" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="too many digits"):
        load_scenario(path)


def test_a_file_with_a_byte_order_mark_reads_like_any_other(tmp_path):
    import yaml

    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + yaml.safe_dump(BASE, allow_unicode=True).encode("utf-8"))
    assert load_scenario(path).id == BASE["id"]


def test_the_back_office_rule_is_one_rule_asked_for_other_values_too() -> None:
    """``online_work_unstaffed`` is what validation refuses, and what a planner's form asks beforehand."""
    staffed = build({"channel.adoption": 0.5})
    assert not staffed.online_work_unstaffed()
    assert staffed.online_work_unstaffed(backoffice=0)
    assert not staffed.online_work_unstaffed(adoption=0.0, backoffice=0)
    shared = build({"channel.adoption": 0.5, "staffing.backoffice_shared_with_counters": True})
    assert not shared.online_work_unstaffed(backoffice=0)
    # a procedure's own adoption counts even when the overall adoption is 0, and the other way round
    own = build({"channel.adoption": 0.0, "procedures.residence.adoption": 0.3})
    assert own.online_work_unstaffed(backoffice=0)
    none_online = build({"channel.adoption": 0.5, "procedures.residence.adoption": 0.0})
    assert not none_online.online_work_unstaffed(backoffice=0)
    with pytest.raises(ConfigError, match="never be processed"):
        build({"channel.adoption": 0.0, "procedures.residence.adoption": 0.3, "staffing.backoffice": 0})


def test_the_fast_and_the_pure_yaml_readers_read_every_content_file_alike():
    """simkit.content reads YAML with libyaml's parser when present (about 7× faster); its strict rules
    (a key given twice, no base-60 numbers, too deep nesting) must hold on both parsers, and every content
    file must give the same data."""
    import yaml

    from simkit.content import _StrictLoader, _StrictPureLoader, content_dir

    if getattr(yaml, "CSafeLoader", None) is not None:
        assert issubclass(_StrictLoader, yaml.CSafeLoader)
    files = sorted(content_dir().rglob("*.yaml"))
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        assert yaml.load(text, Loader=_StrictLoader) == yaml.load(text, Loader=_StrictPureLoader), path  # noqa: S506
    for loader in (_StrictLoader, _StrictPureLoader):
        assert yaml.load("a: 11:00\nb: 07:30\nc: 1_000\n", Loader=loader) == {
            "a": "11:00",
            "b": "07:30",
            "c": 1000,
        }  # noqa: S506
        with pytest.raises(yaml.constructor.ConstructorError, match="given twice"):
            yaml.load("a: 1\nb: 2\na: 3\n", Loader=loader)  # noqa: S506
