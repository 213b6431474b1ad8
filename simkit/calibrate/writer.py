"""The calibrated scenario: a YAML file that validates like any preset and says where each number came from.

Provenance uses the scenario format's own places, so the file runs everywhere a preset runs: the first
``sources`` entry names the ticket file, its period and ticket count; one more entry per estimate gives
its value, 95% interval and how it was obtained (the notes are in English, like every preset's); and
``assumptions`` lists, in both languages, what a ticket log cannot show. The text is validated by
reading it back, and ``Calibration.scenario`` is that read-back scenario: what the back-test runs is
exactly what was written.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import yaml

from simkit.calibrate.calendar_fit import OVERTIME_GRACE, clock, day_label
from simkit.calibrate.intervals import Estimate
from simkit.calibrate.procedures import slug
from simkit.calibrate.strings import load_calibrate_strings
from simkit.sim.loading import validate_scenario
from simkit.sim.scenario import WEEKDAYS

if TYPE_CHECKING:  # avoids an import cycle
    from simkit.calibrate.calibration import Calibration


_MEASURED = {"counter_column": "distinct counters calling", "overlap": "most services at once"}


def _ci(estimate: Estimate, digits: int = 2, unit: str = "") -> str:
    if math.isnan(estimate.low):
        return f"{estimate.value:.{digits}f}{unit} (no interval: too few observations)"
    return f"{estimate.value:.{digits}f}{unit} (95% CI {estimate.low:.{digits}f}–{estimate.high:.{digits}f})"


def _rounded_shares(values: list[float]) -> list[float]:
    """Shares rounded to 4 decimals that still sum to exactly 1 (largest remainders get the rest)."""
    scaled = np.asarray(values) * 10_000
    floors = np.floor(scaled)
    order = np.argsort(-(scaled - floors), kind="stable")
    floors[order[: int(round(10_000 - floors.sum()))]] += 1
    return [float(v) / 10_000 for v in floors]


def build_scenario(calibration: Calibration, scenario_id: str | None = None) -> None:
    """Fill in ``calibration.scenario``, ``.yaml_text`` and ``.assumptions`` (English texts)."""
    c = calibration
    s = load_calibrate_strings()
    file = c.path.name
    first, last = str(np.datetime64(c.days.first, "D")), str(np.datetime64(c.days.last, "D"))
    tickets = len(c.tickets)
    recorded = len(c.days.recorded)
    period = {"file": file, "tickets": tickets, "first": first, "last": last, "days": recorded}
    arrivals = c.arrivals

    def session_list(sessions: list[tuple[int, int]], counters: list) -> list[dict[str, Any]]:
        return [
            {"start": clock(a), "end": clock(b), "counters": n.counters}
            for (a, b), n in zip(sessions, counters, strict=True)
        ]

    weekdays = [WEEKDAYS[w] for w in c.days.weekdays if not (w == 5 and c.saturday_sessions is not None)]
    calendar: dict[str, Any] = {
        "sessions": session_list(c.sessions, c.counters),
        "weekdays": weekdays,
        "start_weekday": WEEKDAYS[c.days.weekdays[0]],
        "closing_policy": c.closing_policy,
        "return_next_day": False,
    }
    if c.saturday_sessions is not None:
        calendar["saturday_sessions"] = session_list(c.saturday_sessions, c.saturday_counters)
    profile = {h: round(e.value, 3) for h, e in arrivals.profile.items() if not math.isnan(e.value)}
    demand = {
        "citizens": round(arrivals.citizens_per_day.value, 2),
        "per": "day",
        "arrival_profile": profile,
        "weekday_factors": {WEEKDAYS[w]: round(e.value, 3) for w, e in arrivals.weekday_factors.items()},
    }
    keys = list(c.procedures)
    rounded = _rounded_shares([c.procedures[k].share.value for k in keys])
    procedures = {
        k: {
            "name": {"vi": c.procedures[k].name_vi, "en": c.procedures[k].name_en},
            "share": share,
            "service": c.procedures[k].service.distribution.model_dump(mode="json"),
            "online": c.procedures[k].online,
        }
        for k, share in zip(keys, rounded, strict=True)
    }
    patience = c.abandonment.patience_mean
    impatience: dict[str, Any] = {"baulk_queue_length": None, "patience": None}
    if patience is not None:
        impatience["patience"] = {"dist": "exponential", "mean": round(patience.value, 1)}

    assumption_keys = ["online", "backoffice", "baulking", "travel", "profile_shared"]
    assumption_keys.append("patience" if patience is not None else "no_patience")
    if c.counters and c.counters[0].measured_by == "overlap":
        assumption_keys.append("counters_overlap")
    if c.days.without_tickets:
        assumption_keys.append("holidays")
    if c.sessions_given:
        assumption_keys.append("sessions_given")
    unknown = [p.name_vi for p in c.procedures.values() if not p.glossary]
    params: dict[str, dict[str, Any]] = {
        "holidays": {"count": len(c.days.without_tickets)},
        "unknown_procedures": {"names": ", ".join(unknown)},
    }
    if unknown:
        assumption_keys.append("unknown_procedures")
    assumptions = [
        {lang: s.get(f"assumption.{k}", lang, **params.get(k, {})) for lang in ("vi", "en")}
        for k in assumption_keys
    ]
    c.assumptions = [a["en"] for a in assumptions]
    raw = {
        "id": scenario_id or slug(c.path.stem, "calibrated_centre"),
        "name": {lang: s.get("scenario.name", lang, **period) for lang in ("vi", "en")},
        "description": {lang: s.get("scenario.description", lang, **period) for lang in ("vi", "en")},
        "level": "commune",
        "sources": _sources(c, period),
        "assumptions": assumptions,
        "calendar": calendar,
        "demand": demand,
        "procedures": procedures,
        "channel": {"adoption": 0.0, "online_failure_rate": 0.0, "failed_to_assisted_share": 1.0},
        "staffing": {
            "counters": max(n.counters for n in [*c.counters, *c.saturday_counters]),
            "unlimited_counters": False,
            "backoffice": 0,
            "backoffice_shared_with_counters": True,
        },
        "impatience": impatience,
        "run": {
            "days": len(c.days.weekdays),
            "warmup_days": 0,
            "replications": 30,
            "seed": 1,
            "target_wait_minutes": 15,
        },
    }
    header = "".join(f"# {s.get('yaml.header', lang, **period)}\n" for lang in ("vi", "en"))
    text = header + yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same result, faster
    c.scenario = validate_scenario(yaml.load(text, Loader=loader), where=f"calibrated scenario from {file}")
    c.yaml_text = text


def _sources(c: Calibration, period: dict[str, Any]) -> list[dict[str, str]]:
    url = str(c.path)
    arrivals = c.arrivals
    no_tickets = ", ".join(day_label(d) for d in c.days.without_tickets) or "none"
    entries = [
        (
            f"Ticket log {period['file']}: {period['tickets']} tickets, "
            f"{period['first']} to {period['last']}",
            f"{period['days']} recorded working days; open weekdays without tickets (not simulated): "
            f"{no_tickets}. {c.report.rows} rows read, {c.report.rows_dropped} unusable. Calibrated with "
            "simkit calibrate; 95% intervals are bootstraps over recorded days unless stated.",
        ),
        (
            "Estimate: citizens per ordinary working day (demand.citizens)",
            f"{_ci(arrivals.citizens_per_day, 1)}: mean of the Monday-to-Friday weekday means of tickets "
            "issued per day.",
        ),
        (
            "Estimate: weekday factors (demand.weekday_factors)",
            "; ".join(f"{WEEKDAYS[w]} {_ci(e, 3)}" for w, e in arrivals.weekday_factors.items())
            + ": each weekday's mean tickets over the ordinary working day.",
        ),
        (
            "Estimate: hourly arrival profile (demand.arrival_profile)",
            "; ".join(f"{h:02d}h {_ci(e, 3)}" for h, e in arrivals.profile.items())
            + f": tickets per open minute of the hour over the day's (1 = average pace); "
            f"{arrivals.outside_sessions} tickets issued outside the sessions count in the daily totals "
            "only.",
        ),
        (
            "Estimate: opening sessions and counters (calendar)",
            "; ".join(
                f"{clock(a)}–{clock(b)}: {n.counters} counters (per day {_ci(n.per_day, 2)}, "
                f"{n.fewest}–{n.most}, by {_MEASURED[n.measured_by]})"
                for (a, b), n in zip(
                    [*c.sessions, *(c.saturday_sessions or [])],
                    [*c.counters, *c.saturday_counters],
                    strict=True,
                )
            )
            + f". Closing: {c.closing_policy} (calls more than {OVERTIME_GRACE:g} minutes after closing on "
            f"{c.overtime[0]} of {c.overtime[1]} days).",
        ),
    ]
    for key, p in c.procedures.items():
        checks = ", ".join(f"{x.family} KS p={x.p_value:.3f}" for x in p.service.checks)
        entries.append(
            (
                f"Estimate: procedure {key} ({p.name_vi})",
                f"share {_ci(p.share, 4)} of {p.share.n} tickets; "
                f"service mean {_ci(p.service.mean, 2, ' min')} "
                f"over {p.service.mean.n} served, sd {p.service.sd:.2f}, median {p.service.median:.2f}, "
                f"p90 {p.service.p90:.2f} min; written as {p.service.family} ({checks})"
                + (f"; pools {', '.join(p.pooled)}" if p.pooled else "")
                + ".",
            )
        )
    a = c.abandonment
    patience = f"exponential mean {_ci(a.patience_mean, 1, ' min')}" if a.patience_mean else "not estimated"
    entries.append(
        (
            "Estimate: tickets never served (impatience)",
            f"left while waiting {_ci(a.left_while_waiting, 4)}; still waiting at closing "
            f"{_ci(a.not_called_by_closing, 4)} (Wilson intervals over tickets); patience {patience} "
            "(censored maximum likelihood, profile-likelihood interval).",
        )
    )
    return [{"title": title, "url": url, "note": note} for title, note in entries]
