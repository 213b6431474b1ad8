"""Back-test cases: fixed scenarios, seeds and experiments whose results are saved and compared exactly.

Why: the model's results are the product. An engine change that alters any number a planner reads —
one KPI of one replication, one hourly mean, one citizen's wait, one cell of a sweep, staffing or
comparison table — must be seen in review, not discovered by a planner. Each case below is run and its
results are written as JSON with every float at full precision (``repr`` round-trips exactly); the test
compares floats to nine significant digits (``store.REL_TOL``: the last bits differ between CPUs) and
everything else exactly.

When results change *on purpose* (a corrected model rule, a reviewed preset), regenerate the saved files
with the one documented command and say in the commit which results changed and why::

    make backtests        # = python -m tests.backtests.regenerate

The cases are small (a few replications each) so the whole set runs in seconds, but together they reach
every part of the model: the three centre presets at their own settings, multi-day runs with warm-up,
overtime and next-day return, per-session counters, unlimited counters, the M/M/c validation preset, a
sweep grid, a staffing search for counters and for the back office, and a paired comparison.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simkit.sim.compare import compare
from simkit.sim.experiment import Results, RunSettings, multiple_replications
from simkit.sim.loading import load_scenario, scenario_with
from simkit.sim.staffing import staffing_table
from simkit.sim.sweep import sweep


@dataclass(frozen=True)
class Case:
    """One saved expectation: a name, what to run, and how (keyword settings for ``RunSettings.of``)."""

    name: str
    run: Callable[[Case], dict[str, Any]]
    scenario: str
    overrides: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def load(self) -> tuple[Any, RunSettings]:
        scenario = load_scenario(self.scenario, self.overrides or None)
        return scenario, RunSettings.of(scenario, **self.settings)


def _number(value: Any) -> Any:
    """A JSON-safe exact number: floats keep every bit (NaN and infinities as strings)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float) or hasattr(value, "dtype"):
        as_float = float(value)
        if math.isnan(as_float) or math.isinf(as_float):
            return repr(as_float)
        if hasattr(value, "dtype") and getattr(value.dtype, "kind", "f") in "iu":
            return int(value)
        return as_float
    return value


def _table(frame: Any) -> list[dict[str, Any]]:
    """A DataFrame as a list of rows with exact numbers (row order kept: it is part of the result)."""
    return [{str(k): _number(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _results(results: Results) -> dict[str, Any]:
    """Everything a ``simkit run`` writes, in exact form; per-visit records as a count and a digest."""
    citizens = results.citizens()
    return {
        "per_replication": _table(results.per_replication()),
        "summary": _table(results.summary()),
        "hourly": _table(results.hourly()),
        "citizens_rows": len(citizens),
        "citizens_columns": list(citizens.columns),
        **_citizens_fingerprint(citizens),
    }


def _citizens_fingerprint(citizens: Any) -> dict[str, Any]:
    """Every citizen's record in two parts: a digest of the exact columns, and per float column its
    sum, sum of squares (of the values in row order, so a moved value shows), minimum, maximum and count
    of blanks — compared to nine digits, where a digest of the floats' text would change with the CPU."""
    floats = [name for name in citizens.columns if citizens[name].dtype.kind == "f"]
    exact = citizens.drop(columns=floats).to_csv(index=False).encode("utf-8")
    columns: dict[str, Any] = {}
    for name in floats:
        values = citizens[name].to_numpy(dtype=float)
        known = values[~np.isnan(values)]
        weights = np.arange(1, len(values) + 1, dtype=float)[~np.isnan(values)]
        columns[name] = {
            "blank": int(np.isnan(values).sum()),
            "sum": _number(known.sum()),
            "sum_sq": _number((known * known).sum()),
            "weighted_sum": _number((known * weights).sum()),
            "min": _number(known.min()) if len(known) else None,
            "max": _number(known.max()) if len(known) else None,
        }
    return {"citizens_exact_sha256": hashlib.sha256(exact).hexdigest(), "citizens_floats": columns}


def run_case(case: Case) -> dict[str, Any]:
    scenario, settings = case.load()
    return _results(multiple_replications(scenario, settings))


def sweep_case(case: Case) -> dict[str, Any]:
    scenario, settings = case.load()
    result = sweep(scenario, case.options["vary"], settings, workers=1, progress=False)
    return {"per_replication": _table(result.per_replication()), "table": _table(result.table())}


def staffing_case(case: Case) -> dict[str, Any]:
    scenario, settings = case.load()
    options = dict(case.options)
    adoption = options.pop("adoption")
    table = staffing_table(scenario, adoption, settings, workers=1, progress=False, **options)
    return {"table": _table(table)}


def compare_case(case: Case) -> dict[str, Any]:
    a, settings = case.load()
    b = scenario_with(a, case.options["change"])
    return {"table": _table(compare(a, b, settings, workers=1, progress=False).table())}


CASES: tuple[Case, ...] = (
    Case("commune_default", run_case, "commune_pasc", settings={"replications": 4}),
    Case("provincial_default", run_case, "provincial_pasc", settings={"replications": 3}),
    Case("hoa_binh_city_default", run_case, "hoa_binh_city", settings={"replications": 3}),
    Case(
        "provincial_week_warmup",
        run_case,
        "provincial_pasc",
        settings={"replications": 2, "days": 6, "warmup_days": 1, "seed": 7},
    ),
    Case(
        "commune_tight_overtime",
        run_case,
        "commune_pasc",
        overrides={"staffing.counters": 1, "channel.adoption": 0.2, "calendar.closing_policy": "overtime"},
        settings={"replications": 3, "days": 3, "seed": 11},
    ),
    Case(
        "commune_tight_return_next_day",
        run_case,
        "commune_pasc",
        overrides={"staffing.counters": 1, "channel.adoption": 0.2, "calendar.return_next_day": True},
        settings={"replications": 3, "days": 3, "seed": 11},
    ),
    Case(
        "commune_unlimited_counters",
        run_case,
        "commune_pasc",
        overrides={"staffing.counters": 50},
        settings={"replications": 2, "seed": 3},
    ),
    Case("mmc_validation_short", run_case, "mmc_validation", settings={"replications": 2, "days": 2}),
    Case(
        "sweep_commune_adoption_counters",
        sweep_case,
        "commune_pasc",
        settings={"replications": 3, "seed": 5},
        options={"vary": {"channel.adoption": [0.0, 0.5, 1.0], "staffing.counters": [1, 2]}},
    ),
    Case(
        "staffing_commune_counters",
        staffing_case,
        "commune_pasc",
        settings={"replications": 4, "seed": 2},
        options={"adoption": [0.1, 0.8], "service_level": 0.9},
    ),
    Case(
        "staffing_provincial_backoffice",
        staffing_case,
        "provincial_pasc",
        settings={"replications": 3, "seed": 2},
        options={"adoption": [0.4, 0.8], "resource": "backoffice", "target_lead_hours": 8.0},
    ),
    Case(
        "compare_commune_adoption",
        compare_case,
        "commune_pasc",
        settings={"replications": 5, "seed": 9},
        options={"change": {"channel.adoption": 0.7}},
    ),
)
"""Every saved expectation; names are the JSON files' names under ``tests/backtests/expected/``."""
