"""The class-results screen: read a folder of progress files, see the results, export them as CSV.

A thin view over ``simkit.teach.cohort`` (reading), ``simkit.teach.results`` (counting) and
``simkit.teach.tables`` (tables and CSV). A blank, missing or wrong folder is a friendly line, never a
traceback; an empty folder says there is nothing to read; damaged and foreign files are listed with the
reason. The folder is read once per click; switching language only redraws.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

import ipywidgets as widgets

from simkit.learn.schema import Lesson
from simkit.learn.validators import Problem
from simkit.teach.cohort import Cohort, check_folder, read_cohort
from simkit.teach.samples import sample_folder
from simkit.teach.strings import TeachContent
from simkit.teach.tables import cohort_tables, export_csv, missed_table, table_html
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
    ) -> None:
        super().__init__(content=content, lang=lang, title_key="cohort.title", intro_key="cohort.intro")
        self.lessons = dict(sorted(lessons.items()))
        self.cohort: Cohort | None = None
        self.folder = widgets.Text(
            value=str(folder if folder is not None else sample_folder()),
            style=WIDE,
            layout=widgets.Layout(width="640px"),
        )
        self.read_button = self.button(self.read, primary=True)
        self.results = widgets.HTML()
        self.export_folder = widgets.Text(
            value=str(export_folder if export_folder is not None else RESULTS_FOLDER),
            style=WIDE,
            layout=widgets.Layout(width="640px"),
        )
        self.export_button = self.button(self.export)
        self.exported = widgets.HTML()
        self.relabel()
        self.children = [
            *self.header(),
            widgets.HBox([self.folder, self.read_button], layout=widgets.Layout(flex_flow="row wrap")),
            self.message,
            self.results,
            widgets.HBox(
                [self.export_folder, self.export_button], layout=widgets.Layout(flex_flow="row wrap")
            ),
            self.exported,
        ]
        self.read()

    def relabel(self) -> None:
        super().relabel()
        labelled(self.folder, self.say("common.folder"), self.say("common.folder_help"))
        labelled(self.read_button, self.say("cohort.read"), self.say("cohort.read_help"))
        labelled(self.export_folder, self.say("cohort.export_folder"), self.say("common.folder_help"))
        labelled(self.export_button, self.say("cohort.export"), self.say("cohort.export_help"))

    # --- actions ----------------------------------------------------------------------------------------
    def read(self) -> Cohort | None:
        """Read the typed folder; a problem with the folder is a message and the last results stay."""
        folder = check_folder(self.folder.value)
        if isinstance(folder, Problem):
            self.tell(("bad", folder))
            return None
        self.cohort = read_cohort(folder)
        self.exported.value = ""
        self.tell(*read_messages(self.cohort))
        self.render()
        return self.cohort

    def export(self) -> list[Path]:
        """Write the tables as CSV files into the export folder."""
        if self.cohort is None:
            self._exported(Problem("cohort.no_learners", {"folder": self.folder.value}))
            return []
        if not self.export_folder.value.strip():
            self._exported(Problem("common.folder_blank"))
            return []
        folder = resolve_folder(self.export_folder.value)
        try:
            paths = export_csv(cohort_tables(self.cohort, self.lessons, self.content, self.lang), folder)
        except OSError as exc:
            self._exported(Problem("common.save_failed", {"reason": exc.strerror or str(exc)}))
            return []
        self._exported(Problem("common.saved", {"count": len(paths), "folder": str(folder)}))
        return paths

    def _exported(self, problem: Problem) -> None:
        css = "simkit-ok" if problem.key == "common.saved" else "simkit-bad"
        self.exported.value = f"<div class='{css}'>{html.escape(self.content.say(problem, self.lang))}</div>"

    # --- drawing ----------------------------------------------------------------------------------------
    def render(self) -> None:
        cohort = self.cohort
        if cohort is None:
            self.results.value = ""
            return
        lang, none = self.lang, self.say("common.none")
        tables = cohort_tables(cohort, self.lessons, self.content, lang)
        missed = missed_table(cohort, self.lessons, self.content, lang)
        missed_html = (
            table_html(missed, lang, none) if missed.rows else f"<p>{self.esc('cohort.most_missed_none')}</p>"
        )
        skipped = tables["skipped"]
        skipped_html = (
            table_html(skipped, lang, none) if skipped.rows else f"<p>{self.esc('cohort.skipped_none')}</p>"
        )
        sections = [
            ("cohort.most_missed", missed_html),
            ("cohort.by_lesson", table_html(tables["lessons"], lang, none)),
            ("cohort.by_question", table_html(tables["questions"], lang, none)),
            ("cohort.learners", table_html(tables["learners"], lang, none)),
            ("cohort.skipped", skipped_html),
        ]
        self.results.value = "".join(f"<h3>{self.esc(key)}</h3>{body}" for key, body in sections)
