"""Figures of the planner screens: the standard three plus online work, citizen-hours and a campaign.

Why a second path to PNG: the dashboard must redraw within about half a second, and on a 2-core machine
matplotlib's constrained layout and default PNG compression cost more than the simulation itself (each
draws a figure twice, or squeezes bytes nobody needs on a local screen). ``screen_png`` switches the
layout engine off for fixed margins, pins legends to a corner instead of searching for the "best" one,
and compresses lightly. Exported files still use ``simkit.sim.figures.png_bytes`` at full quality.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from simkit.plan.captions import Digest
from simkit.plan.strings import PlanStrings, ReferencePoint
from simkit.sim import figures as standard
from simkit.sim.experiment import Results
from simkit.sim.figures import FONT, KitFigure
from simkit.sim.labels import Labels

COLOURS = ("#1f5f9f", "#c0504d", "#4f8f3f", "#8064a2", "#f79646")
MARGINS = {"left": 0.09, "right": 0.98, "bottom": 0.14, "top": 0.9, "wspace": 0.3}


def screen_png(figure: Figure) -> bytes:
    """A quick PNG for a screen: fixed margins, legends in a corner, light compression (see module doc)."""
    if figure.get_layout_engine() is not None:  # a standard figure: freeze it with fixed margins
        figure.set_layout_engine(None)
        figure.subplots_adjust(**MARGINS)
        for axes in figure.axes:
            legend = axes.get_legend()
            if legend is not None:
                legend.set_loc("upper right")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def _figure(width: float = 7.5, height: float = 4.2) -> Figure:
    """A figure with fixed margins (no layout engine), so it draws once, for a screen or a file."""
    figure = KitFigure(figsize=(width, height), dpi=100)
    figure.subplots_adjust(**MARGINS)
    return figure


def _bars(axes, names: Sequence[str], means: np.ndarray, lows: np.ndarray, highs: np.ndarray) -> None:
    errors = np.nan_to_num(np.vstack([means - lows, highs - means]), nan=0.0).clip(min=0)
    positions = np.arange(len(names))
    axes.bar(positions, np.nan_to_num(means), yerr=errors, capsize=6, color=COLOURS[: len(names)], alpha=0.85)
    axes.set_xticks(positions)
    axes.set_xticklabels([textwrap.fill(name, 20) for name in names])  # long names must not overlap


def _stats(digest: Digest, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    means = np.array([digest.mean(k) for k in keys])
    lows = np.array([digest.ci(k)[0] for k in keys])
    highs = np.array([digest.ci(k)[1] for k in keys])
    return means, lows, highs


def online_figure(digest: Digest, strings: PlanStrings, lang: str) -> Figure:
    """Online dossiers received, completed and waiting per day; their lead time (mean and 90th percentile)."""
    with matplotlib.rc_context(FONT):
        figure = _figure()
        counts, hours = figure.subplots(1, 2, width_ratios=(3, 2))
        keys = (
            "online_dossiers_per_day",
            "online_completed_per_day",
            "online_backlog_mean",
            "online_backlog_end",
        )
        names = [
            textwrap.fill(strings.get(f"chart.online.{k}", lang), 12)
            for k in ("received", "completed", "backlog", "end")
        ]
        _bars(counts, names, *_stats(digest, keys))
        counts.set_ylabel(strings.get("chart.online.counts_y", lang))
        counts.set_title(strings.get("chart.online.title", lang))
        counts.tick_params(axis="x", labelsize=9)
        lead_keys = ("online_lead_time_mean_hours", "online_lead_time_p90_hours")
        lead_names = [strings.get(f"chart.online.{k}", lang) for k in ("lead_mean", "lead_p90")]
        _bars(hours, lead_names, *_stats(digest, lead_keys))
        hours.set_ylabel(strings.get("chart.online.lead_y", lang))
        hours.set_title(strings.get("chart.online.lead_title", lang))
        for axes in (counts, hours):
            axes.set_ylim(bottom=0)
        return figure


def citizen_hours_figure(digest: Digest, strings: PlanStrings, lang: str) -> Figure:
    """Citizen-hours spent and saved per day by going online, with 95% CI error bars."""
    with matplotlib.rc_context(FONT):
        figure = _figure()
        axes = figure.add_subplot()
        keys = ("citizen_hours_spent_per_day", "citizen_hours_saved_per_day")
        means, lows, highs = _stats(digest, keys)
        positions = np.arange(2)
        errors = np.nan_to_num(np.vstack([means - lows, highs - means]), nan=0.0).clip(min=0)
        axes.barh(positions, np.nan_to_num(means), xerr=errors, capsize=6, color=COLOURS[:2], alpha=0.85)
        axes.set_yticks(positions)
        axes.set_yticklabels([strings.get(f"chart.hours.{k}", lang) for k in ("spent", "saved")])
        axes.set_xlabel(strings.get("chart.hours.x", lang))
        axes.set_title(strings.get("chart.hours.title", lang))
        axes.axvline(0, color="#555", linewidth=0.8)
        figure.subplots_adjust(left=0.3)
        return figure


def dashboard_figure(
    name: str, results: Results, digest: Digest, labels: Labels, strings: PlanStrings, lang: str
) -> Figure:
    """One of the dashboard's five figures by name."""
    if name == "wait_by_hour":
        return standard.wait_by_hour(results, labels)
    if name == "wait_distribution":
        return standard.wait_distribution(results, labels)
    if name == "utilisation":
        return standard.utilisation(results, labels)
    if name == "online":
        return online_figure(digest, strings, lang)
    if name == "citizen_hours":
        return citizen_hours_figure(digest, strings, lang)
    raise KeyError(name)


def campaign_figure(
    months: Sequence[int],
    adoption: Sequence[float],
    wait: Sequence[float],
    wait_low: Sequence[float],
    wait_high: Sequence[float],
    references: Sequence[ReferencePoint],
    strings: PlanStrings,
    lang: str,
) -> Figure:
    """Adoption month by month with the reference points as dashed lines; walk-in wait with its 95% CI."""
    with matplotlib.rc_context(FONT):
        figure = _figure(11, 4.4)
        share_axes, wait_axes = figure.subplots(1, 2)
        x = np.asarray(months, dtype=float)
        share_axes.plot(
            x,
            np.asarray(adoption) * 100,
            marker="o",
            color=COLOURS[0],
            label=strings.get("chart.campaign.trajectory", lang),
        )
        for index, point in enumerate(p for p in references if p.kind == "adoption"):
            colour = COLOURS[(index + 1) % len(COLOURS)]
            share_axes.axhline(point.value * 100, linestyle="--", linewidth=1, color=colour)
            share_axes.annotate(
                point.short.text(lang),
                xy=(x[0], point.value * 100),
                xytext=(2, 3),
                textcoords="offset points",
                fontsize=8,
                color=colour,
            )
        share_axes.set_ylim(0, 100)
        share_axes.set_xlabel(strings.get("chart.campaign.month_x", lang))
        share_axes.set_ylabel(strings.get("chart.campaign.adoption_y", lang))
        share_axes.set_title(strings.get("chart.campaign.title", lang))
        share_axes.legend(fontsize=8, loc="lower right")
        wait_axes.plot(x, wait, marker="o", color=COLOURS[1], label=strings.get("chart.campaign.wait", lang))
        wait_axes.fill_between(
            x,
            wait_low,
            wait_high,
            color=COLOURS[1],
            alpha=0.18,
            linewidth=0,
            label=strings.get("chart.ci", lang),
        )
        wait_axes.set_ylim(bottom=0)
        wait_axes.set_xlabel(strings.get("chart.campaign.month_x", lang))
        wait_axes.set_ylabel(strings.get("chart.campaign.wait_y", lang))
        wait_axes.set_title(strings.get("chart.campaign.wait_title", lang))
        wait_axes.legend(fontsize=8)
        for axes in (share_axes, wait_axes):
            axes.set_xticks(x)
        return figure
