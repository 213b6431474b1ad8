"""The calibration as a planner reads it: the data report in plain sentences and a table of estimates.

Numbers are rounded the way a person reads them (citizens to one decimal, factors and weights to two,
minutes to one, shares as percentages), Vietnamese with decimal commas; every estimate has its 95%
interval and a line saying what it rests on.
"""

from __future__ import annotations

import math

import pandas as pd

from simkit.bilingual import check_lang
from simkit.calibrate.calendar_fit import clock
from simkit.calibrate.calibration import Calibration
from simkit.calibrate.cleaning import DataReport
from simkit.calibrate.intervals import Estimate
from simkit.calibrate.strings import load_calibrate_strings
from simkit.plan.strings import number, percent
from simkit.sim.scenario import WEEKDAYS


def data_report_text(report: DataReport, lang: str = "vi") -> str:
    """What was read, the rows with problems (first few with line numbers), and the notes."""
    s = load_calibrate_strings()
    check_lang(lang)
    lines = [
        s.get("report.title", lang, file=report.path),
        s.get(
            "report.read", lang, rows=report.rows, arrivals=report.arrivals_used, timing=report.timing_used
        ),
        s.get("report.columns", lang, columns=", ".join(f"{h} → {f}" for f, h in report.columns.items())),
    ]
    flawed = [p for p in report.problems if p.count]
    if not flawed:
        lines.append(s.get("report.no_problems", lang))
    else:
        lines.append(s.get("report.problems", lang))
        for problem in flawed:
            lines.append(f"  • {s.get(f'problem.{problem.code}', lang, count=problem.count)}")
            for line, text in problem.examples:
                lines.append(f"      {s.get('report.example', lang, line=line, text=text)}")
            if problem.count > len(problem.examples):
                lines.append(
                    f"      {s.get('report.more', lang, count=problem.count - len(problem.examples))}"
                )
    if report.notes:
        lines.append(s.get("report.notes", lang))
        lines.extend(f"  • {s.get(key, lang, **params)}" for key, params in report.notes)
    return "\n".join(lines)


def estimates_table(c: Calibration, lang: str = "vi") -> pd.DataFrame:
    """One row per estimate: what, value, 95% interval, and what it rests on (in ``lang``)."""
    s = load_calibrate_strings()
    check_lang(lang)
    rows: list[tuple[str, str, str, str]] = []

    def weekday_name(w: int) -> str:
        return s.get(f"estimate.weekday_{WEEKDAYS[w]}", lang)

    def add(what: str, estimate: Estimate | None, fmt, basis: str, value: str | None = None) -> None:
        if estimate is None:
            rows.append((what, value or "–", "–", basis))
            return
        interval = "–" if math.isnan(estimate.low) else f"{fmt(estimate.low)} – {fmt(estimate.high)}"
        rows.append((what, value or fmt(estimate.value), interval, basis))

    minutes = s.get("estimate.minutes", lang)

    def mins(v: float) -> str:
        return f"{number(v, lang, 1)} {minutes}"

    def two(v: float) -> str:
        return number(v, lang, 2)

    def share(v: float) -> str:
        return percent(v, lang, 1)

    first, last = (str(pd.Timestamp(d, unit="D").date()) for d in (c.days.first, c.days.last))
    add(
        s.get("estimate.period", lang),
        None,
        str,
        s.get("estimate.period_basis", lang, days=len(c.days.recorded), tickets=len(c.tickets)),
        s.get("estimate.period_value", lang, first=first, last=last),
    )
    found = s.get("estimate.sessions_given" if c.sessions_given else "estimate.sessions_found", lang)
    groups = [(c.sessions, c.counters, [w for w in c.days.weekdays if w != 5 or c.saturday_sessions is None])]
    if c.saturday_sessions is not None:
        groups.append((c.saturday_sessions, c.saturday_counters, [5]))
    for sessions, counters, days in groups:
        names = ", ".join(weekday_name(w) for w in days)
        text = ", ".join(f"{clock(a)}–{clock(b)}" for a, b in sessions)
        add(s.get("estimate.sessions", lang, days=names), None, str, found, text)
        for (a, b), n in zip(sessions, counters, strict=True):
            add(
                s.get("estimate.counters", lang, session=f"{clock(a)}–{clock(b)}"),
                n.per_day,
                two,
                s.get(f"estimate.counters_basis_{n.measured_by}", lang, fewest=n.fewest, most=n.most),
                str(n.counters),
            )
    late, looked = c.overtime
    add(
        s.get("estimate.closing", lang),
        None,
        str,
        s.get("estimate.closing_basis", lang, late=late, days=looked),
        s.get(f"estimate.closing_{c.closing_policy}", lang),
    )
    a = c.arrivals
    add(
        s.get("estimate.citizens", lang),
        a.citizens_per_day,
        lambda v: number(v, lang, 1),
        s.get("estimate.citizens_basis", lang, days=len(c.days.recorded)),
    )
    for w, factor in a.weekday_factors.items():
        mean = number(a.weekday_means[w].value, lang, 1)
        add(
            s.get("estimate.factor", lang, weekday=weekday_name(w)),
            factor,
            two,
            s.get("estimate.factor_basis", lang, days=factor.n, mean=mean),
        )
    for hour, weight in a.profile.items():
        add(
            s.get("estimate.profile", lang, hour=f"{hour:02d}h–{hour + 1:02d}h"),
            weight,
            two,
            s.get("estimate.profile_basis", lang, tickets=weight.n),
        )
    for p in c.procedures.values():
        name = p.name_vi if lang == "vi" else p.name_en
        add(
            s.get("estimate.share", lang, procedure=name),
            p.share,
            share,
            s.get("estimate.share_basis", lang, tickets=p.tickets),
        )
        checks = ", ".join(f"{x.family} p = {number(x.p_value, lang, 3)}" for x in p.service.checks)
        add(
            s.get("estimate.service", lang, procedure=name),
            p.service.mean,
            mins,
            s.get(
                "estimate.service_basis",
                lang,
                family=s.get(f"estimate.family_{p.service.family}", lang),
                served=p.service.mean.n,
                checks=checks,
            ),
        )
    ab = c.abandonment
    add(
        s.get("estimate.left", lang),
        ab.left_while_waiting,
        share,
        s.get("estimate.left_basis", lang, tickets=ab.left_while_waiting.n),
    )
    add(
        s.get("estimate.not_called", lang),
        ab.not_called_by_closing,
        share,
        s.get("estimate.not_called_basis", lang, tickets=ab.not_called_by_closing.n),
    )
    if ab.patience_mean is None:
        add(s.get("estimate.patience", lang), None, str, s.get("estimate.patience_none", lang))
    else:
        add(s.get("estimate.patience", lang), ab.patience_mean, mins, s.get("estimate.patience_basis", lang))
    columns = [s.get(f"estimate.{k}", lang) for k in ("what", "value", "interval", "basis")]
    return pd.DataFrame(rows, columns=columns)
