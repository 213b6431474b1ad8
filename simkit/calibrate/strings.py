"""The words of calibration reports, back-tests and calibrated scenarios (``content/ui/calibrate.yaml``).

As for the planner screens (``simkit.plan.strings``), every key the code uses is declared here with the
placeholders it fills in, and the file is checked when first read: a missing or stale key, a blank
translation or an unknown placeholder is one ``ConfigError`` naming the file and the key. The same file
holds the glossary of procedure fields ("lĩnh vực") a ticket log may name, with their English name and
whether the National Public Service Portal offers them online.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from simkit.bilingual import Text
from simkit.calibrate.columns import normalise_header
from simkit.errors import ConfigError
from simkit.ui_strings import StringTable, UiFile, load_ui_file

PROBLEMS = (
    "no_date",
    "issued_unreadable",
    "called_unreadable",
    "ended_unreadable",
    "duplicate",
    "called_before_issued",
    "ended_before_called",
    "called_without_end",
    "end_without_call",
    "service_too_long",
)
"""Every kind of unusable ticket row, in report order; each has a ``problem.<code>`` string."""

UI_NAME = "calibrate"
UI_FILE = Path("ui") / "calibrate.yaml"

_COUNT = ("count",)
KEYS: dict[str, tuple[str, ...]] = {
    **{f"problem.{code}": _COUNT for code in PROBLEMS},
    "note.no_counter": (),
    "note.no_procedure": (),
    "note.ignored_columns": ("columns",),
    "note.mixed_dates": ("styles", "order"),
    "note.month_first": (),
    "note.ambiguous_dates": (),
    "note.no_ticket_days": ("count", "days"),
    "note.off_calendar": ("count", "days"),
    "note.outside_sessions": ("count",),
    "note.pooled_procedures": ("names",),
    "note.sessions_given": ("sessions",),
    "report.title": ("file",),
    "report.read": ("rows", "arrivals", "timing"),
    "report.columns": ("columns",),
    "report.no_problems": (),
    "report.problems": (),
    "report.notes": (),
    "report.example": ("line", "text"),
    "report.more": ("count",),
    "name.unnamed_procedure": (),
    "name.all_procedures": (),
    "name.other_procedures": (),
    "scenario.name": ("file", "tickets", "first", "last", "days"),
    "scenario.description": ("file", "tickets", "first", "last", "days"),
    "yaml.header": ("file", "tickets", "first", "last", "days"),
    **{
        f"assumption.{k}": ()
        for k in (
            "online",
            "backoffice",
            "baulking",
            "travel",
            "profile_shared",
            "patience",
            "no_patience",
            "counters_overlap",
            "sessions_given",
        )
    },
    "assumption.holidays": ("count",),
    "assumption.unknown_procedures": ("names",),
    "estimate.heading": (),
    "estimate.what": (),
    "estimate.value": (),
    "estimate.interval": (),
    "estimate.basis": (),
    "estimate.period": (),
    "estimate.period_value": ("first", "last"),
    "estimate.period_basis": ("days", "tickets"),
    "estimate.sessions": ("days",),
    "estimate.sessions_found": (),
    "estimate.sessions_given": (),
    "estimate.counters": ("session",),
    "estimate.counters_basis_counter_column": ("fewest", "most"),
    "estimate.counters_basis_overlap": ("fewest", "most"),
    "estimate.closing": (),
    "estimate.closing_go_home": (),
    "estimate.closing_overtime": (),
    "estimate.closing_basis": ("late", "days"),
    "estimate.citizens": (),
    "estimate.citizens_basis": ("days",),
    "estimate.factor": ("weekday",),
    "estimate.factor_basis": ("days", "mean"),
    "estimate.profile": ("hour",),
    "estimate.profile_basis": ("tickets",),
    "estimate.share": ("procedure",),
    "estimate.share_basis": ("tickets",),
    "estimate.service": ("procedure",),
    "estimate.service_basis": ("family", "served", "checks"),
    "estimate.family_lognormal": (),
    "estimate.family_exponential": (),
    "estimate.family_empirical": (),
    "estimate.left": (),
    "estimate.left_basis": ("tickets",),
    "estimate.not_called": (),
    "estimate.not_called_basis": ("tickets",),
    "estimate.patience": (),
    "estimate.patience_basis": (),
    "estimate.patience_none": (),
    "estimate.minutes": (),
    "estimate.per_day": (),
    "estimate.weekday_mon": (),
    "estimate.weekday_tue": (),
    "estimate.weekday_wed": (),
    "estimate.weekday_thu": (),
    "estimate.weekday_fri": (),
    "estimate.weekday_sat": (),
    "estimate.weekday_sun": (),
    "backtest.heading": ("days", "replications"),
    "backtest.hour": (),
    "backtest.tickets": (),
    "backtest.data_mean": (),
    "backtest.model_mean": (),
    "backtest.data_p90": (),
    "backtest.model_p90": (),
    "backtest.verdict": (),
    "backtest.within": (),
    "backtest.higher": ("minutes",),
    "backtest.lower": ("minutes",),
    "backtest.all_day": (),
    "backtest.summary_good": ("within", "hours", "within_p90"),
    "backtest.summary_mixed": ("within", "hours", "within_p90", "worst"),
    "backtest.left": ("data", "model"),
    "backtest.daily": ("data_low", "data_high", "model_low", "model_high"),
    "backtest.figure_by_hour": (),
    "backtest.figure_distribution": (),
    "backtest.figure_daily": (),
    "backtest.axis_hour": (),
    "backtest.axis_wait": (),
    "backtest.axis_share": (),
    "backtest.axis_daily_wait": (),
    "backtest.legend_data_mean": (),
    "backtest.legend_model_mean": (),
    "backtest.legend_data_p90": (),
    "backtest.legend_model_p90": (),
    "backtest.legend_data": (),
    "backtest.legend_model": (),
    "cli.written": ("path",),
    "cli.backtest_written": ("table", "figure"),
    "view.path": (),
    "view.path_help": (),
    "view.run": (),
    "view.run_help": (),
    "view.title": (),
    "view.intro": (),
    "view.working": (),
    "view.unexpected": ("message",),
}
"""Every key the code uses, with the placeholders it fills in."""


class GlossaryEntry(BaseModel):
    """A procedure field a ticket log may name: what to match, its names and its online status."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    match: tuple[str, ...] = Field(min_length=1)
    name: Text
    online: Literal["full", "partial", "in_person"]


class _File(UiFile):
    glossary: tuple[GlossaryEntry, ...] = ()


@dataclass(frozen=True)
class CalibrateStrings(StringTable):
    """Every calibration string in both languages, and the glossary of procedure fields."""

    glossary: tuple[GlossaryEntry, ...] = ()

    def glossary_entry(self, name: str) -> GlossaryEntry | None:
        """The first glossary entry one of whose (normalised) words or phrases starts the name."""
        plain = normalise_header(name)
        for entry in self.glossary:
            if any(plain == m or plain.startswith(m + " ") for m in entry.match):
                return entry
        return None


def load_calibrate_strings() -> CalibrateStrings:
    """The calibration strings of the content folder, read and checked once per file version."""
    return load_ui_file(UI_NAME, KEYS, _File, _make)


def _make(entries: dict[str, Text], data: _File, path: Path) -> CalibrateStrings:
    for entry in data.glossary:
        for phrase in entry.match:
            if normalise_header(phrase) != phrase:
                raise ConfigError(
                    f"'{phrase}' must be written as it is compared: lower case, no diacritics",
                    where=str(path),
                    field=f"glossary[{entry.key}].match",
                )
    return CalibrateStrings(entries, path, data.glossary)
