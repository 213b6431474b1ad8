"""The calibrated scenario file, and ``simkit calibrate`` from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from simkit.calibrate import calibrate, sample_path
from simkit.calibrate.strings import load_calibrate_strings
from simkit.calibrate.synthetic import SAMPLE_PERIOD
from simkit.cli.main import main
from simkit.sim.loading import load_scenario


@pytest.fixture(scope="module")
def sample():
    return calibrate(sample_path())


def test_the_yaml_validates_like_a_preset_and_equals_the_scenario(sample, tmp_path: Path) -> None:
    out = sample.save(tmp_path / "my_centre.yaml")
    assert load_scenario(out) == sample.scenario
    assert sample.scenario.id == "phieu_mau_tong_hop"


def test_provenance_names_the_file_period_count_and_every_estimate(sample) -> None:
    sources = sample.scenario.sources
    first = sources[0]
    assert (
        first.title
        == f"Ticket log phieu_mau_tong_hop.csv: 2637 tickets, {SAMPLE_PERIOD[0]} to {SAMPLE_PERIOD[1]}"
    )
    assert first.url == str(sample_path())
    assert "2640 rows read, 3 unusable" in first.note
    titles = " | ".join(s.title for s in sources)
    for part in ("demand.citizens", "weekday_factors", "arrival_profile", "calendar", "impatience"):
        assert part in titles
    for key in sample.scenario.procedures:
        assert f"procedure {key} " in titles
    assert all("95% CI" in s.note for s in sources[1:])
    text = sample.yaml_text
    header = load_calibrate_strings().entries["yaml.header"].vi
    opening = header.split("{first}")[0].format(file="phieu_mau_tong_hop.csv", tickets=2637)
    assert text.startswith(f"# {opening}")


def test_what_the_log_cannot_show_is_listed_as_bilingual_assumptions(sample, strings) -> None:
    assumptions = sample.scenario.assumptions
    for key in ("online", "backoffice", "baulking", "travel", "profile_shared", "patience"):
        entry = next(a for a in assumptions if a.en == strings.get(f"assumption.{key}", "en"))
        assert entry.vi == strings.get(f"assumption.{key}", "vi")
    holidays = strings.get("assumption.holidays", "vi", count=2)
    assert any(a.vi == holidays for a in assumptions)


def test_the_scenario_says_what_the_log_shows(sample) -> None:
    s = sample.scenario
    assert s.channel.adoption == 0 and s.staffing.backoffice_shared_with_counters
    assert s.impatience.baulk_queue_length is None and s.impatience.patience.dist == "exponential"
    assert s.run.days == 5 and s.calendar.start_weekday == "mon"
    assert abs(sum(p.share for p in s.procedures.values()) - 1) < 1e-9
    assert s.procedures["civil_status"].name.vi == "Hộ tịch"


def test_cli_writes_scenario_table_and_figure(tmp_path: Path, capsys, strings) -> None:
    out = tmp_path / "my_centre.yaml"
    assert main(["calibrate", str(sample_path()), "--out", str(out), "--reps", "3", "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert strings.get("cli.written", "en", path=out) in printed
    assert strings.get("backtest.heading", "en", days=38, replications=3) in printed
    assert "line 771: Giờ lấy số “08:6O”" in printed
    table = (tmp_path / "my_centre.backtest.csv").read_text()
    assert table.splitlines()[0].startswith("hour,tickets_data,mean_data,mean_low_data")
    assert (tmp_path / "my_centre.backtest.png").read_bytes()[:4] == b"\x89PNG"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "my_centre.backtest.csv",
        "my_centre.backtest.png",
        "my_centre.yaml",
    ]
    # The file runs like any preset.
    assert main(["run", "--scenario", str(out), "--reps", "2", "--days", "1"]) == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nothing.csv"], "nothing.csv: file not found"),
        (["SAMPLE", "--out", "x.txt"], "--out: must be a .yaml file name"),
        (["SAMPLE", "--out", "missing/x.yaml"], "its folder missing does not exist"),
        (["SAMPLE", "--map", "Giờ lấy số"], "--map: 'Giờ lấy số' is not HEADER=FIELD"),
        (["SAMPLE", "--map", "Giờ lấy số=arrival"], "'arrival', which is not a field"),
        (["SAMPLE", "--reps", "0"], "replications: must be a whole number ≥ 1"),
        (["SAMPLE", "--sessions", "morning"], "'morning' is not a session like 07:30-11:30"),
        (["SAMPLE", "--id", "My Centre"], "--id: 'My Centre' must be lower-case letters, digits and _"),
    ],
)
def test_cli_mistakes_are_one_line_and_status_2(args, words, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    args = [str(sample_path()) if a == "SAMPLE" else a for a in args]
    assert main(["calibrate", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("simkit calibrate: error: ") and words in err
    assert list(tmp_path.iterdir()) == []


def test_an_xlsx_is_refused_before_any_work(tmp_path: Path, capsys) -> None:
    book = tmp_path / "phieu.xlsx"
    book.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    assert main(["calibrate", str(book), "--out", str(tmp_path / "a.yaml")]) == 2
    assert "save the sheet as CSV (UTF-8)" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phieu.xlsx"]


def test_ctrl_c_is_one_line_and_writes_nothing(tmp_path: Path, capsys, monkeypatch) -> None:
    import simkit.calibrate as package

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(package, "backtest", interrupted)
    out = tmp_path / "a.yaml"
    assert main(["calibrate", str(sample_path()), "--out", str(out)]) == 130
    assert capsys.readouterr().err == "simkit calibrate: interrupted; nothing was written\n"
    assert list(tmp_path.iterdir()) == []


def test_no_backtest_and_the_installed_command(tmp_path: Path) -> None:
    simkit = Path(sys.executable).parent / "simkit"
    out = tmp_path / "c.yaml"
    done = subprocess.run(
        [str(simkit), "calibrate", str(sample_path()), "--out", str(out), "--no-backtest", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Back-test" not in done.stdout and "Estimates (95% intervals)" in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml"]
    assert yaml.safe_load(out.read_text())["id"] == "phieu_mau_tong_hop"


def test_usage_mistakes_exit_2_with_one_line(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["calibrate", str(sample_path()), "--reps", "lots"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--reps: 'lots' is not a whole number" in err


def test_a_file_too_large_is_refused_before_reading(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("simkit.calibrate.columns.MAX_BYTES", 1000)
    assert main(["calibrate", str(sample_path()), "--out", str(tmp_path / "a.yaml")]) == 2
    err = capsys.readouterr().err
    assert "MB; at most 0 MB" in err and "calibrate a year at a time" in err
    assert list(tmp_path.iterdir()) == []
