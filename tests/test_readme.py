"""The README's shell commands work as written.

Every ```bash block of README.md is listed below by its first line, either as run here or with the reason
it is not (a new block fails ``test_every_shell_block_is_run_or_excused`` until it is listed):

- the blocks a planner types into one terminal (activating ``.venv``, ``simkit scenarios``, ``simkit run``,
  the replay, the experiments, calibrating from the sample tickets) run as written, in order, in one
  ``bash -e`` session, in a folder holding a copy of ``content/`` (the calibration reads its sample);
- the Dask block runs as written with its two fixed ports replaced by free ones (other programs on a shared
  machine may hold 8786 and 8787), and every port its scheduler and workers listen on must be on 127.0.0.1;
- of the "without make" block, the JupyterLab line runs as written (as root too: that is what
  ``--allow-root`` is for); creating a virtualenv and installing from PyPI are left to ``make test``'s own
  install and tests/test_packaging.py;
- ``make lab``/``make dashboard`` serve until Ctrl+C and ``make test`` is this suite: their recipes are
  checked with ``make -n`` (the ``PORT=`` the README shows reaches both servers), and the dashboard is
  served by tests/plan/test_notebooks_and_app.py and tests/browser/test_voila.py from that recipe;
- ``make workshop`` serves until Ctrl+C: tests/workshop checks its plan (address, code, port) and
  tests/browser/test_workshop.py drives the server it starts on loopback;
- the conda block needs conda and downloads everything (tests/test_environment_consistency.py keeps
  environment.yml in step with pyproject.toml).

Everything runs in a temporary folder holding ``.venv`` (a link to the environment running the tests, so
``.venv/bin/activate`` is this environment's) and, where needed, a copy of ``notebooks/``; servers are stopped
by their process ids, also when a test fails. Only loopback addresses are used.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"^```bash\n(.*?)^```", re.S | re.M)
SESSION_SECONDS = 600
"""Upper bound for the planner's commands in one session (about 40 s on an idle two-core machine)."""
SERVER_SECONDS = 90
"""Upper bound for a server to open its ports (JupyterLab, the Dask scheduler and workers)."""

MAKE = "make lab    # creates .venv"
DASHBOARD = "make dashboard   #"
ACTIVATE = ". .venv/bin/activate    # Windows"
WITHOUT_MAKE = "python3 -m venv .venv"
CONDA = "conda env create -f environment.yml"
WORKSHOP = "make workshop LAN=1"
PLANNER = ". .venv/bin/activate                               # once per terminal"
REPLAY = "simkit replay --scenario commune_pasc"
EXPERIMENTS = "# walk-in wait and P(wait ≤ 15 min) against adoption"
DASK = "dask scheduler --host 127.0.0.1"
CALIBRATE = "simkit calibrate content/samples/tickets/"
SESSION = (ACTIVATE, PLANNER, REPLAY, EXPERIMENTS, CALIBRATE)
"""Blocks run as written in one terminal session, in this order."""
CHECKED_OTHERWISE = (MAKE, DASHBOARD, WITHOUT_MAKE, CONDA, DASK, WORKSHOP)
"""Blocks with their own test below (or the reason in the module docstring)."""


def blocks() -> dict[str, str]:
    """The README's bash blocks by their first line."""
    found = [m.group(1) for m in BLOCK.finditer(README.read_text(encoding="utf-8"))]
    return {block.splitlines()[0]: block for block in found}


def block(start: str) -> str:
    (text,) = [text for first, text in blocks().items() if first.startswith(start)]
    return text


def test_every_shell_block_is_run_or_excused() -> None:
    known = SESSION + CHECKED_OTHERWISE
    unlisted = [first for first in blocks() if not any(first.startswith(k) for k in known)]
    assert not unlisted, f"README blocks this test neither runs nor excuses: {unlisted}"
    for start in known:
        block(start)  # each listed block is still in the README, exactly once


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder with ``.venv`` pointing at the running environment, as a checkout after ``make lab``."""
    if not (Path(sys.prefix) / "bin" / "activate").exists():
        pytest.skip("the README's commands activate a virtualenv; this interpreter is not in one")
    (tmp_path / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    return tmp_path


def _env(folder: Path) -> dict[str, str]:
    """A person's terminal: this suite's settings removed, Jupyter's folders kept in ``folder``."""
    env = {k: v for k, v in os.environ.items() if k not in ("SIMKIT_CONTENT", "VIRTUAL_ENV", "PYTHONPATH")}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        env[name] = str(folder / name.lower())
    env["BROWSER"] = "true"  # Python's webbrowser runs `true URL`: nothing opens, nothing is fetched
    return env


@pytest.mark.install
def test_the_planners_commands_run_as_written(workspace: Path) -> None:
    shutil.copytree(ROOT / "content", workspace / "content")
    script = "\n".join(block(start) for start in SESSION)
    done = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=workspace,
        env=_env(workspace),
        capture_output=True,
        text=True,
        timeout=SESSION_SECONDS,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0, f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert "usage: simkit" in done.stdout
    presets = sorted(p.stem for p in (ROOT / "content" / "scenarios").glob("*.yaml"))
    assert all(re.search(rf"^{name}\s", done.stdout, re.M) for name in presets), "simkit scenarios lists them"
    # The files the README's table promises in each --out folder of `simkit run`.
    table = re.split(r"writes into\s+`--out`:", README.read_text(encoding="utf-8"))[1].split("\n\n")[1]
    promised = set(re.findall(r"`([a-z_]+\.(?:csv|yaml|png))`", table))
    assert {"summary.csv", "citizens.csv", "wait_by_hour.png"} <= promised
    for out in ("a40", "a70"):
        assert promised <= {p.name for p in (workspace / "results" / out).iterdir()}, out
    for out, name in (("sweep", "sweep.csv"), ("grid", "sweep.csv"), ("staff", "staffing.csv")):
        assert (workspace / "results" / out / name).is_file(), f"results/{out}/{name}"
    assert (workspace / "replay.html").stat().st_size > 0
    assert (workspace / "my_centre.yaml").is_file(), "simkit calibrate wrote the scenario"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(pid: int) -> list[tuple[int, str, int]]:
    """(pid, address, port) of every TCP socket listening in the process ``pid`` and its children."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []
    found = []
    for process in processes:
        try:  # psutil 6 renamed connections() to net_connections()
            connections = getattr(process, "net_connections", process.connections)(kind="tcp")
        except psutil.NoSuchProcess:
            continue
        listening = [c for c in connections if c.status == psutil.CONN_LISTEN]
        found += [(process.pid, c.laddr.ip, c.laddr.port) for c in listening]
    return found


def _stop(pid: int) -> None:
    """Stop a server and its children by process id: SIGTERM, then SIGKILL after 20 s."""
    try:
        root = psutil.Process(pid)
        family = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for process in family:
        try:
            process.send_signal(signal.SIGTERM)
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(family, timeout=20)
    for process in alive:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass


@pytest.fixture
def started() -> Iterator[list[int]]:
    """Process ids of servers a test started; each is stopped by its id when the test ends."""
    pids: list[int] = []
    yield pids
    for pid in reversed(pids):
        _stop(pid)


@pytest.mark.install
def test_the_dask_commands_bind_every_port_to_loopback(workspace: Path, started: list[int]) -> None:
    scheduler_port, dashboard_port = _free_port(), _free_port()
    text = block(DASK).replace("8786", str(scheduler_port)).replace("8787", str(dashboard_port))
    lines = text.splitlines()
    start = lines.index("WORKERS=$!") + 1
    # One bash session, as a person types: start both servers, report their ids, then (after the check
    # below) run the sweep and the README's own `kill` line.
    log = (workspace / "dask.log").open("w", encoding="utf-8")
    shell = subprocess.Popen(
        ["bash", "-e"],
        cwd=workspace,
        env=_env(workspace),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,  # the servers' logs (a file: a full pipe would stall them)
        text=True,
        start_new_session=True,
    )
    log.close()
    started.append(shell.pid)
    assert shell.stdin is not None and shell.stdout is not None
    begin = [". .venv/bin/activate", *lines[:start], 'echo "ids $SCHEDULER $WORKERS"']
    shell.stdin.write("\n".join(begin) + "\n")
    shell.stdin.flush()
    reply = shell.stdout.readline().split()
    assert reply[:1] == ["ids"], reply
    scheduler, workers = int(reply[1]), int(reply[2])
    started.extend([scheduler, workers])

    # Wait until everything listens: the scheduler (its port and dashboard), the `dask worker` process
    # (one nanny port per worker) and each of the two workers (its port and its dashboard).
    deadline = time.monotonic() + SERVER_SECONDS
    sockets: list[tuple[int, str, int]] = []
    while time.monotonic() < deadline:
        sockets = _listening(scheduler) + _listening(workers)
        per_process = [pid for pid, _, _ in sockets]
        children = {pid for pid in per_process if pid not in (scheduler, workers)}
        if (
            per_process.count(scheduler) >= 2
            and per_process.count(workers) >= 2
            and len(children) == 2
            and all(per_process.count(pid) >= 2 for pid in children)
        ):
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"the Dask servers did not all start within {SERVER_SECONDS} s: {sockets}")
    assert (scheduler, "127.0.0.1", scheduler_port) in sockets
    assert (scheduler, "127.0.0.1", dashboard_port) in sockets
    assert {ip for _, ip, _ in sockets} == {"127.0.0.1"}, sockets

    out, _ = shell.communicate("\n".join(lines[start:]) + "\n", timeout=SESSION_SECONDS)
    assert shell.returncode == 0, f"{out[-3000:]}\n{(workspace / 'dask.log').read_text()[-3000:]}"
    assert (workspace / "results" / "province" / "sweep.csv").is_file()
    for pid in (scheduler, workers):  # the README's `kill` line stopped both
        try:
            psutil.Process(pid).wait(timeout=30)
        except psutil.NoSuchProcess:
            pass


@pytest.mark.install
def test_the_jupyterlab_line_without_make_starts_on_loopback(workspace: Path, started: list[int]) -> None:
    (line,) = [line for line in block(WITHOUT_MAKE).splitlines() if "jupyter lab" in line]
    shutil.copytree(ROOT / "notebooks", workspace / "notebooks")
    log = workspace / "jupyter.log"
    with log.open("w", encoding="utf-8") as out:
        lab = subprocess.Popen(
            ["bash", "-c", f"exec {line}"],
            cwd=workspace,
            env=_env(workspace),
            stdout=out,
            stderr=out,
            stdin=subprocess.DEVNULL,
        )
    started.append(lab.pid)
    deadline = time.monotonic() + SERVER_SECONDS
    while time.monotonic() < deadline and lab.poll() is None and not _listening(lab.pid):
        time.sleep(0.5)
    assert lab.poll() is None, f"JupyterLab stopped:\n{log.read_text(encoding='utf-8')[-3000:]}"
    sockets = _listening(lab.pid)
    assert sockets and {ip for _, ip, _ in sockets} == {"127.0.0.1"}, sockets
    url = f"http://127.0.0.1:{sockets[0][2]}/lab?token="
    deadline = time.monotonic() + SERVER_SECONDS
    while url not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert url in log.read_text(encoding="utf-8"), "JupyterLab says its loopback address"


@pytest.mark.parametrize(("target", "port_option"), [("lab", "--ServerApp.port="), ("dashboard", "--port=")])
def test_make_passes_port_to_both_servers(target: str, port_option: str) -> None:
    text = README.read_text(encoding="utf-8")
    (port,) = re.findall(rf"`make {target} PORT=(\d+)`", text)
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", target, f"PORT={port}", f"BIN={Path(sys.executable).parent}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert f"{port_option}{port}" in dry.stdout, dry.stdout
