"""A learner's lesson in JupyterLab started exactly as `make lab` starts it (issue 19).

The command and its environment are read with ``make -n lab``, so the kit's JupyterLab settings
(``lab-settings/``) are the ones under test. At 1366×768, on opening a lesson: the side panel is collapsed,
JupyterLab is in simple mode, the notebook shows no "unsaved" dot once its kernel has connected (and told
JupyterLab its language), and the lesson's panel takes most of the screen (the fraction is printed and must
be at least ``MIN_LESSON_SHARE``). Then Run → Run All Cells, the one action the lesson text names, opens the
lesson without adding an empty cell or leaving the cursor in one (Shift+Enter did both).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import (
    REPO,
    LabServer,
    Workspace,
    free_port,
    keep_log,
    stop_process,
    wait_for_http,
)
from tests.browser.jupyter import KERNEL_READY, OPEN_SECONDS, RUN_SECONDS, settle

pytestmark = pytest.mark.browser

SCREEN = {"width": 1366, "height": 768}
MIN_LESSON_SHARE = 0.80
"""The lesson's panel must cover at least this share of a 1366×768 screen (JupyterLab's stock layout: 64%)."""
LESSON = "learn/01_getting_vneid.ipynb"


def lab_command(port: int) -> tuple[dict[str, str], list[str]]:
    """The environment assignments and the command of the Makefile's ``lab`` recipe (``make -n lab``), with
    the programs of the interpreter running the tests (``BIN=``)."""
    if shutil.which("make") is None:
        pytest.fail("`make` is needed to read the Makefile's lab recipe (make -n lab)")
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "lab", f"PORT={port}", f"BIN={Path(sys.executable).parent}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if dry.returncode != 0:
        pytest.fail(f"`make -n lab` failed:\n{dry.stdout}\n{dry.stderr}")
    lines = [line for line in dry.stdout.replace("\\\n", " ").splitlines() if "jupyter lab" in line]
    if len(lines) != 1:
        pytest.fail(f"cannot find the jupyter lab command in `make -n lab`:\n{dry.stdout}")
    words = shlex.split(lines[0])
    env: dict[str, str] = {}
    while words and "=" in words[0] and not words[0].startswith("-"):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    return env, words


@pytest.fixture(scope="module")
def make_lab(workspace: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """JupyterLab as `make lab` runs it, on a free port, serving the session's copy of ``notebooks/``.

    Added for the test only: a token, no browser, fresh user settings (so a person's own settings on this
    machine cannot decide the result) and ``window.jupyterapp`` for reading the layout's state.
    """
    port = free_port()
    extra_env, command = lab_command(port)
    token = "simkit-learner-notebooks"
    settings = tmp_path_factory.mktemp("make-lab-user-settings")
    command += [
        "--no-browser",
        "--port-retries=0",
        f"--ServerApp.token={token}",
        f"--LabApp.user_settings_dir={settings}",
        "--LabApp.expose_app_in_browser=True",
    ]
    log = workspace.logs / "make-lab.log"
    with log.open("w", encoding="utf-8") as out:
        # From the folder holding the copy of notebooks/: the recipe's root_dir=notebooks is relative.
        proc = subprocess.Popen(
            command,
            cwd=workspace.root,
            env={**workspace.env, **extra_env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_http(f"{url}/api/status?token={token}", proc, log, "JupyterLab (make lab)")
        yield LabServer(url=url, token=token, root=workspace.notebooks, pid=proc.pid)
    finally:
        stop_process(proc, "JupyterLab (make lab)")
        keep_log(log)


LAYOUT = """async (path) => {
  const app = window.jupyterapp, panel = app.shell.currentWidget;
  await panel.sessionContext.session.kernel.info;            // the kernel has told JupyterLab its language
  await new Promise(resolve => setTimeout(resolve, 1000));   // and JupyterLab has had time to write it down
  const box = selector => {
    const element = document.querySelector(selector);
    if (!element) return null;
    const r = element.getBoundingClientRect();
    return {x: r.x, y: r.y, width: r.width, height: r.height};
  };
  const left = document.querySelector('#jp-left-stack');
  return {
    path: panel.context.path,
    mode: app.shell.mode,
    leftCollapsed: app.shell.leftCollapsed,
    leftPanelShown: !!left && left.getBoundingClientRect().width > 0,
    dirty: panel.context.model.dirty,
    dirtyMarks: document.querySelectorAll('.jp-mod-dirty').length,
    lesson: box('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer'),
  };
}"""


def test_a_lesson_opens_full_screen_and_clean(make_lab: LabServer, tab: Any, artifacts: Path) -> None:
    page = tab.page
    page.set_viewport_size(SCREEN)
    page.goto(f"{make_lab.url}/lab/tree/{LESSON}?token={make_lab.token}")
    page.wait_for_function(KERNEL_READY, arg=LESSON, timeout=OPEN_SECONDS * 1000)
    state = page.evaluate(LAYOUT, LESSON)
    page.screenshot(path=str(artifacts / "make-lab-lesson-1366x768.png"))
    lesson = state["lesson"]
    assert lesson is not None, state
    share = lesson["width"] * lesson["height"] / (SCREEN["width"] * SCREEN["height"])
    print(
        f"lesson panel at 1366x768: {lesson['width']:.0f}x{lesson['height']:.0f} px"
        f" = {share:.1%} of the screen"
    )
    assert state["leftCollapsed"] and not state["leftPanelShown"], "the side panel must open collapsed"
    assert state["mode"] == "single-document", "simple mode"
    assert not state["dirty"] and state["dirtyMarks"] == 0, "the notebook shows 'unsaved' right after opening"
    assert share >= MIN_LESSON_SHARE, f"the lesson takes {share:.1%} of a 1366×768 screen"

    # The one action the lesson text names: Run → Run All Cells, from the menu bar.
    cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").count()
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator('li.lm-Menu-item[data-command="runmenu:run-all"]:not(.lm-mod-disabled)').click()
    panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
    page.wait_for_function(
        """(panel) => [...document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputPrompt')]
                   .every(p => /\\[\\d+\\]/.test(p.textContent))""",
        arg=panel,
        timeout=RUN_SECONDS * 1000,
    )
    page.locator(f"{panel} .jp-OutputArea-output .jupyter-widgets").first.wait_for()
    settle(page, panel)
    page.screenshot(path=str(artifacts / "make-lab-lesson-1366x768-run.png"))
    after = page.evaluate(
        """(panel) => ({cells: document.querySelectorAll(panel + ' .jp-Cell').length,
                       editing: !!document.querySelector(panel + ' .jp-Notebook.jp-mod-editMode')})""",
        panel,
    )
    assert after["cells"] == cells, "Run All Cells must not add an empty cell"
    assert not after["editing"], "the cursor must not be left in a code cell"
