"""Where the saved back-test results live and how they are read, written and compared."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from simkit.atomic import write_text

EXPECTED = Path(__file__).with_name("expected")


def expected_path(name: str) -> Path:
    return EXPECTED / f"{name}.json"


def read_expected(name: str) -> Any:
    return json.loads(expected_path(name).read_text(encoding="utf-8"))


def write_expected(name: str, result: Any) -> None:
    EXPECTED.mkdir(exist_ok=True)
    write_text(expected_path(name), json.dumps(result, indent=1, ensure_ascii=False, allow_nan=False) + "\n")


def normalised(result: Any) -> Any:
    """``result`` as it reads back from JSON (tuples become lists), for an exact comparison."""
    return json.loads(json.dumps(result, allow_nan=False))


def differences(expected: Any, actual: Any, where: str = "", limit: int = 12) -> list[str]:
    """Up to ``limit`` lines naming where two results differ and both values (exact comparison)."""
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
        elif type(a) is not type(b) or a != b:
            found.append(f"{path}: expected {a!r}, now {b!r}")

    walk(expected, actual, where)
    return found
