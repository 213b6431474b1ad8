"""CSV files open safely in spreadsheets: text that would run as a formula gets a leading quote."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from simkit.spreadsheet import csv_bytes, neutralised, safe_frame


@pytest.mark.parametrize("text", ["=1+1", "+41", "-2+3", "@A1", "\t=1", "\r=1", '=HYPERLINK("x")'])
def test_text_a_spreadsheet_would_run_is_quoted(text: str) -> None:
    assert neutralised(text) == "'" + text


@pytest.mark.parametrize("value", ["Cô Lan", "", "1=1", 3, -0.5, None, float("nan")])
def test_everything_else_is_left_alone(value) -> None:
    assert neutralised(value) is value


def test_numbers_stay_numbers_and_text_columns_are_safe() -> None:
    frame = pd.DataFrame({"name": ["=cmd", "Lan"], "difference": [-0.4, 1.5], "-col": [1, 2]})
    back = pd.read_csv(io.StringIO(csv_bytes(frame).decode("utf-8")))
    assert list(back.columns) == ["name", "difference", "'-col"]
    assert list(back["name"]) == ["'=cmd", "Lan"]
    assert list(back["difference"]) == [-0.4, 1.5]
    assert list(frame["name"]) == ["=cmd", "Lan"]  # the caller's frame is not changed


def test_excel_flavour_has_a_bom_and_crlf() -> None:
    raw = csv_bytes(pd.DataFrame({"Học viên": ["Bà Tư"]}), excel=True)
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    assert raw.decode("utf-8-sig") == "Học viên\r\nBà Tư\r\n"


def test_a_frame_without_text_is_returned_as_is() -> None:
    frame = pd.DataFrame({"a": [1.0, -2.0]})
    assert safe_frame(frame) is frame
