"""The export panel: a folder name, "save CSV and figures", "save the HTML report", and what was written."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from simkit.plan import export
from simkit.plan.dashboard import PlanRun, error_message
from simkit.plan.views.common import WIDE, PlanView, paragraph

log = logging.getLogger(__name__)


class ExportPanel(widgets.VBox):
    """Saves the host view's last run; problems go to the host's message area like any other."""

    def __init__(
        self, view: PlanView, last_run: Callable[[], PlanRun | None], root: Path, default_name: str
    ) -> None:
        super().__init__()
        self.view = view
        self.last_run = last_run
        self.root = root
        self.heading = widgets.HTML()
        self.folder = widgets.Text(value=default_name, style=WIDE, layout=widgets.Layout(width="95%"))
        view.label(self.folder, "export.folder.label", tooltip="export.folder.help")
        self.save_files = self._button("export.save_files", self._save_files)
        self.save_report = self._button("export.save_report", self._save_report)
        self.result = widgets.HTML()
        self.written: list[Path] = []
        self.children = [
            self.heading,
            self.folder,
            widgets.HBox([self.save_files, self.save_report]),
            self.result,
        ]
        self.relabel()

    def _button(self, key: str, action: Callable[[], None]) -> widgets.Button:
        button = widgets.Button(layout=widgets.Layout(width="auto"))
        self.view.label(button, key, tooltip=f"{key}_help")
        button.on_click(lambda _button: self._guarded(action))
        return button

    def _guarded(self, action: Callable[[], None]) -> None:
        """Export problems (no folder name, a full disk) are shown here, beside the buttons."""
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - shown as a sentence, never a traceback
            if not hasattr(exc, "problems"):
                log.debug("export failed", exc_info=True)
            text = error_message(exc, self.view.strings, self.view.lang)
            self.result.value = paragraph(text, "simkit-plan-bad")

    def relabel(self) -> None:
        self.heading.value = f"<h3>{html.escape(self.view.t('export.title'))}</h3>"

    def _run(self) -> PlanRun:
        run = self.last_run()
        if run is None:
            raise export.PlanInputError([export.Problem("problem.nothing_to_export")])
        return run

    def _save_files(self) -> None:
        run = self._run()
        folder = export.export_folder(self.folder.value, self.root)
        self.written = export.export_files(run, folder, self.view.strings, self.view.lang)
        self._done(self.view.t("export.saved", count=len(self.written), folder=str(folder)))

    def _save_report(self) -> None:
        run = self._run()
        folder = export.export_folder(self.folder.value, self.root)
        path = export.write_report(run, folder, self.view.strings, self.view.lang)
        self.written = [path]
        self._done(self.view.t("export.report_saved", file=str(path)))

    def _done(self, text: str) -> None:
        self.result.value = f"<div class='simkit-plan-ok'>{html.escape(text)}</div>"
