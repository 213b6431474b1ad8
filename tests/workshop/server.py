"""Starting and stopping `simkit workshop` for tests: a free port on 127.0.0.1, stopped by its PID."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.conftest import free_port

CODE = "482913"
START_SECONDS = 120


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    output: Path
    progress: Path


def start_workshop(tmp: Path, *extra: str) -> Server:
    """`simkit workshop` on a free loopback port, its output in a file; waits for its address banner."""
    port, progress, output = free_port(), tmp / "progress", tmp / "workshop.out"
    command = [str(Path(sys.executable).parent / "simkit"), "workshop", f"--port={port}"]
    command += [f"--progress-dir={progress}", "--pool=1", *extra]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with output.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, stdin=subprocess.DEVNULL
        )
    deadline = time.monotonic() + START_SECONDS
    while "Ctrl+C" not in output.read_text(encoding="utf-8"):
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(proc)
            pytest.fail(f"simkit workshop did not start:\n{output.read_text(encoding='utf-8')}")
        time.sleep(0.2)
    return Server(f"http://127.0.0.1:{port}", proc, output, progress)


def stop(proc: subprocess.Popen) -> None:
    """By PID: SIGINT (what Ctrl+C sends), then SIGKILL if it hangs."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
