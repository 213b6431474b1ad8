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


@dataclass(frozen=True)
class Parts:
    """The pieces found in one column, before the file's date order is decided."""

    empty: np.ndarray
    matched: np.ndarray
    parts: pd.DataFrame


@dataclass(frozen=True)
class Parsed:
    """One column read: the day (days since 1970-01-01) and minute of day, NaN where absent or unreadable."""

    day: np.ndarray
    minute: np.ndarray
    empty: np.ndarray
    bad: np.ndarray
    style: np.ndarray


def split(values: pd.Series) -> Parts:
    """Find date and time pieces in every value of a column (vectorised: one regular expression)."""
    text = values.fillna("").astype(str)
    empty = (text.str.strip() == "").to_numpy()
    parts = text.str.extract(_PATTERN)
    found = parts.notna().any(axis=1).to_numpy()
    return Parts(empty=empty, matched=found & ~empty, parts=parts)


def slash_order(columns: list[Parts]) -> tuple[str, bool]:
    """(order of slashed dates for the whole file, whether both orders' evidence was seen)."""
    first_big = second_big = False
    for column in columns:
        a = pd.to_numeric(column.parts["a"], errors="coerce")
        b = pd.to_numeric(column.parts["b"], errors="coerce")
        first_big |= bool((a > 12).any())
        second_big |= bool((b > 12).any())
    if second_big and not first_big:
        return MONTH_FIRST, False
    return DAY_FIRST, first_big and second_big


def parse(column: Parts, order: str) -> Parsed:
    """Days and minutes of one column; a value with neither a readable date nor a time is ``bad``."""
    p = column.parts
    n = len(p)
    iso = p["iy"].notna().to_numpy()
    slash = p["y"].notna().to_numpy()
    first = pd.to_numeric(p["a"], errors="coerce")
    second = pd.to_numeric(p["b"], errors="coerce")
    day_part, month_part = (first, second) if order == DAY_FIRST else (second, first)
    year = np.where(iso, pd.to_numeric(p["iy"], errors="coerce"), pd.to_numeric(p["y"], errors="coerce"))
    month = np.where(iso, pd.to_numeric(p["im"], errors="coerce"), month_part)
    dom = np.where(iso, pd.to_numeric(p["id"], errors="coerce"), day_part)
    has_date = iso | slash
    day = _day_number(year, month, dom, has_date)
    hours = pd.to_numeric(p["H"], errors="coerce").to_numpy(float)
    minutes = pd.to_numeric(p["M"], errors="coerce").to_numpy(float)
    seconds = (
        pd.to_numeric(p["S"].str.replace(",", ".", regex=False), errors="coerce").fillna(0).to_numpy(float)
    )
    has_time = ~np.isnan(hours)
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
