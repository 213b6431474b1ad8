"""Every notebook in notebooks/, opened in JupyterLab and run with Run All, as a learner or planner does.

Asserts: every cell ran, no error output, every widget rendered, the expected figures drawn, and nothing a
person would notice in the layout (a sideways scrollbar, a cut-off label, button or drop-down) — in
Vietnamese, and again in English where the notebook shows a language switch (English labels are often
longer). New notebooks are found by a glob and covered automatically; record how many figures a new one
should draw in ``FIGURES`` (a notebook missing there is still run and checked, with a warning asking for
its entry).
"""

from __future__ import annotations

import warnings

import pytest

from tests.browser.conftest import notebook_paths
from tests.browser.jupyter import Lab

pytestmark = pytest.mark.browser

FIGURES = {
    "start_here.ipynb": 2,  # wait by hour, utilisation (matplotlib, inline PNG)
    "plan/scenario_dashboard.ipynb": 1,  # the open tab's figure (the others are drawn when opened)
    "plan/adoption_sweep.ipynb": 1,  # wait and P(wait ≤ target) against adoption
    "plan/campaign_planner.ipynb": 1,  # adoption month by month
    "plan/compare_plans.ipynb": 0,  # a table only
    "plan/quick_check.ipynb": 0,  # a table only
    "plan/calibrate.ipynb": 1,  # the back-test figure (wait by hour, distribution, daily means)
    "plan/replay.ipynb": 0,  # plotly.js draws the animation inside its frame (tests/browser/test_replay.py)
    "learn/01_getting_vneid.ipynb": 0,
    "learn/02_activating_vneid.ipynb": 0,
    "learn/03_using_vneid.ipynb": 0,
    "learn/04_submit_online.ipynb": 0,
    "learn/05_pay_and_track.ipynb": 0,
    "learn/06_staying_safe.ipynb": 0,
    "learn/my_progress.ipynb": 0,
    "teach/campaign_report.ipynb": 0,  # tables and a report text
    "teach/cohort_results.ipynb": 1,  # completion and quiz score per lesson (matplotlib)
    "teach/presenter.ipynb": 0,
    "teach/workshop_planner.ipynb": 0,
    "workshop/start.ipynb": 0,  # the workshop's start page (served to phones by simkit workshop)
}
"""How many figures each notebook shows after Run All (visible, loaded images)."""

WIDGET_FOLDERS = ("learn/", "plan/", "teach/", "workshop/")
"""Notebooks here are apps: their output must contain rendered widgets."""


def screenshot_name(relative: str, suffix: str = "") -> str:
    return "lab-" + relative.removesuffix(".ipynb").replace("/", "-") + suffix + ".png"


@pytest.mark.parametrize("relative", notebook_paths())
def test_notebook_runs_and_renders(relative: str, lab: Lab) -> None:
    lab.open(relative)
    lab.run_all()
    shown = lab.outputs()
    lab.screenshot(screenshot_name(relative))
    problems = list(shown.problems) + shown.layout
    if not shown.problems:
        english = lab.switch_language("English")
        if english is not None:
            lab.screenshot(screenshot_name(relative, "-en"))
            problems += [f"in English: {note}" for note in english.problems + english.layout]
    expected = FIGURES.get(relative)
    if expected is None:
        warnings.warn(
            f"{relative}: add its figure count to FIGURES (it showed {shown.figures})", stacklevel=1
        )
    elif shown.figures < expected:
        problems.append(f"expected {expected} figure(s), found {shown.figures} visible and loaded")
    if relative.startswith(WIDGET_FOLDERS) and shown.widgets == 0:
        problems.append("no widget rendered")
    assert not problems, f"{relative}:\n  " + "\n  ".join(problems)
