"""Reading a ticket export and finding its columns, whatever the queue software called them.

A queue-ticket system (the kiosk that prints a number) and the one-stop software export one row per
ticket. Vendors name the columns differently — "Giờ lấy số" or "Thời gian lấy số", "Issue time" or
"issued" — so each of simkit's fields has a list of accepted headers, compared without case, spaces or
Vietnamese diacritics, and a planner can map any other header with ``mapping={"Header": "field"}``.

Why refuse early: a spreadsheet saved as .xlsx, a PDF report, or the wrong CSV (a staff list) must give
one line saying what the file is and what was expected, before any estimate is attempted.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from simkit.errors import ConfigError

FIELDS: dict[str, tuple[str, ...]] = {
    "ticket": ("ticket", "ticket number", "ticket_no", "so phieu", "so thu tu phieu", "ma phieu"),
    "date": ("date", "ngay", "ngay lay so", "ngay giao dich"),
    "issued": (
        "issued",
        "issue time",
        "issued at",
        "gio lay so",
        "thoi gian lay so",
        "thoi diem lay so",
        "gio in phieu",
    ),
    "called": ("called", "call time", "called at", "gio goi", "thoi gian goi", "gio goi so", "gio bat dau"),
    "ended": (
        "ended",
        "end time",
        "ended at",
        "gio ket thuc",
        "thoi gian ket thuc",
        "gio hoan thanh",
    ),
    "counter": ("counter", "desk", "quay", "quay so", "so quay"),
    "procedure": ("procedure", "service", "field", "linh vuc", "thu tuc", "dich vu", "loai thu tuc"),
}
"""Each field simkit reads, and the headers accepted for it (normalised: lower case, no diacritics)."""

MAX_BYTES = 500_000_000
"""The largest ticket file read (about five million tickets): a bigger one is another kind of file, or
years of a very busy centre that should be calibrated a year at a time."""

REQUIRED = ("issued",)
"""Without the issue time nothing can be estimated; every other field only adds estimates."""

_BINARY_KINDS = {
    b"PK\x03\x04": "an Excel .xlsx workbook (or another zip file)",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
}


def normalise_header(text: str) -> str:
    """``"  Giờ Lấy Số "`` → ``"gio lay so"``: lower case, no diacritics (đ → d), single spaces."""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s_\-.:]+", " ", plain).strip()


@dataclass(frozen=True)
class TicketTable:
    """The export's rows as text, under simkit's field names, with each row's line in the file."""

    path: Path
    rows: pd.DataFrame
    lines: pd.Series
    columns: Mapping[str, str]
    ignored: tuple[str, ...]


def read_table(path: Path | str, mapping: Mapping[str, str] | None = None) -> TicketTable:
    """The ticket file's rows as strings, columns renamed to simkit's fields; one-line errors otherwise."""
    path = Path(path)
    text = _decoded(path)
    lines = text.splitlines()
    skipped = 0
    while skipped < len(lines) and (not lines[skipped].strip() or lines[skipped].lstrip().startswith("#")):
        skipped += 1  # leading comment lines (the sample's "synthetic" label) and blank lines
    if skipped == len(lines):
        raise ConfigError("the file is empty: no header row and no tickets", where=str(path))
    delimiter = _delimiter(lines[skipped])
    try:
        frame = pd.read_csv(
            io.StringIO("\n".join(lines[skipped:])),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            quoting=csv.QUOTE_MINIMAL,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise ConfigError(
            f"cannot be read as a table ({str(exc).splitlines()[0]})", where=str(path)
        ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    columns = _match_columns(list(frame.columns), mapping or {}, path)
    renamed = frame[list(columns.values())].copy()
    renamed.columns = list(columns)
    blank = (renamed == "").all(axis=1) if len(renamed) else pd.Series([], dtype=bool)
    line_numbers = pd.Series(range(skipped + 2, skipped + 2 + len(renamed)), index=renamed.index)
    renamed, line_numbers = renamed[~blank], line_numbers[~blank]
    ignored = tuple(c for c in frame.columns if c not in columns.values())
    return TicketTable(
        path, renamed.reset_index(drop=True), line_numbers.reset_index(drop=True), columns, ignored
    )


def _decoded(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES and path.is_file():
            raise ConfigError(
                f"is {size / 1e6:,.0f} MB; at most {MAX_BYTES / 1e6:,.0f} MB (about five million tickets) is "
                "read — calibrate a year at a time",
                where=str(path),
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("file not found", where=str(path)) from None
    except IsADirectoryError:
        raise ConfigError(
            "is a folder, not a ticket file (give the CSV file itself)", where=str(path)
        ) from None
    except OSError as exc:
        raise ConfigError(f"cannot be read ({exc.strerror})", where=str(path)) from None
    for magic, kind in _BINARY_KINDS.items():
        if data.startswith(magic):
            raise ConfigError(
                f"is {kind}, not a ticket export; save the sheet as CSV (UTF-8) and give that file",
                where=str(path),
            )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")  # Excel's "Unicode text" export
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise ConfigError(
        "is not a text file in UTF-8 (or Windows-1258); save the export as CSV (UTF-8)", where=str(path)
    )


def _delimiter(header: str) -> str:
    """The separator of the header line: the commonest of comma, semicolon and tab."""
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep])


def _match_columns(headers: list[str], mapping: Mapping[str, str], path: Path) -> dict[str, str]:
    """simkit field → header in the file, from the planner's mapping first, then the accepted names."""
    by_normal = {normalise_header(h): h for h in headers}
    found: dict[str, str] = {}
    for header, field in mapping.items():
        if field not in FIELDS:
            raise ConfigError(
                f"maps '{header}' to '{field}', which is not a field; fields are {', '.join(FIELDS)}",
                where="column mapping",
            )
        actual = header if header in headers else by_normal.get(normalise_header(header))
        if actual is None:
            raise ConfigError(
                f"has no column '{header}' (its columns are: {', '.join(headers)})", where=str(path)
            )
        found[field] = actual
    taken = set(found.values())
    for field, names in FIELDS.items():
        if field in found:
            continue
        for name in names:
            header = by_normal.get(name)
            if header is not None and header not in taken:
                found[field] = header
                taken.add(header)
                break
    missing = [f for f in REQUIRED if f not in found]
    if missing:
        accepted = ", ".join(f'"{n}"' for n in FIELDS[missing[0]][:5])
        raise ConfigError(
            f"does not look like a ticket export: no column for the issue time ('{missing[0]}'; accepted "
            f"headers include {accepted}, 'Giờ lấy số'; or map yours, e.g. --map 'Thời điểm in=issued'). "
            f"Its columns are: {', '.join(headers) or 'none'}",
            where=str(path),
        )
    return {field: found[field] for field in FIELDS if field in found}
