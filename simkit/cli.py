"""The ``simkit`` command: list scenario presets and run them from a terminal or a script.

Why a CLI beside the notebooks: provincial offices batch scenarios in scripts and keep the CSV files;
the same arguments and seed always write the same files. Every user mistake is one line on stderr and
exit status 2, before anything runs; nothing is half-written into the output folder.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from simkit.errors import ConfigError


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (and exit status 2), like every other error here."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="simkit",
        description="simkit: queue model of public administration service centres (bộ phận một cửa).",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    listing = commands.add_parser("scenarios", help="list the scenario presets, one line each")
    listing.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of names (default vi)")

    run = commands.add_parser(
        "run",
        help="run a scenario and report KPIs with 95%% confidence intervals",
        description="Run a scenario (a preset name or a YAML file) and report KPIs with 95%% CIs. "
        "Writes summary.csv, hourly.csv, replications.csv, citizens.csv, scenario.yaml and PNG figures "
        "into --out.",
    )
    run.add_argument("--scenario", required=True, metavar="NAME_OR_FILE", help="preset name or YAML file")
    run.add_argument("--adoption", type=float, help="online adoption rate 0–1 (sets channel.adoption)")
    run.add_argument("--reps", type=int, help="replications (default: the scenario's run.replications)")
    run.add_argument("--seed", type=int, help="root random seed (default: the scenario's run.seed)")
    run.add_argument("--days", type=int, help="working days per replication (default: run.days)")
    run.add_argument(
        "--warmup-days", type=int, help="working days left out of the KPIs (default: run.warmup_days)"
    )
    run.add_argument("--target-wait", type=float, help="target wait in minutes for 'share waiting ≤ target'")
    run.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="override any scenario field by its dotted name, e.g. staffing.counters=4 (repeatable)",
    )
    run.add_argument("--out", type=Path, help="folder for CSV files and figures (created if needed)")
    run.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of labels (default vi)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``simkit`` console script; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "scenarios":
            return _scenarios(args)
        return _run(args)
    except ConfigError as exc:
        sys.stderr.write(f"simkit {args.command}: error: {exc}\n")
        return 2


def _scenarios(args: argparse.Namespace) -> int:
    from simkit.sim.report import preset_overview

    lines = [
        f"{row.preset:<24} {row.level:<10} {row.citizens_per_day:7.1f}/day  "
        f"{row.counters:>2} counters  adoption {row.adoption:.0%}  {row.name}"
        for row in preset_overview(args.lang).itertuples()
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _run(args: argparse.Namespace) -> int:
    from simkit.sim.experiment import RunSettings, multiple_replications
    from simkit.sim.labels import load_labels
    from simkit.sim.loading import load_scenario, parse_override
    from simkit.sim.report import kpi_table, write_outputs

    overrides = dict(parse_override(item) for item in args.set)
    if args.adoption is not None:
        overrides["channel.adoption"] = args.adoption
    scenario = load_scenario(args.scenario, overrides)
    settings = RunSettings.of(
        scenario,
        days=args.days,
        warmup_days=args.warmup_days,
        replications=args.reps,
        seed=args.seed,
        target_wait=args.target_wait,
    )
    labels = load_labels(args.lang)
    if args.out is not None and args.out.exists() and not args.out.is_dir():
        raise ConfigError("exists and is not a folder", where="--out", field=str(args.out))
    results = multiple_replications(scenario, settings)
    sys.stdout.write(kpi_table(results, labels) + "\n")
    if args.out is not None:
        written = write_outputs(results, labels, args.out)
        sys.stdout.write(f"\n{len(written)} files written to {args.out}\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
