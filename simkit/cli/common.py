"""Options and helpers shared by every ``simkit`` command that runs a scenario."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from simkit.errors import ConfigError

if TYPE_CHECKING:
    from simkit.sim.experiment import RunSettings
    from simkit.sim.scenario import Scenario


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (and exit status 2), like every other error here."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def add_scenario_options(parser: argparse.ArgumentParser) -> None:
    """--scenario and --set, shared by every command that runs a scenario."""
    parser.add_argument("--scenario", required=True, metavar="NAME_OR_FILE", help="preset name or YAML file")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="override any scenario field by its dotted name, e.g. staffing.counters=4 (repeatable)",
    )


def whole_number(text: str) -> int:
    """An argparse type: a whole number of at most 18 digits (a 5,000-digit one is a typo, not a count)."""
    digits = text.strip().lstrip("+-")
    if not digits.isdigit() or len(digits) > 18:
        shown = text if len(text) <= 20 else f"{text[:12]}… ({len(text)} characters)"
        raise argparse.ArgumentTypeError(f"'{shown}' is not a whole number")
    return int(text)


def clock_hour(text: str) -> int:
    """An argparse type: a clock hour 0–23 (``9`` is 9–10 am)."""
    value = whole_number(text)
    if not 0 <= value <= 23:
        raise argparse.ArgumentTypeError(f"'{text}' is not a clock hour 0–23")
    return value


def add_run_options(parser: argparse.ArgumentParser, reps_default: str) -> None:
    """Replications, seed, days, warm-up, target wait and language, shared by every running command."""
    parser.add_argument("--reps", type=whole_number, help=f"replications (default: {reps_default})")
    parser.add_argument(
        "--seed", type=whole_number, help="root random seed (default: the scenario's run.seed)"
    )
    parser.add_argument("--days", type=whole_number, help="working days per replication (default: run.days)")
    parser.add_argument(
        "--warmup-days",
        type=whole_number,
        help="working days left out of the KPIs (default: run.warmup_days)",
    )
    parser.add_argument(
        "--allow-large",
        action="store_true",
        help="run even when the estimate says it takes more than an hour (never past the memory available)",
    )
    parser.add_argument(
        "--target-wait", type=float, help="target wait in minutes for 'share waiting ≤ target'"
    )
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of labels (default vi)")


def check_scenario_name(name: str) -> None:
    """Refuse a misspelt preset name at once, before the scenario model is built.

    Why here: building the pydantic scenario model costs about 0.1 s, a third of the time a person should
    wait for "no such preset". The words are those of ``simkit.sim.loading.resolve_scenario_path``, which
    still checks every name (a test keeps the two messages equal); a file path is left to it.
    """
    from pathlib import Path

    from simkit.content import content_path

    candidate = Path(name)
    folder = content_path("scenarios")
    if candidate.suffix in (".yaml", ".yml") or candidate.exists() or (folder / f"{name}.yaml").exists():
        return
    names = ", ".join(sorted(p.stem for p in folder.glob("*.yaml"))) or "(none found)"
    raise ConfigError(f"no preset or file of that name; presets are: {names}", where=name)


def scenario_from_args(args: argparse.Namespace, extra: dict[str, Any] | None = None) -> Scenario:
    """The scenario named by --scenario with every --set (and ``extra``) applied, validated."""
    check_scenario_name(args.scenario)
    from simkit.sim.loading import load_scenario, parse_override

    overrides = dict(parse_override(item) for item in args.set)
    overrides.update(extra or {})
    return load_scenario(args.scenario, overrides)


def settings_from_args(
    args: argparse.Namespace, scenario: Scenario, replications: int | None = None
) -> RunSettings:
    """Run settings from the options, falling back to the scenario's own ``run:`` section."""
    from simkit.sim.experiment import RunSettings

    return RunSettings.of(
        scenario,
        days=args.days,
        warmup_days=args.warmup_days,
        replications=replications if replications is not None else args.reps,
        seed=args.seed,
        target_wait=args.target_wait,
    )


def add_executor_options(parser: argparse.ArgumentParser) -> None:
    """Where replications run, and whether to show progress."""
    parser.add_argument(
        "--workers",
        type=whole_number,
        help="local worker processes (default: all cores for large grids; 1 = run serially)",
    )
    parser.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT", help="run on a Dask distributed cluster at this address"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def executor_from_args(args: argparse.Namespace, tasks: int) -> tuple[Any, int | None]:
    """(executor spec, workers): the Dask scheduler if given, else a process pool for large batches.

    Local workers are capped at the machine's cores, with one line saying so.
    """
    from simkit.sim.executors import default_workers, local_workers

    if args.workers is not None and args.workers < 1:
        raise ConfigError(f"must be ≥ 1 (got {args.workers})", field="--workers")
    if not args.scheduler and args.workers is not None and local_workers(args.workers) < args.workers:
        cores = default_workers()
        sys.stderr.write(f"--workers {args.workers}: this machine has {cores} cores; using {cores}\n")
        args.workers = cores
    if args.scheduler:
        if not args.scheduler.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
            raise ConfigError(
                f"'{args.scheduler}' is not a scheduler address like tcp://HOST:PORT", field="--scheduler"
            )
        return args.scheduler, args.workers
    workers = args.workers or default_workers()
    if workers == 1 or tasks < 64:
        return "serial", None
    return "processes", workers


def check_size(
    args: argparse.Namespace,
    scenarios: Sequence[Scenario],
    settings: RunSettings,
    *,
    runs_per_scenario: int = 1,
    keep_records: bool = False,
    workers: int | None = 1,
) -> None:
    """Refuse, before anything runs, work that cannot finish on this machine (``simkit.sim.workload``)."""
    from simkit.sim.workload import check_workload, estimate

    work = estimate(
        scenarios,
        settings,
        runs_per_scenario=runs_per_scenario,
        keep_records=keep_records,
        workers=workers or 1,
    )
    check_workload(work, allow_large=getattr(args, "allow_large", False))
