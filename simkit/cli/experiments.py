"""``simkit sweep``, ``simkit compare`` and ``simkit staff``: the planner's experiments from a terminal.

Each command checks every input (grid, fields, scheduler address, service level) before any replication
runs, and writes its files only when everything has finished, each one atomically.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from simkit.cli.common import (
    add_executor_options,
    add_run_options,
    add_scenario_options,
    check_scenario_name,
    check_size,
    executor_from_args,
    scenario_from_args,
    settings_from_args,
)
from simkit.errors import ConfigError
from simkit.output_folder import check_out_folder

STAFFING_PROBES = 6
"""Staffing levels a search typically tries per adoption level (doubling, then bisection), for the
size estimate."""


def add_experiment_commands(commands: Any) -> None:
    sweep = commands.add_parser(
        "sweep",
        help="vary online adoption (and other fields) over a grid, with CIs",
        description="Run replications at every point of a grid (common random numbers across points). "
        "Writes sweep.csv (one row per point and KPI: mean, 95% CI) and sweep.png into --out.",
    )
    add_scenario_options(sweep)
    sweep.add_argument(
        "--adoption",
        default=None,
        help="adoption grid START:STOP:STEP or a,b,c (default 0:1:0.1 unless --vary)",
    )
    sweep.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="FIELD=a,b,c",
        help="another field and its values (repeatable)",
    )
    add_run_options(
        sweep,
        reps_default="enough for ±10%% on the mean walk-in wait, found sequentially on the base scenario; "
        "then more at any grid point that falls short (up to 100)",
    )
    add_executor_options(sweep)
    sweep.add_argument("--out", type=Path, required=True, help="folder for sweep.csv and sweep.png")

    compare = commands.add_parser(
        "compare",
        help="compare two plans under the same random numbers",
        description="Compare plan A with plan B (another scenario, or A with --change applied) under the "
        "same random numbers: each KPI's difference B − A with its paired 95% CI. Writes compare.csv.",
    )
    compare.add_argument("a", metavar="A", help="preset name or YAML file of plan A")
    compare.add_argument("b", metavar="B", nargs="?", help="plan B (default: A with --change applied)")
    compare.add_argument(
        "--change",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="change applied to plan B (repeatable)",
    )
    compare.add_argument(
        "--set", action="append", default=[], metavar="FIELD=VALUE", help="override applied to both plans"
    )
    add_run_options(compare, reps_default="plan A's run.replications")
    add_executor_options(compare)
    compare.add_argument("--out", type=Path, help="folder for compare.csv")

    staff = commands.add_parser(
        "staff",
        help="fewest staff meeting a service level at each adoption level",
        description="At each adoption level, the fewest counters (or back-office or assisted-desk staff) "
        "such that the lower 95% CI bound of P(wait ≤ target) reaches the service level (back office: the "
        "upper bound of the mean online lead time, pending dossiers included, stays within "
        "--target-lead-hours and the backlog does not grow, over whole working weeks after a warm-up day). "
        "Each answer is rerun on replications the search never used and raised until that check holds. "
        "Writes staffing.csv (for reading, in the chosen language) and staffing_raw.csv (every digit).",
    )
    add_scenario_options(staff)
    staff.add_argument("--adoption", default="0:1:0.1", help="adoption grid START:STOP:STEP or a,b,c")
    staff.add_argument("--service-level", type=float, default=0.9, help="required P(wait ≤ target), 0–1")
    staff.add_argument(
        "--resource",
        choices=("counters", "backoffice", "assisted_desk"),
        default="counters",
        help="what to staff",
    )
    staff.add_argument(
        "--target-lead-hours",
        type=float,
        default=8.0,
        help="back office: mean lead-time target in hours, pending dossiers included",
    )
    staff.add_argument("--max-staff", type=int, default=60, help="give up above this many staff")
    add_run_options(
        staff,
        reps_default="enough for ±2 points of P(wait ≤ target) (back office: ±10%% or ±0.25 h of the lead "
        "time), found sequentially",
    )
    add_executor_options(staff)
    staff.add_argument("--out", type=Path, help="folder for staffing.csv and staffing_raw.csv")


def run_experiment_command(args: argparse.Namespace) -> int:
    handlers = {"sweep": _sweep, "compare": _compare, "staff": _staff}
    return handlers[args.command](args)


def _parse_vary(items: list[str]) -> dict[str, list[Any]]:
    from simkit.content import parse_yaml_text

    vary: dict[str, list[Any]] = {}
    for item in items:
        field, sep, raw = item.partition("=")
        if not sep or not field.strip():
            raise ConfigError(f"'{item}' is not of the form field=a,b,c", field="--vary")
        try:
            values = [parse_yaml_text(v) for v in raw.split(",") if v.strip()]
        except (yaml.YAMLError, ValueError):
            raise ConfigError(f"the values '{raw[:60]}' cannot be read", field=f"--vary {field}") from None
        if not values:
            raise ConfigError("the grid is empty", field=f"--vary {field.strip()}")
        if field.strip() in vary:
            raise ConfigError(
                "is given twice; give all its values in one --vary", field=f"--vary {field.strip()}"
            )
        vary[field.strip()] = values
    return vary


def _replications(
    args: argparse.Namespace,
    scenario: Any,
    executor: Any,
    workers: int | None,
    precision: Any,
    settings: Any = None,
    lang: str = "vi",
) -> int:
    """--reps if given, else the sequential replications helper on the base scenario (``settings``:
    the days it runs, by default the command's own)."""
    if args.reps is not None:
        return args.reps
    from simkit.sim.experiment_report import precision_target
    from simkit.sim.labels import load_labels
    from simkit.sim.precision import replications_needed

    advice = replications_needed(
        scenario,
        replace(settings or settings_from_args(args, scenario), replications=1),
        key=precision.key,
        relative=precision.relative,
        absolute=precision.absolute,
        executor=executor,
        workers=workers,
    )
    labels = load_labels(lang)
    line = labels.figure("replications_found").format(
        count=advice.replications,
        target=precision_target(precision, labels),
        short="" if advice.reached else labels.figure("replications_short"),
    )
    sys.stderr.write(line + "\n")
    return advice.replications


def _sweep(args: argparse.Namespace) -> int:
    from simkit.sim.describe import scenario_header
    from simkit.sim.experiment_report import precision_text, write_sweep
    from simkit.sim.labels import load_labels
    from simkit.sim.precision import Precision
    from simkit.sim.sweep import grid, parse_range, point_scenarios, sweep

    vary: dict[str, list[Any]] = {}
    if args.adoption is not None or not args.vary:
        vary["channel.adoption"] = parse_range(
            "0:1:0.1" if args.adoption is None else args.adoption, "--adoption"
        )
    others = _parse_vary(args.vary)
    if "channel.adoption" in vary and "channel.adoption" in others:
        raise ConfigError(
            "adoption is given by both --adoption and --vary channel.adoption=…; give it once",
            field="--adoption",
        )
    vary.update(others)
    base = scenario_from_args(args)
    settings = settings_from_args(args, base)  # fail now on bad --days/--seed/…
    scenarios = point_scenarios(base, grid(vary))  # fail now on a bad grid value, naming the field
    check_out_folder(args.out)
    labels = load_labels(args.lang)
    executor, workers = executor_from_args(args, tasks=len(scenarios) * settings.replications)
    precision = Precision()
    # without --reps a point may need up to precision.max_replications: size the work for that
    most = settings if args.reps is not None else replace(settings, replications=precision.max_replications)
    check_size(args, scenarios, most, workers=workers)
    reps = _replications(args, base, executor, workers, precision, lang=args.lang)
    result = sweep(
        base,
        vary,
        settings_from_args(args, base, reps),
        executor=executor,
        workers=workers,
        progress=not args.quiet,
        precision=precision,
        more_replications=args.reps is None,  # a count the planner chose is kept, and its precision shown
    )
    written = write_sweep(result, labels, args.out)
    sys.stdout.write("\n".join(scenario_header(base, labels, args.set)) + "\n")
    sys.stdout.write(precision_text(result, labels) + "\n")
    counts = sorted({len(outcomes) for outcomes in result.outcomes})
    shown = f"{counts[0]}" if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"
    files = labels.figure("files_written").format(count=len(written), folder=args.out)
    done = labels.figure("grid_done").format(points=len(result.points), replications=shown, files=files)
    sys.stdout.write(done + "\n")
    return 0


def _compare(args: argparse.Namespace) -> int:
    from simkit.sim.compare import compare
    from simkit.sim.experiment_report import comparison_table, write_comparison
    from simkit.sim.labels import load_labels
    from simkit.sim.loading import load_scenario, parse_override, scenario_with

    for name in (args.a, args.b):
        if name is not None:
            check_scenario_name(name)
    both = dict(parse_override(item) for item in args.set)
    changes = dict(parse_override(item) for item in args.change)
    a = load_scenario(args.a, both)
    b = load_scenario(args.b, both) if args.b else a
    if changes:
        b = scenario_with(b, changes)
    if args.b is None and not changes:
        raise ConfigError("give plan B, or --change field=value to make B from A", field="B")
    settings = settings_from_args(args, a)
    check_out_folder(args.out)
    labels = load_labels(args.lang)
    executor, workers = executor_from_args(args, tasks=2 * settings.replications)
    check_size(args, [a, b], settings, workers=workers)
    result = compare(a, b, settings, executor=executor, workers=workers, progress=not args.quiet)
    names = (" ".join([args.a, *args.set]), " ".join([args.b or args.a, *args.set, *args.change]))
    if args.out is not None:  # files first, then the table (see simkit run)
        write_comparison(result, labels, args.out)
    sys.stdout.write(comparison_table(result, labels, names) + "\n")
    if args.out is not None:
        done = labels.figure("file_written").format(name="compare.csv", folder=args.out)
        sys.stdout.write(f"\n{done}\n")
    return 0


def _staff(args: argparse.Namespace) -> int:
    from simkit.sim.describe import scenario_header
    from simkit.sim.experiment_report import staffing_text, write_staffing
    from simkit.sim.labels import load_labels
    from simkit.sim.staffing import (
        check_request,
        search_settings,
        session_counters_replaced,
        staffing_precision,
        staffing_table,
    )
    from simkit.sim.sweep import parse_range, point_scenarios

    levels = parse_range(args.adoption, "--adoption")
    if any(not 0 <= a <= 1 for a in levels):
        raise ConfigError(f"adoption levels must be within 0–1 (got {args.adoption})", field="--adoption")
    check_request(args.resource, args.service_level, args.target_lead_hours, args.max_staff)
    base = scenario_from_args(args)
    settings = settings_from_args(args, base)
    scenarios = point_scenarios(base, [{"channel.adoption": a} for a in levels])
    check_out_folder(args.out)
    executor, workers = executor_from_args(args, tasks=len(levels) * settings.replications)
    precision = staffing_precision(args.resource)
    searched = search_settings(base, settings, args.resource)
    # the search's probes, and the check: twice the horizon for the back office, more replications if wide
    check_size(args, scenarios, searched, runs_per_scenario=STAFFING_PROBES + 4, workers=workers)
    reps = _replications(args, base, executor, workers, precision, searched, lang=args.lang)
    table = staffing_table(
        base,
        levels,
        settings_from_args(args, base, reps),
        service_level=args.service_level,
        resource=args.resource,
        target_lead_hours=args.target_lead_hours,
        max_staff=args.max_staff,
        executor=executor,
        workers=workers,
        progress=not args.quiet,
        precision=precision,
    )
    labels = load_labels(args.lang)
    written = write_staffing(table, labels, args.out) if args.out is not None else None  # files first
    sys.stdout.write("\n".join(scenario_header(base, labels, args.set)) + "\n")
    sys.stdout.write(staffing_text(table, labels, precision) + "\n")
    replaced = session_counters_replaced(base, args.resource)
    if replaced:
        note = labels.figure("staff_sessions_note").format(sessions=", ".join(replaced))
        sys.stdout.write(note + "\n")
    if written is not None:
        done = labels.figure("files_written").format(count=len(written), folder=args.out)
        sys.stdout.write(f"\n{done}\n")
    return 0
