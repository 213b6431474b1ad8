"""Reading ticket exports: accepted headers, the planner's mapping, and files of another kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from simkit.calibrate.columns import FIELDS, normalise_header, read_table
from simkit.errors import ConfigError
from tests.calibrate.conftest import busy_day, write_log


def test_vietnamese_headers_are_recognised_and_extra_columns_listed(tmp_path: Path) -> None:
    path = write_log(
        tmp_path,
        busy_day("17/08/2026", 3),
        header="Ngày,Số phiếu,Lĩnh vực,Quầy,Giờ lấy số,Giờ gọi,Giờ kết thúc",
    )
    table = read_table(path)
    assert table.columns == {
        "ticket": "Số phiếu",
        "date": "Ngày",
        "issued": "Giờ lấy số",
        "called": "Giờ gọi",
        "ended": "Giờ kết thúc",
        "counter": "Quầy",
        "procedure": "Lĩnh vực",
    }
    assert list(table.lines) == [2, 3, 4]


@pytest.mark.parametrize(
    "header",
    [
        "NGÀY;SỐ PHIẾU;LĨNH VỰC;QUẦY;GIỜ LẤY SỐ;GIỜ GỌI;GIỜ KẾT THÚC",  # capitals, semicolons
        "Ngay\tSo phieu\tLinh vuc\tQuay\tGio lay so\tGio goi\tGio ket thuc",  # no diacritics, tabs
        "date,ticket,procedure,counter,issued,called,ended",
    ],
)
def test_header_variants_and_separators(tmp_path: Path, header: str) -> None:
    sep = ";" if ";" in header else "\t" if "\t" in header else ","
    rows = [r.replace(",", sep) for r in busy_day("17/08/2026", 2)]
    table = read_table(write_log(tmp_path, rows, header=header))
    assert set(table.columns) == set(FIELDS) and table.ignored == ()
    assert table.rows["issued"].tolist() == ["07:30:00", "07:37:00"]


def test_a_mapping_names_other_headers_and_unknown_columns_are_ignored(tmp_path: Path) -> None:
    path = write_log(
        tmp_path,
        ["17/08/2026,A001,07:31,07:40,07:52,Ghi chú"],
        header="Ngày,Mã,In lúc,Gọi lúc,Xong lúc,Ghi chú",
    )
    table = read_table(path, {"In lúc": "issued", "gọi lúc": "called", "Xong lúc": "ended", "Mã": "ticket"})
    assert table.columns["issued"] == "In lúc" and table.columns["called"] == "Gọi lúc"
    assert table.ignored == ("Ghi chú",)


def test_missing_issue_column_is_one_line_listing_the_columns(tmp_path: Path) -> None:
    path = write_log(tmp_path, ["Nguyễn Văn A,Cán bộ"], header="Họ tên,Chức vụ")
    with pytest.raises(ConfigError) as caught:
        read_table(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    assert "does not look like a ticket export" in message and "Họ tên, Chức vụ" in message


def test_mapping_mistakes_are_named(tmp_path: Path) -> None:
    path = write_log(tmp_path, busy_day("17/08/2026", 1))
    with pytest.raises(ConfigError, match="'arrival', which is not a field"):
        read_table(path, {"Giờ lấy số": "arrival"})
    with pytest.raises(ConfigError, match="has no column 'Thời điểm in'"):
        read_table(path, {"Thời điểm in": "issued"})


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04rest-of-a-zip", "Excel .xlsx"),
        (b"%PDF-1.7\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1", "old Excel .xls"),
        (b"", "empty"),
        (b"# only a comment\n\n", "empty"),
        (b"a,b\x00c\n", "not a text file"),
    ],
)
def test_files_of_another_kind_are_refused_in_one_line(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as caught:
        read_table(path)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        read_table(tmp_path / "nothing.csv")
    with pytest.raises(ConfigError, match="is a folder"):
        read_table(tmp_path)


def test_utf16_and_windows_1258_exports_are_read(tmp_path: Path) -> None:
    text = "\n".join(
        ["Giờ lấy số\tGiờ gọi\tGiờ kết thúc", "17/08/2026 07:31\t17/08/2026 07:35\t17/08/2026 07:41"]
    )
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode("utf-16"))
    assert read_table(path).rows["issued"].tolist() == ["17/08/2026 07:31"]
    path = tmp_path / "windows.csv"
    path.write_bytes("Ngay,Gio lay so\n17/08/2026,07:31\n".encode("cp1258"))
    assert read_table(path).columns["issued"] == "Gio lay so"


def test_comment_and_blank_lines_keep_line_numbers_true(tmp_path: Path) -> None:
    rows = busy_day("17/08/2026", 3)
    path = tmp_path / "phieu.csv"
    header = "Ngày,Số phiếu,Lĩnh vực,Quầy,Giờ lấy số,Giờ gọi,Giờ kết thúc"
    path.write_text(
        "# synthetic\n# second comment\n" + header + "\n" + rows[0] + "\n\n" + "\n".join(rows[1:]) + "\n"
    )
    table = read_table(path)
    assert list(table.lines) == [4, 6, 7]
    assert table.rows["ticket"].tolist() == ["1", "2", "3"]


def test_normalise_header() -> None:
    assert normalise_header("  Giờ  Kết_Thúc ") == "gio ket thuc"
    assert normalise_header("Đất đai") == "dat dai"
