"""simkit.formats: one way to write numbers, percentages and clock times, and to read them back."""

from __future__ import annotations

import math

import pytest

from simkit.formats import MISSING, clock, number, percent, read_clock, read_number


def test_numbers_are_written_the_local_way_with_the_decimals_asked_for() -> None:
    assert (number(1234.5, "vi"), number(1234.5, "en")) == ("1.234,5", "1,234.5")
    assert (number(12.0, "vi"), number(12.0, "en"), number(12.0, "vi", 0)) == ("12,0", "12.0", "12")
    assert (number(2.1666, "vi"), number(1250, "vi", 0)) == ("2,2", "1.250")
    assert number(2_500_000, "en", 0) == "2,500,000"
    assert (number(-0.04, "vi"), number(-0.4, "en", 0)) == ("0,0", "0")  # never "-0"
    assert number(math.nan, "vi") == number(None, "en") == MISSING


def test_shares_become_percentages_only_when_written() -> None:
    assert (percent(0.825, "vi", 1), percent(0.825, "en", 1), percent(1, "vi")) == ("82,5%", "82.5%", "100%")
    assert (percent(0.853, "en"), percent(0.5, "vi", 1)) == ("85%", "50,0%")
    assert percent(None, "vi") == percent(math.nan, "en") == MISSING


@pytest.mark.parametrize(
    ("text", "value"),
    [("12,5", 12.5), ("12.5", 12.5), (" 40 ", 40.0), (7, 7.0), ("1 000", 1000.0), ("1e400", None),
     (True, None), (None, None), ("abc", None), (math.inf, None)],
)  # fmt: skip
def test_typed_numbers_are_read_generously(text: object, value: float | None) -> None:
    assert read_number(text) == value


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("08:00", 480), ("8:00", 480), ("8h30", 510), ("8g30", 510), ("8G", 480), ("8g", 480), ("13h", 780),
     ("7.30", 450), (" 14:05 ", 845), ("23:59", 1439), ("24:00", None), ("8:60", None), ("25:00", None),
     ("tám giờ", None), ("", None), ("08:0", None), (None, None)],
)  # fmt: skip
def test_clock_times_as_people_type_them(text: str | None, minutes: int | None) -> None:
    assert read_clock(text) == minutes


def test_the_end_of_the_day_is_a_closing_time_only_when_asked() -> None:
    assert read_clock("24:00", end_of_day=True) == 1440 and read_clock("24h", end_of_day=True) == 1440
    assert read_clock("24:30", end_of_day=True) is None and read_clock("24:00") is None


def test_clock_times_are_written_hh_mm() -> None:
    assert (clock(450), clock(0), clock(1440), clock(1440 + 75)) == ("07:30", "00:00", "24:00", "01:15")
