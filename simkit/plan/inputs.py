"""The planner's key numbers: read from a preset, checked one by one, and turned into a scenario.

A planner changes a handful of numbers — citizens per day, online adoption, counters, opening hours —
and never sees the scenario file behind them. This module is the translator between the two, in the
describe → validate → run order: ``KeyNumbers.of(preset)`` gives the form its starting values;
``check_numbers`` turns whatever was typed (``120`` for adoption, ``0`` counters, ``7h30``) into either
valid ``KeyNumbers`` or a list of ``Problem``\\ s, each a friendly sentence in Vietnamese and English; and
``plan_scenario`` overrides only the fields that really changed, so an untouched preset runs exactly as
its file says.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from simkit.bilingual import Problem
from simkit.errors import ConfigError
from simkit.formats import clock, read_clock, read_number
from simkit.plan.keys import FIELDS
from simkit.plan.strings import PlanStrings
from simkit.sim.loading import load_scenario, preset_names, resolve_scenario_path, scenario_with
from simkit.sim.scenario import Scenario, clock_to_minutes

MAX_CITIZENS = 3000.0
"""More citizens a day than any service centre in the sources (Hải Dương: 500–600); also keeps runs quick."""
MAX_STAFF = 60
MAX_ASSISTED = 20
MAX_TARGET = 240.0


class PlanInputError(ConfigError):
    """Raised with every problem found; views show ``message()`` — one line — instead of a traceback.

    ``context`` wraps the line in another string (``compare.side_problem``: "Plan B: …") whose
    ``{problem}`` placeholder receives it.
    """

    def __init__(self, problems: list[Problem], context: Problem | None = None) -> None:
        self.problems = problems
        self.context = context
        first = problems[0]
        super().__init__(first.key, field=first.label_key)

    def message(self, strings: PlanStrings, lang: str) -> str:
        text = self.problems[0].text(strings, lang)
        if len(self.problems) > 1:
            text += " " + strings.get("problem.more", lang, count=len(self.problems) - 1)
        if self.context is not None:
            text = strings.get(self.context.key, lang, **self.context.params, problem=text)
        return text

    def within(self, key: str, **params: Any) -> PlanInputError:
        """The same problems, their line wrapped in the string ``key``."""
        return PlanInputError(self.problems, Problem(key, params))


PERCENT_FIELDS = ("adoption", "failure")
"""Key numbers that are shares: fractions inside, percentages only on the form (``as_dict``,
``check_numbers``)."""


def as_percent(share: float) -> float:
    """A share (0.4) as the form shows it (40.0); rounded: 0.1 + 0.2 shows as 30, not 30.000000000000004."""
    return round(share * 100, 6)


@dataclass(frozen=True)
class KeyNumbers:
    """The dashboard's inputs: shares as fractions (``adoption``, ``failure``), whole staff, clock times."""

    citizens_per_day: float
    adoption: float
    failure: float
    counters: int
    backoffice: int
    assisted: int
    opens: str
    lunch_start: str
    lunch_end: str
    closes: str
    target_wait: float

    @classmethod
    def of(cls, scenario: Scenario) -> KeyNumbers:
        """The preset's own values (citizens per day to one decimal)."""
        sessions = scenario.calendar.sessions
        lunch = (sessions[0].end, sessions[1].start) if len(sessions) > 1 else ("", "")
        return cls(
            citizens_per_day=round(scenario.demand.citizens_per_working_day, 1),
            adoption=scenario.channel.adoption,
            failure=scenario.channel.online_failure_rate,
            counters=scenario.staffing.counters,
            backoffice=scenario.staffing.backoffice,
            assisted=scenario.staffing.assisted_desk.staff,
            opens=sessions[0].start,
            lunch_start=lunch[0],
            lunch_end=lunch[1],
            closes=sessions[-1].end,
            target_wait=float(scenario.run.target_wait_minutes),
        )

    def as_dict(self) -> dict[str, Any]:
        """The values as the form shows them: every field by name, shares as percentages."""
        values = {name: getattr(self, name) for name in FIELDS}
        return {**values, **{name: as_percent(values[name]) for name in PERCENT_FIELDS}}


# -- reading what was typed ---------------------------------------------------------------------------


def shown(value: Any) -> str:
    """What the person typed, echoed back in a message (``120.0`` → ``120``, ``" 7h "`` → ``7h``)."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value).strip()


class FieldReader:
    """Collects problems while reading fields, so a person sees every mistake, the first one in full."""

    def __init__(self, raw: Mapping[str, Any], label_prefix: str = "field") -> None:
        self.raw = raw
        self.prefix = label_prefix
        self.problems: list[Problem] = []

    def problem(self, key: str, name: str | None = None, **params: Any) -> None:
        label = f"{self.prefix}.{name}.label" if name else None
        self.problems.append(Problem(key, params, label))

    def number(self, name: str, low: float, high: float, key: str, *, low_open: bool = False) -> float:
        value = read_number(self.raw.get(name))
        if value is None:
            self.problem("problem.not_number", name, value=shown(self.raw.get(name)))
            return math.nan
        if value < low or value > high or (low_open and value == low):
            self.problem(key, name, value=shown(value), low=shown(float(low)), high=shown(float(high)))
            return math.nan
        return value

    def whole(self, name: str, low: int, high: int, key: str = "problem.staff_range") -> int:
        value = read_number(self.raw.get(name))
        if value is None:
            self.problem("problem.not_number", name, value=shown(self.raw.get(name)))
            return -1
        if not value.is_integer():
            self.problem("problem.whole_number", name, value=shown(value))
            return -1
        if value < low or value > high:
            self.problem(key, name, value=shown(value), low=low, high=high)
            return -1
        return int(value)

    def percent(self, name: str) -> float:
        """A percentage typed on the form (0–100) as the share it means (0–1)."""
        return self.number(name, 0, 100, "problem.percent_range") / 100

    def clock(self, name: str, optional: bool = False) -> str:
        raw = self.raw.get(name)
        if optional and (raw is None or str(raw).strip() == ""):
            return ""
        minutes = read_clock(raw, end_of_day=True)
        if minutes is None:
            self.problem("problem.time_format", name, value=shown(raw if raw is not None else ""))
            return ""
        return clock(minutes)


def check_numbers(raw: Mapping[str, Any]) -> KeyNumbers:
    """Valid ``KeyNumbers`` from typed values, or ``PlanInputError`` listing every problem in form order."""
    read = FieldReader(raw)
    citizens = read.number("citizens_per_day", 0, MAX_CITIZENS, "problem.citizens_range", low_open=True)
    adoption, failure = read.percent("adoption"), read.percent("failure")
    counters = read.whole("counters", 1, MAX_STAFF, "problem.counters_range")
    backoffice = read.whole("backoffice", 0, MAX_STAFF)
    assisted = read.whole("assisted", 0, MAX_ASSISTED)
    opens, closes = read.clock("opens"), read.clock("closes")
    lunch_start, lunch_end = read.clock("lunch_start", optional=True), read.clock("lunch_end", optional=True)
    target = read.number("target_wait", 0, MAX_TARGET, "problem.target_range", low_open=True)
    if opens and closes and clock_to_minutes(closes) <= clock_to_minutes(opens):
        read.problem("problem.hours_order", opens=opens, closes=closes)
    elif opens and closes and (lunch_start or lunch_end):
        _check_lunch(read, opens, closes, lunch_start, lunch_end)
    if read.problems:
        raise PlanInputError(read.problems)
    return KeyNumbers(
        citizens_per_day=citizens,
        adoption=adoption,
        failure=failure,
        counters=counters,
        backoffice=backoffice,
        assisted=assisted,
        opens=opens,
        lunch_start=lunch_start,
        lunch_end=lunch_end,
        closes=closes,
        target_wait=target,
    )


def _check_lunch(read: FieldReader, opens: str, closes: str, start: str, end: str) -> None:
    raw_start, raw_end = (str(read.raw.get(n) or "").strip() for n in ("lunch_start", "lunch_end"))
    if not (raw_start and raw_end):
        if start or end:
            read.problem("problem.lunch_both")
        return
    if not (start and end):
        return  # a format problem was already recorded
    if clock_to_minutes(end) <= clock_to_minutes(start):
        read.problem("problem.lunch_order", start=start, end=end)
    elif clock_to_minutes(start) <= clock_to_minutes(opens) or clock_to_minutes(end) >= clock_to_minutes(
        closes
    ):
        read.problem("problem.lunch_outside", start=start, end=end, opens=opens, closes=closes)


# -- from key numbers to a scenario ---------------------------------------------------------------------


def planner_presets() -> list[str]:
    """Presets a planner picks from: every preset except the validation test benches."""
    return [name for name in preset_names() if preset(name).level != "validation"]


def preset(name: str) -> Scenario:
    """A preset by name, read once per file version (the dashboard asks for it on every change)."""
    path = resolve_scenario_path(name)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _preset(name, mtime)


@functools.lru_cache(maxsize=32)
def _preset(name: str, mtime: float) -> Scenario:
    return load_scenario(name)


def overrides_for(base: Scenario, numbers: KeyNumbers) -> dict[str, Any]:
    """Dotted-field overrides for the numbers that differ from the preset's own (nothing else is touched)."""
    was = KeyNumbers.of(base)
    form, was_form = numbers.as_dict(), was.as_dict()  # shares compared as the form shows them
    out: dict[str, Any] = {}
    if not math.isclose(numbers.citizens_per_day, was.citizens_per_day, abs_tol=1e-9):
        out.update(
            {
                "demand.citizens": numbers.citizens_per_day,
                "demand.per": "day",
                "demand.working_days_per_period": None,
                "demand.fixed_times": [],
            }
        )
    if not math.isclose(form["adoption"], was_form["adoption"], abs_tol=1e-9):
        out["channel.adoption"] = numbers.adoption
    if not math.isclose(form["failure"], was_form["failure"], abs_tol=1e-9):
        out["channel.online_failure_rate"] = numbers.failure
    if numbers.counters != was.counters:
        out.update(base.counters_everywhere(numbers.counters))  # the model's per-session counter rule
    if numbers.backoffice != was.backoffice:
        out["staffing.backoffice"] = numbers.backoffice
    if numbers.assisted != was.assisted:
        out["staffing.assisted_desk.staff"] = numbers.assisted
    hours = (numbers.opens, numbers.lunch_start, numbers.lunch_end, numbers.closes)
    if hours != (was.opens, was.lunch_start, was.lunch_end, was.closes):
        out["calendar.sessions"] = _sessions(numbers)
    if not math.isclose(numbers.target_wait, was.target_wait, abs_tol=1e-9):
        out["run.target_wait_minutes"] = numbers.target_wait
    return out


def _sessions(numbers: KeyNumbers) -> list[dict[str, str]]:
    if numbers.lunch_start and numbers.lunch_end:
        return [
            {"start": numbers.opens, "end": numbers.lunch_start},
            {"start": numbers.lunch_end, "end": numbers.closes},
        ]
    return [{"start": numbers.opens, "end": numbers.closes}]


def check_backoffice(base: Scenario, adoption: float, backoffice: int) -> None:
    """Online dossiers need someone to process them (``Scenario.online_work_unstaffed``, the model's own
    rule): the planner's sentence naming the back-office field, instead of the scenario's error line."""
    if base.online_work_unstaffed(adoption=adoption, backoffice=backoffice):
        raise PlanInputError([Problem("problem.backoffice_needed", label_key="field.backoffice.label")])


def plan_scenario(base: Scenario, numbers: KeyNumbers) -> Scenario:
    """The preset with the planner's numbers, validated; problems come back as ``PlanInputError``."""
    check_backoffice(base, numbers.adoption, numbers.backoffice)
    try:
        return scenario_with(base, overrides_for(base, numbers))
    except ConfigError as exc:
        raise PlanInputError([Problem("problem.scenario", {"message": str(exc)})]) from None
