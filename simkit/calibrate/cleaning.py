"""From the export's text to clean tickets, and an honest account of every row that could not be used.

Real exports have flaws: a clock typed by hand, a ticket closed before it was called, the same ticket
twice after a re-export. Each flaw is counted and its first rows listed with their line numbers; the
other rows are used. A row whose *issue* time is readable still counts as an arrival even when its call
or end time is broken (the citizen did come), but it gives no wait and no service time.

Why "called and ended within 30 seconds" is not a service: queue systems record a ticket called when
nobody answered as called and immediately closed. Those citizens had left; they are counted with the
tickets never called, not as half-minute services that would shorten every fitted service time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simkit.calibrate import timeparse
from simkit.calibrate.columns import TicketTable
from simkit.calibrate.strings import PROBLEMS

EXAMPLES = 5
"""How many rows of each kind of flaw are listed with their line numbers (all are counted)."""

DROPPING = frozenset({"no_date", "issued_unreadable", "duplicate"})
"""Of the kinds of flaw (``PROBLEMS``, in report order), those that remove the row; the others keep it as
an arrival."""


@dataclass
class Problem:
    """One kind of flaw: how many rows have it and the first few (line number, what the row says)."""

    code: str
    count: int = 0
    examples: list[tuple[int, str]] = field(default_factory=list)

    @property
    def drops_row(self) -> bool:
        return self.code in DROPPING


@dataclass
class DataReport:
    """What was read, what was used and what was wrong; notes are ``(string key, placeholders)``."""

    path: str
    rows: int
    columns: dict[str, str]
    ignored_columns: tuple[str, ...]
    problems: list[Problem]
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    arrivals_used: int = 0
    timing_used: int = 0

    @property
    def rows_dropped(self) -> int:
        return self.rows - self.arrivals_used


@dataclass(frozen=True)
class CleanTickets:
    """One row per usable ticket: day number, minutes from that day's midnight, and what happened.

    ``status`` is ``served`` (called, then ended), ``left`` (never called, or called and closed
    within ``min_service`` minutes: nobody answered) or ``unknown`` (its call or end time was broken).
    """

    frame: pd.DataFrame
    report: DataReport


def clean(table: TicketTable, *, min_service: float = 0.5, max_service: float = 240.0) -> CleanTickets:
    """Parse every row of ``table``; see the module docstring for what counts as a flaw."""
    rows = table.rows
    n = len(rows)
    lines = table.lines.to_numpy()
    problems = {code: Problem(code) for code in PROBLEMS}
    report = DataReport(
        path=str(table.path),
        rows=n,
        columns=dict(table.columns),
        ignored_columns=table.ignored,
        problems=list(problems.values()),
    )
    raw = {
        name: rows[name] if name in rows else pd.Series([""] * n, dtype=object)
        for name in ("date", "issued", "called", "ended")
    }
    parts = {name: timeparse.split(values) for name, values in raw.items()}
    order, ambiguous = timeparse.slash_order(list(parts.values()))
    parsed = {name: timeparse.parse(p, order) for name, p in parts.items()}
    _note_date_styles(report, parsed, order, ambiguous)

    issued = parsed["issued"]
    day = np.where(np.isnan(issued.day), parsed["date"].day, issued.day)
    dropped = np.zeros(n, bool)

    def flag(code: str, mask: np.ndarray, *columns: str) -> None:
        mask = mask & ~dropped
        problem = problems[code]
        problem.count += int(mask.sum())
        for index in np.flatnonzero(mask)[: EXAMPLES - len(problem.examples)]:
            shown = _row_text(rows, int(index), columns, table.columns)
            problem.examples.append((int(lines[index]), shown))

    flag("issued_unreadable", issued.bad | issued.empty | np.isnan(issued.minute), "issued")
    dropped |= issued.bad | issued.empty | np.isnan(issued.minute)
    flag("no_date", np.isnan(day), "date" if "date" in rows else "issued")
    dropped |= np.isnan(day)

    if "ticket" in rows:
        key = pd.DataFrame({"day": day, "ticket": rows["ticket"].str.strip()})
        repeat = key.duplicated(keep="first").to_numpy() & (key["ticket"] != "").to_numpy()
        flag("duplicate", repeat, "date", "ticket", "issued")
        dropped |= repeat

    called = _relative(parsed["called"], day)
    ended = _relative(parsed["ended"], day)
    broken = np.zeros(n, bool)
    for code, mask, columns in (
        ("called_unreadable", parsed["called"].bad, ("called",)),
        ("ended_unreadable", parsed["ended"].bad, ("ended",)),
        ("called_without_end", ~np.isnan(called) & parsed["ended"].empty, ("called", "ended")),
        ("end_without_call", parsed["called"].empty & ~np.isnan(ended), ("called", "ended")),
        ("called_before_issued", called < issued.minute, ("issued", "called")),
        ("ended_before_called", ended < called, ("called", "ended")),
        ("service_too_long", ended - called > max_service, ("called", "ended")),
    ):
        flag(code, mask & ~broken, *columns)
        broken |= mask
    keep = ~dropped
    service = ended - called
    status = np.where(
        broken,
        "unknown",
        np.where(np.isnan(called) | (service < min_service), "left", "served"),
    )
    frame = pd.DataFrame(
        {
            "line": lines,
            "day": day,
            "issued": issued.minute,
            "called": np.where(broken, np.nan, called),
            "ended": np.where(status == "served", ended, np.nan),
            "status": status,
            "counter": _text(rows, "counter", n),
            "procedure": _text(rows, "procedure", n),
        }
    )[keep].reset_index(drop=True)
    frame["day"] = frame["day"].astype(np.int64)
    frame = frame.sort_values(["day", "issued"], kind="stable").reset_index(drop=True)
    report.arrivals_used = len(frame)
    report.timing_used = int((frame["status"] != "unknown").sum())
    for missing, note in (("counter", "note.no_counter"), ("procedure", "note.no_procedure")):
        if missing not in rows:
            report.notes.append((note, {}))
    if table.ignored:
        report.notes.append(("note.ignored_columns", {"columns": ", ".join(table.ignored)}))
    return CleanTickets(frame=frame, report=report)


def _relative(parsed: timeparse.Parsed, day: np.ndarray) -> np.ndarray:
    """Minutes after the ticket's own midnight (a call dated the next day is 1,440 minutes later)."""
    offset = np.where(np.isnan(parsed.day), 0.0, (parsed.day - day) * 1440.0)
    return parsed.minute + offset


def _text(rows: pd.DataFrame, name: str, n: int) -> np.ndarray:
    if name not in rows:
        return np.full(n, "", dtype=object)
    return rows[name].str.strip().to_numpy(dtype=object)


def _row_text(rows: pd.DataFrame, index: int, columns: tuple[str, ...], headers: Mapping[str, str]) -> str:
    """What the planner sees of a flawed row: the offending values under the file's own headers."""
    record = rows.iloc[index]
    shown = [f"{headers[c]} “{record[c]}”" for c in columns if c in rows]
    return ", ".join(shown) if shown else " | ".join(str(v) for v in record.to_numpy())


def _note_date_styles(
    report: DataReport, parsed: dict[str, timeparse.Parsed], order: str, ambiguous: bool
) -> None:
    counts: dict[str, int] = {}
    for column in parsed.values():
        for style, count in pd.Series(column.style[column.style != ""]).value_counts().items():
            counts[str(style)] = counts.get(str(style), 0) + int(count)
    if len(counts) > 1:
        styles = ", ".join(f"{style} ({count})" for style, count in sorted(counts.items()))
        report.notes.append(("note.mixed_dates", {"styles": styles, "order": order}))
    if order == timeparse.MONTH_FIRST:
        report.notes.append(("note.month_first", {}))
    if ambiguous:
        report.notes.append(("note.ambiguous_dates", {}))
