"""Back-tests: every saved case gives exactly its saved results (see tests/backtests/cases.py).

A failure lists where the results moved. If the change was meant (a model fix, a reviewed preset), run
``make backtests`` and say in the commit which results changed and why; otherwise the change has altered
what planners read and must be fixed.
"""

from __future__ import annotations

import pytest

from tests.backtests.cases import CASES
from tests.backtests.store import differences, expected_path, normalised, read_expected


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_results_equal_saved_expectation(case):
    assert expected_path(case.name).exists(), f"no saved results for {case.name}: run `make backtests`"
    actual = normalised(case.run(case))
    expected = read_expected(case.name)
    moved = differences(expected, actual, case.name)
    assert not moved, "results differ from the saved back-test (run `make backtests` only if meant):\n" + (
        "\n".join(moved)
    )


def test_every_saved_file_has_a_case():
    """A renamed or removed case must not leave a stale expectation that nothing checks."""
    saved = {path.stem for path in expected_path("x").parent.glob("*.json")}
    assert saved == {case.name for case in CASES}


def test_differences_names_the_moved_value():
    expected = {"summary": [{"key": "walkin_wait_mean", "mean": 1.25}], "rows": 3}
    actual = {"summary": [{"key": "walkin_wait_mean", "mean": 1.2500001}], "rows": 3}
    assert differences(expected, actual, "case") == ["case.summary[0].mean: expected 1.25, now 1.2500001"]
    # One unit in the last place (another CPU's vector maths) is the same result.
    last_bit = {"summary": [{"key": "walkin_wait_mean", "mean": 1.2500000000000002}], "rows": 3}
    assert differences(expected, last_bit, "case") == []
    assert differences(expected, expected, "case") == []
    assert differences({"a": 1}, {"a": 1.0}, "c") == ["c.a: expected 1, now 1.0"]
