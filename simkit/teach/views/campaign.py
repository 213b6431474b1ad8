"""The campaign-report screen: the sign-in totals typed in, the progress folder read, the report written out.

A thin view over ``simkit.teach.campaign``. The report appears twice: formatted on screen (copy it into Word
with its table) and as plain text in a box, ready to select and paste. Changing the commune, period or
totals rewrites the report at once; "Make the report" reads the folder again. A bad folder or a negative
number is a friendly line; the sample class is marked as sample data in the report itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import ipywidgets as widgets

from simkit.learn.schema import Lesson
from simkit.learn.validators import Problem
from simkit.teach.campaign import CampaignFacts, CampaignFigures, campaign_figures, report_html, report_text
from simkit.teach.cohort import Cohort, check_folder, read_cohort
from simkit.teach.samples import sample_folder
from simkit.teach.strings import TeachContent
from simkit.teach.views.cohort import is_sample
from simkit.teach.views.common import TeachView, labelled
from simkit.widgets.style import WIDE


class CampaignReportView(TeachView):
    """The campaign report; ``text`` holds the plain-text report once one could be written."""

    def __init__(
        self,
        lessons: Mapping[int, Lesson],
        content: TeachContent,
        *,
        lang: str = "vi",
        folder: str | Path | None = None,
    ) -> None:
        super().__init__(content=content, lang=lang, title_key="report.title", intro_key="report.intro")
        self.lessons = dict(sorted(lessons.items()))
        self.cohort: Cohort | None = None
        self.figures: CampaignFigures | None = None
        wide = widgets.Layout(width="640px")
        self.folder = widgets.Text(
            value=str(folder if folder is not None else sample_folder()), style=WIDE, layout=wide
        )
        self.commune = widgets.Text(style=WIDE, layout=wide)
        self.period = widgets.Text(style=WIDE, layout=wide)
        self.workshops = widgets.IntText(value=0, style=WIDE, layout=widgets.Layout(width="260px"))
        self.attendance = widgets.IntText(value=0, style=WIDE, layout=widgets.Layout(width="260px"))
        self.make_button = self.button(self.make, primary=True)
        self.report = widgets.HTML()
        self.text = widgets.Textarea(style=WIDE, layout=widgets.Layout(width="96%", height="320px"))
        self.copy_help = widgets.HTML()
        self.relabel()
        for control in (self.commune, self.period, self.workshops, self.attendance):
            control.observe(self.guard(lambda _change: self.render()), "value")
        self.children = [
            *self.header(),
            self.folder,
            self.commune,
            self.period,
            widgets.HBox([self.workshops, self.attendance], layout=widgets.Layout(flex_flow="row wrap")),
            self.make_button,
            self.message,
            self.report,
            self.copy_help,
            self.text,
        ]
        self.make()

    def relabel(self) -> None:
        super().relabel()
        labelled(self.folder, self.say("common.folder"), self.say("common.folder_help"))
        labelled(self.commune, self.say("report.commune"), self.say("report.commune_help"))
        self.commune.placeholder = self.say("report.commune_placeholder")
        labelled(self.period, self.say("report.period"), self.say("report.period_help"))
        self.period.placeholder = self.say("report.period_placeholder")
        labelled(self.workshops, self.say("report.workshops"), self.say("report.workshops_help"))
        labelled(self.attendance, self.say("report.attendance"), self.say("report.attendance_help"))
        labelled(self.make_button, self.say("report.make"), self.say("report.make_help"))
        labelled(self.text, self.say("report.copy_label"), self.say("report.copy_help"))
        self.copy_help.value = f"<p class='simkit-muted'>{self.esc('report.copy_help')}</p>"

    # --- actions ----------------------------------------------------------------------------------------
    def make(self) -> str | None:
        """Read the folder and write the report; a bad folder is a message and the last report stays."""
        folder = check_folder(self.folder.value)
        if isinstance(folder, Problem):
            self.tell(("bad", folder))
            return None
        self.cohort = read_cohort(folder)
        self.figures = campaign_figures(self.cohort, self.lessons)
        return self.draw()

    def facts(self) -> CampaignFacts | Problem:
        """The trainer's entries, or the problem with them."""
        workshops, attendance = self.workshops.value or 0, self.attendance.value or 0
        if workshops < 0 or attendance < 0:
            return Problem("report.bad_number")
        return CampaignFacts(self.commune.value, self.period.value, workshops or None, attendance or None)

    # --- drawing ----------------------------------------------------------------------------------------
    def render(self) -> None:
        self.draw()

    def draw(self) -> str | None:
        """Redraw the report; its text, or None when there is nothing (or a problem) to report."""
        if self.figures is None or self.cohort is None:
            return None
        facts = self.facts()
        if isinstance(facts, Problem):
            self.tell(("bad", facts))
            return None
        sample = is_sample(self.cohort.folder)
        if sample:
            self.tell(("note", Problem("common.sample_note")))
        else:
            self.tell()
        self.report.value = report_html(self.figures, facts, self.content, self.lang, sample=sample)
        self.text.value = report_text(self.figures, facts, self.content, self.lang, sample=sample)
        return self.text.value
