"""Export: CSV and PNG into the named folder, a self-contained HTML report, every file written atomically."""

from __future__ import annotations

import errno
import html
import re
from pathlib import Path

import pandas as pd
import pytest

from simkit import atomic
from simkit.plan.dashboard import FIGURES, DashboardModel, PlanRun
from simkit.plan.export import export_files, export_folder, report_html, write_report
from simkit.plan.inputs import PlanInputError, planner_presets
from simkit.plan.strings import PlanStrings


@pytest.fixture(scope="module")
def run(strings: PlanStrings) -> PlanRun:
    model = DashboardModel("commune_pasc", replications=3, strings=strings)
    return model.evaluate({**model.defaults().as_dict(), "counters": 2})  # the preset has 3


def test_the_folder_name_is_checked(tmp_path: Path, strings: PlanStrings) -> None:
    assert export_folder(" results/xa_an_binh ", tmp_path) == tmp_path / "results" / "xa_an_binh"
    assert export_folder(tmp_path / "abs", Path("/elsewhere")) == tmp_path / "abs"
    (tmp_path / "a_file").write_text("x")
    for name, key in (
        ("", "problem.folder_empty"),
        ("bad:name?", "problem.folder_characters"),
        ("a_file", "problem.folder_is_file"),
    ):
        with pytest.raises(PlanInputError) as info:
            export_folder(name, tmp_path)
        assert info.value.problems[0].key == key and info.value.message(strings, "vi")


def test_csv_and_png_files_are_written(run: PlanRun, tmp_path: Path, strings: PlanStrings) -> None:
    folder = tmp_path / "out"
    paths = export_files(run, folder, strings, "vi")
    names = sorted(p.name for p in paths)
    assert names == sorted(
        [
            "summary.csv",
            "hourly.csv",
            "hourly_table.csv",
            "replications.csv",
            "citizens.csv",
            "scenario.yaml",
            "key_numbers.csv",
            *(f"{name}.png" for name in FIGURES),
        ]
    )
    summary = pd.read_csv(folder / "summary.csv").set_index("key")
    expected = run.results.summary().set_index("key")
    # summary.csv is rounded for reading (three significant figures: simkit.sim.report.labelled_summary)
    assert summary.loc["walkin_wait_mean", "mean"] == pytest.approx(
        expected.loc["walkin_wait_mean", "mean"], rel=5e-3, abs=5e-3
    )
    numbers = pd.read_csv(folder / "key_numbers.csv").set_index("field")
    assert numbers.loc["counters", "value"] == "2" and numbers.loc["counters", "preset"] == "3"
    for name in FIGURES:
        assert (folder / f"{name}.png").read_bytes().startswith(b"\x89PNG")
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_failed_write_is_a_sentence_and_leaves_no_half_file(
    run: PlanRun, tmp_path: Path, strings: PlanStrings, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "report.html").write_text("the old report")

    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "write_bytes", full_disk)
    with pytest.raises(PlanInputError) as info:
        write_report(run, folder, strings, "en")
    assert info.value.message(strings, "en").startswith(
        "The results could not be saved: No space left on device."
    )
    assert (folder / "report.html").read_text() == "the old report"
    with pytest.raises(PlanInputError):
        export_files(run, tmp_path / "other", strings, "vi")


def test_the_report_is_self_contained(run: PlanRun, tmp_path: Path, strings: PlanStrings) -> None:
    path = write_report(run, tmp_path, strings, "vi")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert not re.search(r"https?://", text), "the report must not link or load anything outside itself"
    sources = re.findall(r'(?:src|href)="([^"]*)"', text)
    assert len(sources) == len(FIGURES) and all(s.startswith("data:image/png;base64,") for s in sources)
    assert "@import" not in text and "url(" not in text
    for assumption in run.scenario.assumptions:
        assert html.escape(assumption.vi) in text
    assert html.escape(run.caption("wait_by_hour", "vi")) in text
    assert "<b>*</b>" in text  # the changed number of counters is marked


@pytest.mark.parametrize("name", planner_presets())
def test_no_preset_puts_a_web_address_in_the_report(name: str, strings: PlanStrings) -> None:
    model = DashboardModel(name, replications=2, strings=strings)
    text = report_html(model.evaluate(model.defaults().as_dict()), strings, "en")
    assert not re.search(r"https?://", text)
