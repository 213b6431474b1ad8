"""Writing a folder of results as one set: every file, or none of them.

Why its own small module: the CLI checks ``--out`` before any work starts, and must not import pandas or
matplotlib to do so; the run, sweep, comparison, staffing and dashboard exports all write through here.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from simkit import atomic
from simkit.errors import ConfigError


def write_files(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` (name → bytes) into the folder ``out`` as one set: all of them or none.

    Why a staging folder: a full disk or a pulled USB stick part-way through must not leave a results
    folder with five of eight files that a planner later takes for a whole run. The files are written
    and flushed into a hidden sibling folder first; only when every one is complete do they take their
    places (one rename of the folder when ``out`` is new, else one rename per file, which needs no space).
    Any failure removes the staging folder and is one line: ``--out: <folder>: no space left on device;
    nothing written``.
    """
    check_out_folder(out)
    parent = out.parent if str(out.parent) else Path(".")
    staging: Path | None = None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=parent))
        os.chmod(staging, 0o777 & ~atomic.umask())  # mkdtemp makes 0700; the results folder is a normal one
        for name, data in files.items():
            atomic.write_bytes(staging / name, data)
        if not out.exists():
            os.replace(staging, out)
            staging = None
        else:
            for name in files:
                os.replace(staging / name, out / name)
    except OSError as exc:
        reason = exc.strerror.lower() if exc.strerror else type(exc).__name__
        raise ConfigError(f"{reason}; nothing written", where="--out", field=str(out)) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in files]


MAX_FOLDER_NAME = 200
"""Longest folder name accepted for --out (most file systems stop at 255 bytes; UTF-8 needs room)."""


def check_out_folder(out: Path | None) -> None:
    """Refuse an --out that cannot hold results, before any work starts: an empty name (it would write
    into the current folder), an existing file, or a name too long for the file system."""
    if out is None:
        return
    if not str(out).strip() or str(out) == ".":
        raise ConfigError(
            "give a folder name (an empty one would write into the current folder)", where="--out"
        )
    too_long = [part for part in out.parts if len(part.encode("utf-8")) > MAX_FOLDER_NAME]
    if too_long:
        raise ConfigError(
            f"a folder name is {len(too_long[0].encode('utf-8'))} bytes long; at most {MAX_FOLDER_NAME}",
            where="--out",
        )
    if out.exists() and not out.is_dir():
        raise ConfigError("exists and is not a folder", where="--out", field=str(out))
