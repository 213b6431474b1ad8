"""Stable identifiers of every result the model reports.

Why a separate list: notebooks, CSV files, comparisons and the labels in ``content/labels/results.yaml``
all refer to results by these keys; they never change meaning. Display labels (Vietnamese and English)
live in content, apart from the code, as in reproducible-simulation practice (``RESULT_LABELS``).
"""

from __future__ import annotations

SUMMARY_KEYS: tuple[str, ...] = (
    "arrivals_per_day",
    "walkin_visits_per_day",
    "walkin_served_per_day",
    "walkin_reneged_per_day",
    "walkin_baulked_per_day",
    "walkin_not_served_per_day",
    "walkin_in_system_at_end",
    "walkin_wait_mean",
    "walkin_wait_median",
    "walkin_wait_p90",
    "walkin_wait_p95",
    "walkin_wait_max",
    "walkin_share_within_target",
    "queue_length_mean",
    "queue_length_max",
    "counter_utilisation",
    "counter_backoffice_share",
    "backoffice_utilisation",
    "assisted_visits_per_day",
    "assisted_wait_mean",
    "assisted_share_within_target",
    "assisted_utilisation",
    "assisted_queue_length_mean",
    "online_attempts_per_day",
    "online_failed_per_day",
    "online_dossiers_per_day",
    "online_completed_per_day",
    "online_backlog_end",
    "online_backlog_mean",
    "online_lead_time_mean_hours",
    "online_lead_time_p90_hours",
    "online_lead_time_with_pending_mean_hours",
    "online_backlog_growth_per_day",
    "citizen_hours_spent_per_day",
    "citizen_hours_saved_per_day",
    "overtime_staff_minutes_per_day",
)
"""KPIs reported once per replication (and summarised across replications with 95% CIs)."""

HOURLY_KEYS: tuple[str, ...] = (
    "walkin_arrivals_per_day",
    "walkin_wait_mean",
    "walkin_wait_median",
    "walkin_wait_p90",
    "walkin_wait_p95",
    "walkin_wait_max",
    "walkin_share_within_target",
    "queue_length_mean",
)
"""KPIs reported per clock hour of arrival (``hour`` 7 = 07:00–08:00)."""

CHANNELS: tuple[str, ...] = ("in_person", "online_full", "online_partial", "assisted", "failed_to_counter")
"""How a citizen dealt with the procedure: counter only; fully online; online with an in-person
collection visit; helped at the assisted-digital desk after a failed attempt; at the counter after a
failed attempt."""

OUTCOMES: tuple[str, ...] = ("served", "reneged", "baulked", "not_served_today", "in_system", "online")
"""What became of a visit. ``online`` marks a citizen who never queued (fully online)."""

SHARE_KEYS: frozenset[str] = frozenset(
    {
        "walkin_share_within_target",
        "assisted_share_within_target",
        "counter_utilisation",
        "counter_backoffice_share",
        "backoffice_utilisation",
        "assisted_utilisation",
    }
)
"""KPIs that are shares in [0, 1]: their confidence intervals are clipped to that range."""

SIGNED_KEYS: frozenset[str] = frozenset({"citizen_hours_saved_per_day", "online_backlog_growth_per_day"})
"""KPIs that can be negative (going online can cost more time than it saves); all others are ≥ 0."""
