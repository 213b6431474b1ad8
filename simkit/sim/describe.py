"""One line saying what actually ran: staff, adoption, demand and opening hours, from the scenario itself.

Why not just the preset's name: names are written for people ("… about 70 visitors a day, 6 staff") and
stay the same when ``--set staffing.counters=2`` changes the centre, so a header made of the name alone
describes a centre that did not run. Every header (``simkit run``, ``compare``, ``staff``, ``sweep``)
prints the name *and* this line, computed from the validated scenario, plus the changes that were made.
"""

from __future__ import annotations

from collections.abc import Sequence

from simkit.formats import number, percent
from simkit.sim.labels import Labels
from simkit.sim.scenario import WEEKDAYS, Scenario, Session


def _sessions(sessions: Sequence[Session], counters: int, labels: Labels) -> str:
    """``07:30–11:30, 13:30–17:00`` with a session's own counter count when it differs."""
    parts = []
    for s in sessions:
        own = s.counters is not None and s.counters != counters
        count = f" ({labels.figure('facts_session_counters').format(counters=s.counters)})" if own else ""
        parts.append(f"{s.start}–{s.end}{count}")
    return ", ".join(parts)


def scenario_facts(scenario: Scenario, labels: Labels) -> str:
    """What ran, e.g. "As run: 2 counters, back office 1, assisted desk 1; online adoption 40%; …"."""
    staffing = scenario.staffing
    calendar = scenario.calendar
    counters = "∞" if staffing.unlimited_counters else str(staffing.counters)
    hours = _sessions(calendar.sessions, staffing.counters, labels)
    if calendar.saturday_sessions:
        hours += labels.figure("facts_saturday").format(
            sessions=_sessions(calendar.saturday_sessions, staffing.counters, labels)
        )
    backoffice = str(staffing.backoffice)
    if staffing.backoffice_shared_with_counters:
        backoffice += labels.figure("facts_shared")
    citizens = scenario.demand.citizens_per_working_day
    return labels.figure("facts").format(
        counters=counters,
        backoffice=backoffice,
        assisted=staffing.assisted_desk.staff,
        adoption=percent(scenario.channel.adoption, labels.lang),
        citizens=number(citizens, labels.lang, 1),
        hours=hours,
        start=labels.figure(f"weekday_{_first_open_day(scenario)}"),
    )


def _first_open_day(scenario: Scenario) -> str:
    """The weekday the run starts on: ``start_weekday``, or the next day the centre opens."""
    start = WEEKDAYS.index(scenario.calendar.start_weekday)
    for step in range(7):
        day = (start + step) % 7
        if scenario.calendar.sessions_on(day):
            return WEEKDAYS[day]
    return scenario.calendar.start_weekday


def scenario_header(scenario: Scenario, labels: Labels, changes: Sequence[str] = ()) -> list[str]:
    """The name, "(changed: …)" when anything was overridden, and the facts line of what ran."""
    name = scenario.name.vi if labels.lang == "vi" else scenario.name.en
    lines = [name]
    if changes:
        lines.append(labels.figure("facts_changed").format(changes=", ".join(changes)))
    lines.append(scenario_facts(scenario, labels))
    return lines
