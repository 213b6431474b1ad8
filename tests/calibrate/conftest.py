"""Shared helpers for the calibration tests: writing small ticket files, and the shipped strings."""

from __future__ import annotations

from pathlib import Path

import pytest

from simkit.calibrate.strings import CalibrateStrings, load_calibrate_strings

HEADER = "Ngày,Số phiếu,Lĩnh vực,Quầy,Giờ lấy số,Giờ gọi,Giờ kết thúc"


def write_log(tmp_path: Path, rows: list[str], header: str = HEADER, name: str = "phieu.csv") -> Path:
    """A ticket file with ``header`` and ``rows`` (line 1 is the header, so row i is on line i + 2)."""
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    return path


def busy_day(date: str, tickets: int = 30, start_minute: int = 450, gap: float = 7.0) -> list[str]:
    """``tickets`` clean rows on one date, one every ``gap`` minutes from ``start_minute``, 5 minutes each."""
    rows = []
    for i in range(tickets):
        issued = start_minute + i * gap
        called = issued + 1
        ended = called + 5 + i % 4
        rows.append(f"{date},{i + 1},Hộ tịch,Quầy {1 + i % 2},{_hms(issued)},{_hms(called)},{_hms(ended)}")
    return rows


def _hms(minute: float) -> str:
    seconds = int(round(minute * 60))
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


@pytest.fixture(scope="session")
def strings() -> CalibrateStrings:
    return load_calibrate_strings()
