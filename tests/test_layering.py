"""The layers of simkit, checked: each package imports only what sits below it.

- ``simkit.sim`` is the model: pure Python + SimPy (+ numpy, pandas, matplotlib's object API for figures);
  no Jupyter, no widgets, no pyplot, nothing from the screens' packages;
- the shared floor (``content``, ``formats``, ``bilingual``, ``errors``, ``atomic``, ``output_folder``,
  ``spreadsheet``) imports no stack;
- lesson, trainer, planner, calibration and replay logic (``learn``, ``teach``, ``plan``, ``calibrate``,
  ``replay`` outside their views) imports no widgets, and no screen;
- ``simkit.widgets`` is the one widget layer: it knows no stack;
- only ``*/views`` and ``widgets`` import ipywidgets or IPython.

Checked twice: statically (every import statement of every module, also those inside functions) and by
importing the logic in a fresh interpreter and looking at what got loaded.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import simkit

PACKAGE = Path(simkit.__file__).parent
WIDGETS = ("ipywidgets", "IPython", "jupyter", "jupyterlab", "voila", "nbformat", "ipykernel")
SCREENS = (
    "simkit.widgets",
    "simkit.learn.views",
    "simkit.teach.views",
    "simkit.plan.views",
    "simkit.replay.view",
    "simkit.workshop.start",
    "simkit.workshop.memory",
)
STACKS = (
    "simkit.learn",
    "simkit.teach",
    "simkit.plan",
    "simkit.calibrate",
    "simkit.replay",
    "simkit.workshop",
    "simkit.cli",
    *SCREENS,
)
LOGIC_MUST_NOT = (*WIDGETS, "matplotlib.pyplot", *SCREENS)
SCREEN_STACKS = ("simkit.learn", "simkit.teach", "simkit.plan")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level]
    return names


DATA = ("simkit.plan.offline",)
"""Voilà's template and configuration: files Voilà reads or executes (with its own ``c``), not modules."""


def modules(*, under: str, outside: tuple[str, ...] = ()) -> list[Path]:
    root = PACKAGE.joinpath(*under.split(".")[1:])
    paths = sorted(root.rglob("*.py")) if root.is_dir() else [root.with_suffix(".py")]
    return [p for p in paths if not module_name(p).startswith(outside + DATA)]


def starts(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


RULES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    # (package, parts of it not checked, imports it must not make)
    ("simkit.sim", (), (*WIDGETS, "matplotlib.pyplot", "tqdm.notebook", *STACKS)),
    ("simkit.content", (), (*WIDGETS, "simkit.sim", *STACKS)),
    ("simkit.formats", (), (*WIDGETS, "simkit.sim", *STACKS)),
    ("simkit.bilingual", (), (*WIDGETS, "simkit.sim", *STACKS)),
    ("simkit.ui_strings", (), (*WIDGETS, "simkit.sim", *STACKS)),
    ("simkit.errors", (), (*WIDGETS, "simkit.sim", *STACKS)),
    ("simkit.atomic", (), (*WIDGETS, "simkit.sim", *STACKS)),
    ("simkit.output_folder", (), (*WIDGETS, "simkit.sim", *STACKS)),
    ("simkit.spreadsheet", (), (*WIDGETS, "simkit.sim", *STACKS)),
    ("simkit.learn", ("simkit.learn.views",), (*LOGIC_MUST_NOT, "simkit.teach", "simkit.plan")),
    ("simkit.teach", ("simkit.teach.views",), (*LOGIC_MUST_NOT, "simkit.plan")),
    ("simkit.plan", ("simkit.plan.views",), (*LOGIC_MUST_NOT, "simkit.learn", "simkit.teach")),
    ("simkit.calibrate", (), (*LOGIC_MUST_NOT, *SCREEN_STACKS, "simkit.replay")),
    ("simkit.replay", ("simkit.replay.view",), (*LOGIC_MUST_NOT, *SCREEN_STACKS)),
    ("simkit.workshop", ("simkit.workshop.start", "simkit.workshop.memory"), (*LOGIC_MUST_NOT, "simkit.teach",
     "simkit.plan")),
    ("simkit.cli", (), (*WIDGETS, *SCREENS)),
    ("simkit.widgets", (), ("simkit.sim", "simkit.learn", "simkit.teach", "simkit.plan", "simkit.cli")),
]  # fmt: skip


@pytest.mark.parametrize(("package", "outside", "forbidden"), RULES, ids=[rule[0] for rule in RULES])
def test_each_layer_imports_only_what_is_below_it(
    package: str, outside: tuple[str, ...], forbidden: tuple[str, ...]
) -> None:
    checked = modules(under=package, outside=outside)
    assert checked, package
    bad = {module_name(p): [n for n in imports(p) if starts(n, forbidden)] for p in checked}
    assert not {m: names for m, names in bad.items() if names}


def test_every_module_is_covered_by_a_rule() -> None:
    """A new package gets a rule (the planner's offline Voilà template is data, not code)."""
    covered = tuple(rule[0] for rule in RULES) + SCREENS + DATA
    names = [module_name(p) for p in PACKAGE.rglob("*.py")]
    stray = [name for name in names if name != "simkit" and not starts(name, covered)]
    assert not stray
    assert "simkit.spreadsheet" in names and "simkit.sim.engine" in names  # the walk sees every module


def test_importing_the_logic_loads_no_widget_or_notebook_machinery() -> None:
    """What actually gets loaded, also through third-party packages (tqdm, pandas, matplotlib)."""
    logic = [
        module_name(p)
        for rule, outside, _ in RULES
        if rule != "simkit.widgets"
        for p in modules(under=rule, outside=outside)
        if not module_name(p).endswith("__main__")
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {logic!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {WIDGETS!r} or m == 'matplotlib.pyplot'))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.strip()
    assert loaded == "[]"
