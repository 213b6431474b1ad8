"""``simkit workshop``: serve the lessons to learners' phones from the trainer's laptop (Voilà, code hidden).

Thin on purpose: the options are checked by ``simkit.workshop.plan`` and the server is run by
``simkit.workshop.run``; both are imported inside the command so ``simkit --help`` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_workshop_command(commands: argparse._SubParsersAction) -> None:
    workshop = commands.add_parser(
        "workshop",
        help="serve the lessons to learners' phones (127.0.0.1 unless --lan; a workshop code on the LAN)",
        description="Serve the lessons as a web app with the code hidden. By default only this laptop can "
        "open it (127.0.0.1). With --lan, phones on the laptop's Wi-Fi hotspot open it after typing a "
        "workshop code (shown here, with a QR code). Progress is saved into --progress-dir, the folder the "
        "trainer's class results read. Ctrl+C stops the server and every learner's kernel.",
    )
    workshop.add_argument(
        "--lan",
        nargs="?",
        const=True,
        default=False,
        metavar="ADDRESS",
        help="let phones on the laptop's networks connect (all addresses, or only ADDRESS, e.g. 10.42.0.1)",
    )
    workshop.add_argument("--port", type=int, default=8868, help="TCP port (default 8868)")
    workshop.add_argument(
        "--code", help="the workshop code to use (4–12 digits; default: a new 6-digit code)"
    )
    workshop.add_argument(
        "--progress-dir",
        type=Path,
        help="folder for learners' progress files (default $SIMKIT_PROGRESS_DIR or ~/simkit-progress)",
    )
    workshop.add_argument(
        "--pool", type=int, default=2, help="kernels started ahead for the next phones (0–10, default 2)"
    )
    workshop.add_argument("--stop", action="store_true", help="stop the workshop running from --progress-dir")
    workshop.add_argument(
        "--release-name", metavar="NAME", help="free a display name held by a lost phone, then exit"
    )


def run_workshop(args: argparse.Namespace) -> int:
    from simkit.workshop.plan import make_plan

    plan = make_plan(lan=args.lan, port=args.port, code=args.code, progress=args.progress_dir, pool=args.pool)
    if args.stop:
        from simkit.workshop.run import stop_running

        sys.stdout.write(stop_running(plan.state) + "\n")
        return 0
    if args.release_name is not None:
        from simkit.learn.progress import ProgressStore
        from simkit.workshop.claims import PhoneClaims

        key = ProgressStore(plan.progress).path_for(args.release_name).stem
        freed = PhoneClaims(plan.progress).release(args.release_name, file_key=key)
        sys.stdout.write(
            f"simkit workshop: '{args.release_name}' "
            + ("can now be used on another phone\n" if freed else "was not held by any phone\n")
        )
        return 0
    from simkit.workshop.run import serve

    return serve(plan, sys.stdout)
