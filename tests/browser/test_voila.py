"""The scenario dashboard as the Voilà web app, started exactly as `make dashboard` starts it.

It must render (no error output, every widget drawn, the figure shown, no code, nothing cut off or
scrolling sideways), respond to a control as in JupyterLab, and load nothing from the internet: Voilà's
page template links an icon font from a CDN, which simkit's offline template (simkit/plan/offline) must
not do.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, Tab, VoilaServer
from tests.browser.jupyter import (
    VOILA_OUTPUT,
    VOILA_ROOT,
    VOILA_SCROLLER,
    VOILA_STDERR,
    Dashboard,
    read_outputs,
    short,
    tall_screenshot,
)
from tests.browser.test_planner import check_dashboard_responds

pytestmark = pytest.mark.browser

LOAD_SECONDS = 90
"""Voilà runs the whole notebook before the page shows; generous on a busy two-core machine."""
VOILA_ERRORS = ("There was an error when executing cell", "Traceback", "Error displaying widget")


def test_voila_dashboard_renders_and_responds(voila_server: VoilaServer, tab: Tab) -> None:
    page = tab.page
    page.goto(f"{voila_server.url}/", timeout=LOAD_SECONDS * 1000)
    dashboard = Dashboard(page, ".simkit-plan")
    dashboard.scope.wait_for(timeout=LOAD_SECONDS * 1000)
    dashboard.state()
    shown = read_outputs(page, VOILA_ROOT, VOILA_OUTPUT, VOILA_STDERR)
    body = page.locator("body").inner_text()
    problems = list(shown.problems) + shown.layout + [f"page says {e!r}" for e in VOILA_ERRORS if e in body]
    if page.locator(".jp-CodeCell .jp-InputArea:visible, .cm-editor:visible").count():
        problems.append("code is shown (the app runs with --strip_sources=True)")
    if shown.figures < 1:
        problems.append("no figure shown")
    if "Run All Cells" in body or "make dashboard" in body:
        problems.append("the notebook's JupyterLab instructions are shown in the app")
    if page.evaluate("document.documentElement.lang") != "vi":
        problems.append("the page's lang is not vi")
    tall_screenshot(page, VOILA_SCROLLER, ARTIFACTS / "voila-dashboard.png")
    assert not problems, "Voilà dashboard:\n  " + "\n  ".join(short(p) for p in problems)

    check_dashboard_responds(dashboard)
    tall_screenshot(page, VOILA_SCROLLER, ARTIFACTS / "voila-dashboard-after-change.png")
    tab.offline.check()
