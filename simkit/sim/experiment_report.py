"""Tables and files for sweeps, comparisons and staffing searches (the experiments' counterpart of report).

Files a planner opens (``sweep.csv``, ``compare.csv``, ``staffing.csv``) are rounded to three significant
figures with their units (shares in percent), labelled in the chosen language; files for scripts
(``sweep_replications.csv``, ``sweep_precision.csv``, ``staffing_raw.csv``) keep every digit.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

from simkit.formats import number, percent, readable_decimals, rounded
from simkit.output_folder import write_files
from simkit.sim.compare import Comparison
from simkit.sim.describe import scenario_facts
from simkit.sim.figures import png_bytes, sweep_figure, vary_label
from simkit.sim.labels import Labels
from simkit.sim.precision import Precision
from simkit.sim.report import PERCENT_UNITS, format_value, readable, row_decimals
from simkit.sim.sweep import SweepResult
from simkit.spreadsheet import csv_bytes


def write_sweep(result: SweepResult, labels: Labels, out: Path) -> list[Path]:
    """``sweep.csv`` (tidy, labelled, rounded for reading, shares in percent), per-replication KPIs (exact,
    for scripts), and ``sweep.png`` against the first field.

    With a precision target, ``sweep.csv`` has a ``precision_met`` column (its grid point's verdict) and
    ``sweep_precision.csv`` the replications, mean and half-width at each point (exact: the numbers the
    verdict was computed from).
    """
    table = result.table()
    table.insert(len(result.fields) + 1, "label", [labels.kpi(k) for k in table["key"]])
    table = readable(table, labels)
    extra: dict[str, bytes] = {}
    if result.precision is not None:  # say at every row whether its grid point met the precision target
        met = result.precision_table()[[*result.fields, "precision_met"]]
        table = table.merge(met, on=result.fields, how="left", sort=False)
        extra["sweep_precision.csv"] = csv_bytes(result.precision_table())
    files = {
        "sweep.csv": csv_bytes(table, excel=True),
        **extra,
        "sweep_replications.csv": csv_bytes(result.per_replication()),
        "sweep.png": png_bytes(sweep_figure(result, labels)),
    }
    return write_files(out, files)


def precision_target(precision: Precision, labels: Labels) -> str:
    """``±10% or ±0.5 on “Mean wait of walk-in citizens” (95% CI half-width)`` in the chosen language."""
    absolute = "–" if precision.absolute is None else number(precision.absolute, labels.lang, 2).rstrip("0")
    return labels.figure("precision_target").format(
        relative=percent(precision.relative, labels.lang),
        absolute=absolute.rstrip(".,"),
        kpi=labels.kpi(precision.key),
    )


def precision_text(result: SweepResult, labels: Labels) -> str:
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
        labels.figure("precision_line").format(
            target=precision_target(target, labels),
            met=met,
            points=len(table),
            undefined=" " + labels.figure("precision_undefined").format(count=undefined) if undefined else "",
            counts=shown,
        )
    ]
    for short in result.shortfalls():
        where = ", ".join(vary_label(f, short[f], labels) for f in result.fields)
        decimals = readable_decimals(short["mean"], short["half_width"])
        lines.append(
            "  "
            + labels.figure("precision_short").format(
                where=where,
                replications=short["replications"],
                mean=number(short["mean"], labels.lang, decimals),
                half=number(short["half_width"], labels.lang, decimals),
            )
        )
    return "\n".join(lines)


def _shown_decimals(unit: str, row: Any) -> tuple[int, bool]:
    """Decimals for one comparison row, and whether its "clear" mark can be shown.

    A clear difference (its CI excludes 0) must not read "0.0 [0.0 – 0.0] ✔": the decimals grow (up to
    three) until both ends of its interval show as non-zero; a difference too small for that is not
    marked, since no reader could see it.
    """
    scale = 100.0 if unit in PERCENT_UNITS else 1.0
    decimals = row_decimals(unit, row.mean_a, row.mean_b, row.difference, row.ci_low, row.ci_high)
    if not row.clear:
        return decimals, False
    for more in range(decimals, 4):
        if all(round(v * scale, more) != 0 for v in (row.ci_low, row.ci_high)):
            return more, True
    return decimals, False


def comparison_table(result: Comparison, labels: Labels, names: tuple[str, str] | None = None) -> str:
    """Label, A, B, difference [95% CI] and a mark for clear differences, one line per KPI.

    Differences of shares are in percentage points ("+5,2 điểm %"), not percent of percent.
    """
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
    points = labels.figure("points_unit")
    for row in table.itertuples():
        unit = labels.unit_key(row.key)
        decimals, clear = _shown_decimals(unit, row)

        def shown(value: float, unit: str = unit, decimals: int = decimals) -> str:
            return format_value(value, unit, labels.lang, decimals)

        def change(value: float, unit: str = unit, decimals: int = decimals) -> str:
            if unit in PERCENT_UNITS:
                return number(value * 100, labels.lang, decimals)
            return shown(value)

        interval = f"[{change(row.ci_low)} – {change(row.ci_high)}]" if not math.isnan(row.ci_low) else ""
        if interval and unit in PERCENT_UNITS:
            interval += f" {points}"
        mark = labels.figure("clear_mark") if clear else ""
        a, b = shown(row.mean_a), shown(row.mean_b)
        difference = change(row.difference)
        name = labels.kpi(row.key)
        lines.append(f"{name:<{width}} {a:>9} {b:>9} {difference:>9} {interval} {mark}".rstrip())
    return "\n".join(lines)


def write_comparison(result: Comparison, labels: Labels, out: Path) -> list[Path]:
    """compare.csv: rounded for reading; shares (and their differences, in percentage points) ×100."""
    table = result.table()
    table.insert(1, "label", [labels.kpi(k) for k in table["key"]])
    table = readable(table, labels, columns=("mean_a", "mean_b", "difference", "ci_low", "ci_high"))
    return write_files(out, {"compare.csv": csv_bytes(table, excel=True)})


def _staff_kpi(table: pd.DataFrame, labels: Labels) -> tuple[str, str]:
    """(label, unit key) of the KPI the staffing search judged by."""
    key = str(table.iloc[0]["kpi"])
    return labels.kpi(key), labels.unit_key(key)


def staffing_frame(table: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """staffing.csv: the staffing table as planners open it — headers in the chosen language with their
    units, numbers rounded (shares in percent), one row per adoption level."""
    first = table.iloc[0]
    kpi, unit = _staff_kpi(table, labels)
    scale = 100.0 if unit in PERCENT_UNITS else 1.0
    unit_text = labels.unit(unit)
    check = table[["check_kpi_mean", "check_kpi_ci_low", "check_kpi_ci_high"]].to_numpy(dtype=float)
    decimals = [row_decimals(unit, *row) for row in check]
    check = check * scale
    columns: dict[str, Any] = {
        labels.figure("staff_adoption"): [rounded(a * 100, 1) for a in table["adoption"]],
        labels.figure("staff_resource"): [labels.figure(f"staff_resource_{r}") for r in table["resource"]],
        labels.figure("staff_needed"): table["staff_needed"].astype("Int64"),
        labels.figure("staff_current"): table["current_staff"].astype("Int64"),
        labels.figure("staff_freed"): table["staff_freed"].astype("Int64"),
        labels.figure("staff_found"): table["staff_found"].astype("Int64"),
        labels.figure("staff_check_mean").format(kpi=kpi, unit=unit_text): [
            rounded(v, d) for v, d in zip(check[:, 0], decimals, strict=True)
        ],
        labels.figure("staff_check_low").format(unit=unit_text): [
            rounded(v, d) for v, d in zip(check[:, 1], decimals, strict=True)
        ],
        labels.figure("staff_check_high").format(unit=unit_text): [
            rounded(v, d) for v, d in zip(check[:, 2], decimals, strict=True)
        ],
    }
    if first["resource"] == "backoffice":
        for key, column in (
            ("staff_growth_mean", "check_backlog_growth_per_day"),
            ("staff_growth_high", "check_backlog_growth_ci_high"),
            ("staff_growth_limit", "backlog_growth_limit"),
        ):
            columns[labels.figure(key)] = [rounded(v, 2) for v in table[column]]
    columns[labels.figure("staff_check")] = [_verdict(ok, labels) for ok in table["check_passed"]]
    columns[labels.figure("staff_check_reps")] = table["check_replications"].astype("Int64")
    return pd.DataFrame(columns)


def _verdict(passed: bool, labels: Labels) -> str:
    return labels.figure("staff_passed" if passed else "staff_failed")


def staffing_text(table: pd.DataFrame, labels: Labels, precision: Precision | None = None) -> str:
    """The staffing table as planners read it: the advice, what it frees, and the check that backs it.

    Each advised level was rerun on replications the search never used; the table shows that check
    (the KPI's mean and 95% CI there and, for the back office, how fast its backlog grows) and a line
    says how the search and the check were run. Every word is in the chosen language.
    """
    first = table.iloc[0]
    backoffice = first["resource"] == "backoffice"
    lang = labels.lang
    kpi, unit = _staff_kpi(table, labels)

    def whole(value: float) -> str:
        return "–" if math.isnan(value) else f"{int(value)}"

    def ci(row: pd.Series) -> str:
        mean, low, high = row["check_kpi_mean"], row["check_kpi_ci_low"], row["check_kpi_ci_high"]
        decimals = row_decimals(unit, mean, low, high)
        if math.isnan(mean):
            return "–"
        if math.isnan(low):
            return format_value(mean, unit, lang, decimals)
        ends = [format_value(v, unit, lang, decimals) for v in (low, high)]
        return f"{format_value(mean, unit, lang, decimals)} [{ends[0]}–{ends[1]}]"

    shown = pd.DataFrame(
        {
            labels.figure("staff_adoption"): [percent(a, lang) for a in table["adoption"]],
            labels.figure("staff_needed"): [whole(v) for v in table["staff_needed"]],
            labels.figure("staff_current"): [whole(v) for v in table["current_staff"]],
            labels.figure("staff_freed"): [
                "–" if math.isnan(v) else f"{int(v):+d}" for v in table["staff_freed"]
            ],
            labels.figure("staff_found"): [whole(v) for v in table["staff_found"]],
            labels.figure("staff_check_kpi").format(kpi=kpi): [ci(row) for _, row in table.iterrows()],
        }
    )
    if backoffice:
        shown[labels.figure("staff_growth")] = [
            "–"
            if math.isnan(g)
            else f"{number(g, lang, 2)} ({number(h, lang, 2)} ≤ {number(limit, lang, 2)})"
            for g, h, limit in zip(
                table["check_backlog_growth_per_day"],
                table["check_backlog_growth_ci_high"],
                table["backlog_growth_limit"],
                strict=True,
            )
        ]
    shown[labels.figure("staff_check")] = [_verdict(ok, labels) for ok in table["check_passed"]]
    reps_column = labels.figure("staff_check_reps")
    shown[reps_column] = [
        f"{int(count)}" + ("" if met is not False else " " + labels.figure("staff_wide"))
        for count, met in zip(table["check_replications"], table["check_precision_met"], strict=True)
    ]
    n = int(first["replications"])
    horizon = (
        labels.figure("staff_horizon_backoffice").format(
            days=int(first["search_days"]),
            warmup=int(first["search_warmup_days"]),
            check_days=int(first["check_days"]),
        )
        if backoffice
        else labels.figure("staff_horizon_same")
    )
    note = labels.figure("staff_note").format(n=n, next=n + 1, column=reps_column, horizon=horizon)
    if precision is not None:
        short = int((table["check_precision_met"] == False).sum())  # noqa: E712 - None: undefined
        target = precision_target(precision, labels)
        note += "\n" + (
            labels.figure("staff_precision_short").format(
                target=target, short=short, levels=len(table), most=precision.max_replications
            )
            if short
            else labels.figure("staff_precision_met").format(target=target)
        )
    return shown.to_string(index=False) + "\n" + note


def write_staffing(table: pd.DataFrame, labels: Labels, out: Path) -> list[Path]:
    """staffing.csv for people (``staffing_frame``) and staffing_raw.csv with every column of
    ``staffing_table`` at full precision, under fixed English identifiers, for scripts."""
    return write_files(
        out,
        {
            "staffing.csv": csv_bytes(staffing_frame(table, labels), excel=True),
            "staffing_raw.csv": csv_bytes(table),
        },
    )
