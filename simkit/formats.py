"""Numbers, percentages and clock times as people write and read them, in Vietnamese and English.

Why one module: the CLI, the figures' captions, the planner dashboards, the trainer tables and the
printed handouts all show numbers; written in one place, 12.0 minutes reads the same on every screen
("12,0" in Vietnamese, "12.0" in English) and "8g30" means half past eight in every form.

The rules:

- ``number(value, lang, decimals)`` always shows ``decimals`` decimals (a column of means with their
  confidence intervals keeps one precision), with the language's separators from the CLDR locale data
  (babel): ``1.234,5`` in Vietnamese, ``1,234.5`` in English. Never ``-0,0``; NaN and None are ``–``.
- ``percent(share, lang, decimals)``: shares are fractions everywhere inside simkit; only here (and
  where a form reads a percentage typed by a person) do they become percentages.
- ``read_number`` reads what a person typed: ``12,5`` and ``12.5`` are both 12.5.
- ``read_clock`` reads a time of day typed the ways Vietnamese people write it: ``7:30``, ``07:30``,
  ``7h30``, ``7h``, ``8g30``, ``8g``, ``7.30``. ``clock`` writes ``HH:MM``.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from babel.numbers import get_decimal_symbol, get_group_symbol

MISSING = "–"
"""What a number that does not exist (NaN, no data) shows as."""

MINUTES_PER_DAY = 24 * 60


@functools.lru_cache(maxsize=4)
def _symbols(lang: str) -> tuple[str, str]:
    """(decimal sign, thousands separator) of ``lang`` from the CLDR data babel ships."""
    return get_decimal_symbol(lang), get_group_symbol(lang)


def number(value: float | None, lang: str, decimals: int = 1) -> str:
    """``1234.5`` → ``1.234,5`` (vi) / ``1,234.5`` (en), with exactly ``decimals`` decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if round(value, decimals) == 0:
        value = 0.0  # never "-0" or "-0,0"
    text = f"{value:,.{decimals}f}"
    decimal, group = _symbols(lang)
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)


def percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """A share in [0, 1] as a percentage: ``0.853`` → ``85%``, or ``85,3%`` with one decimal in Vietnamese."""
    if share is None or math.isnan(share):
        return MISSING
    return f"{number(share * 100, lang, decimals)}%"


def read_number(value: Any) -> float | None:
    """A finite number from a widget value or typed text (``"12,5"`` is 12.5); None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            parsed = float(text)
        except ValueError:
            return None
        return parsed if math.isfinite(parsed) else None
    return None


_CLOCK = re.compile(r"^\s*(\d{1,2})\s*(?:[:hg.]\s*(\d{2})?)?\s*$", re.IGNORECASE)


def read_clock(value: Any, *, end_of_day: bool = False) -> int | None:
    """Minutes from midnight of a typed time of day, or None if it is not one.

    ``end_of_day=True`` also accepts ``24:00`` (a centre open until midnight); a workshop cannot start then.
    """
    match = _CLOCK.match(str(value)) if value is not None else None
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not end_of_day)):
        return None
    return hours * 60 + minutes


def clock(minutes: int) -> str:
    """``510`` → ``"08:30"``; ``1440`` → ``"24:00"`` (the end of a day); later times wrap round midnight."""
    if minutes > MINUTES_PER_DAY:
        minutes %= MINUTES_PER_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def readable_decimals(*values: float | None, significant: int = 3, most: int = 2) -> int:
    """The decimals a person reads for these numbers: ``significant`` figures of the largest, at most
    ``most`` decimals, never fewer than 0.

    Why one rule: a wait of 0.14 minutes shown as "0.1" and a citizen count of 1,234.5678 shown with four
    decimals both mislead; three significant figures of the largest number in a row (a mean and its
    confidence interval share one precision, so "12.3 [10.1–14.6]") is what survey tables print.
    """
    finite = [abs(v) for v in values if v is not None and math.isfinite(v) and v != 0]
    if not finite:
        return min(1, most)
    digits = math.floor(math.log10(max(finite))) + 1  # digits before the decimal sign (≤ 0 for 0.0x)
    return max(0, min(most, significant - digits))


def rounded(value: float | None, decimals: int) -> float | None:
    """``value`` rounded to ``decimals`` for a file a person opens (NaN and None stay empty); never -0.0."""
    if value is None or not math.isfinite(value):
        return None if value is None else value
    result = round(float(value), decimals)
    return 0.0 if result == 0 else result


def whole_minutes(minutes: float | None) -> tuple[int, int] | None:
    """A duration as a person reads it: ``(hours, minutes)`` rounded to the nearest whole minute (halves up).

    Why not ``number(…, 1)``: "12,3 phút" is a precision no trainer needs and "143,4 phút" must be worked
    out; people say "12 phút" and "2 giờ 23 phút". The words around the numbers come from ``content/``.
    ``None`` (no data) and NaN stay ``None``; a duration under half a minute but above zero is ``(0, 0)``
    and callers may say "under a minute" (``minutes > 0``) rather than "0 minutes".
    """
    if minutes is None or math.isnan(minutes):
        return None
    total = math.floor(max(minutes, 0.0) + 0.5)
    return total // 60, total % 60
