"""What a run hands to people: a readable KPI table and a folder of CSV files, figures and the scenario.

Why write ``scenario.yaml`` beside the results: a CSV without the exact inputs that made it cannot be
checked or rerun; with it (its ``run:`` section holds the replications, days and seed that ran),
``simkit run --scenario OUT/scenario.yaml`` reproduces every file.

Which files are for people and which for machines: ``summary.csv``, ``hourly.csv`` and
``hourly_table.csv`` are opened by planners, so their numbers are rounded to three significant figures,
shares are percentages and every row says its unit (BOM and CRLF, so Excel shows Vietnamese letters);
``replications.csv`` and ``citizens.csv`` feed scripts and ``simkit replay --from``, so they keep every
digit the model computed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from simkit.formats import number, percent, readable_decimals, rounded
from simkit.output_folder import write_files
from simkit.sim.describe import scenario_header
from simkit.sim.experiment import Results, kpi_bounds
from simkit.sim.figures import png_bytes, standard_figures
from simkit.sim.findings import findings_lines
from simkit.sim.labels import Labels
from simkit.spreadsheet import csv_bytes

PERCENT_UNITS = {"share"}


def format_value(value: float, unit: str, lang: str = "en", decimals: int | None = None) -> str:
    """Numbers as a planner reads them: shares as percentages, counts and times with one decimal.

    Millions (province-wide citizen counts) lose their decimal; the separators are ``lang``'s. With
    ``decimals`` (e.g. from ``simkit.formats.readable_decimals``) that many decimals instead.
    """
    if unit in PERCENT_UNITS:
        return percent(value, lang, 1 if decimals is None else decimals)
    if decimals is None:
        decimals = 1 if math.isnan(value) or abs(value) < 1e6 else 0
    return number(value, lang, decimals)


def row_decimals(unit: str, *values: float) -> int:
    """The decimals of one mean and its interval: three significant figures (a percentage: at most one
    decimal), so 0.14 [0.04–0.24] minutes and 12.3 [10.1–14.6] minutes both read naturally."""
    if unit in PERCENT_UNITS:
        return readable_decimals(*(v * 100 for v in values), most=1)
    return readable_decimals(*values)


def interval_cut(key: str, mean: float, low: float, high: float) -> tuple[bool, bool]:
    """Whether the (lower, upper) end of a KPI's 95% CI was cut at a bound the KPI cannot pass.

    ``Results.summary()`` clips the t-interval to ``kpi_bounds`` (a wait ≥ 0, a share in [0, 1]); that
    keeps its 95% coverage (the true value is inside the cut interval exactly when it is inside the uncut
    one), but a reader must be told why an end sits exactly on 0 or 100%.
    """
    floor, ceiling = kpi_bounds(key)
    if math.isnan(low) or math.isnan(mean):
        return False, False
    return (low == floor and mean > floor), (high == ceiling and mean < ceiling)


def shown_interval(
    key: str, unit: str, mean: float, low: float, high: float, lang: str, decimals: int
) -> tuple[str, str, bool]:
    """(mean, "[low – high]" or "", cut) as text; ``cut``: an end stopped at a bound (marked, noted)."""
    shown_mean = format_value(mean, unit, lang, decimals)
    if math.isnan(low):
        return shown_mean, "", False
    ends = (format_value(v, unit, lang, decimals) for v in (low, high))
    cut = any(interval_cut(key, mean, low, high))
    return shown_mean, "[{} – {}]".format(*ends), cut


def kpi_table(results: Results, labels: Labels, changes: Sequence[str] = (), hour: int | None = None) -> str:
    """A fixed-width table: label, mean and 95% confidence interval of each summary KPI.

    The header names the scenario, the ``changes`` made to it (``--set`` items) and what actually ran.
    Each row keeps three significant figures; an interval cut at 0 or 100% is marked and explained below.
    """
    summary = results.summary()
    settings = results.settings
    lines = [
        *scenario_header(results.scenario, labels, changes),
        labels.figure("table_header").format(
            replications=settings.replications, days=settings.days, seed=settings.seed
        ),
        "",
    ]
    width = max(len(labels.kpi(k)) + len(labels.unit(k)) + 3 for k in summary["key"])
    mark = labels.figure("ci_cut_mark")
    any_cut = False
    for row in summary.itertuples():
        unit_key = labels.unit_key(row.key)
        name = (
            f"{labels.kpi(row.key)} ({labels.unit(row.key)})" if labels.unit(row.key) else labels.kpi(row.key)
        )
        decimals = row_decimals(unit_key, row.mean, row.ci_low, row.ci_high)
        mean, interval, cut = shown_interval(
            row.key, unit_key, row.mean, row.ci_low, row.ci_high, labels.lang, decimals
        )
        any_cut |= cut
        lines.append(f"{name:<{width}} {mean:>10}  {interval}{mark if cut else ''}".rstrip())
    lines += ["", *findings_lines(results, labels), "", *answer_lines(results, labels, hour)]
    if any_cut:
        lines += ["", labels.figure("ci_cut_note")]
    return "\n".join(lines)


def hour_range(hour: int, labels: Labels) -> str:
    """Clock hour 9 → "9–10 am" / "9–10 giờ"; 11 → "11 am–12 pm"; 13 → "1–2 pm" / "13–14 giờ"."""
    twelve = {"start": (hour - 1) % 12 + 1, "end": hour % 12 + 1, "start24": hour, "end24": hour + 1}
    key = "hours_am" if hour < 11 else "hours_noon" if hour == 11 else "hours_pm"
    return labels.figure(key).format(**twelve)


def hourly_cell(row: pd.Series | Any, labels: Labels, with_unit: bool = True) -> str:
    """One hour's KPI as a person reads it: "0.14 min [0.04–0.24]" (vi: "0,14 phút [0,04–0,24]")."""
    unit = labels.unit_key(row.key)
    decimals = row_decimals(unit, row.mean, row.ci_low, row.ci_high)
    mean = format_value(row.mean, unit, labels.lang, decimals)
    if math.isnan(row.mean):
        return mean
    if with_unit and unit not in PERCENT_UNITS and labels.unit(row.key):
        mean = f"{mean} {labels.unit(row.key)}"
    if math.isnan(row.ci_low):
        return mean
    low, high = (
        number(v * (100 if unit in PERCENT_UNITS else 1), labels.lang, decimals)
        for v in (row.ci_low, row.ci_high)
    )
    cut = (
        labels.figure("ci_cut_mark") if any(interval_cut(row.key, row.mean, row.ci_low, row.ci_high)) else ""
    )
    return f"{mean} [{low}–{high}]{cut}"


def answer_lines(results: Results, labels: Labels, hour: int | None = None) -> list[str]:
    """The planner's question answered in sentences: the mean walk-in wait in each hour of arrival
    ("9–10 am: 0.14 min [0.04–0.24]"), the one ``hour`` asked about, and the citizen-hours saved."""
    hourly = results.hourly()
    waits = hourly[hourly["key"] == "walkin_wait_mean"]
    lines = [labels.figure("hourly_heading")]
    lines += [
        f"  {hour_range(int(row.hour), labels)}: {hourly_cell(row, labels)}" for row in waits.itertuples()
    ]
    if hour is not None:
        lines.append(_hour_sentence(hourly, hour, labels))
    lines.append(_saved_sentence(results, labels))
    return lines


def _hour_sentence(hourly: pd.DataFrame, hour: int, labels: Labels) -> str:
    rows = hourly[hourly["hour"] == hour].set_index("key")
    if rows.empty or math.isnan(rows.loc["walkin_wait_mean", "mean"]):
        hours = sorted(int(h) for h in hourly["hour"].unique())
        shown = ", ".join(hour_range(h, labels) for h in hours) or "–"
        return labels.figure("answer_hour_closed").format(hours=hour_range(hour, labels), open=shown)
    wait = rows.loc["walkin_wait_mean"]
    p90 = rows.loc["walkin_wait_p90"]
    unit = labels.unit("minutes")
    decimals = row_decimals("minutes", wait["mean"], wait["ci_low"], wait["ci_high"])
    low, high = (number(v, labels.lang, decimals) for v in (wait["ci_low"], wait["ci_high"]))
    return labels.figure("answer_hour").format(
        hours=hour_range(hour, labels),
        mean=f"{number(wait['mean'], labels.lang, decimals)} {unit}",
        low=low,
        high=high,
        p90=f"{number(p90['mean'], labels.lang, row_decimals('minutes', p90['mean']))} {unit}",
    )


def _saved_sentence(results: Results, labels: Labels) -> str:
    saved = results.summary().set_index("key").loc["citizen_hours_saved_per_day"]
    online = results.summary().set_index("key").loc["online_attempts_per_day", "mean"]
    if not online > 0:
        return labels.figure("answer_no_online")
    decimals = row_decimals("hours", saved["mean"], saved["ci_low"], saved["ci_high"])
    low, high = (number(v, labels.lang, decimals) for v in (saved["ci_low"], saved["ci_high"]))
    return labels.figure("answer_saved").format(
        saved=f"{number(saved['mean'], labels.lang, decimals)} {labels.unit('hours')}", low=low, high=high
    )


def readable(
    frame: pd.DataFrame, labels: Labels, columns: Sequence[str] = ("mean", "ci_low", "ci_high")
) -> pd.DataFrame:
    """A tidy KPI table as a planner opens it: a ``unit`` column in the chosen language, shares in percent
    (unit ``%``), every row rounded to three significant figures (``row_decimals``) and a ``note`` where
    an interval stops at a bound. The key and column names stay fixed identifiers (scripts, pivots)."""
    out = frame.copy()
    units = [labels.unit_key(k) for k in out["key"]]
    after = "label" if "label" in out.columns else "key"
    out.insert(list(out.columns).index(after) + 1, "unit", [labels.unit(k) for k in out["key"]])
    present = [c for c in columns if c in out.columns]
    for column in present:
        out[column] = out[column].astype(float)
    notes = []
    for index, (key, unit) in enumerate(zip(out["key"], units, strict=True)):
        values = [float(out[c].iloc[index]) for c in present]
        scale = 100.0 if unit in PERCENT_UNITS else 1.0
        decimals = row_decimals(unit, *values)
        for column, value in zip(present, values, strict=True):
            out.iloc[index, out.columns.get_loc(column)] = rounded(value * scale, decimals)
        note = ""
        if {"mean", "ci_low", "ci_high"} <= set(present):
            low_cut, high_cut = interval_cut(
                key, *(float(frame[c].iloc[index]) for c in ("mean", "ci_low", "ci_high"))
            )
            note = (
                labels.figure("ci_cut_low") if low_cut else labels.figure("ci_cut_high") if high_cut else ""
            )
        notes.append(note)
    if {"mean", "ci_low", "ci_high"} <= set(present):
        out["note"] = notes
    return out


def labelled_summary(results: Results, labels: Labels) -> pd.DataFrame:
    """``Results.summary()`` as written to summary.csv: a ``label`` and ``unit`` in the chosen language,
    rounded for reading (shares in percent), with a ``note`` where an interval stops at 0 or 100%."""
    summary = results.summary()
    summary.insert(1, "label", [labels.kpi(k) for k in summary["key"]])
    return readable(summary, labels)


def labelled_hourly(results: Results, labels: Labels) -> pd.DataFrame:
    """``Results.hourly()`` as written to hourly.csv (long: one row per hour and KPI), readable as above,
    with the hour as people say it (``hours``: "9–10 am") beside the clock hour."""
    hourly = results.hourly()
    hourly.insert(1, "hours", [hour_range(int(h), labels) for h in hourly["hour"]])
    hourly.insert(3, "label", [labels.kpi(k) for k in hourly["key"]])
    return readable(hourly, labels)


def hourly_table(results: Results, labels: Labels) -> pd.DataFrame:
    """hourly_table.csv: one row per hour of arrival, one column per hourly KPI, every cell a sentence
    fragment ("0.14 min [0.04–0.24]"), headers in the chosen language — the table a planner prints."""
    hourly = results.hourly()
    keys = list(dict.fromkeys(hourly["key"]))
    rows = []
    for hour, group in hourly.groupby("hour", sort=True):
        cells = {labels.kpi(row.key): hourly_cell(row, labels) for row in group.itertuples()}
        rows.append({labels.figure("wait_by_hour_x"): hour_range(int(hour), labels), **cells})
    return pd.DataFrame(rows, columns=[labels.figure("wait_by_hour_x"), *(labels.kpi(k) for k in keys)])


def preset_overview(lang: str = "vi") -> pd.DataFrame:
    """One row per scenario preset: what ``simkit scenarios`` prints and the start-here notebook shows."""
    from simkit.sim.loading import preset_summaries

    columns = ["preset", "level", "citizens_per_day", "counters", "adoption", "name"]
    return pd.DataFrame(preset_summaries(lang), columns=columns)


def _as_run(results: Results) -> dict:
    """The scenario with its ``run:`` section set to what actually ran, so the file alone reruns it."""
    scenario = results.scenario.model_dump(mode="json")
    settings = results.settings
    scenario["run"] = {
        "days": settings.days,
        "warmup_days": settings.warmup_days,
        "replications": settings.replications,
        "seed": settings.seed,
        "target_wait_minutes": settings.target_wait,
    }
    return scenario


def write_outputs(results: Results, labels: Labels, out: Path) -> list[Path]:
    """Write every result file into ``out`` as one set (see ``write_files``); returns the paths."""
    return write_files(out, output_files(results, labels))


def output_files(results: Results, labels: Labels) -> dict[str, bytes]:
    """Every result file of a run, built in memory (name → bytes), so nothing is written until all exist."""
    files: dict[str, bytes] = {
        "summary.csv": csv_bytes(labelled_summary(results, labels), excel=True),
        "hourly.csv": csv_bytes(labelled_hourly(results, labels), excel=True),
        "hourly_table.csv": csv_bytes(hourly_table(results, labels), excel=True),
        "replications.csv": csv_bytes(results.per_replication()),
        "citizens.csv": csv_bytes(results.citizens()),
        "scenario.yaml": yaml.safe_dump(_as_run(results), allow_unicode=True, sort_keys=False).encode(
            "utf-8"
        ),
    }
    for stem, figure in standard_figures(results, labels).items():
        files[f"{stem}.png"] = png_bytes(figure)
    return files
