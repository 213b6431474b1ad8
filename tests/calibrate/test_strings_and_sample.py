"""content/ui/calibrate.yaml is complete and checked on load; the sample log is synthetic and reproducible."""

from __future__ import annotations

import runpy
import shutil
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from simkit.calibrate import sample_path
from simkit.calibrate.strings import KEYS, UI_FILE, load_calibrate_strings
from simkit.errors import ConfigError
from simkit.sim.loading import content_dir

REPO = Path(__file__).resolve().parents[2]


def test_every_key_in_both_languages_with_vietnamese_diacritics(strings) -> None:
    assert set(strings.entries) == set(KEYS)

    def has_diacritics(text: str) -> bool:
        return "đ" in text.lower() or any(
            unicodedata.combining(c) for c in unicodedata.normalize("NFD", text)
        )

    assert all(has_diacritics(e.vi) for e in strings.entries.values() if len(e.vi) > 12)


def test_a_broken_strings_file_is_one_line_naming_file_and_key(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "content"
    shutil.copytree(content_dir() / "ui", copy / "ui")
    path = copy / UI_FILE
    path.write_text(path.read_text("utf-8").replace('en: "Data report: {file}"', 'en: "Data report: {fil}"'))
    monkeypatch.setenv("SIMKIT_CONTENT", str(copy))
    with pytest.raises(ConfigError) as caught:
        load_calibrate_strings()
    assert (
        str(path) in str(caught.value)
        and "report.title.en" in str(caught.value)
        and "{fil}" in str(caught.value)
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Hộ tịch", "civil_status"),
        ("HỘ TỊCH - KHAI SINH", "civil_status"),
        ("Chứng thực bản sao", "certification"),
        ("Đất đai", "land"),
        ("Hộ kinh doanh", "household_business"),
        ("Tư pháp", None),
    ],
)
def test_glossary_matches_the_start_of_a_field_name(strings, name, key) -> None:
    entry = strings.glossary_entry(name)
    assert (entry.key if entry else None) == key


def test_the_sample_is_labelled_synthetic_and_holds_no_personal_data() -> None:
    text = sample_path().read_text("utf-8")
    assert text.startswith("# DỮ LIỆU TỔNG HỢP") and "# SYNTHETIC DATA" in text.splitlines()[1]
    log = pd.read_csv(sample_path(), comment="#", dtype=str, keep_default_na=False)
    assert list(log.columns) == [
        "Ngày",
        "Số phiếu",
        "Lĩnh vực",
        "Quầy",
        "Giờ lấy số",
        "Giờ gọi",
        "Giờ kết thúc",
    ]
    assert log["Số phiếu"].str.fullmatch(r"\d{1,4}").all()
    assert set(log["Quầy"]) <= {"", "Quầy 1", "Quầy 2", "Quầy 3"}
    assert (sample_path().parent / "README.md").read_text("utf-8").count("synthetic") >= 1


def test_the_documented_script_makes_exactly_the_shipped_sample(tmp_path: Path) -> None:
    out = tmp_path / "again.csv"
    script = runpy.run_path(str(REPO / "scripts" / "make_sample_tickets.py"))
    assert script["main"]([str(out)]) == 0
    assert out.read_bytes() == sample_path().read_bytes()
