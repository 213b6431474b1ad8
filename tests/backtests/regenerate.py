"""Rewrite the saved back-test results: ``make backtests`` (or ``python -m tests.backtests.regenerate``).

Run it only when results change on purpose, and say in the commit which results changed and why. Each
file is written atomically (simkit.atomic), so an interrupted run leaves the old expectations whole.
With case names as arguments, only those cases are rewritten.
"""

from __future__ import annotations

import sys

from tests.backtests.cases import CASES
from tests.backtests.store import expected_path, write_expected


def main(argv: list[str]) -> int:
    names = set(argv)
    unknown = names - {case.name for case in CASES}
    if unknown:
        known = ", ".join(case.name for case in CASES)
        print(f"unknown back-test case(s): {', '.join(sorted(unknown))}; known: {known}", file=sys.stderr)
        return 2
    for case in CASES:
        if names and case.name not in names:
            continue
        write_expected(case.name, case.run(case))
        print(f"wrote {expected_path(case.name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
