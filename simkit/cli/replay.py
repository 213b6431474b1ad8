"""``simkit replay``: write the animated replay of one day as a standalone HTML file.

Why a command: a trainer preparing a council meeting wants the file on a USB stick, not a notebook. The
heavy imports (the model, the page builder) happen inside the command, so ``simkit --help`` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simkit.cli.common import check_size, scenario_from_args
from simkit.errors import ConfigError


def add_replay_command(commands: argparse._SubParsersAction) -> None:
    replay = commands.add_parser(
        "replay",
        help="write an animated replay of one day (one or two plans) as a standalone HTML file",
        description="Simulate one day and write an animation of it as one HTML file that opens in any "
        "browser without Internet. With --compare-adoption the same citizens are shown under a second "
        "plan beside the first. With --from, replay the records of a `simkit run --out` folder instead "
        "(its citizens.csv and scenario.yaml; give --from twice for two runs side by side).",
    )
    replay.add_argument("--scenario", metavar="NAME_OR_FILE", help="preset name or YAML file to simulate")
    replay.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="override any scenario field by its dotted name, e.g. staffing.counters=2 (repeatable)",
    )
    replay.add_argument(
        "--from",
        dest="folders",
        action="append",
        type=Path,
        metavar="FOLDER",
        help="a folder written by `simkit run --out` to replay instead of simulating (at most twice)",
    )
    replay.add_argument("--adoption", type=float, help="online adoption 0–1 (default: the scenario's)")
    replay.add_argument(
        "--compare-adoption", type=float, help="a second plan's adoption 0–1, shown beside the first"
    )
    replay.add_argument("--seed", type=int, help="root random seed (default: the scenario's run.seed)")
    replay.add_argument("--replication", type=int, default=0, help="which replication to show (default 0)")
    replay.add_argument(
        "--days", type=int, help="working days to simulate (default: the scenario's run.days)"
    )
    replay.add_argument("--day", type=int, default=1, help="which working day to show, from 1 (default 1)")
    replay.add_argument("--target-wait", type=float, help="target wait in minutes for the hour figures")
    replay.add_argument("--lang", choices=("vi", "en"), default="vi", help="language the page opens in")
    replay.add_argument("--out", type=Path, required=True, help="the HTML file to write, e.g. replay.html")


def run_replay_command(args: argparse.Namespace) -> int:
    from simkit.replay.build import check_adoption, replay_adoptions
    from simkit.replay.page import write_replay_html

    out: Path = args.out
    if out.exists() and out.is_dir():
        raise ConfigError("is a folder; give a file name such as replay.html", where="--out", field=str(out))
    if not out.parent.exists():
        raise ConfigError("its folder does not exist", where="--out", field=str(out))
    if (args.scenario is None) == (not args.folders):
        raise ConfigError(
            "give one of --scenario (to simulate) or --from (a run's folder)", field="--scenario"
        )
    if args.folders:
        return _from_folders(args, out)
    scenario = scenario_from_args(args)
    days = scenario.run.days if args.days is None else args.days
    if not 1 <= args.day <= max(days, 1):
        raise ConfigError(f"must be a working day from 1 to {days} (got {args.day})", field="--day")
    first = (
        scenario.channel.adoption if args.adoption is None else check_adoption(args.adoption, "--adoption")
    )
    rates = [first]
    if args.compare_adoption is not None:
        rates.append(check_adoption(args.compare_adoption, "--compare-adoption"))
    from simkit.sim.experiment import RunSettings

    settings = RunSettings.of(
        scenario, replications=1, days=args.days, warmup_days=0, seed=args.seed, target_wait=args.target_wait
    )
    check_size(args, [scenario] * len(rates), settings, keep_records=True)  # a year of days is refused
    replay = replay_adoptions(
        scenario,
        rates,
        seed=args.seed,
        replication=args.replication,
        day=args.day - 1,
        days=args.days,
        target_wait=args.target_wait,
    )
    size = write_replay_html(replay, out, args.lang)
    sys.stdout.write(_written_line(out, size, len(replay.minutes), args.lang) + "\n")
    return 0


RUN_OPTIONS = ("adoption", "compare_adoption", "seed", "days", "target_wait")


def _from_folders(args: argparse.Namespace, out: Path) -> int:
    """Replay the records a ``simkit run`` wrote, as they are: the run's own options cannot change them."""
    from simkit.replay.from_csv import replay_folders
    from simkit.replay.page import write_replay_html

    given = [f"--{name.replace('_', '-')}" for name in RUN_OPTIONS if getattr(args, name) is not None]
    if args.set:
        given.append("--set")
    if given:
        raise ConfigError(
            f"{', '.join(given)} cannot change a run's records; rerun `simkit run`", field="--from"
        )
    if args.day < 1:
        raise ConfigError(f"must be a working day from 1 (got {args.day})", field="--day")
    replay = replay_folders(args.folders, replication=args.replication, day=args.day - 1)
    size = write_replay_html(replay, out, args.lang)
    sys.stdout.write(_written_line(out, size, len(replay.minutes), args.lang) + "\n")
    return 0


def _written_line(out: Path, size: int, frames: int, lang: str) -> str:
    """The line saying the page was written, in the chosen language (size in MB as a person reads it)."""
    from simkit.formats import number
    from simkit.sim.labels import load_labels

    line = load_labels(lang).figure("replay_written")
    return line.format(file=out, megabytes=number(size / 1e6, lang, 1), frames=number(frames, lang, 0))
