"""The calibration screen: a ticket file, one button, and the data report, estimates and back-test below.

A thin view over ``simkit.calibrate`` (which holds every rule and is tested without widgets), on the one
widget layer like every planner screen: the screen base (language and large-text switches, title,
message area), the one guard around every callback and the planner part of the one stylesheet. It opens
on the synthetic sample log so a planner sees a finished example before pointing it at their own export.
Switching the language re-renders what was computed, without calibrating again. A mistake in the file
(a missing column, an Excel workbook) is one line in the message area, never a traceback.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from simkit.errors import ConfigError
from simkit.plan.strings import load_plan_strings
from simkit.plan.views.common import INSIDE, html_table
from simkit.widgets import style
from simkit.widgets.guard import is_mistake, one_line
from simkit.widgets.view import ScreenView

if TYPE_CHECKING:  # imported when a run starts, so opening the screen stays quick
    from simkit.calibrate.backtest import BackTest
    from simkit.calibrate.calibration import Calibration


def _table(frame: pd.DataFrame) -> str:
    return html_table([str(c) for c in frame.columns], frame.itertuples(index=False))


def report_html(text: str) -> str:
    """The data report's indented lines as paragraphs and nested lists, so long lines wrap on a phone
    (preformatted text would scroll sideways) and a screen reader hears the structure."""
    out: list[str] = []
    depth = 0
    for line in text.splitlines():
        level = min((len(line) - len(line.lstrip(" "))) // 2, 2)
        body = html.escape(line.strip().removeprefix("• "))
        out += ["<ul>"] * max(level - depth, 0) + ["</ul>"] * max(depth - level, 0)
        depth = level
        out.append(f"<li>{body}</li>" if level else f"<p>{body}</p>")
    return "".join(out) + "</ul>" * depth


class CalibrateView(ScreenView):
    """Calibrate from a ticket file and back-test, shown in Vietnamese or English."""

    def __init__(self, path: str | Path | None = None, *, lang: str = "vi", replications: int = 10) -> None:
        from simkit.calibrate import sample_path
        from simkit.calibrate.strings import load_calibrate_strings

        self.strings = load_calibrate_strings()
        self.shared = load_plan_strings()  # the switches say what they say on every planner screen
        super().__init__(
            lang=lang, title_key="view.title", intro_key="view.intro", root_classes=("simkit-plan",)
        )
        self.replications = replications
        self.calibration: Calibration | None = None
        self.result: BackTest | None = None
        self.path = widgets.Text(
            value=str(path or sample_path()), style=style.WIDE, layout=widgets.Layout(width=INSIDE)
        )
        self.run_button = widgets.Button(button_style="primary", layout=widgets.Layout(width="auto"))
        self.report = widgets.HTML()
        self.estimates = widgets.HTML()
        self.verdict = widgets.HTML()
        self.figure = widgets.Image(format="png", layout=widgets.Layout(width=INSIDE, max_width="1100px"))
        self.table = widgets.HTML()
        top = widgets.HBox([self.title, self.switches()])
        top.add_class("simkit-plan-header")
        self.children = [
            style.stylesheet(),
            top,
            self.intro,
            self.path,
            self.run_button,
            self.message,
            self.verdict,
            self.figure,
            self.table,
            self.report,
            self.estimates,
        ]
        self.run_button.on_click(lambda _button: self.guard(self.run)())
        self.relabel()
        self.guard(self.run)()

    def t(self, key: str, **params: Any) -> str:
        table = self.shared if key.startswith("common.") else self.strings
        return table.get(key, self.lang, **params)

    def relabel(self) -> None:
        super().relabel()
        self.intro.value = f"<div class='simkit-plan-muted'>{self.esc('view.intro')}</div>"
        self.path.description = self.t("view.path")
        self.path.tooltip = self.t("view.path_help")
        self.run_button.description = self.t("view.run")
        self.run_button.tooltip = self.t("view.run_help")

    def show_error(self, error: Exception) -> None:
        """A mistake in the file as its own line; anything else as the plea to tell the technical contact
        (the guard has logged it), the previous results kept."""
        text = str(error) if is_mistake(error) else self.t("view.unexpected", message=one_line(error))
        self.message.value = f"<div class='simkit-plan-bad' role='alert'>{html.escape(text)}</div>"

    def run(self) -> None:
        """Calibrate the file in the box and back-test it; a mistake empties the results below."""
        from simkit.calibrate import backtest, calibrate

        self.message.value = f"<div role='status' aria-live='polite'>{self.esc('view.working')}</div>"
        try:
            calibration = calibrate(self.path.value.strip())
            result = backtest(calibration, replications=self.replications)
        except ConfigError:
            self.calibration = self.result = None
            for area in (self.report, self.estimates, self.verdict, self.table):
                area.value = ""
            self.figure.value = b""
            raise
        self.calibration, self.result = calibration, result
        self.message.value = ""
        self.render()

    def render(self) -> None:
        from simkit.calibrate import (
            backtest_figure,
            backtest_table,
            data_report_text,
            estimates_table,
            verdict,
        )
        from simkit.sim.figures import png_bytes

        if self.calibration is None or self.result is None:
            return
        lang = self.lang
        heading = self.esc("backtest.heading", days=self.result.days, replications=self.result.replications)
        self.verdict.value = (
            f"<h3>{heading}</h3><div class='simkit-plan-caption' aria-live='polite'>"
            f"{html.escape(verdict(self.result, lang))}</div>"
        )
        self.figure.value = png_bytes(backtest_figure(self.result, lang))
        self.table.value = _table(backtest_table(self.result, lang))
        self.report.value = report_html(data_report_text(self.calibration.report, lang))
        self.estimates.value = (
            f"<h3>{self.esc('estimate.heading')}</h3>{_table(estimates_table(self.calibration, lang))}"
        )
