"""A normal (non-editable) install ships ``content/`` and works from any folder.

``pip install .`` builds a wheel; ``pyproject.toml`` installs the top-level ``content/`` folder into it as
the package data of ``simkit._content``. The slow test here builds that wheel from a clean copy of the
sources (so nothing is written into the checkout), installs it into a fresh virtualenv and runs the
``simkit`` command of that virtualenv from an empty folder, where the checkout's ``content/`` cannot be
found by accident. Offline and quick: the wheel is built with the setuptools already installed
(``--no-build-isolation``) and installed with ``--no-deps``; the fresh virtualenv borrows the running
environment's libraries (simpy, pandas…) through a ``.pth`` file instead of downloading them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import tomllib

from tests.test_cli import invoke

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
PACKAGE = ROOT / "simkit"
SOURCES = ("pyproject.toml", "README.md", "simkit", "content")
TIME_LIMIT = 180
"""Seconds any one step may take before the test fails (each takes a few seconds on an idle machine)."""


def _listed_packages() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return pyproject["tool"]["setuptools"]["packages"]


def _package_of(folder: Path) -> str | None:
    """The dotted package a folder of simkit/ or content/ installs as, or None if not a valid name."""
    if folder.is_relative_to(CONTENT):
        parts = ["simkit", "_content", *folder.relative_to(CONTENT).parts]
    else:
        parts = list(folder.relative_to(ROOT).parts)
    return ".".join(parts) if all(part.isidentifier() for part in parts) else None


def _source_files() -> list[Path]:
    files = [p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return files + [p for p in CONTENT.rglob("*") if p.is_file()]


def _wheel_name(path: Path) -> str:
    """Where a source file lands inside the wheel."""
    if path.is_relative_to(CONTENT):
        return "simkit/_content/" + path.relative_to(CONTENT).as_posix()
    return path.relative_to(ROOT).as_posix()


def test_pyproject_lists_every_folder_that_holds_files() -> None:
    # A folder missing from the list would be left out of the wheel (or only warned about): say which.
    expected = {_package_of(p.parent) for p in _source_files()} - {None}
    assert set(_listed_packages()) == expected


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        check=False,
        stdin=subprocess.DEVNULL,
        **kwargs,  # type: ignore[arg-type]
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.install
def test_the_wheel_ships_content_and_runs_from_any_folder(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--quiet",
            "--wheel-dir",
            str(wheels),
            str(source),
        ]
    )
    (wheel,) = wheels.glob("simkit-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    missing = sorted(_wheel_name(p) for p in _source_files() if _wheel_name(p) not in shipped)
    assert not missing, f"left out of the wheel: {missing}"
    assert not any(name.startswith(("tests/", "content/", "notebooks/")) for name in shipped)

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            str(wheel),
        ]
    )
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip()
    # The libraries simkit needs come from the environment running the tests (they were installed there);
    # a .pth line only adds the folder, so its editable-install hook for the checkout's simkit is not run.
    borrowed = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (Path(site) / "borrowed_libraries.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("SIMKIT_CONTENT", "PYTHONPATH")}
    env["PYTHONIOENCODING"] = "utf-8"
    simkit = venv / ("Scripts/simkit.exe" if os.name == "nt" else "bin/simkit")
    where = _run([str(python), "-c", "import simkit; print(simkit.__file__)"], cwd=elsewhere, env=env)
    assert Path(where.stdout.strip()).is_relative_to(venv), "the installed copy must be the one imported"

    listing = _run([str(simkit), "scenarios"], cwd=elsewhere, env=env).stdout.splitlines()
    presets = sorted(p.stem for p in (CONTENT / "scenarios").glob("*.yaml"))
    assert [line.split()[0] for line in listing] == presets

    run = ["run", "--scenario", "commune_pasc", "--reps", "2", "--days", "1", "--seed", "5", "--quiet"]
    _run([str(simkit), *run, "--out", "installed"], cwd=elsewhere, env=env)
    # Same arguments and seed as a run of the checkout: the installed content is the checkout's, to the byte.
    code, _, stderr = invoke([*run, "--out", str(tmp_path / "checkout")])
    assert code == 0, stderr
    for name in ("summary.csv", "hourly.csv", "scenario.yaml"):
        installed, checkout = elsewhere / "installed" / name, tmp_path / "checkout" / name
        assert installed.read_bytes() == checkout.read_bytes(), name

    # Lessons, lesson and trainer words, and the sample class load from the installed package too.
    check = (
        "from simkit.learn.content import load_lessons; from simkit.learn.strings import load_ui_strings; "
        "from simkit.teach.strings import load_teach_content; "
        "from simkit.teach.samples import sample_folder; "
        "load_ui_strings(); load_teach_content(); "
        "print(len(load_lessons()), len(list(sample_folder().rglob('*.json'))))"
    )
    counts = _run([str(python), "-c", check], cwd=elsewhere, env=env).stdout.split()
    assert counts == [
        str(len(list((CONTENT / "lessons").glob("*.yaml")))),
        str(len(list((CONTENT / "samples" / "progress").rglob("*.json")))),
    ]
