"""Planner notebooks are thin and clean; `make dashboard` serves the dashboard on 127.0.0.1, loading nothing
from other hosts. (That the notebooks run top to bottom is nbval's job: ``pytest --nbval-lax
notebooks/plan``.)"""

from __future__ import annotations

import html
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from simkit.plan.app_page import LAB_ONLY
from simkit.plan.strings import load_plan_strings

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks" / "plan"
TEMPLATE = ROOT / "simkit" / "plan" / "offline" / "voila" / "templates" / "simkit_offline"
EXPECTED = {
    "scenario_dashboard",
    "adoption_sweep",
    "compare_plans",
    "campaign_planner",
    "quick_check",
    "calibrate",
    "replay",  # the animated day (simkit.replay.view)
}


def test_notebooks_are_thin_and_committed_without_outputs() -> None:
    found = {path.stem for path in NOTEBOOKS.glob("*.ipynb")}
    assert found == EXPECTED
    for name in EXPECTED:
        cells = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
        assert len(cells) <= 4, name
        for cell in cells:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, name
                source = "".join(cell["source"])
                assert any(word in source for word in ("simkit.plan.views", "simkit.replay.view", "View("))
        text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        assert "Tiếng Việt" in text and "English" in text, name


def test_the_offline_template_names_no_other_host() -> None:
    for path in TEMPLATE.iterdir():
        assert not re.search(r"https?://", path.read_text(encoding="utf-8")), path.name
    assert json.loads((TEMPLATE / "conf.json").read_text()) == {"base_template": "lab"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dashboard_recipe(port: int) -> tuple[dict[str, str], list[str], str]:
    """(environment, voila command, printed address line) of the Makefile's ``dashboard`` recipe.

    Read with ``make -n`` and run directly, so the test starts Voilà exactly as ``make dashboard`` does but
    never reinstalls the virtualenv (the recipe's stamp prerequisite) on the way. ``BIN`` is the folder of
    the interpreter running the tests, so the programs are this environment's, not the checkout's ``.venv``.
    """
    dry = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-n",
            "dashboard",
            f"PORT={port}",
            f"BIN={Path(sys.executable).parent}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    script = dry.stdout.replace("\\\n", " ")
    echo = next(line for line in script.splitlines() if line.lstrip().startswith("echo"))
    (command,) = [
        line for line in script.splitlines() if "voila" in line and not line.lstrip().startswith("echo")
    ]
    words = shlex.split(command)
    env = {}
    while "=" in words[0] and not words[0].startswith("-"):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert Path(words[0]).is_absolute(), f"the recipe's program is not taken from $(BIN): {words[0]}"
    return env, words, echo


@pytest.mark.slow
def test_make_dashboard_serves_an_offline_page_on_loopback(tmp_path: Path) -> None:
    port = _free_port()
    env, command, echo = dashboard_recipe(port)
    assert f"http://127.0.0.1:{port}/" in echo, "make dashboard prints its address"
    assert "--Voila.ip=127.0.0.1" in command and "--template=simkit_offline" in command
    log = (tmp_path / "voila.log").open("w")
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        page = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not page and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert page, (tmp_path / "voila.log").read_text()
        assert "DashboardView" in page and "from simkit.plan.views" not in page, "code must be hidden"
        # The app's own words, Vietnamese first, and none of the notebook's JupyterLab instructions.
        strings = load_plan_strings()
        assert '<html lang="vi">' in page
        heading = re.search(r'<h2 id="loading_text"[^>]*>([^<]*)</h2>', page)
        assert heading and html.unescape(heading.group(1)) == strings.one_line("common.loading")
        step = strings.one_line("common.loading_step", index="{index}", count="{count}")
        assert f"window.simkit_loading_step = {json.dumps(step)}" in page
        notebook = json.loads((NOTEBOOKS / "scenario_dashboard.ipynb").read_text(encoding="utf-8"))
        hidden = [c for c in notebook["cells"] if LAB_ONLY in c["metadata"].get("tags", [])]
        assert hidden and "Run All Cells" in "".join(hidden[0]["source"])
        assert "Run All Cells" not in page and "make dashboard" not in page
        steps = re.findall(r"voila_process\((\d+), (\d+)\)", page)
        shown = len(notebook["cells"]) - len(hidden)
        assert steps == [(str(i), str(shown)) for i in range(1, shown + 1)], "lab-only cells left out"
        # XML namespaces of the inline spinner SVG name hosts but are never fetched.
        namespaces = {"www.w3.org", "purl.org", "creativecommons.org"}
        hosts = {m.group(1) for m in re.finditer(r"https?://([^/\"'\s:]+)", page)} - namespaces
        assert hosts <= {"127.0.0.1", "localhost"}, hosts
        assert "cdn.jsdelivr.net" not in page and "cdnjs" not in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
