"""Dates and clock times as ticket exports write them: ``2026-08-17 07:41:05``, ``17/08/2026 7h41``.

Why by hand rather than ``pd.to_datetime(..., format="mixed")``: a planner must learn *which* rows were
written in another format and which could not be read at all, with their line numbers; guessing row by
row would also read ``03/04/2026`` as 4 March in one row and 3 April in the next. Here the whole file
decides once whether slashed dates are day first (the Vietnamese convention, and the default) or month
first (only when some second number exceeds 12 and no first one does), and every row is read the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

_PATTERN = (
    r"^\s*(?:(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})|(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4}))?"
    r"(?:[ T,]+)?(?:(?P<H>\d{1,2})\s*[:hH]\s*(?P<M>\d{2})(?::(?P<S>\d{2}(?:[.,]\d+)?))?)?\s*$"
)

ISO, DAY_FIRST, MONTH_FIRST = "YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY"


GROUPS = ("iy", "im", "id", "a", "b", "y", "H", "M", "S")
"""The numbers a value may hold: an ISO date (iy, im, id), a slashed date (a, b, y) and a clock (H, M, S)."""

_FAST = (
    "HH:MI:SS",
    "HH:MI",
    "DD/DD/YYYY",
    "YYYY-DD-DD",
    "DD/DD/YYYY HH:MI:SS",
    "DD/DD/YYYY HH:MI",
    "YYYY-DD-DD HH:MI:SS",
    "YYYY-DD-DD HH:MI",
    "YYYY-DD-DDTHH:MI:SS",
)
"""Layouts read with array arithmetic (the usual exports); anything else goes through the regular
expression, once per distinct value. ``DD`` is a two-digit date part, ``MI`` minutes."""


@dataclass(frozen=True)
class Parts:
    """The numbers found in one column (NaN where absent), before the file's date order is decided."""

    empty: np.ndarray
    matched: np.ndarray
    parts: dict[str, np.ndarray]


@dataclass(frozen=True)
class Parsed:
    """One column read: the day (days since 1970-01-01) and minute of day, NaN where absent or unreadable."""

    day: np.ndarray
    minute: np.ndarray
    empty: np.ndarray
    bad: np.ndarray
    style: np.ndarray


def split(values: pd.Series) -> Parts:
    """Find date and time numbers in every value of a column.

    Why two paths: a regular expression over 100,000 rows costs seconds in Python, while the fixed
    layouts every queue system uses can be read from the characters' codes as arrays in milliseconds.
    """
    text = np.char.strip(values.fillna("").to_numpy(dtype=str))
    n = len(text)
    empty = text == ""
    parts = {g: np.full(n, np.nan) for g in GROUPS}
    matched = np.zeros(n, bool)
    lengths = np.char.str_len(text) if n else np.zeros(0, int)
    width = max(19, int(lengths.max()) if n else 0)
    # Each value's characters as code points, one row per value (a view of numpy's UCS-4 strings).
    codes = text.astype(f"U{width}").view(np.uint32).reshape(n, width)
    for layout in _FAST:
        rows = ~matched & ~empty & (lengths == len(layout))
        if not rows.any():
            continue
        block = codes[rows, : len(layout)]
        ok = np.ones(len(block), bool)
        for i, char in enumerate(layout):
            c = block[:, i]
            ok &= ((c >= 48) & (c <= 57)) if char in "DYHMIS" else (c == ord(char))
        if not ok.any():
            continue
        where = np.flatnonzero(rows)[ok]
        digits = block[ok].astype(np.int64) - 48
        for group, number in _fields(layout, digits).items():
            parts[group][where] = number
        matched[where] = True
    rest = ~matched & ~empty
    if rest.any():
        unique, inverse = np.unique(text[rest], return_inverse=True)
        found = pd.Series(unique).str.extract(_PATTERN)
        hit = found.notna().any(axis=1).to_numpy()
        where = np.flatnonzero(rest)
        for group in GROUPS:
            column = found[group]
            if group == "S":
                column = column.str.replace(",", ".", regex=False)
            parts[group][where] = pd.to_numeric(column, errors="coerce").to_numpy(float)[inverse]
        matched[where] = hit[inverse]
    return Parts(empty=empty, matched=matched, parts=parts)


def _fields(layout: str, digits: np.ndarray) -> dict[str, np.ndarray]:
    """The numbers of one fixed layout, from its rows' digits (an array: rows × characters)."""

    def number(start: int, size: int) -> np.ndarray:
        value = np.zeros(len(digits), np.int64)
        for i in range(start, start + size):
            value = value * 10 + digits[:, i]
        return value.astype(float)

    out: dict[str, np.ndarray] = {}
    if layout.startswith("YYYY-"):
        out.update(iy=number(0, 4), im=number(5, 2), id=number(8, 2))
        clock = 11
    elif layout.startswith("DD/"):
        out.update(a=number(0, 2), b=number(3, 2), y=number(6, 4))
        clock = 11
    else:
        clock = 0
    if "HH" in layout:
        out.update(H=number(clock, 2), M=number(clock + 3, 2))
        out["S"] = number(clock + 6, 2) if layout.endswith("SS") else np.zeros(len(digits))
    return out


def slash_order(columns: list[Parts]) -> tuple[str, bool]:
    """(order of slashed dates for the whole file, whether both orders' evidence was seen)."""
    first_big = second_big = False
    for column in columns:
        first_big |= bool(np.nanmax(column.parts["a"], initial=0) > 12)
        second_big |= bool(np.nanmax(column.parts["b"], initial=0) > 12)
    if second_big and not first_big:
        return MONTH_FIRST, False
    return DAY_FIRST, first_big and second_big


def parse(column: Parts, order: str) -> Parsed:
    """Days and minutes of one column; a value with neither a readable date nor a time is ``bad``."""
    p = column.parts
    n = len(column.empty)
    iso = ~np.isnan(p["iy"])
    slash = ~np.isnan(p["y"])
    day_part, month_part = (p["a"], p["b"]) if order == DAY_FIRST else (p["b"], p["a"])
    year = np.where(iso, p["iy"], p["y"])
    month = np.where(iso, p["im"], month_part)
    dom = np.where(iso, p["id"], day_part)
    has_date = iso | slash
    day = _day_number(year, month, dom, has_date)
    hours, minutes = p["H"], p["M"]
    seconds = np.nan_to_num(p["S"], nan=0.0)
    has_time = ~np.isnan(hours)
    with np.errstate(invalid="ignore"):
        time_ok = has_time & (hours < 24) & (minutes < 60) & (seconds < 60)
    minute = np.where(time_ok, hours * 60 + minutes + seconds / 60, np.nan)
    bad = ~column.empty & (~column.matched | (has_date & np.isnan(day)) | (has_time & ~time_ok))
    style = np.full(n, "", dtype=object)
    style[iso] = ISO
    style[slash] = order
    return Parsed(day=day, minute=minute, empty=column.empty, bad=bad, style=style)


def _day_number(year: np.ndarray, month: np.ndarray, dom: np.ndarray, has_date: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of valid calendar dates; NaN for 31/02 or month 13 (and where no date)."""
    y = np.nan_to_num(np.asarray(year, float), nan=1970)
    m = np.nan_to_num(np.asarray(month, float), nan=1)
    d = np.nan_to_num(np.asarray(dom, float), nan=1)
    valid = has_date & (m >= 1) & (m <= 12) & (d >= 1) & (y >= 1900) & (y <= 2200)
    months = ((y - 1970) * 12 + np.clip(m, 1, 12) - 1).astype(np.int64)
    start = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    length = (months + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) - start
    valid &= d <= length
    return np.where(valid, start + d - 1, np.nan)
