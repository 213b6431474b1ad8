"""Tables and files for sweeps, comparisons and staffing searches (the experiments' counterpart of report).

Numbers stay numbers in the CSV files (shares 0–1, minutes, hours), each row labelled in the chosen
language; the printed tables round them for reading.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from simkit.output_folder import write_files
from simkit.sim.compare import Comparison
from simkit.sim.figures import png_bytes, sweep_figure
from simkit.sim.labels import Labels
from simkit.sim.report import format_value
from simkit.sim.sweep import SweepResult
from simkit.spreadsheet import csv_bytes


def write_sweep(result: SweepResult, labels: Labels, out: Path) -> list[Path]:
    """``sweep.csv`` (tidy, labelled), per-replication KPIs, and ``sweep.png`` against the first field."""
    table = result.table()
    table.insert(len(result.fields) + 1, "label", [labels.kpi(k) for k in table["key"]])
    files = {
        "sweep.csv": csv_bytes(table),
        "sweep_replications.csv": csv_bytes(result.per_replication()),
        "sweep.png": png_bytes(sweep_figure(result, labels)),
    }
    return write_files(out, files)


def comparison_table(result: Comparison, labels: Labels, names: tuple[str, str] | None = None) -> str:
    """Label, A, B, difference [95% CI] and a mark for clear differences, one line per KPI."""
    table = result.table()
    width = max(len(labels.kpi(k)) for k in table["key"])
    head = labels.figure("compare_header")
    name_a, name_b = names or (result.a.id, result.b.id)
    lines = [f"A = {name_a}", f"B = {name_b}", head, ""]
    for row in table.itertuples():
        unit = labels.unit_key(row.key)
        interval = (
            f"[{format_value(row.ci_low, unit)} – {format_value(row.ci_high, unit)}]"
            if not math.isnan(row.ci_low)
            else ""
        )
        mark = labels.figure("clear_mark") if row.clear else ""
        a, b = format_value(row.mean_a, unit), format_value(row.mean_b, unit)
        difference = format_value(row.difference, unit)
        name = labels.kpi(row.key)
        lines.append(f"{name:<{width}} {a:>9} {b:>9} {difference:>9} {interval} {mark}".rstrip())
    return "\n".join(lines)


def write_comparison(result: Comparison, labels: Labels, out: Path) -> list[Path]:
    table = result.table()
    table.insert(1, "label", [labels.kpi(k) for k in table["key"]])
    return write_files(out, {"compare.csv": csv_bytes(table)})


def staffing_text(table: pd.DataFrame) -> str:
    """The staffing table as planners read it: adoption, staff needed, current, freed."""
    shown = table[
        ["adoption", "resource", "staff_needed", "current_staff", "staff_freed", "kpi_mean", "kpi_ci_low"]
    ]
    return shown.to_string(index=False, float_format=lambda v: f"{v:.3g}")


def write_staffing(table: pd.DataFrame, out: Path) -> list[Path]:
    return write_files(out, {"staffing.csv": csv_bytes(table)})
