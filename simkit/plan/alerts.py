"""The sentences every planner screen puts before its numbers: citizens lost and a back office behind.

Why on every screen: waits in a table are the waits of those who were *served*. At ten times the demand
the dashboard used to show a 45-minute wait and say nothing of the ~390 walk-ins a day who turned away
or gave up, and "the centre has slack" while the back office was 98% busy with most dossiers pending. The
facts come from ``simkit.sim.findings`` (shared with ``simkit run``); this module words them in the
screen's language, for one run (the dashboard, quick check), each plan (compare) or each point of a
curve (sweep, campaign).
"""

from __future__ import annotations

from collections.abc import Callable

from simkit.plan.strings import PlanStrings, number, percent
from simkit.sim.findings import BackOffice, Losses


def alerts(mean: Callable[[str], float], strings: PlanStrings, lang: str) -> list[str]:
    """Lost walk-ins and back-office trouble of one run, as sentences (empty when there is neither)."""
    lines = []
    losses = Losses.of(mean)
    if losses.total >= 0.05:
        lines.append(
            strings.get(
                "alert.lost",
                lang,
                total=number(losses.total, lang),
                baulked=number(losses.baulked, lang),
                reneged=number(losses.reneged, lang),
                sent_home=number(losses.sent_home, lang),
            )
        )
    office = BackOffice.of(mean)
    if office.has_work and office.falling_behind:
        lines.append(
            strings.get(
                "alert.backlog",
                lang,
                received=number(office.received, lang),
                completed=number(office.completed, lang),
                pending=number(office.pending_at_close, lang),
                busy=percent(office.utilisation, lang),
            )
        )
    elif office.has_work and office.busy:
        lines.append(
            strings.get(
                "alert.backoffice_busy",
                lang,
                busy=percent(office.utilisation, lang),
                pending=number(office.pending_at_close, lang),
            )
        )
    return lines


def alerts_at(where: str, mean: Callable[[str], float], strings: PlanStrings, lang: str) -> list[str]:
    """``alerts`` of one plan or one point of a curve, each sentence introduced by ``where``."""
    return [strings.get("alert.at", lang, where=where, alert=line) for line in alerts(mean, strings, lang)]
