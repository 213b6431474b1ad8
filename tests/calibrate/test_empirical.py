"""The empirical service-time distribution added to the scenario schema for calibrated centres."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simkit.errors import ConfigError
from simkit.sim.distributions import (
    EMPIRICAL_POINTS,
    Empirical,
    Exponential,
    Fixed,
    Lognormal,
    Triangular,
    ppf_by_group,
)
from simkit.sim.loading import validate_scenario
from tests.sim.conftest import BASE


def empirical(values) -> Empirical:
    return Empirical(dist="empirical", percentiles=tuple(float(v) for v in values))


RAMP = empirical(np.linspace(2, 22, EMPIRICAL_POINTS))
SKEWED = empirical(np.quantile(np.random.default_rng(4).lognormal(2.3, 0.6, 5000), np.linspace(0, 1, 101)))


def test_percentiles_are_hit_exactly_and_interpolated_linearly_between() -> None:
    u = np.array([0.0, 0.01, 0.5, 0.995, 0.999999])
    times = SKEWED.ppf(u)
    p = np.asarray(SKEWED.percentiles)
    assert times[0] == p[0] and times[1] == pytest.approx(p[1]) and times[2] == pytest.approx(p[50])
    assert times[3] == pytest.approx((p[99] + p[100]) / 2)
    assert p[99] <= times[4] <= p[100]
    assert RAMP.ppf(np.array([0.255]))[0] == pytest.approx(2 + 20 * 0.255)


def test_mean_is_the_mean_of_what_it_draws() -> None:
    draws = SKEWED.sample(np.random.default_rng(1), 400_000)
    assert SKEWED.mean_minutes == pytest.approx(draws.mean(), rel=0.005)
    assert RAMP.mean_minutes == pytest.approx(12.0)


MIXED = [
    Lognormal(dist="lognormal", mean=12, sd=6),
    RAMP,
    Triangular(dist="triangular", min=3, mode=5, max=12),
    SKEWED,
    Fixed(dist="fixed", value=7),
    Exponential(dist="exponential", mean=4),
]


@settings(max_examples=40, deadline=None)
@given(
    groups=st.lists(st.integers(0, len(MIXED) - 1), min_size=0, max_size=60),
    seed=st.integers(0, 2**32 - 1),
)
def test_ppf_by_group_with_empirical_equals_each_distributions_own_ppf(groups, seed) -> None:
    group = np.array(groups, dtype=np.int64)
    u = np.random.default_rng(seed).random(len(group))
    expected = np.array([MIXED[g].ppf(np.array([x]))[0] for g, x in zip(group, u, strict=True)])
    assert np.array_equal(ppf_by_group(MIXED, group, u), expected)


@pytest.mark.parametrize(
    ("values", "words"),
    [
        (np.linspace(1, 5, 50), "101 numbers"),
        (np.linspace(5, 1, 101), "never decrease"),
        (np.r_[np.nan, np.linspace(1, 5, 100)], "finite"),
        (np.r_[-1.0, np.linspace(1, 5, 100)], "≥ 0"),
        (np.zeros(101), "> 0"),
    ],
)
def test_invalid_percentiles_are_one_line_naming_the_field(values, words) -> None:
    raw = {
        **BASE,
        "procedures": {
            "copies": {
                "name": {"vi": "Chứng thực", "en": "Certification"},
                "share": 1.0,
                "service": {"dist": "empirical", "percentiles": [float(v) for v in values]},
                "online": "in_person",
            }
        },
    }
    with pytest.raises(ConfigError) as caught:
        validate_scenario(raw)
    message = str(caught.value)
    assert "\n" not in message and "procedures.copies.service" in message and words in message


def test_a_scenario_with_an_empirical_service_runs_and_round_trips() -> None:
    from simkit.sim.experiment import RunSettings, single_run

    raw = {
        **BASE,
        "procedures": {
            "copies": {
                "name": {"vi": "Chứng thực", "en": "Certification"},
                "share": 1.0,
                "service": RAMP.model_dump(mode="json"),
                "online": "in_person",
            }
        },
    }
    scenario = validate_scenario(raw)
    assert validate_scenario(scenario.model_dump(mode="json")) == scenario
    records = single_run(scenario, RunSettings.of(scenario, replications=1), 0).records
    service = records.population.counter_service
    assert service.min() >= 2 and service.max() <= 22 and len(service) > 20
