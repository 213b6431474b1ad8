"""The ``simkit`` command: list scenario presets and run them from a terminal or a script.

Why a CLI beside the notebooks: provincial offices batch scenarios in scripts and keep the CSV files;
the same arguments and seed always write the same files. Every user mistake is one line on stderr and
exit status 2, before anything runs; nothing is half-written into the output folder.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from simkit.cli.calibrate import add_calibrate_command, run_calibrate
from simkit.cli.common import (
    Parser,
    add_run_options,
    add_scenario_options,
    check_size,
    clock_hour,
    scenario_from_args,
    settings_from_args,
)
from simkit.cli.experiments import add_experiment_commands, run_experiment_command
from simkit.cli.replay import add_replay_command, run_replay_command
from simkit.cli.workshop import add_workshop_command, run_workshop
from simkit.errors import ConfigError
from simkit.output_folder import check_out_folder


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="simkit",
        description="simkit: queue model of public administration service centres (bộ phận một cửa).",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    listing = commands.add_parser("scenarios", help="list the scenario presets, one line each")
    listing.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of names (default vi)")

    run = commands.add_parser(
        "run",
        help="run a scenario and report KPIs with 95%% confidence intervals",
        description="Run a scenario (a preset name or a YAML file) and report KPIs with 95% CIs. "
        "Writes summary.csv, hourly.csv, hourly_table.csv, replications.csv, citizens.csv, scenario.yaml "
        "and PNG figures into --out.",
    )
    add_scenario_options(run)
    run.add_argument("--adoption", type=float, help="online adoption rate 0–1 (sets channel.adoption)")
    add_run_options(run, reps_default="the scenario's run.replications")
    run.add_argument("--out", type=Path, help="folder for CSV files and figures (created if needed)")
    run.add_argument(
        "--hour",
        type=clock_hour,
        metavar="H",
        help="also answer in a sentence how long walk-ins arriving H:00–H+1:00 wait (e.g. 9 for 9–10 am)",
    )
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    add_experiment_commands(commands)
    add_calibrate_command(commands)
    add_replay_command(commands)
    add_workshop_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``simkit`` console script; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "scenarios":
            return _scenarios(args)
        if args.command == "run":
            return _run(args)
        if args.command == "calibrate":
            return run_calibrate(args)
        if args.command == "replay":
            return run_replay_command(args)
        if args.command == "workshop":
            return run_workshop(args)
        return run_experiment_command(args)
    except ConfigError as exc:
        sys.stderr.write(f"simkit {args.command}: error: {exc}\n")
        return 2
    except BrokenPipeError:
        # The reader went away (`simkit scenarios | head -1`): like any Unix tool, stop quietly. Every file
        # was written before the first line was printed. Point stdout at /dev/null so that Python's own
        # flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE (13), what a shell reports for a tool stopped by a closed pipe
    except KeyboardInterrupt:
        # Ctrl+C: workers are stopped on the way out (simkit.sim.executors) and results are written only
        # at the very end, as one set (simkit.output_folder) — so nothing was written. A second Ctrl+C
        # while exiting must not turn this one line into a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.stderr.write(f"simkit {args.command}: interrupted; nothing written\n")
        return 130


def _scenarios(args: argparse.Namespace) -> int:
    from simkit.formats import number, percent
    from simkit.sim.labels import load_labels
    from simkit.sim.loading import preset_summaries

    line = load_labels(args.lang).figure("preset_line")
    lines = [
        f"{row['preset']:<24} {row['level']:<10} "
        + line.format(
            citizens=f"{number(row['citizens_per_day'], args.lang, 1):>7}",
            counters=f"{row['counters']:>2}",
            adoption=f"{percent(row['adoption'], args.lang):>4}",
            name=row["name"],
        )
        for row in preset_summaries(args.lang)
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _run(args: argparse.Namespace) -> int:
    extra = {"channel.adoption": args.adoption} if args.adoption is not None else {}
    check_out_folder(args.out)
    scenario = scenario_from_args(args, extra)  # a mistake in the scenario is reported before numpy loads

    from simkit.sim.experiment import multiple_replications
    from simkit.sim.labels import load_labels
    from simkit.sim.report import kpi_table, write_outputs

    settings = settings_from_args(args, scenario)
    check_size(args, [scenario], settings, keep_records=True)
    labels = load_labels(args.lang)
    check_out_folder(args.out)
    from tqdm.auto import tqdm

    # A bar in a terminal; nothing when stderr is a file or a pipe (disable=None), as in scripts and CI.
    quiet = True if args.quiet else None
    with tqdm(total=settings.replications, desc="run", disable=quiet, leave=False) as bar:
        results = multiple_replications(scenario, settings, progress=lambda _done, _total: bar.update(1))
    changes = [*args.set, *(f"channel.adoption={args.adoption}" for _ in extra)]
    # Files first: a reader that stops reading the table (`| head`) must not cost the planner the results.
    written = write_outputs(results, labels, args.out) if args.out is not None else None
    sys.stdout.write(kpi_table(results, labels, changes, args.hour) + "\n")
    if written is not None:
        done = labels.figure("files_written").format(count=len(written), folder=args.out)
        sys.stdout.write(f"\n{done}\n")
    return 0
