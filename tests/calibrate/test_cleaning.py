"""Bad rows: each kind counted, the first few listed with their line numbers, the rest used."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from simkit.calibrate.cleaning import EXAMPLES, clean
from simkit.calibrate.columns import read_table
from simkit.calibrate.report import data_report_text
from simkit.calibrate.strings import PROBLEMS
from tests.calibrate.conftest import busy_day, write_log


def cleaned(tmp_path: Path, rows: list[str], **kwargs):
    return clean(read_table(write_log(tmp_path, rows, **kwargs)))


def problems(result) -> dict[str, tuple[int, list[int]]]:
    return {p.code: (p.count, [line for line, _ in p.examples]) for p in result.report.problems if p.count}


FLAWED = [
    "17/08/2026,1,Hộ tịch,Quầy 1,07:31:00,07:32:00,07:45:00",  # line 2: fine
    "17/08/2026,2,Hộ tịch,Quầy 1,07:33:00,07:20:00,07:45:00",  # 3: called before issued
    "17/08/2026,3,Hộ tịch,Quầy 2,07:35:00,07:50:00,07:40:00",  # 4: ended before called
    "17/08/2026,4,Hộ tịch,Quầy 2,7g35,07:50:00,07:55:00",  # 5: unreadable issue time
    "17/08/2026,5,Hộ tịch,Quầy 2,07:36:00,07:51:00,",  # 6: called, never ended
    "17/08/2026,6,Hộ tịch,Quầy 2,07:37:00,,07:59:00",  # 7: ended, never called
    "17/08/2026,7,Hộ tịch,Quầy 2,07:38:00,,",  # 8: never called: left
    "17/08/2026,7,Hộ tịch,Quầy 2,07:38:00,,",  # 9: duplicate ticket number
    "17/08/2026,8,Hộ tịch,Quầy 1,07:39:00,07:40:00,07:40:10",  # 10: called and closed in 10 s: left
    "31/02/2026,9,Hộ tịch,Quầy 1,07:39:00,07:40:00,07:50:00",  # 11: impossible date
    "17/08/2026,10,Hộ tịch,Quầy 1,07:41:00,07:42:00,12:50:00",  # 12: service over 4 hours
    "17/08/2026,11,Hộ tịch,Quầy 1,07:42:00,07:4x:00,07:50:00",  # 13: unreadable call time
    "17/08/2026,12,Hộ tịch,Quầy 1,07:43:00,07:44:00,99:00",  # 14: unreadable end time
]


def test_every_kind_of_flaw_is_counted_with_its_line(tmp_path: Path) -> None:
    result = cleaned(tmp_path, FLAWED)
    assert problems(result) == {
        "called_before_issued": (1, [3]),
        "ended_before_called": (1, [4]),
        "issued_unreadable": (1, [5]),
        "called_without_end": (1, [6]),
        "end_without_call": (1, [7]),
        "duplicate": (1, [9]),
        "no_date": (1, [11]),
        "service_too_long": (1, [12]),
        "called_unreadable": (1, [13]),
        "ended_unreadable": (1, [14]),
    }
    frame = result.frame
    # Dropped: unreadable issue time, duplicate, impossible date. Everything else is an arrival.
    assert result.report.rows == 13 and result.report.arrivals_used == 10
    assert frame.set_index("line")["status"].to_dict() == {
        2: "served",
        3: "unknown",
        4: "unknown",
        6: "unknown",
        7: "unknown",
        8: "left",
        10: "left",
        12: "unknown",
        13: "unknown",
        14: "unknown",
    }
    assert result.report.timing_used == 3


def test_only_the_first_few_are_listed_but_all_are_counted(tmp_path: Path) -> None:
    rows = busy_day("17/08/2026", 12)
    rows = [r.replace(r.split(",")[5], "07:00:00") for r in rows]  # every call before its issue
    result = cleaned(tmp_path, rows)
    count, lines = problems(result)["called_before_issued"]
    assert count == 12 and lines == list(range(2, 2 + EXAMPLES))
    text = data_report_text(result.report, "en")
    assert "12 rows called before the ticket was issued" in text and "… and 7 more of this kind" in text
    assert "line 2: Giờ lấy số “07:30:00”, Giờ gọi “07:00:00”" in text


def test_report_words_come_from_content_in_both_languages(tmp_path: Path, strings) -> None:
    result = cleaned(tmp_path, FLAWED)
    for lang in ("vi", "en"):
        text = data_report_text(result.report, lang)
        for code in PROBLEMS:
            assert strings.get(f"problem.{code}", lang, count=1) in text


def test_mixed_date_formats_are_read_and_reported(tmp_path: Path, strings) -> None:
    rows = busy_day("17/08/2026", 3) + busy_day("2026-08-18", 2)
    result = cleaned(tmp_path, rows)
    assert sorted(np.unique(result.frame["day"])) == [20682, 20683]
    notes = dict(result.report.notes)
    assert notes["note.mixed_dates"] == {"styles": "DD/MM/YYYY (3), YYYY-MM-DD (2)", "order": "DD/MM/YYYY"}


def test_month_first_exports_are_detected_from_the_file_as_a_whole(tmp_path: Path) -> None:
    rows = busy_day("08/17/2026", 2) + busy_day("08/03/2026", 2)  # 17 can only be a day: month first
    result = cleaned(tmp_path, rows)
    assert set(result.frame["day"]) == {20682, 20668}  # 17 and 3 August 2026
    assert "note.month_first" in dict(result.report.notes)


def test_datetimes_in_each_column_and_a_call_dated_the_next_day(tmp_path: Path) -> None:
    header = "Số phiếu,Giờ lấy số,Giờ gọi,Giờ kết thúc"
    rows = [
        "1,2026-08-17 16:50:00,2026-08-17 16:55:00,2026-08-17 17:05:00",
        "2,17/08/2026 23:58,18/08/2026 00:03,18/08/2026 00:10",
        "3,2026-08-17T08:00:00,2026-08-17T08:10:30,2026-08-17T08:20:30",
    ]
    result = cleaned(tmp_path, rows, header=header)
    frame = result.frame.set_index("line")
    assert frame.loc[3, "called"] == pytest.approx(1440 + 3) and frame.loc[3, "ended"] == pytest.approx(1450)
    assert frame.loc[4, "called"] - frame.loc[4, "issued"] == pytest.approx(10.5)
    assert (frame["status"] == "served").all()


def test_a_file_without_any_date_says_so(tmp_path: Path) -> None:
    result = cleaned(tmp_path, ["1,07:31,07:35,07:41"], header="Số phiếu,Giờ lấy số,Giờ gọi,Giờ kết thúc")
    assert problems(result) == {"no_date": (1, [2])}
