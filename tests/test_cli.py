"""The ``simkit`` command: listing presets, running a scenario into a folder, and one-line errors.

Most tests call ``simkit.cli.main`` in-process for speed; one test runs the installed console script in a
subprocess to prove the entry point works end to end (and writes the same bytes as an in-process run).
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from simkit.cli import main
from simkit.sim.keys import HOURLY_KEYS, OUTCOMES, SUMMARY_KEYS
from simkit.sim.labels import load_labels
from simkit.sim.loading import load_scenario, preset_names, validate_scenario

PRESET = "commune_pasc"
SEED = 11
SMALL = ["--reps", "3", "--days", "1", "--quiet"]  # --quiet: no progress bar on stderr
OUTPUT_FILES = {
    "summary.csv",
    "hourly.csv",
    "hourly_table.csv",
    "replications.csv",
    "citizens.csv",
    "scenario.yaml",
    "wait_by_hour.png",
    "wait_distribution.png",
    "utilisation.png",
}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def invoke(argv: Sequence[str]) -> tuple[int, str, str]:
    """Run ``main(argv)`` in-process; returns (exit status, stdout, stderr). Usable in module fixtures."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def run_into(out: Path, *extra: str, seed: int = SEED) -> str:
    """A small successful run of the preset into ``out``; returns what it printed."""
    code, stdout, stderr = invoke(
        ["run", "--scenario", PRESET, *SMALL, "--seed", str(seed), *extra, "--out", str(out)]
    )
    assert code == 0, stderr
    assert stderr == ""
    return stdout


def summary_of(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "summary.csv").set_index("key")


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def no_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip drawing the PNGs (about a second per run) in tests that only read the CSV and YAML files."""
    monkeypatch.setattr("simkit.sim.report.standard_figures", lambda results, labels: {})


@pytest.fixture(scope="module")
def default_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """``simkit run --scenario commune_pasc --reps 3 --days 1 --seed 11 --out DIR`` (shared by tests)."""
    out = tmp_path_factory.mktemp("default") / "out"
    return run_into(out), out


# --- simkit scenarios -------------------------------------------------------------------------------


def test_scenarios_lists_every_preset_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    lines = captured.out.splitlines()
    names = preset_names()
    assert len(names) >= 5
    assert len(lines) == len(names)
    for name, line in zip(names, lines, strict=True):
        assert line.split()[0] == name
        assert load_scenario(name).name.vi in line


def test_scenarios_in_english_shows_english_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(preset_names())
    for name, line in zip(preset_names(), lines, strict=True):
        scenario = load_scenario(name)
        assert line.split()[0] == name
        assert scenario.name.en in line
        if scenario.name.vi != scenario.name.en:
            assert scenario.name.vi not in line


# --- simkit run: the table and the files ------------------------------------------------------------


def test_run_prints_a_vietnamese_table(default_run: tuple[str, Path]) -> None:
    stdout, out = default_run
    vi = load_labels("vi")
    assert "Thời gian chờ trung bình" in stdout
    assert load_scenario(PRESET).name.vi in stdout
    for key in SUMMARY_KEYS:
        assert vi.kpi(key) in stdout
    assert vi.figure("files_written").format(count=len(OUTPUT_FILES), folder=out) in stdout


def test_a_reader_that_stops_early_ends_the_run_quietly_with_every_file_written(tmp_path: Path) -> None:
    """``simkit run … | head -1``: the files are written before the table, and no traceback follows."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "simkit.cli", "run", "--scenario", PRESET, *SMALL, "--out", str(out)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line
    try:
        status, err = proc.wait(timeout=120), proc.stderr.read().decode()
    finally:
        proc.kill()
    assert (status, err) == (141, "")
    assert {p.name for p in out.iterdir()} == OUTPUT_FILES


def test_run_writes_the_nine_files(default_run: tuple[str, Path]) -> None:
    _, out = default_run
    assert {p.name for p in out.iterdir()} == OUTPUT_FILES


def test_summary_csv_has_one_row_per_summary_key(default_run: tuple[str, Path]) -> None:
    _, out = default_run
    summary = pd.read_csv(out / "summary.csv")
    assert list(summary.columns) == ["key", "label", "unit", "mean", "ci_low", "ci_high", "n", "note"]
    assert list(summary["key"]) == list(SUMMARY_KEYS)
    vi = load_labels("vi")
    assert list(summary["label"]) == [vi.kpi(k) for k in SUMMARY_KEYS]
    assert summary["n"].between(0, 3).all()
    assert summary.set_index("key").loc["arrivals_per_day", "n"] == 3


def test_hourly_csv(default_run: tuple[str, Path]) -> None:
    _, out = default_run
    hourly = pd.read_csv(out / "hourly.csv")
    columns = ["hour", "hours", "key", "label", "unit", "mean", "ci_low", "ci_high", "n", "note"]
    assert list(hourly.columns) == columns
    assert set(hourly["key"]) == set(HOURLY_KEYS)
    assert hourly["hour"].between(0, 23).all()
    assert len(hourly) == hourly["hour"].nunique() * len(HOURLY_KEYS)


def test_replications_csv_has_one_row_per_replication(default_run: tuple[str, Path]) -> None:
    _, out = default_run
    reps = pd.read_csv(out / "replications.csv")
    assert list(reps.columns) == ["replication", *SUMMARY_KEYS]
    assert list(reps["replication"]) == [0, 1, 2]


def test_citizens_csv(default_run: tuple[str, Path]) -> None:
    _, out = default_run
    citizens = pd.read_csv(out / "citizens.csv")
    for column in (
        "replication",
        "citizen",
        "arrival_clock",
        "wait_minutes",
        "outcome",
        "procedure",
        "channel",
    ):
        assert column in citizens.columns
    assert citizens.columns[0] == "replication"
    assert set(citizens["replication"]) == {0, 1, 2}
    assert set(citizens["outcome"]) <= set(OUTCOMES)
    assert (citizens["wait_minutes"].dropna() >= 0).all()
    assert citizens["arrival_clock"].str.fullmatch(r"\d\d:\d\d").all()
    assert set(citizens["procedure"]) <= set(load_scenario(PRESET).procedures)


def test_scenario_yaml_is_a_valid_scenario(default_run: tuple[str, Path]) -> None:
    _, out = default_run
    raw = yaml.safe_load((out / "scenario.yaml").read_text(encoding="utf-8"))
    written = validate_scenario(raw)
    preset = load_scenario(PRESET)
    assert written.model_copy(update={"run": preset.run}) == preset
    assert written.run.replications == 3 and written.run.seed == SEED and written.run.days == 1


def test_figures_are_png_files(default_run: tuple[str, Path]) -> None:
    _, out = default_run
    for name in ("wait_by_hour.png", "wait_distribution.png", "utilisation.png"):
        data = (out / name).read_bytes()
        assert data[:8] == PNG_MAGIC, name
        assert len(data) > 5_000, name


# --- reproducibility --------------------------------------------------------------------------------


def test_same_arguments_and_seed_write_identical_bytes(default_run: tuple[str, Path], tmp_path: Path) -> None:
    _, first = default_run
    second = tmp_path / "again"
    run_into(second)
    a, b = folder_bytes(first), folder_bytes(second)
    assert set(a) == set(b) == OUTPUT_FILES
    for name in OUTPUT_FILES:
        assert a[name] == b[name], name


@pytest.mark.usefixtures("no_figures")
def test_a_different_seed_changes_the_citizens(default_run: tuple[str, Path], tmp_path: Path) -> None:
    _, first = default_run
    other = tmp_path / "other"
    run_into(other, seed=SEED + 1)
    assert (first / "citizens.csv").read_bytes() != (other / "citizens.csv").read_bytes()
    assert (first / "summary.csv").read_bytes() != (other / "summary.csv").read_bytes()


# --- overrides --------------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_figures")
def test_one_counter_makes_people_wait_longer(default_run: tuple[str, Path], tmp_path: Path) -> None:
    _, default = default_run
    out = tmp_path / "one_counter"
    run_into(out, "--set", "staffing.counters=1")
    base, busy = summary_of(default), summary_of(out)
    assert busy.loc["walkin_wait_mean", "mean"] > base.loc["walkin_wait_mean", "mean"] + 5
    assert busy.loc["counter_utilisation", "mean"] > base.loc["counter_utilisation", "mean"]
    written = yaml.safe_load((out / "scenario.yaml").read_text(encoding="utf-8"))
    assert written["staffing"]["counters"] == 1


@pytest.mark.usefixtures("no_figures")
def test_higher_adoption_means_fewer_walk_ins(default_run: tuple[str, Path], tmp_path: Path) -> None:
    _, default = default_run
    out = tmp_path / "adoption"
    run_into(out, "--adoption", "0.9")
    base, online = summary_of(default), summary_of(out)
    assert online.loc["walkin_visits_per_day", "mean"] < base.loc["walkin_visits_per_day", "mean"]
    assert online.loc["online_attempts_per_day", "mean"] > base.loc["online_attempts_per_day", "mean"]
    written = yaml.safe_load((out / "scenario.yaml").read_text(encoding="utf-8"))
    assert written["channel"]["adoption"] == 0.9


@pytest.mark.usefixtures("no_figures")
def test_rerunning_the_written_scenario_reproduces_the_files(
    default_run: tuple[str, Path], tmp_path: Path
) -> None:
    first = tmp_path / "first"
    run_into(first, "--set", "staffing.counters=2", "--adoption", "0.6")
    written = yaml.safe_load((first / "scenario.yaml").read_text(encoding="utf-8"))
    assert written["staffing"]["counters"] == 2
    assert written["channel"]["adoption"] == 0.6

    second = tmp_path / "second"
    code, _, stderr = invoke(
        ["run", "--scenario", str(first / "scenario.yaml"), *SMALL, "--seed", str(SEED), "--out", str(second)]
    )
    assert code == 0, stderr
    assert (second / "summary.csv").read_bytes() == (first / "summary.csv").read_bytes()
    assert folder_bytes(second) == folder_bytes(first)  # the CSV files and scenario.yaml itself
    _, default = default_run  # and the overrides did change the results
    assert (second / "summary.csv").read_bytes() != (default / "summary.csv").read_bytes()


@pytest.mark.usefixtures("no_figures")
def test_written_scenario_with_only_the_seed_reproduces_summary(tmp_path: Path) -> None:
    first = tmp_path / "first"
    run_into(first)  # --reps 3 --days 1 --seed 11; the preset's own run.replications is 30
    second = tmp_path / "second"
    code, _, stderr = invoke(
        ["run", "--scenario", str(first / "scenario.yaml"), "--seed", str(SEED), "--out", str(second)]
    )
    assert code == 0, stderr
    assert (second / "summary.csv").read_bytes() == (first / "summary.csv").read_bytes()


# --- bad input --------------------------------------------------------------------------------------

BAD_RUNS = {
    "adoption above 1": (["--scenario", PRESET, "--adoption", "1.5"], ["channel.adoption", "1.5"]),
    "zero counters": (["--scenario", PRESET, "--set", "staffing.counters=0"], ["staffing.counters"]),
    "misspelt field": (
        ["--scenario", PRESET, "--set", "staffing.conters=3"],
        ["staffing.conters", "unknown field", "counters"],
    ),
    "set without =": (["--scenario", PRESET, "--set", "staffing.counters"], ["--set", "staffing.counters"]),
    "unknown preset": (["--scenario", "no_such_centre"], ["no_such_centre", PRESET]),
    "shares not summing to 1": (
        ["--scenario", PRESET, "--set", "procedures.land.share=0.5"],
        ["procedures", "sum to 1"],
    ),
    "zero replications": (["--scenario", PRESET, "--reps", "0"], ["replications"]),
    "zero days": (["--scenario", PRESET, "--days", "0"], ["days"]),
    "negative seed": (["--scenario", PRESET, "--seed", "-1"], ["seed"]),
    "warm-up as long as the run": (
        ["--scenario", PRESET, "--days", "1", "--warmup-days", "1"],
        ["warmup_days"],
    ),
}


def assert_one_line_error(code: int, stdout: str, stderr: str, prefix: str, mentions: Sequence[str]) -> None:
    assert code == 2
    assert stdout == ""
    assert stderr.startswith(prefix), stderr
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    for text in mentions:
        assert text in stderr, (text, stderr)


@pytest.mark.parametrize("case", list(BAD_RUNS))
def test_bad_input_is_one_line_and_status_2(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args, mentions = BAD_RUNS[case]
    out = tmp_path / "out"
    code = main(["run", *args, "--out", str(out)])
    captured = capsys.readouterr()
    assert_one_line_error(code, captured.out, captured.err, "simkit run: error:", mentions)
    assert not out.exists()


def test_missing_scenario_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.yaml"
    out = tmp_path / "out"
    code = main(["run", "--scenario", str(missing), "--out", str(out)])
    captured = capsys.readouterr()
    assert_one_line_error(code, captured.out, captured.err, "simkit run: error:", [str(missing), "not found"])
    assert not out.exists()


@pytest.mark.parametrize(
    "text",
    ["id: x\nname: [unclosed\n", "a: 1\n\tb: 2\n", 'key: "unterminated\n', "a: 1\n- b\n"],
    ids=["unclosed-list", "tab", "unterminated-string", "mapping-then-list"],
)
def test_malformed_yaml_file(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["run", "--scenario", str(path), "--out", str(out)])
    captured = capsys.readouterr()
    assert_one_line_error(
        code, captured.out, captured.err, "simkit run: error:", [str(path), "malformed YAML", "line "]
    )
    assert not out.exists()


def test_yaml_that_is_not_a_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    code = main(["run", "--scenario", str(path), "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert_one_line_error(code, captured.out, captured.err, "simkit run: error:", [str(path), "mapping"])
    assert not (tmp_path / "out").exists()


def test_scenario_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("id: x\nname: {vi: Thời gian}\n".encode("utf-16"))
    code, stdout, stderr = invoke(["run", "--scenario", str(path), "--out", str(tmp_path / "out")])
    assert_one_line_error(code, stdout, stderr, "simkit run: error:", [str(path)])


def test_out_pointing_at_a_regular_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "results.csv"
    target.write_text("keep me\n", encoding="utf-8")
    code = main(["run", "--scenario", PRESET, "--reps", "2", "--out", str(target)])
    captured = capsys.readouterr()
    assert_one_line_error(code, captured.out, captured.err, "simkit run: error:", ["--out", str(target)])
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert [p.name for p in tmp_path.iterdir()] == ["results.csv"]


def test_bad_input_leaves_an_existing_out_folder_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code = main(["run", "--scenario", PRESET, "--set", "staffing.counters=0", "--out", str(out)])
    assert code == 2
    assert "staffing.counters" in capsys.readouterr().err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "prefix", "mentions"),
    [
        (["run", "--reps", "2"], "simkit run: error:", ["--scenario"]),
        (["run", "--scenario", PRESET, "--reps", "many"], "simkit run: error:", ["--reps", "many"]),
        (["run", "--scenario", PRESET, "--lang", "fr"], "simkit run: error:", ["--lang", "fr"]),
        (["bogus"], "simkit: error:", ["bogus"]),
        ([], "simkit: error:", ["command"]),
        (["scenarios", "--lang", "de"], "simkit scenarios: error:", ["--lang", "de"]),
    ],
    ids=["no-scenario", "reps-not-int", "run-lang", "unknown-command", "no-command", "scenarios-lang"],
)
def test_usage_errors_are_one_line(
    argv: list[str], prefix: str, mentions: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--out", str(out)] if argv[:1] == ["run"] else argv)
    captured = capsys.readouterr()
    assert_one_line_error(exc.value.code, captured.out, captured.err, prefix, mentions)
    assert not out.exists()


# --- help and language ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "mentions"),
    [
        (["--help"], ["usage: simkit", "scenarios", "run"]),
        (["scenarios", "--help"], ["usage: simkit scenarios", "--lang"]),
        (
            ["run", "--help"],
            [
                "usage: simkit run",
                "--scenario",
                "--adoption",
                "--reps",
                "--seed",
                "--days",
                "--warmup-days",
                "--target-wait",
                "--set",
                "--out",
                "--lang",
                "95%",
            ],
        ),
    ],
    ids=["simkit", "scenarios", "run"],
)
def test_help(argv: list[str], mentions: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    for text in mentions:
        assert text in captured.out, text


def test_english_labels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["run", "--scenario", PRESET, "--reps", "2", "--seed", str(SEED), "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    en = load_labels("en")
    assert "Mean wait of walk-in citizens" in captured.out
    assert load_scenario(PRESET).name.en in captured.out
    for key in SUMMARY_KEYS:
        assert en.kpi(key) in captured.out
    assert "Thời gian chờ" not in captured.out
    assert "Replications: 2;" in captured.out
    assert en.figure("files_written").split("{")[1].split("}")[1].strip() not in captured.out
    assert list(tmp_path.iterdir()) == []  # no --out: nothing written


@pytest.mark.usefixtures("no_figures")
def test_english_labels_in_summary_csv(tmp_path: Path) -> None:
    out = tmp_path / "en"
    run_into(out, "--lang", "en")
    summary = pd.read_csv(out / "summary.csv")
    en = load_labels("en")
    assert list(summary["label"]) == [en.kpi(k) for k in SUMMARY_KEYS]
    hourly = pd.read_csv(out / "hourly.csv")
    assert set(hourly["label"]) == {en.kpi(k) for k in HOURLY_KEYS}


# --- the installed console script -------------------------------------------------------------------


def test_console_script_end_to_end(default_run: tuple[str, Path], tmp_path: Path) -> None:
    script = Path(sys.executable).parent / ("simkit.exe" if os.name == "nt" else "simkit")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "simkit.cli"]
    out = tmp_path / "script"
    env = {k: v for k, v in os.environ.items() if k != "SIMKIT_CONTENT"}
    env["PYTHONIOENCODING"] = "utf-8"
    done = subprocess.run(
        [*command, "run", "--scenario", PRESET, *SMALL, "--seed", str(SEED), "--out", str(out)],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    stdout = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stderr == b""
    assert "Thời gian chờ trung bình" in stdout
    # A separate process writes exactly the bytes of the in-process run with the same arguments.
    _, in_process = default_run
    assert folder_bytes(out) == folder_bytes(in_process)
    assert math.isfinite(summary_of(out).loc["arrivals_per_day", "mean"])


def test_set_clock_time_unquoted_and_the_header_describes_what_ran():
    """Issue 10 (8): ``end=11:00`` used to fail ("got 660"); the header kept "6 staff" after counters=2."""
    code, stdout, stderr = invoke(
        [
            "run",
            "--scenario",
            PRESET,
            *SMALL,
            "--lang",
            "en",
            "--set",
            "calendar.sessions.0.end=11:00",
            "--set",
            "staffing.counters=2",
        ]
    )
    assert code == 0, stderr
    labels = load_labels("en")
    ran = load_scenario(PRESET, {"calendar.sessions.0.end": "11:00", "staffing.counters": 2})
    head = stdout.splitlines()[:3]
    assert head[0] == ran.name.en
    assert head[1] == labels.figure("facts_changed").format(
        changes="calendar.sessions.0.end=11:00, staffing.counters=2"
    )
    assert head[2].startswith("As run: 2 counters, back office 2, assisted desk 1;")
    assert "open 07:30–11:00, 13:30–17:00" in head[2]


def test_compare_header_describes_both_plans_as_run():
    code, stdout, stderr = invoke(
        ["compare", PRESET, "--change", "staffing.counters=2", *SMALL, "--lang", "en"]
    )
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert lines[0] == f"A = {PRESET}" and lines[2] == f"B = {PRESET} staffing.counters=2"
    assert lines[1].strip().startswith("As run: 3 counters,")
    assert lines[3].strip().startswith("As run: 2 counters,")


# --- quick answers and help (issue 13) --------------------------------------------------------------------


def test_a_misspelt_preset_is_answered_before_the_scenario_model_loads() -> None:
    """The pydantic scenario model and numpy are not built or imported to say "no such preset"."""
    code = (
        "import sys\n"
        "from simkit.cli import main\n"
        "status = main(['run', '--scenario', 'no_such_centre'])\n"
        "loaded = [m for m in ('simkit.sim.scenario', 'pydantic', 'numpy', 'pandas') if m in sys.modules]\n"
        "print(status, loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip() == "2 []", done.stdout + done.stderr
    from simkit.errors import ConfigError
    from simkit.sim.loading import resolve_scenario_path

    with pytest.raises(ConfigError) as caught:
        resolve_scenario_path("no_such_centre")
    assert done.stderr == f"simkit run: error: {caught.value}\n"  # the same words as the model's check


def test_scenarios_lines_are_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("vi", "en"):
        assert main(["scenarios", "--lang", lang]) == 0
        out = capsys.readouterr().out
        template = load_labels(lang).figure("preset_line")
        for word in (template.split("{counters}")[1].split("{")[0].strip(), "/"):
            assert all(word in line for line in out.splitlines()), (lang, word)


def _all_parsers() -> list[tuple[str, Any]]:
    from simkit.cli.main import _parser

    root = _parser()
    (commands,) = [a for a in root._actions if a.__class__.__name__ == "_SubParsersAction"]
    return [("simkit", root), *((f"simkit {n}", p) for n, p in commands.choices.items())]


@pytest.mark.parametrize("command", [name for name, _ in _all_parsers()])
def test_no_help_shows_a_doubled_percent_sign(command: str) -> None:
    """argparse formats help= with %, not description=: "95%%" must appear nowhere."""
    parser = dict(_all_parsers())[command]
    text = parser.format_help()
    assert "%%" not in text, command
    if command in ("simkit run", "simkit sweep", "simkit compare", "simkit staff"):
        assert "95%" in text and "--quiet" in text, command  # every command with a progress bar hides it


def test_run_accepts_quiet_and_prints_no_progress(tmp_path: Path) -> None:
    code, stdout, stderr = invoke(["run", "--scenario", PRESET, "--reps", "2", "--days", "1", "--quiet"])
    assert code == 0 and stderr == ""
    assert load_scenario(PRESET).name.vi in stdout
