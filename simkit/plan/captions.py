"""Plain-language captions: what each dashboard figure says, in a sentence computed from the results.

A commune official reading "walkin_wait_p90 = 11.4" learns nothing; reading "at 9–10 am, about 9 in 10
walk-ins wait less than 12 minutes" they can act. Every number in a caption comes from the run's summary
(means across replications) and is rounded the way the sentence needs: waits that "9 in 10 stay under"
are rounded *up* to the next whole minute, so the sentence stays true.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from simkit.plan.strings import PlanStrings, number, percent
from simkit.sim.experiment import Results
from simkit.sim.findings import BUSY, BackOffice, HourCause, worst_hours

INSTANT = 0.05
"""A median wait below this many minutes (3 seconds) reads as "called at once"."""

HIGH_UTILISATION = BUSY
"""Above this busy share, queues grow steeply with every extra arrival (the knee of the M/M/c curve)."""


@dataclass(frozen=True)
class Digest:
    """The summary and hourly tables of a run, computed once and shared by captions, tables and figures."""

    summary: pd.DataFrame
    hourly: pd.DataFrame
    target_wait: float
    worst: tuple[int, HourCause, int | None] | None = None
    """The worst hour, why (``simkit.sim.findings.worst_hours``) and the worst hour while open."""

    @classmethod
    def of(cls, results: Results) -> Digest:
        summary, hourly = results.summary().set_index("key"), results.hourly()
        return cls(summary, hourly, results.settings.target_wait, worst_hours(results, hourly))

    def mean(self, key: str) -> float:
        return float(self.summary.loc[key, "mean"])

    def ci(self, key: str) -> tuple[float, float]:
        return float(self.summary.loc[key, "ci_low"]), float(self.summary.loc[key, "ci_high"])

    def defined(self, key: str) -> bool:
        return int(self.summary.loc[key, "n"]) > 0 and not math.isnan(self.mean(key))

    def peak_hour(self) -> tuple[int, float, float] | None:
        """(clock hour, mean p90 wait, mean wait) of the hour whose 90th-percentile wait is longest."""
        p90 = self.hourly[self.hourly["key"] == "walkin_wait_p90"].dropna(subset=["mean"])
        if p90.empty:
            return None
        row = p90.loc[p90["mean"].idxmax()]
        hour = int(row["hour"])
        means = self.hourly[(self.hourly["key"] == "walkin_wait_mean") & (self.hourly["hour"] == hour)]
        return hour, float(row["mean"]), float(means["mean"].iloc[0])


def minutes_up(value: float) -> int:
    """A wait rounded up to a whole minute, at least 1: "9 in 10 wait less than N minutes" stays true."""
    return max(1, math.ceil(value - 1e-9))


def minutes_text(count: int, strings: PlanStrings, lang: str) -> str:
    """``1`` → "1 minute", ``12`` → "12 minutes" (Vietnamese has no plural: "12 phút")."""
    return strings.get("time.minute" if count == 1 else "time.minutes", lang, count=count)


def hour_range(hour: int, strings: PlanStrings, lang: str) -> str:
    """Clock hour 9 → "9–10 am" / "9–10 giờ sáng"; 13 → "1–2 pm" / "13–14 giờ"."""
    twelve = {"start": (hour - 1) % 12 + 1, "end": hour % 12 + 1, "start24": hour, "end24": hour + 1}
    key = "time.hours_am" if hour < 11 else "time.hours_noon" if hour == 11 else "time.hours_pm"
    return strings.get(key, lang, **twelve)


def wait_by_hour(digest: Digest, strings: PlanStrings, lang: str) -> str:
    peak = digest.peak_hour()
    if peak is None:
        return strings.get("caption.no_walkins", lang)
    hour, p90, mean = peak
    target = digest.target_wait
    text = strings.get(
        "caption.wait_by_hour",
        lang,
        hours=hour_range(hour, strings, lang),
        p90=minutes_text(minutes_up(p90), strings, lang),
        mean=number(mean, lang),
        target=number(target, lang, 0),
    )
    if digest.worst is not None and digest.worst[0] == hour:
        cause = digest.worst[1]
        other = digest.worst[2]
        if cause.cause == "closed":  # the waits are the lunch break, not a crowd: say so, not "add a counter"
            share = percent(cause.closed_share, lang)
            if other is None:
                return f"{text} {strings.get('caption.cause_closed_only', lang, share=share)}"
            where = hour_range(other, strings, lang)
            return f"{text} {strings.get('caption.cause_closed', lang, share=share, other=where)}"
        why = strings.get(f"caption.cause_{cause.cause}", lang, load=percent(cause.load, lang))
        text = f"{text} {why}"
    verdict = "caption.wait_by_hour_ok" if p90 <= target else "caption.wait_by_hour_over"
    return f"{text} {strings.get(verdict, lang, target=number(target, lang, 0))}"


def wait_distribution(digest: Digest, strings: PlanStrings, lang: str) -> str:
    if not digest.defined("walkin_wait_mean"):
        return strings.get("caption.no_walkins", lang)
    share = percent(digest.mean("walkin_share_within_target"), lang)
    target = number(digest.target_wait, lang, 0)
    p90 = minutes_text(minutes_up(digest.mean("walkin_wait_p90")), strings, lang)
    median = digest.mean("walkin_wait_median")
    if median < INSTANT:
        return strings.get("caption.wait_distribution_instant", lang, share=share, target=target, p90=p90)
    median_text = number(median, lang)
    return strings.get(
        "caption.wait_distribution", lang, share=share, target=target, median=median_text, p90=p90
    )


def utilisation(digest: Digest, strings: PlanStrings, lang: str) -> str:
    counters = digest.mean("counter_utilisation")
    parts = [strings.get("caption.utilisation", lang, counters=percent(counters, lang))]
    if digest.defined("backoffice_utilisation"):
        value = percent(digest.mean("backoffice_utilisation"), lang)
        parts.append(strings.get("caption.utilisation_backoffice", lang, value=value))
    if digest.defined("assisted_utilisation"):
        value = percent(digest.mean("assisted_utilisation"), lang)
        parts.append(strings.get("caption.utilisation_assisted", lang, value=value))
    limit = percent(HIGH_UTILISATION, lang)
    verdicts = []
    if not math.isnan(counters) and counters >= HIGH_UTILISATION:
        verdicts.append(strings.get("caption.utilisation_high", lang, limit=limit))
    office = BackOffice.of(digest.mean)
    if office.falling_behind:
        verdicts.append(
            strings.get(
                "caption.utilisation_backoffice_behind",
                lang,
                pending=number(office.pending_at_close, lang),
                completed=number(office.completed, lang),
                received=number(office.received, lang),
            )
        )
    elif office.has_work and office.busy:
        verdicts.append(strings.get("caption.utilisation_backoffice_busy", lang, limit=limit))
    assisted = digest.mean("assisted_utilisation")
    if not math.isnan(assisted) and assisted >= HIGH_UTILISATION:
        verdicts.append(strings.get("caption.utilisation_assisted_busy", lang, limit=limit))
    # "slack" only when no desk is at its limit: a quiet hall with a drowning back office has none
    parts += verdicts or [strings.get("caption.utilisation_ok", lang, limit=limit)]
    return " ".join(parts)


def online(digest: Digest, strings: PlanStrings, lang: str) -> str:
    received = digest.mean("online_dossiers_per_day")
    if math.isnan(received) or received <= 0:
        return strings.get("caption.online_none", lang)
    backlog = digest.mean("online_backlog_end")
    text = strings.get(
        "caption.online",
        lang,
        received=number(received, lang),
        completed=number(digest.mean("online_completed_per_day"), lang),
        backlog=number(backlog, lang),
        lead=number(digest.mean("online_lead_time_mean_hours"), lang),
        lead_p90=number(digest.mean("online_lead_time_p90_hours"), lang),
    )
    with_pending = digest.mean("online_lead_time_with_pending_mean_hours")
    if backlog >= 0.05 and not math.isnan(with_pending):  # completed dossiers alone hide the pending ones
        pending = strings.get(
            "caption.online_pending", lang, backlog=number(backlog, lang), lead=number(with_pending, lang)
        )
        text = f"{text} {pending}"
    return text


def citizen_hours(digest: Digest, strings: PlanStrings, lang: str) -> str:
    spent = digest.mean("citizen_hours_spent_per_day")
    saved = digest.mean("citizen_hours_saved_per_day")
    if math.isnan(saved) or abs(saved) < 0.05:
        return strings.get("caption.citizen_hours_none", lang, spent=number(spent, lang))
    if saved < 0:
        return strings.get(
            "caption.citizen_hours_negative", lang, spent=number(spent, lang), extra=number(-saved, lang)
        )
    return strings.get(
        "caption.citizen_hours",
        lang,
        spent=number(spent, lang),
        saved=number(saved, lang),
        share=percent(saved / (spent + saved), lang),
    )


CAPTIONS = {
    "wait_by_hour": wait_by_hour,
    "wait_distribution": wait_distribution,
    "utilisation": utilisation,
    "online": online,
    "citizen_hours": citizen_hours,
}
"""One caption function per dashboard figure, keyed like the figures."""
