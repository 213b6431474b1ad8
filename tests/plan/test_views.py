"""The planner views driven headlessly, like a planner: set ``.value``, ``.click()``, read what is shown."""

from __future__ import annotations

import html
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pytest

from simkit.plan.dashboard import FIGURES, TABLE_KEYS
from simkit.plan.strings import load_plan_strings
from simkit.plan.views import CampaignView, CompareView, DashboardView, QuickCheckView, SweepView

STRINGS = load_plan_strings()


def vi(key: str, **params: object) -> str:
    """The planner string ``key`` in Vietnamese as a view shows it (HTML-escaped)."""
    return html.escape(STRINGS.get(key, "vi", **params))


def field(name: str) -> str:
    return STRINGS.get(f"field.{name}.label", "vi")


@pytest.fixture
def dashboard(tmp_path: Path) -> DashboardView:
    return DashboardView("commune_pasc", export_root=tmp_path)


def is_png(image: widgets.Image) -> bool:
    return bytes(image.value).startswith(b"\x89PNG")


def shown(widget: widgets.HTML) -> bool:
    return widget.layout.display != "none" and bool(widget.value)


def test_dashboard_opens_with_results(dashboard: DashboardView) -> None:
    assert not shown(dashboard.message)
    assert dashboard.table.value.count("<tr>") == 1 + len(TABLE_KEYS)
    # The preset's crowded Monday loses a few walk-ins who give up: the box says so.
    assert "role='status'" in dashboard.alerts.value and "aria-live='polite'" in dashboard.alerts.value
    assert (
        STRINGS.entries["dash.status"].vi.split("{seed}")[0].format(replications=10) in dashboard.status.value
    )
    assert is_png(dashboard.images["wait_by_hour"])
    for name in FIGURES:
        assert "simkit-plan-caption" in dashboard.captions[name].value
    assert dashboard.tabs.titles[0] == STRINGS.get("dash.tab.wait_by_hour", "vi")


def test_every_control_has_an_accessible_label(dashboard: DashboardView) -> None:
    controls = [
        *dashboard.form.controls.values(),
        dashboard.preset,
        dashboard.run_button,
        dashboard.reset_button,
        dashboard.lang_toggle,
        dashboard.large,
        dashboard.export.folder,
        dashboard.export.save_files,
        dashboard.export.save_report,
    ]
    for control in controls:
        assert control.description.strip(), control
        assert control.tooltip and control.tooltip.strip(), control.description
    assert dashboard.progress.description


def test_changing_a_number_updates_table_captions_and_figure(dashboard: DashboardView) -> None:
    table, caption = dashboard.table.value, dashboard.captions["wait_by_hour"].value
    image = dashboard.images["wait_by_hour"].value
    dashboard.form.controls["counters"].value = 2
    assert dashboard.table.value != table and dashboard.captions["wait_by_hour"].value != caption
    assert dashboard.images["wait_by_hour"].value != image
    assert dashboard.run.results.scenario.staffing.counters == 2


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("counters", 0, vi("problem.counters_range", high=60, value=0)),
        ("adoption", 120, vi("problem.percent_range", label=field("adoption"), low=0, high=100, value=120)),
        ("closes", "07:00", vi("problem.hours_order", opens="07:30", closes="07:00")),
        ("opens", "bảy giờ", vi("problem.time_format", label=field("opens"), value="bảy giờ")),
        ("backoffice", 0, vi("problem.backoffice_needed", label=field("backoffice"))),
    ],
)
def test_a_bad_value_shows_a_friendly_message(
    dashboard: DashboardView, field: str, value: object, expected: str
) -> None:
    table = dashboard.table.value
    dashboard.form.controls[field].value = value  # must not raise
    assert shown(dashboard.message) and expected in dashboard.message.value
    assert "Traceback" not in dashboard.message.value
    assert dashboard.table.value == table, "the last good results stay on screen"
    assert vi("dash.stale") in dashboard.status.value


def test_fixing_the_value_clears_the_message(dashboard: DashboardView) -> None:
    dashboard.form.controls["counters"].value = 0
    dashboard.form.controls["counters"].value = 3
    assert not shown(dashboard.message) and dashboard.run.results.scenario.staffing.counters == 3


def test_language_switch_relabels_without_rerunning(dashboard: DashboardView) -> None:
    dashboard.form.controls["adoption"].value = 120
    run = dashboard.run
    dashboard.lang_toggle.value = "en"
    assert dashboard.run is run
    assert dashboard.form.controls["counters"].description == "Reception-and-return counters"
    assert "must be between 0 and 100 (you typed 120)" in dashboard.message.value
    assert dashboard.captions["wait_by_hour"].value.count("walk-ins") >= 1
    assert dashboard.preset.options[0][0].startswith("Commune Public Administration Service Centre")
    assert dashboard.tabs.titles[0] == "Wait by hour"


def test_tabs_draw_their_figure_when_opened(dashboard: DashboardView) -> None:
    assert bytes(dashboard.images["online"].value) == b""
    dashboard.tabs.selected_index = FIGURES.index("online")
    assert is_png(dashboard.images["online"])


def test_preset_reset_and_run_buttons(dashboard: DashboardView) -> None:
    dashboard.preset.value = "provincial_pasc"
    assert dashboard.form.controls["counters"].value == 11
    assert dashboard.run.preset == "provincial_pasc"
    dashboard.form.controls["counters"].value = 12
    dashboard.reset_button.click()
    assert (
        dashboard.form.controls["counters"].value == 11
        and dashboard.run.results.scenario.staffing.counters == 11
    )
    before = dashboard.run
    dashboard.run_button.click()
    assert dashboard.run is not before and not shown(dashboard.message)


def test_export_buttons_write_into_the_named_folder(dashboard: DashboardView, tmp_path: Path) -> None:
    dashboard.export.folder.value = "ket_qua/thu"
    dashboard.export.save_files.click()
    folder = tmp_path / "ket_qua" / "thu"
    on_disk = sorted(path.name for path in folder.iterdir())
    assert "summary.csv" in on_disk and "hourly_table.csv" in on_disk
    assert vi("export.saved", count=len(on_disk), folder=folder) in dashboard.export.result.value
    dashboard.export.save_report.click()
    assert (tmp_path / "ket_qua" / "thu" / "report.html").exists()
    dashboard.export.folder.value = "  "
    dashboard.export.save_report.click()
    assert vi("problem.folder_empty") in dashboard.export.result.value


def test_an_unexpected_error_is_a_sentence_not_a_traceback(
    dashboard: DashboardView, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(dashboard.model, "evaluate", broken)
    dashboard.run_button.click()
    expected = vi("common.unexpected", message="RuntimeError: simulated failure")
    assert expected in dashboard.message.value


def test_dashboard_update_time_is_reported(
    tmp_path: Path, record_property: Callable, capsys: pytest.CaptureFixture
) -> None:
    """Wall time from a changed value to a redrawn screen (1 day, 10 replications); reported, not asserted."""
    view = DashboardView("commune_pasc", export_root=tmp_path)
    times = {}
    for preset, values in (("commune_pasc", (2, 3, 4, 3, 2)), ("provincial_pasc", (12, 13, 14, 13, 12))):
        view.preset.value = preset
        seconds = []
        for value in values:
            started = time.perf_counter()
            view.form.controls["counters"].value = value
            seconds.append(time.perf_counter() - started)
            assert abs(view.last_update_seconds - seconds[-1]) < 0.05
        times[preset] = seconds
    for preset, seconds in times.items():
        record_property(f"dashboard_update_seconds_{preset}", statistics.median(seconds))
        with capsys.disabled():
            print(
                f"\n[timing] dashboard update, {preset}, 1 day × 10 replications: median "
                f"{statistics.median(seconds):.2f} s, min {min(seconds):.2f} s, max {max(seconds):.2f} s"
            )


def test_sweep_view() -> None:
    view = SweepView("commune_pasc", replications=2, levels="20, 80", changes={"counters": 2})
    assert not shown(view.message) and is_png(view.image)
    assert view.staffing.value.count("<tr>") == 3 and "80%" in view.caption.value
    view.levels.value = "abc"
    view.run_button.click()
    assert vi("problem.levels_format", value="abc") in view.message.value
    view.levels.value = "50"
    view.run_button.click()
    assert not shown(view.message) and view.staffing.value.count("<tr>") == 2


def test_compare_view() -> None:
    view = CompareView(replications=3, changes_a={"counters": 2}, changes_b={"counters": 2, "adoption": 70})
    assert not shown(view.message) and vi("compare.plan_b") in view.caption.value
    view.forms["b"].controls["counters"].value = 0
    view.run_button.click()
    for lang in ("vi", "en"):
        view.lang_toggle.value = lang
        counters = STRINGS.get("problem.counters_range", lang, high=60, value=0)
        expected = html.escape(STRINGS.get("compare.side_problem", lang, side="B", problem=counters))
        assert view.message.value.count(expected) == 1


def test_campaign_view_marks_assumptions_and_seed_figures() -> None:
    view = CampaignView(replications=2)
    for control in view.form.controls.values():
        assert control.description.startswith(
            STRINGS.get("campaign.workshops.label", "vi").split(":")[0] + ":"
        )
    assert "82%" in view.references.value and "8288" in view.references.value
    assert view.table.value.count("<tr>") == 1 + 7 and is_png(view.image)
    view.form.controls["months"].value = 0
    view.run_button.click()
    months = STRINGS.get("campaign.months.label", "vi")
    assert vi("problem.count_range", label=months, low=1, high=24, value=0) in view.message.value


def test_quick_check_view_updates_on_change() -> None:
    view = QuickCheckView(replications=2)
    assert (
        "Erlang C" in view.table.value
        and vi("time.hours_am", start24=7, end24=8, start=7, end=8) in view.note.value
    )
    view.form.controls["counters"].value = 1
    assert vi("quick.overloaded") in view.table.value
    view.form.controls["counters"].value = 0
    assert vi("problem.counters_range", high=60, value=0) in view.message.value


# --- layout: nothing cut off, nothing scrolling sideways (what the browser tests check on screen) -----------
def test_every_planner_view_starts_with_styles_and_a_header_holding_both_switches() -> None:
    views = [
        DashboardView(replications=2),
        SweepView(run_now=False),
        CompareView(run_now=False),
        CampaignView(run_now=False),
        QuickCheckView(replications=2),
    ]
    for view in views:
        style, header, intro = view.children[:3]
        assert "<style>" in style.value and ".simkit-plan" in style.value
        assert "simkit-plan-header" in header._dom_classes
        title, switches = header.children
        assert title is view.title and intro is view.intro
        assert switches.children == (view.lang_toggle, view.large)
        view.large.value = True
        assert "simkit-large" in view._dom_classes


def test_compare_view_has_a_preset_each_and_two_columns() -> None:
    """Layout is measured in the browser suite (no sideways scroll at phone and laptop widths)."""
    view = CompareView(run_now=False)
    assert view.presets["a"] in view.children and view.presets["b"] in view.children
    columns = next(c for c in view.children if "simkit-plan-columns" in c._dom_classes)
    for side, column in zip(("a", "b"), columns.children, strict=True):
        assert column.children == (view.headings[side], view.forms[side])


def test_dashboard_warns_of_lost_walk_ins_and_has_a_weekday_control(tmp_path: Path) -> None:
    """Issue 10 (7): at ten times the demand the losses and the back office's backlog are on screen."""
    view = DashboardView("provincial_pasc", export_root=tmp_path)
    assert [key for _, key in view.weekday.options][-1] == "sat"
    view.form.controls["citizens_per_day"].value = 3000
    assert "role='status'" in view.alerts.value
    assert view.alerts.value.count("<p>") == 2  # lost walk-ins, and the back office
    lost = view.run.alerts("vi")[0]
    assert lost.split(":")[0] in view.alerts.value
    view.weekday.value = "sat"
    assert view.run.scenario.calendar.start_weekday == "sat"
    view.lang_toggle.value = "en"
    assert view.weekday.label == "Saturday" and view.weekday.value == "sat"
