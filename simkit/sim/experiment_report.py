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
from simkit.sim.describe import scenario_facts
from simkit.sim.figures import png_bytes, sweep_figure
from simkit.sim.labels import Labels
from simkit.sim.precision import Precision
from simkit.sim.report import format_value
from simkit.sim.sweep import SweepResult
from simkit.spreadsheet import csv_bytes


def write_sweep(result: SweepResult, labels: Labels, out: Path) -> list[Path]:
    """``sweep.csv`` (tidy, labelled), per-replication KPIs, and ``sweep.png`` against the first field.

    With a precision target, ``sweep.csv`` has a ``precision_met`` column (its grid point's verdict) and
    ``sweep_precision.csv`` the replications, mean and half-width at each point.
    """
    table = result.table()
    table.insert(len(result.fields) + 1, "label", [labels.kpi(k) for k in table["key"]])
    extra: dict[str, bytes] = {}
    if result.precision is not None:  # say at every row whether its grid point met the precision target
        met = result.precision_table()[[*result.fields, "precision_met"]]
        table = table.merge(met, on=result.fields, how="left", sort=False)
        extra["sweep_precision.csv"] = csv_bytes(result.precision_table())
    files = {
        "sweep.csv": csv_bytes(table),
        **extra,
        "sweep_replications.csv": csv_bytes(result.per_replication()),
        "sweep.png": png_bytes(sweep_figure(result, labels)),
    }
    return write_files(out, files)


def precision_text(result: SweepResult) -> str:
    """One line on the precision reached, and one per grid point that falls short of it."""
    target = result.precision
    if target is None:
        return ""
    table = result.precision_table()
    met = int((table["precision_met"] == True).sum())  # noqa: E712 - None means "undefined", not False
    undefined = int(table["precision_met"].isna().sum())
    counts = sorted(set(table["replications"]))
    shown = f"{counts[0]}" if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"
    lines = [
        f"precision {target.describe()}: met at {met} of {len(table)} grid points"
        + (f" ({undefined} where it is undefined)" if undefined else "")
        + f"; replications per point: {shown}"
    ]
    for short in result.shortfalls():
        where = ", ".join(f"{f}={short[f]}" for f in result.fields)
        lines.append(
            f"  falls short at {where}: {short['replications']} replications, "
            f"mean {short['mean']:.3g} ± {short['half_width']:.3g}"
        )
    return "\n".join(lines)


def comparison_table(result: Comparison, labels: Labels, names: tuple[str, str] | None = None) -> str:
    """Label, A, B, difference [95% CI] and a mark for clear differences, one line per KPI."""
    table = result.table()
    width = max(len(labels.kpi(k)) for k in table["key"])
    head = labels.figure("compare_header")
    name_a, name_b = names or (result.a.id, result.b.id)
    lines = [
        f"A = {name_a}",
        f"    {scenario_facts(result.a, labels)}",
        f"B = {name_b}",
        f"    {scenario_facts(result.b, labels)}",
        head,
        "",
    ]
    for row in table.itertuples():
        unit = labels.unit_key(row.key)

        def shown(value: float, unit: str = unit) -> str:
            return format_value(value, unit, labels.lang)

        interval = f"[{shown(row.ci_low)} – {shown(row.ci_high)}]" if not math.isnan(row.ci_low) else ""
        mark = labels.figure("clear_mark") if row.clear else ""
        a, b = shown(row.mean_a), shown(row.mean_b)
        difference = shown(row.difference)
        name = labels.kpi(row.key)
        lines.append(f"{name:<{width}} {a:>9} {b:>9} {difference:>9} {interval} {mark}".rstrip())
    return "\n".join(lines)


def write_comparison(result: Comparison, labels: Labels, out: Path) -> list[Path]:
    table = result.table()
    table.insert(1, "label", [labels.kpi(k) for k in table["key"]])
    return write_files(out, {"compare.csv": csv_bytes(table)})


def staffing_text(table: pd.DataFrame, precision: Precision | None = None) -> str:
    """The staffing table as planners read it: the advice, what it frees, and the check that backs it.

    Each advised level was rerun on replications the search never used; the table shows that check
    (the KPI's mean and 95% CI there and, for the back office, how fast its backlog grows) and a line
    says how the search and the check were run.
    """
    first = table.iloc[0]
    backoffice = first["resource"] == "backoffice"

    def whole(value: float) -> str:
        return "–" if math.isnan(value) else f"{int(value)}"

    def ci(row: pd.Series) -> str:
        if math.isnan(row["check_kpi_mean"]):
            return "–"
        if math.isnan(row["check_kpi_ci_low"]):
            return f"{row['check_kpi_mean']:.3g}"
        return f"{row['check_kpi_mean']:.3g} [{row['check_kpi_ci_low']:.3g}–{row['check_kpi_ci_high']:.3g}]"

    shown = pd.DataFrame(
        {
            "adoption": [f"{a:.0%}" for a in table["adoption"]],
            "staff_needed": [whole(v) for v in table["staff_needed"]],
            "current": [whole(v) for v in table["current_staff"]],
            "freed": ["–" if math.isnan(v) else f"{int(v):+d}" for v in table["staff_freed"]],
            "found_by_search": [whole(v) for v in table["staff_found"]],
            f"check: {first['kpi']}": [ci(row) for _, row in table.iterrows()],
        }
    )
    if backoffice:
        shown["check: backlog growth/day (95% upper)"] = [
            "–" if math.isnan(g) else f"{g:+.2f} ({h:+.2f} ≤ {limit:.2f})"
            for g, h, limit in zip(
                table["check_backlog_growth_per_day"],
                table["check_backlog_growth_ci_high"],
                table["backlog_growth_limit"],
                strict=True,
            )
        ]
    shown["check"] = ["passed" if ok else "no level passed" for ok in table["check_passed"]]
    shown["check replications"] = [
        f"{int(count)}" + ("" if met is not False else " (CI wider than asked)")
        for count, met in zip(table["check_replications"], table["check_precision_met"], strict=True)
    ]
    n = int(first["replications"])
    horizon = (
        f"{int(first['search_days'])} working days (the first {int(first['search_warmup_days'])} as "
        f"warm-up), the check over {int(first['check_days'])}"
        if backoffice
        else "the planner's run settings for both"
    )
    note = (
        f"search: replications 1–{n}; check: the advised level rerun on replications from {n + 1} on "
        f"(at least {n}, doubled while its CI is wider than asked; column 'check replications'), raised by "
        f"one until it passes; horizon: {horizon}."
    )
    if precision is not None:
        short = int((table["check_precision_met"] == False).sum())  # noqa: E712 - None: undefined
        note += f"\nprecision at the check: {precision.describe()}; " + (
            f"not reached at {short} of {len(table)} adoption levels within {precision.max_replications} "
            "replications (marked)"
            if short
            else "reached at every adoption level"
        )
    return shown.to_string(index=False) + "\n" + note


def write_staffing(table: pd.DataFrame, out: Path) -> list[Path]:
    return write_files(out, {"staffing.csv": csv_bytes(table)})
