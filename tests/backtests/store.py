"""Where the saved back-test results live and how they are read, written and compared.

Numbers are saved at full precision and compared to ``REL_TOL`` (nine significant digits), everything
else exactly. Why not ``==`` on floats: the last bits of a float depend on the machine — numpy computes
``exp`` and ``log`` with other vector instructions on an AVX-512 CPU than on an AVX2 one, so the same code,
seed and inputs gave 63.063015399897274 on one machine and 63.06301539989728 on another (one unit in the
last place). A model change moves results by far more than 1e-9 of their value; a back-test that failed on
a new machine with unchanged code would teach people to regenerate without reading.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from simkit.atomic import write_text

EXPECTED = Path(__file__).with_name("expected")
REL_TOL = 1e-9
"""Relative tolerance of a float comparison: nine significant digits (see the module docstring)."""
ABS_TOL = 1e-12
"""Absolute tolerance, for values that should be 0 and come out as ±1e-16."""


def same(a: Any, b: Any) -> bool:
    """Equal, floats to ``REL_TOL``; an int never equals a float (a count must stay a count)."""
    if type(a) is float and type(b) is float:
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    return type(a) is type(b) and a == b


def expected_path(name: str) -> Path:
    return EXPECTED / f"{name}.json"


def read_expected(name: str) -> Any:
    return json.loads(expected_path(name).read_text(encoding="utf-8"))


def write_expected(name: str, result: Any) -> None:
    EXPECTED.mkdir(exist_ok=True)
    write_text(expected_path(name), json.dumps(result, indent=1, ensure_ascii=False, allow_nan=False) + "\n")


def normalised(result: Any) -> Any:
    """``result`` as it reads back from JSON (tuples become lists), for the comparison."""
    return json.loads(json.dumps(result, allow_nan=False))


def differences(expected: Any, actual: Any, where: str = "", limit: int = 12) -> list[str]:
    """Up to ``limit`` lines naming where two results differ and both values (floats to ``REL_TOL``)."""
    found: list[str] = []

    def walk(a: Any, b: Any, path: str) -> None:
        if len(found) >= limit:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b), key=str):
                if key not in b:
                    found.append(f"{path}.{key}: expected {a[key]!r}, now missing")
                elif key not in a:
                    found.append(f"{path}.{key}: new, now {b[key]!r}")
                else:
                    walk(a[key], b[key], f"{path}.{key}")
        elif isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                found.append(f"{path}: expected {len(a)} items, now {len(b)}")
            for index, (x, y) in enumerate(zip(a, b, strict=False)):
                walk(x, y, f"{path}[{index}]")
        elif not same(a, b):
            found.append(f"{path}: expected {a!r}, now {b!r}")

    walk(expected, actual, where)
    return found
