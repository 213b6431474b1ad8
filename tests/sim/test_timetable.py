"""The timetable: the first reported day falls on start_weekday; warm-up days are the working days before."""

from __future__ import annotations

from simkit.sim.experiment import RunSettings
from simkit.sim.timetable import build_timetable
from tests.sim.conftest import build

SATURDAY_MORNING = {"calendar.saturday_sessions": [{"start": "07:30", "end": "11:30"}]}


def weekdays(timetable) -> list[int]:
    return [timetable.periods_of_day(d)[0].weekday for d in range(timetable.days)]


def test_warm_up_days_come_before_the_reported_monday():
    scenario = build({"calendar.start_weekday": "mon"})
    assert weekdays(build_timetable(scenario, 3)) == [0, 1, 2]  # no warm-up: Monday first
    assert weekdays(build_timetable(scenario, 3, 1)) == [4, 0, 1]  # Friday, then Monday and Tuesday
    assert weekdays(build_timetable(scenario, 4, 2)) == [3, 4, 0, 1]
    with_saturday = build({**SATURDAY_MORNING, "calendar.start_weekday": "mon"})
    assert weekdays(build_timetable(with_saturday, 2, 1)) == [5, 0]  # the Saturday morning, then Monday
    closed_start = build({"calendar.start_weekday": "sun"})
    assert weekdays(build_timetable(closed_start, 2, 1)) == [4, 0]  # Sunday is closed: Monday is reported


def test_a_shorter_run_keeps_only_the_warm_up_that_fits():
    scenario = build({"run.days": 3, "run.warmup_days": 2})
    assert (RunSettings.of(scenario).days, RunSettings.of(scenario).warmup_days) == (3, 2)
    assert RunSettings.of(scenario, days=1).warmup_days == 0
    assert RunSettings.of(scenario, days=2).warmup_days == 1
    assert RunSettings.of(scenario, days=2, warmup_days=0).warmup_days == 0
