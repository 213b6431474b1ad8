"""The calibration screen (a thin view): opens on the sample, switches language, one-line mistakes."""

from __future__ import annotations

from pathlib import Path

from simkit.plan.views.calibrate import CalibrateView


def test_opens_on_the_sample_and_switches_language_without_recomputing(strings) -> None:
    view = CalibrateView(lang="vi", replications=2)
    calibration = view.calibration
    assert calibration is not None and view.figure.value[:4] == b"\x89PNG"
    assert strings.get("estimate.heading", "vi") in view.estimates.value
    assert view.run_button.description == strings.get("view.run", "vi")
    view.lang_toggle.value = "en"
    assert view.calibration is calibration
    assert strings.get("estimate.heading", "en") in view.estimates.value
    assert view.run_button.description == strings.get("view.run", "en")
    assert "Data report:" in view.report.value


def test_a_wrong_file_is_one_line_in_the_message_area(tmp_path: Path) -> None:
    view = CalibrateView(lang="en", replications=2)
    book = tmp_path / "phieu.xlsx"
    book.write_bytes(b"PK\x03\x04....")
    view.path.value = str(book)
    view.run_button.click()
    assert "save the sheet as CSV (UTF-8)" in view.message.value and "role='alert'" in view.message.value
    assert view.calibration is None and view.estimates.value == "" and view.figure.value == b""
