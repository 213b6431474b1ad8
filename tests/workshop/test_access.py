"""The workshop's access rules: which address is bound, when a code is needed, how codes are checked and
how wrong codes are limited. LAN mode is checked only by the address chosen (nothing connects anywhere)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from simkit.errors import ConfigError
from simkit.workshop import access
from simkit.workshop.access import (
    WrongCodes,
    app_url,
    bind_address,
    check_code_option,
    code_matches,
    learner_addresses,
    needs_code,
    new_code,
    tidy_code,
)
from simkit.workshop.gate import CODE_ENV
from simkit.workshop.plan import make_plan


def test_loopback_unless_the_lan_is_asked_for() -> None:
    assert bind_address(False) == "127.0.0.1"
    assert bind_address(True) == "0.0.0.0"
    assert bind_address("10.42.0.1") == "10.42.0.1"
    with pytest.raises(ConfigError, match="--lan: 'hotspot' is not an IP address"):
        bind_address("hotspot")


def test_a_code_is_needed_off_loopback_or_when_set() -> None:
    assert not needs_code("127.0.0.1", code_given=False)
    assert needs_code("127.0.0.1", code_given=True)
    assert needs_code("0.0.0.0", code_given=False)
    assert needs_code("10.42.0.1", code_given=False)
    assert needs_code("::", code_given=False)


def test_new_codes_are_six_digits_and_differ() -> None:
    codes = {new_code() for _ in range(200)}
    assert all(len(c) == 6 and c.isdigit() and c[0] != "0" for c in codes)
    assert len(codes) > 190


def test_code_check_forgives_spaces_and_full_width_digits_only() -> None:
    assert tidy_code(" 482 913 ") == "482913"
    assert tidy_code("482-913") == "482913"
    assert tidy_code("４８２９１３") == "482913"
    assert code_matches("482 913", "482913")
    assert not code_matches("482914", "482913")
    assert not code_matches("48291", "482913")
    assert not code_matches("", "482913")
    assert not code_matches("482913", "")  # no code set: nothing matches


def test_code_option_is_checked() -> None:
    assert check_code_option("1234") == "1234"
    for bad in ("12", "abcd12", "1" * 13):
        with pytest.raises(ConfigError, match="--code: must be 4 to 12 digits"):
            check_code_option(bad)


def test_wrong_codes_are_limited_per_address_and_forgiven_in_time() -> None:
    now = [1000.0]
    wrong = WrongCodes(limit=3, window=60.0, clock=lambda: now[0])
    for _ in range(3):
        assert wrong.blocked("10.42.0.7") == 0
        wrong.wrong("10.42.0.7")
        now[0] += 1
    assert wrong.blocked("10.42.0.7") == pytest.approx(57.0)
    assert wrong.blocked("10.42.0.8") == 0  # another phone is not held up
    now[0] += 58
    assert wrong.blocked("10.42.0.7") == 0
    wrong.wrong("10.42.0.8")
    wrong.right("10.42.0.8")
    assert wrong._recent("10.42.0.8") == []


def test_learner_addresses_offer_private_lan_addresses_hotspot_first() -> None:
    found = learner_addresses("0.0.0.0", ["127.0.0.1", "8.8.8.8", "172.17.0.1", "10.42.0.1", "fe80::1", "x"])
    assert found == ["10.42.0.1", "172.17.0.1"]
    assert learner_addresses("10.42.0.1", ["192.168.1.5"]) == ["10.42.0.1"]


def test_app_url_carries_the_code_only_for_the_qr_code() -> None:
    assert app_url("10.42.0.1", 8866) == "http://10.42.0.1:8866/"
    assert app_url("10.42.0.1", 8866, "482913") == "http://10.42.0.1:8866/?token=482913"
    assert app_url("::1", 8866) == "http://[::1]:8866/"


def test_plan_default_is_loopback_without_code(tmp_path: Path) -> None:
    plan = make_plan(progress=tmp_path)
    assert (plan.host, plan.code, plan.on_lan) == ("127.0.0.1", None, False)
    command = plan.voila_command()
    assert "--Voila.ip=127.0.0.1" in command
    assert not any("identity_provider_class" in word for word in command)
    assert CODE_ENV not in plan.environment({CODE_ENV: "leftover"})


def test_plan_on_the_lan_binds_all_addresses_and_requires_a_code(tmp_path: Path) -> None:
    plan = make_plan(lan=True, progress=tmp_path)
    assert plan.host == "0.0.0.0" and plan.on_lan
    assert plan.code is not None and len(plan.code) == access.CODE_DIGITS
    command = plan.voila_command()
    assert "--Voila.ip=0.0.0.0" in command
    assert "--Voila.identity_provider_class=simkit.workshop.gate.WorkshopIdentityProvider" in command
    assert "--strip_sources=True" in command and "--template=simkit_offline" in command
    assert command[:3] == [sys.executable, "-m", "voila"]
    assert all(plan.code not in word for word in command)  # the code is not in the process list
    env = plan.environment({})
    assert env[CODE_ENV] == plan.code
    assert env["SIMKIT_PROGRESS_DIR"] == str(tmp_path)
    assert env["JUPYTER_PATH"].endswith("plan/offline")


def test_plan_with_one_lan_address_and_a_chosen_code(tmp_path: Path) -> None:
    plan = make_plan(lan="10.42.0.1", code="4829 13", progress=tmp_path)
    assert (plan.host, plan.code) == ("10.42.0.1", "482913")
    assert "--Voila.ip=10.42.0.1" in plan.voila_command()


def test_plan_refuses_bad_options_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--port: must be a whole number from 1024 to 65535"):
        make_plan(port=80, progress=tmp_path)
    with pytest.raises(ConfigError, match="--pool: must be a whole number from 0 to 10"):
        make_plan(pool=50, progress=tmp_path)
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(ConfigError, match="--progress-dir: .* is a file, not a folder"):
        make_plan(progress=afile)
