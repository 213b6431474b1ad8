"""The scenario dashboard's view model: a preset, the planner's key numbers, one run, and what to show.

The dashboard is a loop a planner turns many times — change a number, look, change again — so each turn
must be quick (about half a second for one day and 10 replications) and must never end in a traceback.
``DashboardModel.evaluate`` checks the typed values, builds the scenario, runs the replications (telling a
progress callback after each one) and returns a ``PlanRun``. A ``PlanRun`` computes captions, the key
results table and figures on demand, per language and cached, so switching language or tab re-renders
without re-simulating, and a figure nobody looks at is never drawn.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from matplotlib.figure import Figure

from simkit.bilingual import check_lang
from simkit.errors import ConfigError
from simkit.formats import number
from simkit.plan import captions, charts
from simkit.plan.alerts import alerts
from simkit.plan.captions import Digest
from simkit.plan.inputs import (
    KeyNumbers,
    PlanInputError,
    Problem,
    check_numbers,
    plan_scenario,
    planner_presets,
    preset,
)
from simkit.plan.screen import ScreenModel
from simkit.plan.strings import PlanStrings
from simkit.sim.experiment import Progress, Results, RunSettings, multiple_replications
from simkit.sim.labels import load_labels
from simkit.sim.loading import scenario_with
from simkit.sim.report import format_value
from simkit.sim.scenario import WEEKDAYS, Scenario

FIGURES: tuple[str, ...] = ("wait_by_hour", "wait_distribution", "utilisation", "online", "citizen_hours")
"""The dashboard's figures, in tab order; each has a caption in ``simkit.plan.captions.CAPTIONS``."""

TABLE_KEYS: tuple[str, ...] = (
    "arrivals_per_day",
    "walkin_visits_per_day",
    "walkin_wait_mean",
    "walkin_wait_p90",
    "walkin_share_within_target",
    "queue_length_max",
    "walkin_baulked_per_day",
    "walkin_reneged_per_day",
    "walkin_not_served_per_day",
    "counter_utilisation",
    "backoffice_utilisation",
    "online_dossiers_per_day",
    "online_completed_per_day",
    "online_backlog_end",
    "online_lead_time_mean_hours",
    "online_lead_time_with_pending_mean_hours",
    "citizen_hours_spent_per_day",
    "citizen_hours_saved_per_day",
)
"""The KPIs of the key-results table, in reading order."""

DEFAULT_REPLICATIONS = 10


@dataclass
class PlanRun:
    """A finished run and everything the dashboard shows of it, computed on demand per language."""

    results: Results
    numbers: KeyNumbers
    preset: str
    seconds: float
    strings: PlanStrings
    digest: Digest = field(init=False)
    _pngs: dict[tuple[str, str], bytes] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.digest = Digest.of(self.results)

    @property
    def scenario(self) -> Scenario:
        return self.results.scenario

    def caption(self, name: str, lang: str) -> str:
        return captions.CAPTIONS[name](self.digest, self.strings, check_lang(lang))

    def alerts(self, lang: str) -> list[str]:
        """Citizens lost and back-office trouble, said before any table (``simkit.plan.alerts``)."""
        return alerts(self.digest.mean, self.strings, check_lang(lang))

    def table(self, lang: str) -> list[tuple[str, str, str]]:
        """(label with unit, mean, "low – high") for each key result, formatted for ``lang``."""
        labels = load_labels(lang)
        rows = []
        for key in TABLE_KEYS:
            unit_key = labels.unit_key(key)
            mean = self.digest.mean(key)
            low, high = self.digest.ci(key)
            unit = labels.unit(key)
            name = f"{labels.kpi(key)} ({unit})" if unit and unit_key != "share" else labels.kpi(key)
            rows.append((name, _value(mean, unit_key, lang), _interval(low, high, unit_key, lang)))
        return rows

    def figure(self, name: str, lang: str) -> Figure:
        """A fresh matplotlib figure (for export at full quality)."""
        return charts.dashboard_figure(name, self.results, self.digest, load_labels(lang), self.strings, lang)

    def figure_png(self, name: str, lang: str) -> bytes:
        """The figure as a quick screen PNG, drawn once per (figure, language)."""
        key = (name, check_lang(lang))
        if key not in self._pngs:
            self._pngs[key] = charts.screen_png(self.figure(name, lang))
        return self._pngs[key]

    def status(self, lang: str) -> str:
        settings = self.results.settings
        return self.strings.get(
            "dash.status",
            lang,
            replications=settings.replications,
            seconds=number(self.seconds, lang, 2),
            seed=settings.seed,
        )


def _value(value: float, unit_key: str, lang: str) -> str:
    return format_value(value, unit_key, lang)


def _interval(low: float, high: float, unit_key: str, lang: str) -> str:
    if math.isnan(low) or math.isnan(high):
        return "–"
    return f"{_value(low, unit_key, lang)} – {_value(high, unit_key, lang)}"


class DashboardModel(ScreenModel):
    """State of the scenario dashboard: language, preset, and the last good run.

    The view asks it for the preset's key numbers when a preset is chosen, and hands it the raw widget
    values on every change; it answers with a ``PlanRun`` or raises ``PlanInputError``/``ConfigError``,
    which ``message`` turns into one friendly line.
    """

    def __init__(
        self,
        preset_name: str = "commune_pasc",
        *,
        lang: str = "vi",
        replications: int = DEFAULT_REPLICATIONS,
        strings: PlanStrings | None = None,
    ) -> None:
        super().__init__(lang=lang, replications=replications, strings=strings)
        self.preset_name = ""
        self.base: Scenario | None = None
        self.last: PlanRun | None = None
        self.choose(preset_name)

    def presets(self) -> list[tuple[str, str]]:
        """(display name in the current language, preset id) for the preset drop-down."""
        return [(getattr(preset(name).name, self.lang), name) for name in planner_presets()]

    def choose(self, preset_name: str) -> KeyNumbers:
        """Switch to a preset and return its own key numbers for the form."""
        if preset_name not in planner_presets():
            raise PlanInputError([_unknown_preset(preset_name)])
        self.preset_name = preset_name
        self.base = preset(preset_name)
        return KeyNumbers.of(self.base)

    def defaults(self) -> KeyNumbers:
        assert self.base is not None
        return KeyNumbers.of(self.base)

    def weekdays(self) -> list[tuple[str, str]]:
        """(day name in the current language, weekday key) of the days the preset opens, Monday first."""
        assert self.base is not None
        return [(self.strings.get(f"weekday.{day}", self.lang), day) for day in open_weekdays(self.base)]

    def default_weekday(self) -> str:
        """The day the preset's own run starts on (``calendar.start_weekday``), if it opens then."""
        assert self.base is not None
        days = open_weekdays(self.base)
        return self.base.calendar.start_weekday if self.base.calendar.start_weekday in days else days[0]

    def plan(
        self, raw: Mapping[str, Any], weekday: str | None = None
    ) -> tuple[KeyNumbers, Scenario, RunSettings]:
        """Check the typed values and build the scenario and run settings (one day, no warm-up).

        ``weekday`` (``"mon"`` … ``"sat"``) is the day simulated: its demand factor and, on Saturday,
        the Saturday-morning hours; by default the preset's own first day.
        """
        assert self.base is not None
        numbers = check_numbers(raw)
        scenario = plan_scenario(self.base, numbers)
        if weekday is not None and weekday != scenario.calendar.start_weekday:
            if weekday not in open_weekdays(self.base):
                raise PlanInputError([Problem("problem.scenario", {"message": f"weekday: {weekday}"})])
            scenario = scenario_with(scenario, {"calendar.start_weekday": weekday})
        settings = RunSettings.of(scenario, replications=self.replications, target_wait=numbers.target_wait)
        return numbers, scenario, settings

    def evaluate(
        self, raw: Mapping[str, Any], progress: Progress | None = None, weekday: str | None = None
    ) -> PlanRun:
        """Validate, run and keep the run as ``last``; invalid input raises before anything runs."""
        numbers, scenario, settings = self.plan(raw, weekday)
        started = time.perf_counter()
        results = multiple_replications(scenario, settings, progress=progress)
        run = PlanRun(results, numbers, self.preset_name, time.perf_counter() - started, self.strings)
        self.last = run
        return run

    def message(self, error: Exception) -> str:
        """One friendly line for any error, in the current language."""
        return error_message(error, self.strings, self.lang)


def open_weekdays(scenario: Scenario) -> list[str]:
    """Weekday keys on which the centre opens, in calendar order (Saturday when it has sessions)."""
    return [day for index, day in enumerate(WEEKDAYS) if scenario.calendar.sessions_on(index)]


def _unknown_preset(name: str) -> Problem:
    return Problem("problem.preset_unknown", {"name": name, "known": ", ".join(planner_presets())})


def error_message(error: Exception, strings: PlanStrings, lang: str) -> str:
    """``PlanInputError`` → its sentence; ``ConfigError`` → wrapped in a sentence; anything else → a plea
    to tell the technical contact (the details go to the log, never a traceback on screen)."""
    if isinstance(error, PlanInputError):
        return error.message(strings, lang)
    if isinstance(error, ConfigError):
        return strings.get("problem.scenario", lang, message=str(error))
    return strings.get("common.unexpected", lang, message=f"{type(error).__name__}: {error}")
