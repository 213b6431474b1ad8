"""The calibration screen (a thin view on the one widget layer): opens on the sample, switches language,
one-line mistakes, the unexpected logged and the previous results kept."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from simkit.calibrate.strings import CalibrateStrings
from simkit.plan.strings import load_plan_strings
from simkit.plan.views.calibrate import CalibrateView, report_html
from simkit.widgets.view import ScreenView


def test_opens_on_the_sample_and_switches_language_without_recomputing(strings: CalibrateStrings) -> None:
    view = CalibrateView(lang="vi", replications=2)
    assert isinstance(view, ScreenView) and "simkit-plan" in view._dom_classes
    calibration = view.calibration
    assert calibration is not None and view.figure.value[:4] == b"\x89PNG"
    assert strings.get("view.title", "vi") in view.title.value
    assert strings.get("estimate.heading", "vi") in view.estimates.value
    assert view.run_button.description == strings.get("view.run", "vi")
    assert view.large.description == load_plan_strings().get("common.large", "vi")
    view.lang_toggle.value = "en"
    assert view.calibration is calibration
    assert strings.get("estimate.heading", "en") in view.estimates.value
    assert view.run_button.description == strings.get("view.run", "en")
    assert view.lang_toggle.description == load_plan_strings().get("common.language", "en")
    assert strings.get("report.title", "en", file="") in view.report.value


def test_a_wrong_file_is_one_line_in_the_message_area(tmp_path: Path) -> None:
    view = CalibrateView(lang="en", replications=2)
    book = tmp_path / "phieu.xlsx"
    book.write_bytes(b"PK\x03\x04....")
    view.path.value = str(book)
    view.run_button.click()
    assert "save the sheet as CSV (UTF-8)" in view.message.value and "role='alert'" in view.message.value
    assert view.calibration is None and view.estimates.value == "" and view.figure.value == b""


def test_an_unexpected_error_is_logged_and_keeps_the_results(
    strings: CalibrateStrings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    view = CalibrateView(lang="en", replications=2)
    shown = view.estimates.value

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("simkit.calibrate.calibrate", broken)
    with caplog.at_level(logging.ERROR, logger="simkit.widgets"):
        view.run_button.click()
    expected = strings.get("view.unexpected", "en", message="RuntimeError: disk on fire")
    assert expected in view.message.value.replace("&#x27;", "'") and "role='alert'" in view.message.value
    assert view.estimates.value == shown and any(r.exc_info for r in caplog.records)


def test_the_data_report_wraps_as_paragraphs_and_lists() -> None:
    text = "Title: x\nRows with problems:\n  • 1 row <bad>\n      line 7: “08:6O”\nNotes:\n  • two dates"
    assert report_html(text) == (
        "<p>Title: x</p><p>Rows with problems:</p><ul><li>1 row &lt;bad&gt;</li><ul><li>line 7: “08:6O”</li>"
        "</ul></ul><p>Notes:</p><ul><li>two dates</li></ul>"
    )
