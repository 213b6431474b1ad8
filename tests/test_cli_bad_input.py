"""Nothing a user types can hang, crash or half-write (issue 17), through the real entry point.

Each command runs in a subprocess with a time limit and a memory limit, so a regression that lets a
runaway run through fails here instead of freezing the machine running the suite.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

MEMORY_LIMIT = 1_500 * 1024 * 1024  # bytes of address space for one simkit process in these tests
TIME_LIMIT = 60
RUN = ["run", "--scenario", "commune_pasc"]
SWEEP = ["sweep", "--scenario", "commune_pasc"]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def simkit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m simkit.cli ARGS`` with the interpreter running the tests, bounded in time and memory."""
    return subprocess.run(
        [sys.executable, "-m", "simkit.cli", *args],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limits,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        ([*RUN, "--set", "demand.citizens=1e9"], "too large for this machine"),
        ([*RUN, "--reps", "1000000000"], "too large for this machine"),
        ([*RUN, "--set", "run.days=100000"], "too large for this machine"),
        ([*SWEEP, "--reps", "10000", "--days", "50", "--workers", "1", "--out", "x"], "--allow-large"),
        ([*SWEEP, "--adoption", "0:1:1e-9", "--out", "x"], "1,000,000,000 points"),
        (
            [*SWEEP, "--adoption", "0:1:0.01", "--vary",
             "staffing.counters=1,2,3,4,5,6,7,8,9,10,11,12", "--out", "x"],
            "= 1,212 grid points; at most 1,000",
        ),
        ([*RUN, "--reps", "9" * 5000], "is not a whole number"),
        ([*RUN, "--set", "staffing.counters=" + "9" * 5000], "too many digits"),
        ([*RUN, "--set", "staffing.counters=true"], "whole number, not true"),
        ([*RUN, "--set", "demand.citizens=.inf"], "finite number"),
        ([*RUN, "--set", "demand.arrival_profile={8: .nan}"], "finite number"),
        ([*RUN, "--out", ""], "--out: give a folder name"),
        ([*RUN, "--out", "x" * 300], "at most 200"),
        (
            [*SWEEP, "--vary", "staffing.counters=2", "--vary",
             "staffing.counters=3", "--out", "x"],
            "--vary staffing.counters: is given twice",
        ),
        (
            [*SWEEP, "--adoption", "0,1", "--vary", "channel.adoption=0.5",
             "--out", "x"],
            "given by both --adoption and --vary",
        ),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_status_2_and_nothing_written(argv: list[str], says: str, tmp_path: Path):
    done = simkit(*argv, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) < 400, done.stderr
    assert says in lines[0]
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_too_many_workers_are_capped_at_the_cores_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "sweep"
    done = simkit(
        "sweep", "--scenario", "commune_pasc", "--adoption", "0,1", "--reps", "2", "--workers", "1000000",
        "--quiet", "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    cores = len(os.sched_getaffinity(0))
    assert done.stderr == f"--workers 1000000: this machine has {cores} cores; using {cores}\n"
    assert (out / "sweep.csv").exists()


def _interrupt(argv: list[str], tmp_path: Path) -> tuple[subprocess.Popen[str], str]:
    """Start simkit in its own process group, press Ctrl+C (SIGINT to the group, as a terminal does)
    once it has been running for a moment, and return the process and what it wrote to stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "simkit.cli", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=tmp_path,
        start_new_session=True,
        preexec_fn=_limits,
    )
    try:
        time.sleep(4.0)  # past start-up, into the replications
        assert process.poll() is None, "finished before it could be interrupted: make the run longer"
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process, stderr


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["run", "--scenario", "provincial_pasc", "--days", "60", "--reps", "30", "--quiet", "--out", "o"],
         "run"),
        (
            ["sweep", "--scenario", "provincial_pasc", "--days", "10", "--reps", "30", "--workers", "2",
             "--quiet", "--out", "out"],
            "sweep",
        ),
    ],
)  # fmt: skip
def test_ctrl_c_is_one_line_status_130_workers_stopped_nothing_written(
    argv: list[str], command: str, tmp_path: Path
) -> None:
    process, stderr = _interrupt(argv, tmp_path)
    assert process.returncode == 130, stderr
    assert stderr == f"simkit {command}: interrupted; nothing written\n"
    assert list(tmp_path.iterdir()) == []
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):  # no worker process of the group is left running
        os.killpg(process.pid, 0)
