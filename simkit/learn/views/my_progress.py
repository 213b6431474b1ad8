"""The "my progress" view: the learner types their display name and sees every lesson's status; when all
lessons are done, the certificate is shown and can be saved as a printable HTML file.

A thin view over ``simkit.learn.report``; the file is read through ``ProgressStore.load``, so a damaged
progress file is set aside with a message, exactly as in a lesson.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import ipywidgets as widgets

from simkit.bilingual import check_lang
from simkit.errors import ConfigError
from simkit.learn.content import load_lessons
from simkit.learn.progress import ProgressFile, ProgressStore, check_display_name
from simkit.learn.report import (
    all_done,
    certificate_file_name,
    certificate_html,
    overview,
    overview_html,
    save_certificate,
)
from simkit.learn.schema import Lesson
from simkit.learn.strings import UiStrings, load_ui_strings
from simkit.learn.validators import Problem
from simkit.learn.views.common import guarded, html_box
from simkit.widgets import style
from simkit.widgets.style import WIDE
from simkit.widgets.view import language_toggle, large_toggle


class ProgressApp(widgets.VBox):
    """My progress and, when earned, my certificate."""

    def __init__(
        self,
        lessons: dict[int, Lesson],
        strings: UiStrings,
        *,
        lang: str = "vi",
        store: ProgressStore | None = None,
    ) -> None:
        super().__init__()
        self.add_class(style.ROOT_CLASS)
        self.lessons = lessons
        self.strings = strings
        self.lang_value = check_lang(lang)
        self.store = store or ProgressStore()
        self.progress: ProgressFile | None = None
        self.lang = language_toggle(self.lang_value)
        self.lang.observe(guarded(lambda change: self.set_lang(change["new"]), self._error), "value")
        self.large = large_toggle(False)
        self.large.observe(guarded(lambda change: style.set_large(self, change["new"]), self._error), "value")
        self.name = widgets.Text(style=WIDE, layout=widgets.Layout(width="420px"))
        self.show_button = widgets.Button()
        self.show_button.on_click(lambda _b: guarded(self.show, self._error)())
        self.certificate_button = widgets.Button()
        self.certificate_button.on_click(lambda _b: guarded(self.save_certificate, self._error)())
        self.message = html_box("")
        self.table = html_box("")
        self.certificate = html_box("")
        self.saved = html_box("")
        self.saved.add_class("simkit-certificate-saved")
        self.saved.layout = widgets.Layout(flex="1 1 18em", width="auto", margin="0 0 0 12px")
        self.css = style.stylesheet()
        self.saved_path: Path | None = None
        self.render()

    def t(self, key: str, **params: object) -> str:
        return self.strings.get(key, self.lang_value, **params)

    def set_lang(self, lang: str) -> None:
        self.lang_value = check_lang(lang)
        self.render()

    def show(self) -> None:
        """Read the typed learner's progress file and show it."""
        checked = check_display_name(self.name.value)
        if isinstance(checked, Problem):
            self.progress = None
            self.message.value = (
                f"<div class='simkit-bad'>{html.escape(self.strings.say(checked, self.lang_value))}</div>"
            )
            self.render()
            return
        loaded = self.store.load(checked)
        self.progress = loaded.progress
        notice = loaded.notice
        self.message.value = (
            ""
            if notice is None
            else f"<div class='simkit-bad'>{html.escape(self.strings.say(notice, self.lang_value))}</div>"
        )
        self.render()

    def save_certificate(self) -> Path | None:
        if self.progress is None or not all_done(overview(self.progress, self.lessons)):
            return None
        self.saved_path = save_certificate(
            self.progress, self.lessons, self.strings, self.lang_value, self.store.folder
        )
        self.render()
        return self.saved_path

    def _error(self, text: str) -> None:
        self.message.value = f"<div class='simkit-bad'>{html.escape(self.t('app.error', message=text))}</div>"

    def render(self) -> None:
        self.lang.description = self.t("lang.label")
        self.lang.tooltips = [self.t("lang.vietnamese"), self.t("lang.english")]
        self.large.description = self.t("display.large")
        self.large.tooltip = self.t("display.large_help")
        self.name.description = self.t("learner.name_label")
        self.name.placeholder = self.t("learner.name_placeholder")
        self.name.tooltip = self.t("learner.name_help")
        self.show_button.description = self.show_button.tooltip = self.t("my.refresh")
        self.certificate_button.description = self.certificate_button.tooltip = self.t("my.save_certificate")
        self.certificate_button.layout.display = "none"
        self.certificate.value = ""
        self.saved.value = ""
        if self.progress is None:
            self.table.value = f"<p>{html.escape(self.t('my.enter_name'))}</p>"
        else:
            rows = overview(self.progress, self.lessons)
            self.table.value = f"<p><b>{html.escape(self.progress.display_name)}</b></p>" + overview_html(
                rows, self.strings, self.lang_value
            )
            done = sum(row.state == "done" for row in rows)
            if all_done(rows):
                self.certificate_button.layout.display = None
                preview = certificate_html(
                    self.progress, self.lessons, self.strings, self.lang_value, print_button=False
                )
                self.saved.value = self._saved_message()
                self.certificate.value = (
                    f"<iframe title='{html.escape(self.t('cert.title'))}' "
                    f"srcdoc=\"{html.escape(preview)}\" style='width:100%;height:520px;border:0'>"
                    "</iframe>"
                )
            else:
                self.certificate.value = (
                    f"<p>{html.escape(self.t('my.certificate_todo', done=done, total=len(rows)))}</p>"
                )
        self.children = [
            self.css,
            html_box(f"<h2>{html.escape(self.t('my.title'))}</h2>", "simkit-title"),
            widgets.HBox([self.lang, self.large], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.name, self.show_button], layout=widgets.Layout(flex_flow="row wrap")),
            html_box(f"<span class='simkit-muted'>{html.escape(self.t('learner.name_help'))}</span>"),
            self.message,
            self.table,
            *(
                [
                    html_box(
                        f"<div class='simkit-ok'><b>{html.escape(self.t('my.certificate_ready'))}</b></div>"
                    ),
                    widgets.HBox(
                        [self.certificate_button, self.saved],
                        layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
                    ),
                ]
                if self.certificate_button.layout.display is None
                else []
            ),
            self.certificate,
        ]

    def _saved_message(self) -> str:
        """Beside the button, once saved: where the file is, and a link that downloads it through the
        browser (the progress folder is outside JupyterLab's file browser and out of reach in the app)."""
        if self.saved_path is None or self.progress is None:
            return ""
        page = certificate_html(self.progress, self.lessons, self.strings, self.lang_value)
        data = base64.b64encode(page.encode("utf-8")).decode("ascii")
        where = self.t(
            "my.certificate_saved_here", file=self.saved_path.name, folder=str(self.saved_path.parent)
        )
        return (
            f"<div role='status' aria-live='polite'><span>{html.escape(where)}</span> "
            f"<a class='simkit-download' download='{html.escape(certificate_file_name(self.progress))}' "
            f"href='data:text/html;charset=utf-8;base64,{data}' "
            f"title='{html.escape(self.t('my.certificate_download_help'))}'>"
            f"<b>{html.escape(self.t('my.certificate_download'))}</b></a>"
            f"<br><span class='simkit-muted'>{html.escape(self.t('my.certificate_download_help'))}</span>"
            "</div>"
        )


def show_my_progress(*, lang: str = "vi", progress_folder: Path | None = None) -> widgets.Widget:
    """The "my progress" app; a content problem is shown as one line."""
    try:
        return ProgressApp(
            load_lessons(), load_ui_strings(), lang=check_lang(lang), store=ProgressStore(progress_folder)
        )
    except ConfigError as exc:
        return html_box(f"<div class='simkit-bad'>⚠ {html.escape(str(exc))}</div>")
