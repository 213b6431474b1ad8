"""Standard figures of a run: walk-in wait by hour, the distribution of waits, utilisation of staff.

Why ``matplotlib.figure.Figure`` and not ``pyplot``: no global state, so figures can be built in worker
processes, tests and notebooks alike, and closed by garbage collection. DejaVu Sans (shipped with
matplotlib) has every Vietnamese glyph, so "Thời gian chờ" renders with its diacritics offline.
"""

from __future__ import annotations

import functools
import io
import textwrap
from collections.abc import Callable
from typing import Any, cast

import matplotlib
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from simkit.formats import percent
from simkit.sim.engine import COUNTER
from simkit.sim.experiment import Results
from simkit.sim.labels import Labels
from simkit.sim.records import OUTCOME_CODE
from simkit.sim.scenario import Scenario
from simkit.sim.sweep import SweepResult

FONT: Any = {"font.family": "DejaVu Sans", "font.size": 10}
_MEAN_COLOUR, _P90_COLOUR, _TARGET_COLOUR = "#1f5f9f", "#c0504d", "#4f8f3f"


def _styled(draw: Callable[..., Figure]) -> Callable[..., Figure]:
    """Build the figure inside one style context, so every text object gets the Vietnamese-ready font."""

    @functools.wraps(draw)
    def wrapper(*args: Any, **kwargs: Any) -> Figure:
        with matplotlib.rc_context(FONT):
            return draw(*args, **kwargs)

    return wrapper


class KitFigure(Figure):
    """A matplotlib figure that shows itself as a PNG in notebooks, with no pyplot state involved."""

    def _repr_png_(self) -> bytes:
        return png_bytes(self)


def png_bytes(figure: Figure) -> bytes:
    """The figure as PNG bytes, with no software/version stamp so same inputs give identical files."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _figure() -> Figure:
    return KitFigure(figsize=(7.5, 4.2), dpi=100, layout="constrained")


@_styled
def wait_by_hour(results: Results, labels: Labels) -> Figure:
    """Mean and 90th-percentile walk-in wait by hour of arrival, with 95% CI bands and the target."""
    hourly = results.hourly()
    figure = _figure()
    axes = figure.add_subplot()
    for key, colour, name in (
        ("walkin_wait_mean", _MEAN_COLOUR, labels.figure("mean_label")),
        ("walkin_wait_p90", _P90_COLOUR, labels.figure("p90_label")),
    ):
        rows = hourly[hourly["key"] == key]
        hours = rows["hour"].to_numpy()
        axes.plot(hours, rows["mean"], marker="o", color=colour, label=name)
        axes.fill_between(hours, rows["ci_low"], rows["ci_high"], color=colour, alpha=0.18, linewidth=0)
    axes.axhline(
        results.settings.target_wait,
        color=_TARGET_COLOUR,
        linestyle="--",
        label=_target_label(results, labels),
    )
    axes.set_xticks(sorted(hourly["hour"].unique()))
    axes.set_xticklabels([f"{h:02d}h" for h in sorted(hourly["hour"].unique())])
    axes.set_xlabel(labels.figure("wait_by_hour_x"))
    axes.set_ylabel(labels.figure("wait_by_hour_y"))
    axes.set_title(labels.figure("wait_by_hour_title"))
    _name_plan(figure, plan_line(results.scenario, labels))
    axes.set_ylim(bottom=0)
    axes.legend(title=labels.figure("ci_label"))
    return figure


@_styled
def wait_distribution(results: Results, labels: Labels) -> Figure:
    """Histogram of served walk-in waits pooled over replications, with the target marked."""
    waits = []
    for replication in results.replications:
        rec = replication.records
        counter = (rec.visit_station == COUNTER) & (rec.visit_outcome == OUTCOME_CODE["served"])
        measured = rec.visit_day >= results.settings.warmup_days
        waits.append((rec.visit_start - rec.visit_arrival)[counter & measured])
    pooled = np.concatenate(waits) if waits else np.empty(0)
    figure = _figure()
    axes = figure.add_subplot()
    if len(pooled):
        top = max(float(np.percentile(pooled, 99.5)), results.settings.target_wait * 1.2, 1.0)
        axes.hist(
            np.clip(pooled, 0, top),
            bins=40,
            range=(0, top),
            color=_MEAN_COLOUR,
            alpha=0.85,
            weights=np.full(len(pooled), 100.0 / len(pooled)),
        )
    axes.axvline(
        results.settings.target_wait,
        color=_TARGET_COLOUR,
        linestyle="--",
        label=_target_label(results, labels),
    )
    axes.set_xlabel(labels.figure("wait_distribution_x"))
    axes.set_ylabel(labels.figure("wait_distribution_y"))
    axes.set_title(labels.figure("wait_distribution_title"))
    _name_plan(figure, plan_line(results.scenario, labels))
    axes.legend()
    return figure


@_styled
def utilisation(results: Results, labels: Labels) -> Figure:
    """Share of on-duty time each kind of staff was busy, with 95% CI error bars."""
    summary = results.summary().set_index("key")
    bars = [
        ("counter_utilisation", labels.figure("resource_counters")),
        ("backoffice_utilisation", labels.figure("resource_backoffice")),
        ("assisted_utilisation", labels.figure("resource_assisted")),
    ]
    bars = [(k, name) for k, name in bars if summary.loc[k, "n"] > 0]
    figure = _figure()
    axes = figure.add_subplot()
    means = np.array([summary.loc[k, "mean"] for k, _ in bars]) * 100
    low = np.array([summary.loc[k, "ci_low"] for k, _ in bars]) * 100
    high = np.array([summary.loc[k, "ci_high"] for k, _ in bars]) * 100
    errors = np.nan_to_num(np.vstack([means - low, high - means]), nan=0.0)
    positions = np.arange(len(bars))
    axes.bar(positions, means, yerr=errors, capsize=6, color=_MEAN_COLOUR, alpha=0.85)
    axes.set_xticks(positions)
    axes.set_xticklabels([textwrap.fill(name, 20) for _, name in bars])  # long names must not overlap
    axes.set_ylim(0, 100)
    axes.set_ylabel(labels.figure("utilisation_y"))
    axes.set_title(labels.figure("utilisation_title"))
    _name_plan(figure, plan_line(results.scenario, labels))
    return figure


def standard_figures(results: Results, labels: Labels) -> dict[str, Figure]:
    """The three standard figures, keyed by the file stem they are saved under."""
    return {
        "wait_by_hour": wait_by_hour(results, labels),
        "wait_distribution": wait_distribution(results, labels),
        "utilisation": utilisation(results, labels),
    }


def plan_line(
    scenario: Scenario, labels: Labels, counters: str | None = None, adoption: str | None = None
) -> str:
    """Which plan a figure shows: "commune centre — 3 counters, online adoption 40%", so the PNGs of two
    plans differ at a glance (``counters``/``adoption``: the text shown when a sweep varies them)."""
    staffing = scenario.staffing
    return labels.figure("figure_plan").format(
        scenario=scenario.name.text(labels.lang),
        counters=counters or ("∞" if staffing.unlimited_counters else staffing.counters),
        adoption=adoption or percent(scenario.channel.adoption, labels.lang),
    )


def _name_plan(figure: Figure, plan: str, width: int = 120) -> None:
    """The plan's line above the figure's title, smaller and wrapped so a long centre name stays whole."""
    figure.suptitle(textwrap.fill(plan, width), fontsize=8.5)


FIELD_LABELS = {
    "staffing.counters": ("vary_counters", "axis_counters"),
    "staffing.backoffice": ("vary_backoffice", "axis_backoffice"),
    "staffing.assisted_desk.staff": ("vary_assisted", "axis_assisted"),
    "channel.adoption": ("vary_adoption", "sweep_adoption_x"),
}
"""Varied fields a sweep names in words (legend entry, axis label); others show as ``field = value``."""


def vary_label(field: str, value: Any, labels: Labels) -> str:
    """A legend entry for one value of a varied field: "2 quầy" / "2 counters", "nộp trực tuyến 40%"."""
    shown = percent(float(value), labels.lang) if field == "channel.adoption" else f"{value}"
    if field in FIELD_LABELS:
        return labels.figure(FIELD_LABELS[field][0]).format(value=shown)
    return labels.figure("vary_other").format(field=field, value=shown)


def axis_label(field: str, labels: Labels) -> str:
    return labels.figure(FIELD_LABELS[field][1]) if field in FIELD_LABELS else field


def _span(values: list[Any], as_percent: bool, lang: str) -> str:
    low, high = min(values), max(values)
    shown = [percent(float(v), lang) if as_percent else f"{v}" for v in (low, high)]
    return shown[0] if low == high else f"{shown[0]}–{shown[1]}"


def _target_label(results: Results, labels: Labels) -> str:
    return f"{labels.figure('target_label')} ({results.settings.target_wait:g} {labels.unit('minutes')})"


@_styled
def sweep_figure(result: SweepResult, labels: Labels) -> Figure:
    """Walk-in wait (mean, p90) and P(wait ≤ target) against the first varied field, with 95% CI bands.

    Other varied fields draw one line each (colours), so "adoption × counters" reads as a family of curves.
    """
    table = result.table()
    x_field, others = result.fields[0], result.fields[1:]
    figure = KitFigure(figsize=(11, 4.4), dpi=100, layout="constrained")
    wait_axes, share_axes = figure.subplots(1, 2)
    groups = table.groupby(others, sort=False) if others else [((), table)]
    colours: Any = cast(ListedColormap, matplotlib.colormaps["tab10"]).colors
    for index, (values, rows) in enumerate(groups):
        values = values if isinstance(values, tuple) else (values,)
        suffix = ", ".join(vary_label(f, v, labels) for f, v in zip(others, values, strict=True))
        colour = colours[index % len(colours)]
        for axes, key, style, name in (
            (wait_axes, "walkin_wait_mean", "-", labels.figure("mean_label")),
            (wait_axes, "walkin_wait_p90", "--", labels.figure("p90_label")),
            (share_axes, "walkin_share_within_target", "-", labels.kpi("walkin_share_within_target")),
        ):
            kpi = rows[rows["key"] == key]
            scale = 100.0 if key == "walkin_share_within_target" else 1.0
            x = kpi[x_field].to_numpy(dtype=float)
            label = f"{name} ({suffix})" if suffix else name
            axes.plot(x, kpi["mean"] * scale, style, marker="o", color=colour, label=label)
            axes.fill_between(
                x, kpi["ci_low"] * scale, kpi["ci_high"] * scale, color=colour, alpha=0.15, linewidth=0
            )
    x_label = axis_label(x_field, labels)
    varied = {f: list(table[f].unique()) for f in result.fields}
    plan = plan_line(
        result.base,
        labels,
        counters=_span(varied["staffing.counters"], False, labels.lang)
        if "staffing.counters" in varied
        else None,
        adoption=_span(varied["channel.adoption"], True, labels.lang)
        if "channel.adoption" in varied
        else None,
    )
    _name_plan(figure, plan, width=170)
    wait_axes.axhline(
        result.settings.target_wait,
        color=_TARGET_COLOUR,
        linestyle=":",
        label=f"{labels.figure('target_label')} ({result.settings.target_wait:g} {labels.unit('minutes')})",
    )
    wait_axes.set_xlabel(x_label)
    wait_axes.set_ylabel(labels.figure("wait_by_hour_y"))
    wait_axes.set_title(labels.figure("sweep_wait_title"))
    wait_axes.set_ylim(bottom=0)
    wait_axes.legend(fontsize=8)
    share_axes.set_xlabel(x_label)
    share_axes.set_ylabel(labels.figure("sweep_share_y"))
    share_axes.set_title(labels.figure("sweep_share_title"))
    share_axes.set_ylim(0, 101)
    if others:
        share_axes.legend(fontsize=8)
    return figure
