"""The back-test as a planner reads it: a table by hour, a verdict in plain words, and one figure.

The verdict says in how many hours the model's mean and P90 wait are within the data's noise, and names
the largest gap when some are not — so a planner knows where the calibrated scenario can be trusted.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from simkit.bilingual import check_lang
from simkit.calibrate.backtest import BackTest
from simkit.calibrate.strings import load_calibrate_strings
from simkit.plan.strings import number, percent
from simkit.sim.figures import FONT, KitFigure

_DATA, _MODEL = "#1f5f9f", "#c0504d"


def _interval(low: float, high: float, lang: str) -> str:
    return "–" if math.isnan(low) else f"{number(low, lang, 1)}–{number(high, lang, 1)}"


def backtest_table(result: BackTest, lang: str = "vi") -> pd.DataFrame:
    """One row per hour of arrival and one for the whole day, in ``lang``, numbers as people read them."""
    s = load_calibrate_strings()
    check_lang(lang)
    rows = []
    for row in result.table.itertuples():
        hour = s.get("backtest.all_day", lang) if row.hour < 0 else f"{row.hour:02d}h–{row.hour + 1:02d}h"
        rows.append(
            {
                s.get("backtest.hour", lang): hour,
                s.get("backtest.tickets", lang): int(row.tickets_data),
                s.get("backtest.data_mean", lang): f"{number(row.mean_data, lang, 1)} "
                f"({_interval(row.mean_low_data, row.mean_high_data, lang)})",
                s.get("backtest.model_mean", lang): f"{number(row.mean_model, lang, 1)} "
                f"({_interval(row.mean_low_model, row.mean_high_model, lang)})",
                s.get("backtest.data_p90", lang): f"{number(row.p90_data, lang, 1)} "
                f"({_interval(row.p90_low_data, row.p90_high_data, lang)})",
                s.get("backtest.model_p90", lang): f"{number(row.p90_model, lang, 1)} "
                f"({_interval(row.p90_low_model, row.p90_high_model, lang)})",
                s.get("backtest.verdict", lang): _gap_words(row.mean_gap, row.mean_within, lang),
            }
        )
    return pd.DataFrame(rows)


def backtest_csv(result: BackTest) -> str:
    """The comparison with full precision (minutes), for files: one row per hour, ``hour = -1`` all day."""
    return result.table.to_csv(index=False, float_format="%.4f")


def _gap_words(gap: float, within: bool, lang: str) -> str:
    s = load_calibrate_strings()
    if within:
        return s.get("backtest.within", lang)
    key = "backtest.higher" if gap > 0 else "backtest.lower"
    return s.get(key, lang, minutes=number(abs(gap), lang, 1))


def verdict(result: BackTest, lang: str = "vi") -> str:
    """The plain-language verdict: agreement by hour, never-served tickets, and the daily spread."""
    s = load_calibrate_strings()
    check_lang(lang)
    hours = result.hours
    within, within_p90 = int(hours["mean_within"].sum()), int(hours["p90_within"].sum())
    if within == len(hours) and within_p90 >= len(hours) - 1:
        text = s.get("backtest.summary_good", lang, within=within, hours=len(hours), within_p90=within_p90)
    else:
        gaps = hours.assign(size=hours["mean_gap"].abs()).sort_values("size", ascending=False).iloc[0]
        worst = f"{int(gaps.hour):02d}h: {_gap_words(gaps.mean_gap, False, lang)}"
        text = s.get(
            "backtest.summary_mixed",
            lang,
            within=within,
            hours=len(hours),
            within_p90=within_p90,
            worst=worst,
        )
    left = s.get(
        "backtest.left",
        lang,
        data=percent(result.data.left.value, lang, 1),
        model=percent(result.model.left.value, lang, 1),
    )
    d_low, d_high = np.quantile(result.data.daily_means, [0.1, 0.9])
    m_low, m_high = np.quantile(result.model.daily_means, [0.1, 0.9])
    daily = s.get(
        "backtest.daily",
        lang,
        data_low=number(d_low, lang, 1),
        data_high=number(d_high, lang, 1),
        model_low=number(m_low, lang, 1),
        model_high=number(m_high, lang, 1),
    )
    return " ".join((text, left, daily))


def backtest_figure(result: BackTest, lang: str = "vi") -> Figure:
    """Three panels: wait by hour (mean and P90, 95% intervals), the distribution of waits, daily means."""
    import matplotlib

    s = load_calibrate_strings()
    check_lang(lang)
    with matplotlib.rc_context(FONT):
        figure = KitFigure(figsize=(12, 4.2), dpi=100, layout="constrained")
        by_hour, distribution, daily = figure.subplots(1, 3, width_ratios=(1.6, 1, 1))
        hours = _with_gaps(result.hours)
        x = hours["hour"].to_numpy() + 0.5
        for key, style in (("mean", "-"), ("p90", "--")):
            for side, colour, offset in (("data", _DATA, -0.08), ("model", _MODEL, 0.08)):
                value = hours[f"{key}_{side}"].to_numpy()
                error = np.vstack(
                    [
                        value - hours[f"{key}_low_{side}"].to_numpy(),
                        hours[f"{key}_high_{side}"].to_numpy() - value,
                    ]
                )
                by_hour.errorbar(
                    x + offset,
                    value,
                    yerr=np.nan_to_num(error),
                    color=colour,
                    linestyle=style,
                    marker="o",
                    markersize=4,
                    capsize=3,
                    label=s.get(f"backtest.legend_{side}_{key}", lang),
                )
        shown = result.hours["hour"].to_numpy()
        by_hour.set_xticks(shown + 0.5, [f"{h:02d}h" for h in shown])
        by_hour.set_xlabel(s.get("backtest.axis_hour", lang))
        by_hour.set_ylabel(s.get("backtest.axis_wait", lang))
        by_hour.set_title(s.get("backtest.figure_by_hour", lang))
        by_hour.set_ylim(bottom=0)
        by_hour.legend(fontsize=9)
        for waits, colour, side in (
            (result.data.waits, _DATA, "data"),
            (result.model.waits, _MODEL, "model"),
        ):
            ordered = np.sort(waits)
            distribution.step(
                ordered,
                np.arange(1, len(ordered) + 1) / len(ordered),
                where="post",
                color=colour,
                label=s.get(f"backtest.legend_{side}", lang),
            )
        distribution.set_xlim(0, max(1.0, float(np.quantile(result.data.waits, 0.99)) * 1.2))
        distribution.set_ylim(0, 1)
        distribution.set_xlabel(s.get("backtest.axis_wait", lang))
        distribution.set_ylabel(s.get("backtest.axis_share", lang))
        distribution.set_title(s.get("backtest.figure_distribution", lang))
        distribution.legend(fontsize=9)
        top = max(float(result.data.daily_means.max()), float(np.quantile(result.model.daily_means, 0.995)))
        bins = np.linspace(0, max(top, 1.0), 16)
        daily.hist(
            result.model.daily_means,
            bins=bins,
            density=True,
            color=_MODEL,
            alpha=0.35,
            label=s.get("backtest.legend_model", lang),
        )
        daily.hist(
            result.data.daily_means,
            bins=bins,
            density=True,
            histtype="step",
            linewidth=2,
            color=_DATA,
            label=s.get("backtest.legend_data", lang),
        )
        daily.set_xlabel(s.get("backtest.axis_daily_wait", lang))
        daily.set_yticks([])
        daily.set_title(s.get("backtest.figure_daily", lang))
        daily.legend(fontsize=9)
    return figure


def _with_gaps(hours: pd.DataFrame) -> pd.DataFrame:
    """Empty rows for closed hours (the lunch break), so lines do not join the morning to the afternoon."""
    full = range(int(hours["hour"].min()), int(hours["hour"].max()) + 1)
    return hours.set_index("hour").reindex(full).rename_axis("hour").reset_index()
