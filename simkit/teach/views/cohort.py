"""The class-results screen: read a folder of progress files, see the results, export them.

A thin view over ``simkit.teach.cohort`` (reading), ``simkit.teach.results`` (counting),
``simkit.teach.tables`` (tables and CSV), ``simkit.teach.results_chart`` (the chart) and
``simkit.teach.results_page`` (the printable page). A blank, missing or wrong folder is a friendly line,
never a traceback; an empty folder says there is nothing to read; damaged and foreign files are listed with
the reason. Switching language only redraws.

The screen reads as a trainer reads it: the chart first, then the table by lesson, then the questions most
learners got wrong with every question folded below them, then each learner; skipped files are folded
too. Internal ids are hidden unless asked for.

Live: during a workshop (``simkit workshop``) learners' phones save into the folder this screen reads.
With «Update by itself» on (the default), the browser's own timer (an ipywidgets ``Play``, hidden) asks the
kernel every ``LIVE_SECONDS`` to compare the folder's file names, sizes and modification times with those
of the last reading (``folder_fingerprint``: one ``stat`` per file, no reading) and reads the folder again
only when they differ. Why a browser timer and not a thread in the kernel: the tick arrives as an ordinary
widget message, handled between other messages, so nothing runs concurrently with the trainer's clicks;
it stops by itself when the page is closed, and the switch stops it at once. Folded sections are widgets
whose open/closed state lives in the kernel, so a refresh never folds what the trainer opened.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets

from simkit.learn.schema import Lesson
from simkit.learn.validators import Problem
from simkit.teach.cohort import Cohort, Fingerprint, check_folder, folder_fingerprint, read_cohort
from simkit.teach.results import lesson_rows
from simkit.teach.results_chart import chart_img
from simkit.teach.results_page import SUMMARY_PAGE, export_results
from simkit.teach.samples import sample_folder
from simkit.teach.strings import TeachContent
from simkit.teach.tables import CSV_FILES, cohort_tables, missed_table, table_html
from simkit.teach.views.common import RESULTS_FOLDER, TeachView, labelled, resolve_folder
from simkit.widgets.style import WIDE


def is_sample(folder: Path) -> bool:
    """Whether ``folder`` is the shipped sample class (its figures must never reach a real report)."""
    try:
        return folder.resolve() == sample_folder().resolve()
    except OSError:
        return False


def read_messages(cohort: Cohort) -> list[tuple[str, Problem]]:
    """What to say after reading a folder: sample data, nothing found, or how much was read and merged."""
    messages: list[tuple[str, Problem]] = []
    if is_sample(cohort.folder):
        messages.append(("note", Problem("common.sample_note")))
    if not cohort.learners:
        messages.append(("bad", Problem("cohort.no_learners", {"folder": str(cohort.folder)})))
    else:
        counts = {
            "learners": len(cohort.learners),
            "files": cohort.files_read,
            "skipped": len(cohort.skipped),
        }
        messages.append(("ok", Problem("cohort.summary", counts)))
    for learner in cohort.merged:
        messages.append(
            ("note", Problem("cohort.merged", {"name": learner.display_name, "count": len(learner.files)}))
        )
    return messages


LIVE_SECONDS = 5
"""How often the live view looks at the folder: a phone's save shows within this many seconds."""


class CohortView(TeachView):
    """Class results; ``cohort`` is the folder last read successfully (``None`` before)."""

    def __init__(
        self,
        lessons: Mapping[int, Lesson],
        content: TeachContent,
        *,
        lang: str = "vi",
        folder: str | Path | None = None,
        export_folder: str | Path | None = None,
        live: bool = True,
    ) -> None:
        super().__init__(content=content, lang=lang, title_key="cohort.title", intro_key="cohort.intro")
        self.lessons = dict(sorted(lessons.items()))
        self.cohort: Cohort | None = None
        self.fingerprint: Fingerprint | None = None
        self.read_at = ""
        self.folder = widgets.Text(
            value=str(folder if folder is not None else sample_folder()),
            style=WIDE,
            layout=widgets.Layout(width="640px", max_width="100%"),
        )
        self.read_button = self.button(self.read, primary=True)
        self.live = widgets.ToggleButton(value=live, icon="refresh", layout=widgets.Layout(width="auto"))
        self.live_status = widgets.HTML()
        # The browser-side timer of the live view (see the module docstring); never shown.
        self.ticker = widgets.Play(
            value=0, min=0, max=10**9, step=1, interval=LIVE_SECONDS * 1000, repeat=True, playing=live,
            layout=widgets.Layout(display="none"),
        )  # fmt: skip
        self.ticker.observe(self.guard(lambda _change: self.tick()), "value")
        self.live.observe(self.guard(lambda change: self.set_live(change["new"])), "value")
        self.show_ids = widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="auto"))
        self.show_ids.observe(self.guard(lambda _change: self.render()), "value")
        self.results = widgets.HTML()
        self.all_questions = widgets.Accordion(children=[widgets.HTML()], selected_index=None)
        self.learners = widgets.HTML()
        self.skipped = widgets.Accordion(children=[widgets.HTML()], selected_index=None)
        self.skipped_none = widgets.HTML()
        self.export_folder = widgets.Text(
            value=str(export_folder if export_folder is not None else RESULTS_FOLDER),
            style=WIDE,
            layout=widgets.Layout(width="640px", max_width="100%"),
        )
        self.export_button = self.button(self.export)
        self.exported = widgets.HTML()
        self.relabel()
        row = widgets.Layout(flex_flow="row wrap", align_items="center")
        self.children = [
            *self.header(),
            widgets.HBox([self.folder, self.read_button], layout=row),
            widgets.HBox([self.live, self.live_status, self.ticker], layout=row),
            self.message,
            self.show_ids,
            self.results,
            self.all_questions,
            self.learners,
            self.skipped,
            self.skipped_none,
            widgets.HBox([self.export_folder, self.export_button], layout=row),
            self.exported,
        ]
        self.read()

    def relabel(self) -> None:
        super().relabel()
        labelled(self.folder, self.say("common.folder"), self.say("common.folder_help"))
        labelled(self.read_button, self.say("cohort.read"), self.say("cohort.read_help"))
        labelled(self.live, self.say("cohort.live"), self.say("cohort.live_help"))
        labelled(self.show_ids, self.say("cohort.show_ids"), self.say("cohort.show_ids_help"))
        labelled(self.export_folder, self.say("cohort.export_folder"), self.say("common.folder_help"))
        labelled(self.export_button, self.say("cohort.export"), self.say("cohort.export_help"))
        self._show_live()

    # --- actions ----------------------------------------------------------------------------------------
    def read(self) -> Cohort | None:
        """Read the typed folder; a problem with the folder is a message and the last results stay."""
        folder = check_folder(self.folder.value)
        if isinstance(folder, Problem):
            self.tell(("bad", folder))
            self.fingerprint = None
            return None
        self.fingerprint = folder_fingerprint(folder)
        self.cohort = read_cohort(folder)
        self.read_at = datetime.now().strftime("%H:%M:%S")
        self.tell(*read_messages(self.cohort))
        self.render()
        self._show_live()
        return self.cohort

    def tick(self) -> bool:
        """One look at the folder (the live view's timer): read it again if any file changed; say whether."""
        if not self.live.value:
            return False
        folder = check_folder(self.folder.value)
        current = None if isinstance(folder, Problem) else folder_fingerprint(folder)
        if current is not None and current == self.fingerprint:
            return False
        self.read()
        return True

    def set_live(self, on: bool) -> None:
        """Start or stop the live view; starting reads the folder at once, so the screen is current."""
        self.ticker.playing = on
        if on:
            self.read()
        self._show_live()

    def _show_live(self) -> None:
        if not self.read_at:
            self.live_status.value = ""
            return
        text = (
            self.say("cohort.live_on", time=self.read_at, seconds=LIVE_SECONDS)
            if self.live.value
            else self.say("cohort.live_off", time=self.read_at)
        )
        self.live_status.value = f"<span class='simkit-muted' aria-live='polite'>{html.escape(text)}</span>"

    def export(self) -> list[Path]:
        """Write the tables as CSV files and the printable page into the export folder."""
        if self.cohort is None:
            self._exported(Problem("cohort.no_learners", {"folder": self.folder.value}))
            return []
        if not self.export_folder.value.strip():
            self._exported(Problem("common.folder_blank"))
            return []
        folder = resolve_folder(self.export_folder.value)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            paths = export_results(
                self.cohort, self.lessons, self.content, self.lang, folder, read_at=self.read_at,
                sample=is_sample(self.cohort.folder), ids=self.show_ids.value,
            )  # fmt: skip
        except OSError as exc:
            self._exported(Problem("common.save_failed", {"reason": exc.strerror or str(exc)}))
            return []
        self._exported(Problem("common.saved", {"count": len(paths), "folder": str(folder)}), paths)
        return paths

    def _exported(self, problem: Problem, paths: list[Path] | None = None) -> None:
        css = "simkit-ok" if problem.key == "common.saved" else "simkit-bad"
        links = ""
        for path in paths or []:
            if path.name not in (SUMMARY_PAGE, CSV_FILES["lessons"]):
                continue
            kind = "text/html" if path.suffix == ".html" else "text/csv"
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            links += (
                f" <a download='{html.escape(path.name)}' href='data:{kind};charset=utf-8;base64,{data}'>"
                f"⬇ {self.esc('common.download', file=path.name)}</a>"
            )
        self.exported.value = (
            f"<div class='{css}' role='status'>{html.escape(self.content.say(problem, self.lang))}</div>"
            + (f"<p>{links}</p>" if links else "")
        )

    # --- drawing ----------------------------------------------------------------------------------------
    def render(self) -> None:
        cohort = self.cohort
        if cohort is None:
            self.results.value = self.learners.value = ""
            return
        lang, none, ids, content = self.lang, self.say("common.none"), self.show_ids.value, self.content
        tables = cohort_tables(cohort, self.lessons, content, lang, ids=ids)
        missed = missed_table(cohort, self.lessons, content, lang, ids=ids)
        missed_html = (
            table_html(missed, content, lang, none)
            if missed.rows
            else f"<p>{self.esc('cohort.most_missed_none')}</p>"
        )
        self.results.value = (
            chart_img(lesson_rows(cohort, self.lessons), content, lang)
            + f"<h3>{self.esc('cohort.by_lesson')}</h3>{table_html(tables['lessons'], content, lang, none)}"
            + f"<h3>{self.esc('cohort.most_missed')}</h3>{missed_html}"
        )
        questions = tables["questions"]
        self._fold(self.all_questions, self.say("cohort.all_questions", count=len(questions.rows)),
                   table_html(questions, content, lang, none))  # fmt: skip
        self.learners.value = (
            f"<h3>{self.esc('cohort.learners')}</h3>{table_html(tables['learners'], content, lang, none)}"
        )
        skipped = tables["skipped"]
        self.skipped.layout.display = None if skipped.rows else "none"
        self.skipped_none.value = "" if skipped.rows else f"<p>{self.esc('cohort.skipped_none')}</p>"
        self._fold(self.skipped, self.say("cohort.skipped_fold", count=len(skipped.rows)),
                   table_html(skipped, content, lang, none))  # fmt: skip

    @staticmethod
    def _fold(accordion: widgets.Accordion, title: str, body: str) -> None:
        """Fill a folded section, keeping it open or closed as the trainer left it."""
        inner = accordion.children[0]
        assert isinstance(inner, widgets.HTML)
        inner.value = body
        accordion.set_title(0, title)
