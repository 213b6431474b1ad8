"""The calibration screen: a ticket file, one button, and the data report, estimates and back-test below.

A thin view over ``simkit.calibrate`` (which holds every rule and is tested without widgets). It opens on
the synthetic sample log so a planner sees a finished example before pointing it at their own export.
Switching the language re-renders what was computed, without calibrating again. A mistake in the file
(a missing column, an Excel workbook) is one line in the message area, never a traceback.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from simkit.bilingual import check_lang
from simkit.errors import ConfigError

log = logging.getLogger(__name__)

CSS = """
.simkit-cal { max-width: 1100px; font-size: 16px; line-height: 1.45; }
.simkit-cal .widget-html-content { white-space: normal; line-height: 1.45; overflow-x: auto; }
.simkit-cal h2 { color: #1a4d8f; margin: .2em 0; font-size: 1.35em; }
.simkit-cal h3 { color: #1a4d8f; margin: .8em 0 .2em; font-size: 1.1em; }
.simkit-cal pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 15px; margin: 0; }
.simkit-cal table { border-collapse: collapse; width: 100%; }
.simkit-cal td, .simkit-cal th { border: 1px solid #bbb; padding: 3px 6px; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
.simkit-cal th { background: #eef3fa; }
.simkit-cal-verdict { background: #f7f9fc; border-left: 5px solid #1a4d8f; padding: 6px 10px; }
.simkit-cal-bad { color: #8a1c14; background: #fdf0e6; border-left: 5px solid #b3261e; padding: 6px 10px; }
.simkit-cal .widget-hbox { flex-wrap: wrap; }
.simkit-cal .widget-inline-hbox > .widget-label { white-space: normal; overflow-wrap: anywhere;
  text-overflow: clip; height: auto; }
"""


INSIDE = "calc(100% - 2 * var(--jp-widgets-margin))"
"""The full width of a box less a widget's own margins (``100%`` would stick out by them, and scroll)."""


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><tr>{head}</tr>{body}</table>"


class CalibrateView(widgets.VBox):
    """Calibrate from a ticket file and back-test, shown in Vietnamese or English."""

    def __init__(self, path: str | Path | None = None, *, lang: str = "vi", replications: int = 10) -> None:
        from simkit.calibrate import sample_path
        from simkit.calibrate.strings import load_calibrate_strings

        super().__init__()
        self.strings = load_calibrate_strings()
        self.lang = check_lang(lang)
        self.replications = replications
        self.calibration = None
        self.result = None
        self.add_class("simkit-cal")
        style = widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(height="0px", overflow="hidden"))
        self.lang_toggle = widgets.ToggleButtons(
            options=[("Tiếng Việt", "vi"), ("English", "en")], value=lang
        )
        self.lang_toggle.style.button_width = "auto"
        self.path = widgets.Text(
            value=str(path or sample_path()),
            style={"description_width": "initial"},
            layout=widgets.Layout(width=INSIDE),
        )
        self.run_button = widgets.Button(button_style="primary", layout=widgets.Layout(width="auto"))
        self.message = widgets.HTML()
        self.report = widgets.HTML()
        self.estimates = widgets.HTML()
        self.verdict = widgets.HTML()
        self.figure = widgets.Image(format="png", layout=widgets.Layout(width=INSIDE, max_width="1100px"))
        self.table = widgets.HTML()
        self.children = [
            style,
            self.lang_toggle,
            self.path,
            self.run_button,
            self.message,
            self.verdict,
            self.figure,
            self.table,
            self.report,
            self.estimates,
        ]
        self.lang_toggle.observe(lambda change: self.set_lang(change["new"]), names="value")
        self.run_button.on_click(lambda _button: self.run())
        self.relabel()
        self.run()

    def t(self, key: str, **params: object) -> str:
        return self.strings.get(key, self.lang, **params)

    def relabel(self) -> None:
        self.lang_toggle.description = self.t("view.language")
        self.path.description = self.t("view.path")
        self.path.tooltip = self.t("view.path_help")
        self.run_button.description = self.t("view.run")
        self.run_button.tooltip = self.t("view.run_help")

    def set_lang(self, lang: str) -> None:
        self.lang = check_lang(lang)
        self.relabel()
        self.render()

    def run(self) -> None:
        """Calibrate the file in the box and back-test it; a mistake is one line in the message area."""
        from simkit.calibrate import backtest, calibrate

        self.message.value = (
            f"<div role='status' aria-live='polite'>{html.escape(self.t('view.working'))}</div>"
        )
        try:
            self.calibration = calibrate(self.path.value.strip())
            self.result = backtest(self.calibration, replications=self.replications)
        except ConfigError as exc:
            self.calibration = self.result = None
            self.message.value = self._problem(str(exc))
            for area in (self.report, self.estimates, self.verdict, self.table):
                area.value = ""
            self.figure.value = b""
            return
        except Exception as exc:  # noqa: BLE001 - one line for the planner, the details in the log
            log.exception("calibration failed")
            self.message.value = self._problem(self.t("view.unexpected", message=exc))
            return
        self.message.value = ""
        self.render()

    @staticmethod
    def _problem(text: str) -> str:
        return f"<div class='simkit-cal-bad' role='alert'>{html.escape(text)}</div>"

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
        heading = self.t("backtest.heading", days=self.result.days, replications=self.result.replications)
        self.verdict.value = (
            f"<h3>{html.escape(heading)}</h3><div class='simkit-cal-verdict' aria-live='polite'>"
            f"{html.escape(verdict(self.result, lang))}</div>"
        )
        self.figure.value = png_bytes(backtest_figure(self.result, lang))
        self.table.value = _table(backtest_table(self.result, lang))
        self.report.value = f"<pre>{html.escape(data_report_text(self.calibration.report, lang))}</pre>"
        heading = html.escape(self.t("estimate.heading"))
        self.estimates.value = f"<h3>{heading}</h3>{_table(estimates_table(self.calibration, lang))}"
