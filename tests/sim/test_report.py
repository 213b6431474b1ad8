"""What a run hands to people: formatted numbers, the KPI table, and a folder of files written atomically."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pandas as pd
import pytest
import yaml
from scipy import stats

from simkit import atomic
from simkit.errors import ConfigError
from simkit.output_folder import check_out_folder
from simkit.sim.describe import scenario_facts
from simkit.sim.experiment import Results
from simkit.sim.keys import SHARE_KEYS, SIGNED_KEYS, SUMMARY_KEYS
from simkit.sim.labels import load_labels
from simkit.sim.loading import validate_scenario
from simkit.sim.report import (
    format_value,
    hour_range,
    hourly_table,
    interval_cut,
    kpi_table,
    labelled_summary,
    row_decimals,
    write_outputs,
)
from tests.sim.conftest import build, run_many

OUTPUT_FILES = [
    "summary.csv",
    "hourly.csv",
    "hourly_table.csv",
    "replications.csv",
    "citizens.csv",
    "scenario.yaml",
    "wait_by_hour.png",
    "wait_distribution.png",
    "utilisation.png",
]
WAIT_KEYS = [k for k in SUMMARY_KEYS if "wait" in k]


@pytest.fixture(scope="module")
def results() -> Results:
    """Three short replications of the test centre (no assisted desk: those KPIs are NaN)."""
    return run_many(build({"channel.adoption": 0.3}), replications=3, days=1, seed=3)


@pytest.fixture(scope="module")
def written(results: Results, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """``write_outputs`` into a new nested folder, then again over an old summary.csv and a user's file."""
    out = tmp_path_factory.mktemp("report") / "nested" / "out"
    first = write_outputs(results, load_labels("en"), out)
    assert [p.name for p in first] == OUTPUT_FILES
    (out / "summary.csv").write_text("old\n", encoding="utf-8")
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    return out, write_outputs(results, load_labels("vi"), out)


# --- format_value -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0.5, "share", "50.0%"),
        (1.0, "share", "100.0%"),
        (0.0, "share", "0.0%"),
        (0.12345, "share", "12.3%"),
        (12.345, "minutes", "12.3"),
        (0.0, "minutes", "0.0"),
        (1234.56, "people", "1,234.6"),
        (-2.26, "hours_per_day", "-2.3"),
        (2_500_000.4, "people", "2,500,000"),
    ],
)
def test_format_value(value: float, unit: str, text: str) -> None:
    assert format_value(value, unit) == text


@pytest.mark.parametrize("unit", ["share", "minutes", "people"])
def test_format_value_shows_nan_as_a_dash(unit: str) -> None:
    assert format_value(float("nan"), unit) == "\u2013"


# --- kpi_table --------------------------------------------------------------------------------------


def _body(text: str) -> list[str]:
    """The KPI lines: after the header's blank line, up to the next blank line (or the end)."""
    lines = text.splitlines()
    start = lines.index("") + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_kpi_table_has_a_header_and_one_line_per_summary_kpi(results: Results, lang: str) -> None:
    labels = load_labels(lang)
    text = kpi_table(results, labels)
    lines = text.splitlines()
    assert lines[0] == getattr(results.scenario.name, lang)
    assert lines[1] == scenario_facts(results.scenario, labels)
    assert lines[2] == labels.figure("table_header").format(replications=3, days=1, seed=3)
    assert lines[3] == ""
    body = _body(text)
    assert len(body) == len(SUMMARY_KEYS)
    for key, line in zip(SUMMARY_KEYS, body, strict=True):
        assert line.startswith(labels.kpi(key)), (key, line)
        if labels.unit(key):
            assert f"({labels.unit(key)})" in line
        if key in SHARE_KEYS and not math.isnan(results.kpi(key)):
            assert "%" in line.replace(f"({labels.unit(key)})", "")


def test_kpi_table_values_match_the_summary(results: Results) -> None:
    labels = load_labels("en")
    body = _body(kpi_table(results, labels))
    summary = results.summary().set_index("key")
    for key, line in zip(SUMMARY_KEYS, body, strict=True):
        unit = labels.unit_key(key)
        row = summary.loc[key]
        decimals = row_decimals(unit, row["mean"], row["ci_low"], row["ci_high"])
        assert format_value(row["mean"], unit, decimals=decimals) in line.split()
        if math.isnan(row["ci_low"]):
            assert "[" not in line.split(")")[-1]
        else:
            low, high = (format_value(row[c], unit, decimals=decimals) for c in ("ci_low", "ci_high"))
            interval = f"[{low} \u2013 {high}]"
            assert interval in line
            cut = any(interval_cut(key, row["mean"], row["ci_low"], row["ci_high"]))
            assert line.endswith(interval + (labels.figure("ci_cut_mark") if cut else "")), line


def test_kpi_table_shows_undefined_kpis_as_a_dash(results: Results) -> None:
    labels = load_labels("vi")
    assert math.isnan(results.kpi("assisted_wait_mean"))  # the test centre has no assisted desk
    line = next(
        line
        for line in kpi_table(results, labels).splitlines()
        if line.startswith(labels.kpi("assisted_wait_mean"))
    )
    assert line.split()[-1] == "\u2013"


def test_kpi_table_with_one_replication_has_no_intervals() -> None:
    single = run_many(build(), replications=1, days=1)
    body = _body(kpi_table(single, load_labels("en")))
    assert len(body) == len(SUMMARY_KEYS)
    assert not any("[" in line for line in body)


def test_labelled_summary_has_labels_in_the_chosen_language(results: Results) -> None:
    en = labelled_summary(results, load_labels("en"))
    assert list(en.columns) == ["key", "label", "unit", "mean", "ci_low", "ci_high", "n", "note"]
    assert list(en["label"]) == [load_labels("en").kpi(k) for k in SUMMARY_KEYS]


# --- write_outputs ----------------------------------------------------------------------------------


def test_write_outputs_returns_the_eight_paths(written: tuple[Path, list[Path]]) -> None:
    out, paths = written
    assert [p.name for p in paths] == OUTPUT_FILES
    assert all(p.parent == out for p in paths)
    for path in paths:
        assert path.is_file(), path
        assert path.stat().st_size > 0, path


def test_write_outputs_leaves_no_temporary_files(written: tuple[Path, list[Path]]) -> None:
    out, _ = written
    names = sorted(p.name for p in out.iterdir())  # includes hidden .summary.csv.*.tmp files
    assert names == sorted([*OUTPUT_FILES, "notes.txt"])
    assert not any(name.endswith(".tmp") for name in names)


def test_written_files_have_ordinary_permissions(written: tuple[Path, list[Path]]) -> None:
    out, paths = written
    umask = os.umask(0)
    os.umask(umask)
    for path in paths:
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path


def test_written_scenario_yaml_round_trips(results: Results, written: tuple[Path, list[Path]]) -> None:
    out, _ = written
    raw = yaml.safe_load((out / "scenario.yaml").read_text(encoding="utf-8"))
    written_scenario = validate_scenario(raw)
    # Everything but run: is the scenario as given; run: records the settings that actually ran.
    assert written_scenario.model_copy(update={"run": results.scenario.run}) == results.scenario
    settings = results.settings
    assert written_scenario.run.model_dump() == {
        "days": settings.days,
        "warmup_days": settings.warmup_days,
        "replications": settings.replications,
        "seed": settings.seed,
        "target_wait_minutes": settings.target_wait,
    }


def test_csv_confidence_intervals_stay_in_range(written: tuple[Path, list[Path]]) -> None:
    out, _ = written
    summary = pd.read_csv(out / "summary.csv").set_index("key")
    assert list(summary.index) == list(SUMMARY_KEYS)
    for key in SHARE_KEYS:
        row = summary.loc[key]
        if row["n"] >= 2:
            assert 0 <= row["ci_low"] <= row["mean"] <= row["ci_high"] <= 100, key  # percent
    for key in WAIT_KEYS:
        row = summary.loc[key]
        if row["n"] >= 2:
            assert 0 <= row["ci_low"] <= row["mean"] <= row["ci_high"], key
    for key in SUMMARY_KEYS:
        row = summary.loc[key]
        if row["n"] >= 2 and key not in SIGNED_KEYS:
            assert row["ci_low"] >= 0, key
        if row["n"] < 2:
            assert math.isnan(row["ci_low"]) and math.isnan(row["ci_high"]), key


def test_csv_intervals_are_the_clipped_t_intervals_of_the_replications(
    written: tuple[Path, list[Path]],
) -> None:
    """Short noisy runs: the raw t-interval leaves [0, 1] or goes below 0, and the CSV shows it clipped."""
    out, _ = written
    summary = pd.read_csv(out / "summary.csv").set_index("key")
    reps = pd.read_csv(out / "replications.csv")
    clipped = []
    for key in SUMMARY_KEYS:
        values = reps[key].dropna().to_numpy()
        if len(values) < 2:
            continue
        half = stats.t.ppf(0.975, len(values) - 1) * values.std(ddof=1) / math.sqrt(len(values))
        low, high = values.mean() - half, values.mean() + half
        floor, ceiling = (
            (0.0, 1.0) if key in SHARE_KEYS else (-math.inf if key in SIGNED_KEYS else 0.0, math.inf)
        )
        truth = (values.mean(), max(low, floor), min(high, ceiling))
        # written as a person reads it: shares in percent, three significant figures of the row
        unit = "share" if key in SHARE_KEYS else "other"
        scale = 100.0 if key in SHARE_KEYS else 1.0
        tolerance = 0.5 * 10 ** -row_decimals(unit, *truth) + 1e-9
        for column, exact in zip(("mean", "ci_low", "ci_high"), truth, strict=True):
            assert abs(summary.loc[key, column] - exact * scale) <= tolerance, (key, column)
        note = summary.loc[key, "note"]
        if low < floor:
            clipped.append(key)
            assert note == load_labels("vi").figure("ci_cut_low"), key  # and says why it stops at 0
        elif high > ceiling:
            clipped.append(key)
            assert note == load_labels("vi").figure("ci_cut_high"), key
        else:
            assert pd.isna(note), key
    assert "walkin_share_within_target" in clipped or "backoffice_utilisation" in clipped
    assert any(k in clipped for k in WAIT_KEYS)


def test_write_outputs_replaces_its_files_and_keeps_others(written: tuple[Path, list[Path]]) -> None:
    out, _ = written
    data = (out / "summary.csv").read_bytes()  # BOM and CRLF: Excel then reads Vietnamese letters
    assert data.startswith("\ufeffkey,label,unit,mean,ci_low,ci_high,n,note\r\n".encode())
    label = load_labels("vi").kpi("walkin_wait_mean")
    assert f",{label}," in (out / "summary.csv").read_text(encoding="utf-8")  # now in vi
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def _disk_full_at_third_file(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the third flush to disk fail as a full disk does; returns the call counter."""
    real_fsync = os.fsync
    calls: list[int] = []

    def fsync_then_fail(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:  # the third file (replications.csv), part-way through the set
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    # No figures (not needed: the failure comes at the third file, before any PNG); saves a second.
    monkeypatch.setattr("simkit.sim.report.standard_figures", lambda results, labels: {})
    monkeypatch.setattr(atomic.os, "fsync", fsync_then_fail)
    return calls


def test_a_full_disk_part_way_keeps_every_old_file_and_writes_nothing(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: a full disk used to leave a folder with some new files and some old ones."""
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUT_FILES:
        (out / name).write_bytes(b"old " + name.encode())
    calls = _disk_full_at_third_file(monkeypatch)
    with pytest.raises(ConfigError) as caught:
        write_outputs(results, load_labels("vi"), out)
    monkeypatch.undo()
    assert len(calls) == 3
    assert str(caught.value) == f"--out: {out}: no space left on device; nothing written"
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == b"old " + name.encode(), name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left behind
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)


def test_a_full_disk_on_a_new_folder_leaves_no_folder(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "results" / "a40"
    _disk_full_at_third_file(monkeypatch)
    with pytest.raises(ConfigError, match="nothing written"):
        write_outputs(results, load_labels("vi"), out)
    monkeypatch.undo()
    assert not out.exists()
    assert list((tmp_path / "results").iterdir()) == []


@pytest.mark.parametrize(
    ("out", "says"),
    [
        ("", "give a folder name"),
        (".", "give a folder name"),
        ("x" * 300, "300 bytes long; at most 200"),
        ("ok/" + "đ" * 120, "240 bytes long"),
    ],
)
def test_out_folders_that_cannot_hold_results_are_refused(out: str, says: str) -> None:
    with pytest.raises(ConfigError, match=says) as caught:
        check_out_folder(Path(out))
    assert str(caught.value).startswith("--out")


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_atomic_write_keeps_the_old_file_on_failure(
    failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "summary.csv"
    target.write_bytes(b"old content")

    def boom(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, failing, boom)
    with pytest.raises(OSError, match="Input/output error"):
        atomic.write_bytes(target, b"new content")
    monkeypatch.undo()
    assert target.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.csv"]


def test_atomic_write_text_is_utf8(tmp_path: Path) -> None:
    target = tmp_path / "note.txt"
    atomic.write_text(target, "Thời gian chờ")
    atomic.write_text(target, "Thời gian chờ trung bình")
    assert target.read_bytes() == "Thời gian chờ trung bình".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["note.txt"]


def test_a_new_results_folder_has_normal_permissions(results: Results, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("simkit.sim.report.standard_figures", lambda results, labels: {})
    out = tmp_path / "new"
    write_outputs(results, load_labels("vi"), out)
    assert out.stat().st_mode & 0o777 == 0o777 & ~atomic.umask()


# --- what a planner reads: the hourly table, the answers, the rounding -----------------------------------


@pytest.mark.parametrize(
    ("hour", "en", "vi"),
    [(9, "9–10 am", "9–10 giờ"), (11, "11 am–12 pm", "11–12 giờ"), (12, "12–1 pm", "12–13 giờ"),
     (13, "1–2 pm", "13–14 giờ"), (7, "7–8 am", "7–8 giờ")],
)  # fmt: skip
def test_hours_read_as_people_say_them(hour: int, en: str, vi: str) -> None:
    # the wording lives in content; what is checked here is which template and which numbers fill it
    for lang, expected in (("en", en), ("vi", vi)):
        labels = load_labels(lang)
        assert hour_range(hour, labels) == expected, lang
        key = "hours_am" if hour < 11 else "hours_noon" if hour == 11 else "hours_pm"
        assert (
            labels.figure(key).format(
                start=(hour - 1) % 12 + 1, end=hour % 12 + 1, start24=hour, end24=hour + 1
            )
            == expected
        )


def test_hourly_table_has_one_row_per_hour_and_readable_cells(results: Results) -> None:
    labels = load_labels("vi")
    table = hourly_table(results, labels)
    hourly = results.hourly()
    hours = sorted(hourly["hour"].unique())
    assert list(table.iloc[:, 0]) == [hour_range(h, labels) for h in hours]
    assert table.columns[0] == labels.figure("wait_by_hour_x")
    wait = labels.kpi("walkin_wait_mean")
    for hour, cell in zip(hours, table[wait], strict=True):
        row = hourly[(hourly["hour"] == hour) & (hourly["key"] == "walkin_wait_mean")].iloc[0]
        decimals = row_decimals("minutes", row["mean"], row["ci_low"], row["ci_high"])
        shown = [format_value(row[c], "minutes", "vi", decimals) for c in ("mean", "ci_low", "ci_high")]
        assert cell.startswith(f"{shown[0]} {labels.unit('minutes')} [{shown[1]}–{shown[2]}]"), cell
        assert "." not in cell  # Vietnamese decimal commas, never a 16-digit float


def test_readable_decimals_keep_three_significant_figures() -> None:
    assert row_decimals("minutes", 0.1412, 0.04, 0.24) == 2
    assert row_decimals("minutes", 12.345, 10.1, 14.6) == 1
    assert row_decimals("people", 1234.5) == 0
    assert row_decimals("share", 0.853, 0.80, 0.90) == 1  # 85.3%
    assert format_value(0.1412, "minutes", "vi", row_decimals("minutes", 0.1412)) == "0,14"


def test_the_run_table_answers_the_planners_question(results: Results) -> None:
    """Issue 13: the wait at 9–10 am and the citizen-hours saved are stated in sentences."""
    labels = load_labels("en")
    text = kpi_table(results, labels, hour=9)
    hourly = results.hourly().set_index(["hour", "key"])
    wait = hourly.loc[(9, "walkin_wait_mean")]
    decimals = row_decimals("minutes", wait["mean"], wait["ci_low"], wait["ci_high"])
    mean = format_value(wait["mean"], "minutes", "en", decimals)
    assert labels.figure("hourly_heading") in text
    sentence = next(line for line in text.splitlines() if line.startswith("Walk-ins arriving at 9–10 am"))
    assert f"{mean} {labels.unit('minutes')}" in sentence
    saved = results.summary().set_index("key").loc["citizen_hours_saved_per_day"]
    decimals = row_decimals("hours", saved["mean"], saved["ci_low"], saved["ci_high"])
    assert any(
        labels.figure("answer_saved").split("{saved}")[0] in line
        and f"{format_value(saved['mean'], 'hours', 'en', decimals)} {labels.unit('hours')}" in line
        for line in text.splitlines()
    )


def test_an_hour_without_arrivals_is_said_so(results: Results) -> None:
    labels = load_labels("en")
    text = kpi_table(results, labels, hour=3)
    assert labels.figure("answer_hour_closed").split("{hours}")[0] + hour_range(3, labels) in text


def test_cut_intervals_are_marked_and_explained(results: Results) -> None:
    labels = load_labels("vi")
    text = kpi_table(results, labels)
    summary = results.summary()
    cut = [
        row.key
        for row in summary.itertuples()
        if any(interval_cut(row.key, row.mean, row.ci_low, row.ci_high))
    ]
    assert cut, "three noisy replications: some interval must stop at 0 or 100%"
    assert text.splitlines()[-1] == labels.figure("ci_cut_note")
    for key in cut:
        line = next(line for line in _body(text) if line.startswith(labels.kpi(key)))
        assert line.endswith("]" + labels.figure("ci_cut_mark")), line
