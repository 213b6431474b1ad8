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


def check_losses_are_announced(dashboard: Dashboard, lang: str = "vi") -> None:
    """Ten times the demand: a warning (role=status, read by screen readers) names the lost walk-ins."""
    strings = load_plan_strings()
    alert = dashboard.scope.locator("[role='status'].simkit-plan-bad")
    before = dashboard.state()
    dashboard.set_number(strings.get("field.citizens_per_day.label", lang), 700)
    dashboard.wait_changed(before)
    opening = strings.get("alert.lost", lang, total="@", baulked="", reneged="", sent_home="").split("@")[0]
    alert.first.wait_for(timeout=30_000)
    assert alert.first.inner_text().startswith(opening)
    weekday = dashboard.scope.locator("select").filter(has_text=strings.get("weekday.mon", lang))
    assert weekday.count() == 1  # the day-of-the-week control is on screen


def test_dashboard_table_and_figure_follow_a_control(lab: Lab) -> None:
    lab.open(NOTEBOOK)
    lab.run_all()
    assert not lab.outputs().problems
    dashboard = Dashboard(lab.page, f"{LAB_ROOT} .simkit-plan")
    check_dashboard_responds(dashboard)
    lab.screenshot("lab-planner-after-change.png")
    check_losses_are_announced(dashboard)
