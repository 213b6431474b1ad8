"""What a run hands to people: a readable KPI table and a folder of CSV files, figures and the scenario.

Why write ``scenario.yaml`` beside the results: a CSV without the exact inputs that made it cannot be
checked or rerun; with it (its ``run:`` section holds the replications, days and seed that ran),
``simkit run --scenario OUT/scenario.yaml`` reproduces every file.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import yaml

from simkit.output_folder import write_files
from simkit.sim.describe import scenario_header
from simkit.sim.experiment import Results
from simkit.sim.figures import png_bytes, standard_figures
from simkit.sim.findings import findings_lines
from simkit.sim.labels import Labels
from simkit.spreadsheet import csv_bytes

PERCENT_UNITS = {"share"}


def format_value(value: float, unit: str) -> str:
    """Numbers as a planner reads them: shares as percentages, counts and times with one decimal."""
    if math.isnan(value):
        return "–"
    if unit in PERCENT_UNITS:
        return f"{value * 100:.1f}%"
    return f"{value:,.1f}" if abs(value) < 1e6 else f"{value:,.0f}"


def kpi_table(results: Results, labels: Labels, changes: Sequence[str] = ()) -> str:
    """A fixed-width table: label, mean and 95% confidence interval of each summary KPI.

    The header names the scenario, the ``changes`` made to it (``--set`` items) and what actually ran.
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
    for row in summary.itertuples():
        unit_key = labels.unit_key(row.key)
        name = (
            f"{labels.kpi(row.key)} ({labels.unit(row.key)})" if labels.unit(row.key) else labels.kpi(row.key)
        )
        mean = format_value(row.mean, unit_key)
        interval = (
            f"[{format_value(row.ci_low, unit_key)} – {format_value(row.ci_high, unit_key)}]"
            if not math.isnan(row.ci_low)
            else ""
        )
        lines.append(f"{name:<{width}} {mean:>10}  {interval}".rstrip())
    lines += ["", *findings_lines(results, labels)]
    return "\n".join(lines)


def labelled_summary(results: Results, labels: Labels) -> pd.DataFrame:
    """``Results.summary()`` with a ``label`` column in the chosen language, as written to summary.csv."""
    summary = results.summary()
    summary.insert(1, "label", [labels.kpi(k) for k in summary["key"]])
    return summary


def preset_overview(lang: str = "vi") -> pd.DataFrame:
    """One row per scenario preset: what ``simkit scenarios`` prints and the start-here notebook shows."""
    from simkit.sim.loading import load_scenario, preset_names

    rows = []
    for name in preset_names():
        scenario = load_scenario(name)
        rows.append(
            {
                "preset": name,
                "level": scenario.level,
                "citizens_per_day": round(scenario.demand.citizens_per_working_day, 1),
                "counters": scenario.staffing.counters,
                "adoption": scenario.channel.adoption,
                "name": getattr(scenario.name, lang),
            }
        )
    return pd.DataFrame(rows, columns=["preset", "level", "citizens_per_day", "counters", "adoption", "name"])


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
    hourly = results.hourly()
    hourly.insert(2, "label", [labels.kpi(k) for k in hourly["key"]])
    files: dict[str, bytes] = {
        "summary.csv": csv_bytes(labelled_summary(results, labels)),
        "hourly.csv": csv_bytes(hourly),
        "replications.csv": csv_bytes(results.per_replication()),
        "citizens.csv": csv_bytes(results.citizens()),
        "scenario.yaml": yaml.safe_dump(_as_run(results), allow_unicode=True, sort_keys=False).encode(
            "utf-8"
        ),
    }
    for stem, figure in standard_figures(results, labels).items():
        files[f"{stem}.png"] = png_bytes(figure)
    return files
