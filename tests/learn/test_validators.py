"""Practice-form checks: good and bad personal IDs, phones, passwords, OTPs, passcodes, dates and more."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simkit.learn import validators as v

TODAY = date(2026, 11, 22)


def keys(check: v.Check) -> list[str]:
    return [p.key for p in check.problems]


# --- personal ID --------------------------------------------------------------------------------------
@pytest.mark.parametrize("number", ["003190000123", "003 190 000 123", "003062000001", "003325000999"])
def test_practice_ids_pass_and_are_tidied(number: str) -> None:
    check = v.check_personal_id(number, today=TODAY)
    assert check.ok
    assert check.value == number.replace(" ", "")


def test_practice_id_decodes_sex_and_birth_year() -> None:
    assert v.decode_personal_id("003190000123") == v.PersonalId("003", "female", 1990, "000123")
    assert v.decode_personal_id("003205001357") == v.PersonalId("003", "male", 2005, "001357")


@pytest.mark.parametrize(
    ("number", "key", "params"),
    [
        ("", "check.personal_id.digits", {}),
        ("00319000012A", "check.personal_id.digits", {}),
        ("００３１９００００１２３", "check.personal_id.digits", {}),  # full-width digits are not accepted
        ("123456789", "check.personal_id.old_nine_digits", {}),
        ("00319000012", "check.personal_id.length", {"count": 11}),
        ("0031900001234", "check.personal_id.length", {"count": 13}),
        ("017190000123", "check.personal_id.real_code", {"code": "017", "practice": "003"}),
        ("087084000999", "check.personal_id.real_code", {"code": "087", "practice": "003"}),
        ("005190000123", "check.personal_id.unknown_code", {"code": "005", "practice": "003"}),
        ("003490000123", "check.personal_id.century", {"digit": "4"}),
        ("003299000123", "check.personal_id.future_year", {"year": 2099}),
    ],
)
def test_bad_ids_say_exactly_what_is_wrong(number: str, key: str, params: dict) -> None:
    check = v.check_personal_id(number, today=TODAY)
    assert check.problems == (v.Problem(key, params),)


def test_structure_check_without_practice_rule_accepts_the_sources_example() -> None:
    # 087084000999: Đồng Tháp (087), male born 1984 — the example of the legal explainer.
    check = v.check_personal_id("087084000999", today=TODAY, practice_only=False)
    assert check.ok
    assert v.decode_personal_id(check.value) == v.PersonalId("087", "male", 1984, "000999")


def test_practice_code_is_not_a_real_province_code() -> None:
    assert v.PRACTICE_PROVINCE_CODE not in v.PROVINCE_CODES
    assert len(v.PROVINCE_CODES) == 63
    assert v.PROVINCE_CODES["017"] == "Hòa Bình" and v.PROVINCE_CODES["025"] == "Phú Thọ"


@given(
    st.sampled_from(sorted(v.PROVINCE_CODES)), st.integers(0, 3), st.integers(0, 26), st.integers(0, 999999)
)
def test_no_real_province_code_passes_a_practice_form(code: str, digit: int, year: int, serial: int) -> None:
    number = f"{code}{digit}{year:02d}{serial:06d}"
    assert keys(v.check_personal_id(number, today=TODAY)) == ["check.personal_id.real_code"]


@given(st.integers(0, 3), st.integers(0, 99), st.integers(0, 999999))
def test_every_practice_number_of_a_past_birth_year_passes(digit: int, year: int, serial: int) -> None:
    number = f"003{digit}{year:02d}{serial:06d}"
    born = (1900 if digit < 2 else 2000) + year
    assert v.check_personal_id(number, today=TODAY).ok == (born <= TODAY.year)


# --- phone --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "tidy"),
    [
        ("0912345678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84 912 345 678", "0912345678"),
        ("091.234.5678", "0912345678"),
        ("0321234567", "0321234567"),
        ("0561234567", "0561234567"),
        ("0871234567", "0871234567"),
    ],
)
def test_vietnamese_mobiles_pass_in_any_common_writing(typed: str, tidy: str) -> None:
    check = v.check_phone(typed)
    assert check.ok and check.value == tidy


@pytest.mark.parametrize(
    ("typed", "key", "params"),
    [
        ("09123a5678", "check.phone.characters", {}),
        ("01623456789", "check.phone.old_prefix", {"new": "0323456789"}),
        ("01291234567", "check.phone.old_prefix", {"new": "0821234567"}),
        ("02183852123", "check.phone.landline", {}),
        ("091234567", "check.phone.length", {"count": 9}),
        ("0521234567", "check.phone.invalid", {}),
    ],
)
def test_bad_phones_say_what_is_wrong(typed: str, key: str, params: dict) -> None:
    assert v.check_phone(typed).problems == (v.Problem(key, params),)


# --- password, OTP, passcode --------------------------------------------------------------------------
@pytest.mark.parametrize("password", ["Lan@2024vn", "Hung@1975vn", "Aa1!aaaa", "Xy9(" + "z" * 16])
def test_good_passwords_pass(password: str) -> None:
    assert v.check_password(password).ok


@pytest.mark.parametrize(
    ("password", "broken"),
    [
        ("Aa1!", ["check.password.length"]),
        ("Aa1!" + "a" * 17, ["check.password.length"]),
        ("hung@1975", ["check.password.upper"]),
        ("HUNG@1975", ["check.password.lower"]),
        ("Hung@abcd", ["check.password.digit"]),
        ("Hung1975vn", ["check.password.special"]),
        ("Hùng@1975", ["check.password.accents"]),
        ("Hung @1975", ["check.password.space"]),
        ("Hung%1975", ["check.password.other_special"]),
        (
            "abc",
            [
                "check.password.length",
                "check.password.upper",
                "check.password.digit",
                "check.password.special",
            ],
        ),
    ],
)
def test_every_broken_password_rule_is_listed(password: str, broken: list[str]) -> None:
    assert keys(v.check_password(password)) == broken


def test_password_length_message_counts_what_was_typed() -> None:
    (problem,) = v.check_password("Aa1!").problems
    assert problem.params == {"min": 8, "max": 20, "count": 4}


@pytest.mark.parametrize("check", [v.check_otp, v.check_passcode])
def test_six_digit_codes(check) -> None:
    kind = "otp" if check is v.check_otp else "passcode"
    assert check("482913").ok and check(" 482 913 ").value == "482913"
    assert keys(check("48291")) == [f"check.{kind}.length"]
    assert check("4829134").problems[0].params == {"count": 7, "expected": 6}
    assert keys(check("48291a")) == [f"check.{kind}.digits"]


# --- dates, email, BHYT, text -------------------------------------------------------------------------
def test_dates() -> None:
    assert v.check_date("5/3/1962", today=TODAY).value == "05/03/1962"
    assert v.check_date("05-03-1962", today=TODAY).ok
    assert keys(v.check_date("1962-03-05", today=TODAY)) == ["check.date.format"]
    assert keys(v.check_date("31/02/1990", today=TODAY)) == ["check.date.invalid"]
    assert keys(v.check_date("23/11/2026", today=TODAY)) == ["check.date.future"]
    assert v.check_date("28/11/2026", today=TODAY, allow_future=True).ok
    assert v.parse_date("05/03/1962") == date(1962, 3, 5)


def test_email_bhyt_and_text() -> None:
    assert v.check_email("mai.practice@example.com").ok
    assert keys(v.check_email("mai@example")) == ["check.email.format"]
    assert v.check_health_insurance("gd4250000012345").value == "GD4250000012345"
    assert v.check_health_insurance("0123456789").ok
    assert keys(v.check_health_insurance("GD6250000012345")) == ["check.health_insurance.format"]
    assert v.check_text("  Hoa   hồng ").value == "Hoa   hồng"
    assert keys(v.check_text("x" * 201)) == ["check.text.too_long"]


def test_every_typed_field_kind_has_a_check() -> None:
    from simkit.learn.schema import FIELD_KINDS

    assert set(v.CHECKS) == set(FIELD_KINDS) - {"choice", "checkbox"}
