"""``simkit calibrate TICKETS.csv --out my_centre.yaml``: a scenario from a centre's own ticket export.

Only argparse is imported here; pandas, scipy and the model load inside the command, so ``simkit --help``
stays quick. Everything is computed before anything is written: the scenario YAML, the back-test table
(``<out>.backtest.csv``) and figure (``<out>.backtest.png``) are then written each atomically.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from simkit.cli.common import check_size, whole_number
from simkit.errors import ConfigError


def add_calibrate_command(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "calibrate",
        help="estimate a scenario from a queue-ticket export and back-test it against the records",
        description="Read a queue-ticket export (CSV: issue, call and end time per ticket; see "
        "content/README.md for the columns), report unusable rows, estimate opening sessions, arrivals "
        "by hour and weekday, "
        "service times, counters, procedure shares and abandonment, write a scenario YAML with every "
        "estimate's 95% interval, and compare a simulation of the recorded days with the records.",
    )
    parser.add_argument("tickets", type=Path, metavar="TICKETS.csv", help="the ticket export (CSV, UTF-8)")
    parser.add_argument("--out", type=Path, help="scenario file to write, e.g. my_centre.yaml")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="read the column HEADER as FIELD (ticket, date, issued, called, ended, counter, procedure); "
        "repeatable, e.g. --map 'Thời điểm in phiếu=issued'",
    )
    parser.add_argument(
        "--sessions",
        metavar="HH:MM-HH:MM,…",
        help="opening sessions to use instead of those found, e.g. 07:30-11:30,13:30-17:00",
    )
    parser.add_argument("--id", dest="scenario_id", help="scenario id (default: from the file name)")
    parser.add_argument("--reps", type=whole_number, default=20, help="back-test replications (default 20)")
    parser.add_argument("--seed", type=whole_number, default=1, help="back-test seed (default 1)")
    parser.add_argument(
        "--allow-large",
        action="store_true",
        help="run a back-test even when it is estimated to take very long",
    )
    parser.add_argument("--no-backtest", action="store_true", help="only calibrate, do not back-test")
    parser.add_argument(
        "--lang", choices=("vi", "en"), default="vi", help="language of the report (default vi)"
    )


def _mapping(items: list[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        header, sep, field = item.rpartition("=")
        if not sep or not header.strip() or not field.strip():
            raise ConfigError(f"'{item}' is not HEADER=FIELD", field="--map")
        mapping[header.strip()] = field.strip()
    return mapping


def run_calibrate(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except KeyboardInterrupt:
        sys.stderr.write("simkit calibrate: interrupted; nothing was written\n")
        return 130


def _run(args: argparse.Namespace) -> int:
    from simkit.sim.experiment import check_replications

    if args.out is not None:
        if args.out.suffix.lower() not in (".yaml", ".yml"):
            raise ConfigError("must be a .yaml file name, e.g. my_centre.yaml", field="--out")
        if args.out.is_dir():
            raise ConfigError("is a folder; give a file name such as my_centre.yaml", field="--out")
        if not args.out.parent.is_dir():
            raise ConfigError(f"its folder {args.out.parent} does not exist", field="--out")
    if not args.no_backtest:
        check_replications(args.reps)
    if args.scenario_id is not None and not re.fullmatch(r"[a-z0-9_]+", args.scenario_id):
        raise ConfigError(
            f"'{args.scenario_id}' must be lower-case letters, digits and _ (e.g. xa_tan_lac)", field="--id"
        )
    if args.seed < 0:
        raise ConfigError(f"must be ≥ 0 (got {args.seed})", field="--seed")

    from simkit import atomic
    from simkit.calibrate import (
        backtest,
        backtest_csv,
        backtest_figure,
        backtest_table,
        calibrate,
        data_report_text,
        estimates_table,
        verdict,
    )
    from simkit.calibrate.strings import load_calibrate_strings
    from simkit.sim.figures import png_bytes

    lang = args.lang
    strings = load_calibrate_strings()
    calibration = calibrate(
        args.tickets, mapping=_mapping(args.map), sessions=args.sessions, scenario_id=args.scenario_id
    )
    out = sys.stdout
    out.write(data_report_text(calibration.report, lang) + "\n\n")
    out.write(strings.get("estimate.heading", lang) + "\n")
    out.write(estimates_table(calibration, lang).to_string(index=False) + "\n\n")
    files: dict[Path, bytes] = {}
    if args.out is not None:
        files[args.out] = calibration.yaml_text.encode("utf-8")
    if not args.no_backtest:
        from simkit.calibrate.backtest import recorded_period

        runnable, settings, _ = recorded_period(calibration, args.reps, args.seed)
        check_size(args, [runnable], settings)
        result = backtest(calibration, replications=args.reps, seed=args.seed)
        out.write(
            strings.get("backtest.heading", lang, days=result.days, replications=result.replications) + "\n"
        )
        out.write(backtest_table(result, lang).to_string(index=False) + "\n")
        out.write(verdict(result, lang) + "\n\n")
        if args.out is not None:
            stem = args.out.with_suffix("")
            files[Path(f"{stem}.backtest.csv")] = backtest_csv(result).encode("utf-8")
            files[Path(f"{stem}.backtest.png")] = png_bytes(backtest_figure(result, lang))
    for path, data in files.items():
        atomic.write_bytes(path, data)
    if args.out is not None:
        out.write(strings.get("cli.written", lang, path=args.out) + "\n")
        if not args.no_backtest:
            names = [str(p) for p in files if p != args.out]
            out.write(strings.get("cli.backtest_written", lang, table=names[0], figure=names[1]) + "\n")
    return 0
