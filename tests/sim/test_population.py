"""Drawing citizens: per-procedure times in one vectorised call, and draws shared between scenarios."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simkit.sim import population as population_module
from simkit.sim.distributions import Exponential, Fixed, Lognormal, Triangular, ppf_by_group
from simkit.sim.experiment import RunSettings, single_run
from simkit.sim.population import LastDraws, draw_population, draw_randoms, population_from
from simkit.sim.streams import Streams
from simkit.sim.timetable import build_timetable
from tests.sim.conftest import build

MIXED = [
    Lognormal(dist="lognormal", mean=12, sd=6),
    Triangular(dist="triangular", min=3, mode=5, max=12),
    Fixed(dist="fixed", value=7),
    Exponential(dist="exponential", mean=4),
    Lognormal(dist="lognormal", mean=30, sd=20),
]


@settings(max_examples=60, deadline=None)
@given(
    groups=st.lists(st.integers(0, len(MIXED) - 1), min_size=0, max_size=60),
    seed=st.integers(0, 2**32 - 1),
    families=st.lists(st.integers(0, len(MIXED) - 1), min_size=1, max_size=len(MIXED), unique=True),
)
def test_ppf_by_group_equals_each_distributions_own_ppf_exactly(groups, seed, families) -> None:
    dists = [MIXED[i] for i in families]
    group = np.array([g % len(dists) for g in groups], dtype=np.int64)
    u = np.random.default_rng(seed).random(len(group))
    expected = np.array([dists[g].ppf(np.array([x]))[0] for g, x in zip(group, u, strict=True)])
    assert np.array_equal(ppf_by_group(dists, group, u), expected)


def test_ppf_by_group_keeps_the_triangular_bounds_and_fixed_values() -> None:
    group = np.array([0, 1, 2, 1, 2, 0])
    u = np.array([0.0, 0.0, 0.5, 0.999999, 0.1, 0.5])
    times = ppf_by_group(MIXED[:3], group, u)
    assert times[1] == pytest.approx(3.0) and times[3] == pytest.approx(12.0, abs=1e-2)
    assert times[2] == times[4] == 7.0


def _draws_of(scenario, replication=0, seed=1, days=1):
    return draw_randoms(scenario, build_timetable(scenario, days), Streams(seed, replication))


def test_draws_are_read_only_so_a_shared_draw_cannot_be_changed() -> None:
    draws = _draws_of(build())
    with pytest.raises(ValueError):
        draws.arrival[0] = 0.0
    with pytest.raises(ValueError):
        draws.uniforms["channel"][0] = 0.0


def test_population_from_draws_is_draw_population() -> None:
    scenario = build({"channel.adoption": 0.5})
    timetable = build_timetable(scenario, 2)
    direct = draw_population(scenario, timetable, Streams(4, 2))
    via = population_from(scenario, timetable, draw_randoms(scenario, timetable, Streams(4, 2)))
    for name in direct.__dataclass_fields__:
        assert np.array_equal(getattr(direct, name), getattr(via, name)), name


def test_last_draws_reuses_across_staffing_and_adoption_but_not_demand_calendar_or_replication() -> None:
    memo = LastDraws()
    base = build()
    timetable = build_timetable(base, 1)
    first = memo.get(base, timetable, 1, 0)
    for change in ({"staffing.counters": 7}, {"channel.adoption": 0.9}, {"staffing.backoffice": 3}):
        other = build(change)
        assert memo.get(other, build_timetable(other, 1), 1, 0) is first
    for change in ({"demand.citizens": 71}, {"calendar.sessions": [{"start": "08:00", "end": "11:00"}]}):
        other = build(change)
        assert memo.get(other, build_timetable(other, 1), 1, 0) is not first
    assert memo.get(base, timetable, 1, 1) is not memo.get(base, timetable, 2, 1)
    assert memo.get(base, build_timetable(base, 2), 1, 0) is not first


def test_runs_sharing_draws_equal_runs_drawing_their_own() -> None:
    memo = LastDraws()
    changes = [{}, {"staffing.counters": 1}, {"channel.adoption": 0.8}, {"demand.citizens": 120}, {}]
    for replication in range(3):
        for change in changes:
            scenario = build(change)
            settings_ = RunSettings.of(scenario, days=2, warmup_days=0, replications=1, seed=9)
            shared = single_run(scenario, settings_, replication, last_draws=memo)
            alone = single_run(scenario, settings_, replication)
            assert shared.kpis == alone.kpis
            assert shared.hourly == alone.hourly


def test_a_sweep_draws_each_replication_once(monkeypatch) -> None:
    from simkit.sim.sweep import sweep

    calls: list[int] = []
    real = population_module.draw_randoms

    def counting(scenario, timetable, streams):
        calls.append(1)
        return real(scenario, timetable, streams)

    monkeypatch.setattr(population_module, "draw_randoms", counting)
    scenario = build()
    result = sweep(
        scenario,
        {"channel.adoption": [0.0, 0.5, 1.0], "staffing.counters": [2, 3]},
        RunSettings.of(scenario, days=1, warmup_days=0, replications=4),
        progress=False,
    )
    assert len(calls) == 4  # not 3 × 2 × 4 = 24
    assert [[o.replication for o in outs] for outs in result.outcomes] == [[0, 1, 2, 3]] * 6
