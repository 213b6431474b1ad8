"""The planner's scenario dashboard in JupyterLab: change a number, the table and the figure follow.

Fewer counters must show a longer mean walk-in wait in the key-results table and a redrawn figure; opening
another tab draws that tab's figure.
"""

from __future__ import annotations

import pytest

from simkit.plan.strings import load_plan_strings
from simkit.sim.labels import load_labels
from tests.browser.jupyter import LAB_ROOT, Dashboard, Lab

pytestmark = pytest.mark.browser

NOTEBOOK = "plan/scenario_dashboard.ipynb"


def check_dashboard_responds(dashboard: Dashboard, lang: str = "vi") -> None:
    """Counters down to 1: longer waits in the table, a new figure; then another tab's figure."""
    strings, labels = load_plan_strings(), load_labels(lang)
    counters = strings.get("field.counters.label", lang)
    wait = labels.kpi("walkin_wait_mean")
    before = dashboard.state()
    wait_before = dashboard.kpi(wait)
    dashboard.set_number(counters, 1)
    after = dashboard.wait_changed(before)
    wait_after = dashboard.kpi(wait)
    assert wait_after > wait_before, f"one counter should mean longer waits: {wait_before} → {wait_after}"
    assert after["src"] != before["src"] and after["table"] != before["table"]
    dashboard.open_tab(strings.get("dash.tab.utilisation", lang))
    drawn = dashboard.state()
    assert drawn["src"] != after["src"], "the utilisation tab shows the wait figure"


def test_dashboard_table_and_figure_follow_a_control(lab: Lab) -> None:
    lab.open(NOTEBOOK)
    lab.run_all()
    assert not lab.outputs().problems
    check_dashboard_responds(Dashboard(lab.page, f"{LAB_ROOT} .simkit-plan"))
    lab.screenshot("lab-planner-after-change.png")
