"""environment.yml (conda route) and pyproject.toml (pip route) must name the same packages and bounds."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib
import yaml

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")
CONDA_ONLY = {"python", "pip"}


def _split(requirement: str) -> tuple[str, str]:
    match = REQUIREMENT.match(requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return dict(_split(r) for r in requirements)


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    return {name: bound for name, bound in map(_split, conda) if name not in CONDA_ONLY}


def test_both_files_name_the_same_packages_with_the_same_bounds():
    assert _environment() == _pyproject()


def test_environment_installs_simkit_itself_with_pip():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert ["-e ."] in pip_sections
    assert "conda-forge" in env["channels"]


def test_parser_sees_every_dependency():
    # Guards the comparison above against an empty parse passing trivially.
    assert {"simpy", "ipywidgets", "jupyterlab", "matplotlib", "nbval"} <= set(_pyproject())
