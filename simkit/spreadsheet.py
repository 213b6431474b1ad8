"""CSV files that are safe to open in Excel or LibreOffice.

Why: a spreadsheet treats a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula. A learner's display name such as ``=HYPERLINK("http://…","x")`` or a scenario name typed
by someone else would become a live formula on the trainer's or planner's computer (CSV injection).
Every CSV simkit writes goes through ``csv_bytes``, which puts a ``'`` before such text, the usual
neutralisation (OWASP); numbers are left as numbers, so a negative difference stays ``-0.4``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Any) -> Any:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _is_text(column: pd.Series) -> bool:
    return column.dtype == object or pd.api.types.is_string_dtype(column)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) cannot run as formulas."""
    text_columns = [c for c in frame.columns if _is_text(frame[c])]
    risky_names = any(isinstance(c, str) and c.startswith(FORMULA_STARTS) for c in frame.columns)
    if not text_columns and not risky_names:
        return frame
    safe = frame.copy()
    for column in text_columns:
        safe[column] = safe[column].map(neutralised)
    safe.columns = [neutralised(c) for c in safe.columns]
    return safe


def csv_bytes(frame: pd.DataFrame, *, excel: bool = False) -> bytes:
    """``frame`` as UTF-8 CSV bytes, formula-safe. ``excel=True`` adds the byte-order mark and CRLF line
    ends that Excel on Windows needs to show Vietnamese letters (the trainer's exports)."""
    text = safe_frame(frame).to_csv(index=False, lineterminator="\r\n" if excel else "\n")
    return (("\ufeff" + text) if excel else text).encode("utf-8")
