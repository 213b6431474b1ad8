"""A replay of one day under one or two plans: run (or take) the records, cut out the day, make the frames.

Why the two plans are run here with one seed and one replication number: a replication's random numbers
depend only on (seed, replication), so both plans meet exactly the same citizens — same arrival times,
procedures, service times, patience — and differ only where the plan makes them differ (who goes online).
The difference on screen is then the effect of the plan, not luck (common random numbers).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from simkit.bilingual import Text
from simkit.errors import ConfigError
from simkit.replay.daylog import DayLog, day_log
from simkit.replay.frames import Frame, FrameMaker
from simkit.replay.hours import HourFigures, hour_figures
from simkit.sim.experiment import RunSettings, single_run
from simkit.sim.loading import load_scenario, scenario_with
from simkit.sim.population import LastDraws
from simkit.sim.records import RunRecords
from simkit.sim.scenario import Scenario
from simkit.sim.timetable import Timetable, build_timetable

LETTERS = "AB"
MAX_PLANS = 2


@dataclass(frozen=True)
class PlanDay:
    """One plan's day: its scenario, the day's records with desk numbers, frames and hourly figures."""

    label: Text
    scenario: Scenario
    records: RunRecords
    log: DayLog
    frames: list[Frame]
    hours: list[HourFigures]


@dataclass(frozen=True)
class Replay:
    """Everything the page shows: one or two plans over the same minutes of the same day."""

    plans: tuple[PlanDay, ...]
    centre: Text
    day: int
    replication: int
    seed: int
    target_wait: float
    first_minute: int
    last_minute: int
    same_citizens: bool = True
    from_file: bool = False

    @property
    def minutes(self) -> range:
        return range(self.first_minute, self.last_minute + 1)


def plan_day(
    label: Text, scenario: Scenario, timetable: Timetable, records: RunRecords, day: int, target_wait: float
) -> tuple[DayLog, list[HourFigures]]:
    """The day's log and hourly figures of any run's records (``Replication.records``)."""
    log = day_log(scenario, timetable, records, day)
    return log, hour_figures(log, target_wait)


def replay_records(
    plans: Sequence[tuple[Text, Scenario, RunRecords]],
    timetable: Timetable,
    *,
    day: int = 0,
    replication: int = 0,
    seed: int = 0,
    target_wait: float = 15.0,
    from_file: bool = False,
) -> Replay:
    """A replay of records already made (e.g. by ``single_run``): no model is run here.

    The plans must share the timetable (same calendar and days): the page plays them on one clock. Whether
    they meet the same citizens is checked, not assumed (same arrival times, citizen by citizen), so the
    page only says "the same citizens" when it is true. ``from_file``: the records come from
    ``citizens.csv``, which does not keep when dossiers were opened (the page says so).
    """
    if not 1 <= len(plans) <= MAX_PLANS:
        raise ConfigError(f"give one or two plans (got {len(plans)})", field="plans")
    logs = [
        (label, sc, rec, *plan_day(label, sc, timetable, rec, day, target_wait)) for label, sc, rec in plans
    ]
    first = min(log.window_start for *_, log, _ in logs)
    last = max(log.window_end for *_, log, _ in logs)
    days = []
    for label, sc, rec, log, hours in logs:
        frames = FrameMaker(log).many(range(first, last + 1))
        days.append(PlanDay(label, sc, rec, log, frames, hours))
    arrivals = [rec.population.arrival for _, _, rec in plans]
    same = all(np.array_equal(arrivals[0], other, equal_nan=True) for other in arrivals[1:])
    return Replay(
        plans=tuple(days),
        centre=Text(vi=plans[0][1].name.vi, en=plans[0][1].name.en),
        day=day,
        replication=replication,
        seed=seed,
        target_wait=target_wait,
        first_minute=first,
        last_minute=last,
        same_citizens=same,
        from_file=from_file,
    )


def adoption_label(adoption: float) -> Text:
    """``0.4`` → the plan's caption, "40% of citizens try online", in both languages."""
    from simkit.replay.strings import load_replay_strings

    strings = load_replay_strings()
    vi_pct = f"{adoption * 100:.0f}%" if float(adoption * 100).is_integer() else f"{adoption * 100:.1f}%"
    return Text(
        vi=strings.get("plan.adoption", "vi", percent=vi_pct.replace(".", ",")),
        en=strings.get("plan.adoption", "en", percent=vi_pct),
    )


def check_adoption(value: float, name: str) -> float:
    """A finite share in [0, 1], else a one-line error naming the option."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"must be a number from 0 to 1 (got {value!r})", field=name)
    if not 0 <= value <= 1:
        raise ConfigError(f"must be from 0 to 1, e.g. 0.4 for 40% (got {value})", field=name)
    return float(value)


def replay_adoptions(
    scenario: Scenario | str,
    adoptions: Sequence[float],
    *,
    seed: int | None = None,
    replication: int = 0,
    day: int = 0,
    days: int | None = None,
    target_wait: float | None = None,
) -> Replay:
    """Run ``scenario`` at each adoption rate (one or two) on the same citizens and replay day ``day``."""
    if isinstance(scenario, str):
        scenario = load_scenario(scenario)
    if not 1 <= len(adoptions) <= MAX_PLANS:
        raise ConfigError(f"give one or two adoption rates (got {len(adoptions)})", field="adoption")
    rates = [check_adoption(a, "adoption" if i == 0 else "compare_adoption") for i, a in enumerate(adoptions)]
    if isinstance(replication, bool) or not isinstance(replication, int) or replication < 0:
        raise ConfigError(f"must be a whole number ≥ 0 (got {replication!r})", field="replication")
    settings = RunSettings.of(
        scenario, replications=1, seed=seed, days=days, warmup_days=0, target_wait=target_wait
    )
    timetable = build_timetable(scenario, settings.days)
    if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day < settings.days:
        raise ConfigError(f"must be a working day from 0 to {settings.days - 1} (got {day!r})", field="day")
    draws = LastDraws()
    plans = []
    for rate in rates:
        planned = scenario_with(scenario, {"channel.adoption": rate})
        run = single_run(planned, settings, replication, by_hour=False, last_draws=draws)
        plans.append((adoption_label(rate), planned, run.records))
    return replay_records(
        plans,
        timetable,
        day=day,
        replication=replication,
        seed=settings.seed,
        target_wait=settings.target_wait,
    )
