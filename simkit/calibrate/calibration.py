"""The whole calibration: read, clean, estimate each part of a scenario, and write it.

``calibrate("phieu.csv")`` is what the ``simkit calibrate`` command, the notebook and the tests call. It
returns a ``Calibration`` holding every estimate with its interval, the data report, and the scenario
(already validated, exactly as its YAML text will be read back), so each can be shown or checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from simkit import atomic
from simkit.calibrate import calendar_fit, procedures
from simkit.calibrate.arrivals_fit import ArrivalEstimates, estimate_arrivals
from simkit.calibrate.calendar_fit import OpenDays, SessionCounters, weekday_of
from simkit.calibrate.cleaning import DataReport, clean
from simkit.calibrate.columns import read_table
from simkit.calibrate.mix_fit import Abandonment, abandonment
from simkit.calibrate.procedures import ProcedureEstimate
from simkit.errors import ConfigError
from simkit.sim.scenario import Scenario

SATURDAY = 5
MIN_SERVED = 20


@dataclass
class Calibration:
    """Everything estimated from one ticket log; ``scenario`` and ``yaml_text`` are what gets written."""

    path: Path
    report: DataReport
    tickets: pd.DataFrame
    days: OpenDays
    sessions: list[tuple[int, int]]
    saturday_sessions: list[tuple[int, int]] | None
    sessions_given: bool
    counters: list[SessionCounters]
    saturday_counters: list[SessionCounters]
    overtime: tuple[int, int]
    arrivals: ArrivalEstimates
    procedures: dict[str, ProcedureEstimate]
    abandonment: Abandonment
    scenario: Scenario | None = None
    yaml_text: str = ""
    assumptions: list[str] = field(default_factory=list)

    @property
    def closing_policy(self) -> str:
        late, looked = self.overtime
        return "overtime" if looked and late >= 0.25 * looked else "go_home"

    def sessions_on(self, weekday: int) -> list[tuple[int, int]]:
        if weekday == SATURDAY and self.saturday_sessions is not None:
            return self.saturday_sessions
        return self.sessions

    def sessions_by_day(self) -> dict[int, list[tuple[int, int]]]:
        return {day: self.sessions_on(int(weekday_of(day))) for day in self.days.recorded}

    def save(self, out: Path | str) -> Path:
        """Write the scenario YAML atomically (the folder must exist); returns the path."""
        out = Path(out)
        if out.suffix.lower() not in (".yaml", ".yml"):
            raise ConfigError("must be a .yaml file name, e.g. my_centre.yaml", where="--out", field=str(out))
        if not out.parent.is_dir():
            raise ConfigError("its folder does not exist", where="--out", field=str(out))
        atomic.write_text(out, self.yaml_text)
        return out


def calibrate(
    path: Path | str,
    *,
    mapping: Mapping[str, str] | None = None,
    sessions: str | None = None,
    scenario_id: str | None = None,
    min_service: float = 0.5,
    max_service: float = 240.0,
) -> Calibration:
    """Calibrate a scenario from a ticket export; see ``content/README.md`` for the columns.

    ``mapping`` maps the file's own headers to simkit's fields (``{"Thời điểm in": "issued"}``);
    ``sessions`` ("07:30-11:30,13:30-17:00") replaces the opening sessions found in the tickets when
    the planner knows them better; ``min_service``/``max_service`` (minutes) bound a real service.
    """
    from simkit.calibrate.writer import build_scenario

    table = read_table(path, mapping)
    cleaned = clean(table, min_service=min_service, max_service=max_service)
    tickets, report = cleaned.frame, cleaned.report
    if tickets.empty:
        raise ConfigError(
            f"no usable ticket among {report.rows} rows (see the problems listed by the data report)",
            where=str(path),
        )
    days = calendar_fit.open_days(tickets["day"].to_numpy())
    if days.without_tickets:
        report.notes.append(("note.no_ticket_days", _days_note(days.without_tickets)))
    if days.off_calendar:
        report.notes.append(("note.off_calendar", _days_note(days.off_calendar)))
    usable = tickets[tickets["day"].isin(days.recorded)]
    weekday = weekday_of(usable["day"].to_numpy())
    given = calendar_fit.parse_sessions(sessions) if sessions else None
    ordinary = np.isin(weekday, [w for w in days.weekdays if w != SATURDAY] or days.weekdays)
    main_sessions = given or calendar_fit.find_sessions(
        usable["day"].to_numpy()[ordinary], usable["issued"].to_numpy()[ordinary]
    )
    saturday_sessions = None
    if SATURDAY in days.weekdays and any(w != SATURDAY for w in days.weekdays):
        on_saturday = weekday == SATURDAY
        found = calendar_fit.find_sessions(
            usable["day"].to_numpy()[on_saturday], usable["issued"].to_numpy()[on_saturday]
        )
        saturday_sessions = None if found == main_sessions else found
    if given:
        report.notes.append(("note.sessions_given", {"sessions": sessions}))
    served = int((usable["status"] == "served").sum())
    if served < MIN_SERVED:
        raise ConfigError(
            f"only {served} served tickets (called and ended) on the recorded days; at least {MIN_SERVED} "
            "are needed to estimate service times",
            where=str(path),
        )
    calibration = Calibration(
        path=Path(path),
        report=report,
        tickets=usable.reset_index(drop=True),
        days=days,
        sessions=main_sessions,
        saturday_sessions=saturday_sessions,
        sessions_given=given is not None,
        counters=[],
        saturday_counters=[],
        overtime=(0, 0),
        arrivals=None,  # type: ignore[arg-type]
        procedures={},
        abandonment=None,  # type: ignore[arg-type]
    )
    by_day = calibration.sessions_by_day()
    weekday_tickets = usable[weekday != SATURDAY] if saturday_sessions is not None else usable
    calibration.counters = calendar_fit.counters_per_session(weekday_tickets, main_sessions)
    if saturday_sessions is not None:
        calibration.saturday_counters = calendar_fit.counters_per_session(
            usable[weekday == SATURDAY], saturday_sessions
        )
    calibration.overtime = calendar_fit.overtime_days(usable, by_day)
    calibration.arrivals = estimate_arrivals(
        usable, days.recorded, {w: calibration.sessions_on(w) for w in days.weekdays}
    )
    if calibration.arrivals.outside_sessions:
        report.notes.append(("note.outside_sessions", {"count": calibration.arrivals.outside_sessions}))
    calibration.procedures = procedures.estimate_procedures(usable, report)
    calibration.abandonment = abandonment(usable, by_day)
    build_scenario(calibration, scenario_id)
    return calibration


def _days_note(days: tuple[int, ...]) -> dict[str, object]:
    shown = ", ".join(str(np.datetime64(d, "D")) for d in days[:8])
    return {"count": len(days), "days": shown + (" …" if len(days) > 8 else "")}
