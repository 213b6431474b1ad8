"""Tests of the analytic M/M/c (Erlang C) module.

The reference values are computed here independently of the module: with exact fractions and the
textbook direct sums of Aᵏ/k! (which the module avoids for stability), so an error in the module's
recursion cannot be hidden by the same error in the test.
"""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simkit.errors import ConfigError
from simkit.sim.analytic import (
    ErlangCResult,
    erlang_b,
    erlang_c,
    fewest_servers,
    mean_queue_length,
    mean_wait,
    prob_wait_exceeds,
    prob_wait_within,
    summary,
    utilisation,
)

# --------------------------------------------------------------------------- independent references


def _terms(c: int, load: Fraction) -> list[Fraction]:
    """Aᵏ/k! for k = 0..c, exactly."""
    return [load**k / math.factorial(k) for k in range(c + 1)]


def direct_erlang_b(c: int, load: float) -> Fraction:
    terms = _terms(c, Fraction(load))
    return terms[c] / sum(terms)


def direct_erlang_c(c: int, load: float) -> Fraction:
    a = Fraction(load)
    terms = _terms(c, a)
    top = terms[c] * c / (c - a)
    return top / (sum(terms[:c]) + top)


loads_b = st.floats(min_value=0, max_value=50, exclude_min=True, exclude_max=True)


@st.composite
def stable_systems(draw, max_servers: int = 60, max_rho: float = 0.99):
    """(servers, arrival_rate, service_mean) with utilisation in (0, max_rho]."""
    c = draw(st.integers(min_value=1, max_value=max_servers))
    rho = draw(st.floats(min_value=0.01, max_value=max_rho))
    rate = draw(st.floats(min_value=0.01, max_value=10))
    return c, rate, rho * c / rate


# --------------------------------------------------------------------------- textbook values


@pytest.mark.parametrize(("lam", "mean"), [(0.5, 1.0), (0.1, 5.0), (0.9, 1.0), (1 / 12, 6.0)])
def test_mm1_matches_textbook(lam: float, mean: float) -> None:
    mu = 1 / mean
    rho = lam / mu
    assert erlang_c(1, lam, mean) == pytest.approx(rho, rel=1e-12)
    assert mean_wait(1, lam, mean) == pytest.approx(rho / (mu - lam), rel=1e-12)
    assert utilisation(1, lam, mean) == pytest.approx(rho, rel=1e-12)
    assert mean_queue_length(1, lam, mean) == pytest.approx(rho**2 / (1 - rho), rel=1e-12)


def test_two_servers_by_hand() -> None:
    # c = 2, λ = 1/min, 1/μ = 1.5 min: A = 3/2, ρ = 3/4.
    # C = (A²/2!)/(1−ρ) / (1 + A + (A²/2!)/(1−ρ)) = 4.5 / 7 = 9/14;  Wq = C/(cμ − λ) = (9/14)/(1/3) = 27/14.
    assert erlang_c(2, 1.0, 1.5) == pytest.approx(9 / 14, rel=1e-12)
    assert mean_wait(2, 1.0, 1.5) == pytest.approx(27 / 14, rel=1e-12)
    assert mean_queue_length(2, 1.0, 1.5) == pytest.approx(27 / 14, rel=1e-12)
    assert direct_erlang_c(2, 1.5) == Fraction(9, 14)


def test_published_call_centre_example() -> None:
    # The usual Erlang C worked example: 10 erlangs of traffic on 11 agents, P(wait) ≈ 68.2%.
    c_prob = erlang_c(11, 1.0, 10.0)
    assert c_prob == pytest.approx(0.6821, abs=5e-5)
    assert c_prob == pytest.approx(float(direct_erlang_c(11, 10.0)), rel=1e-12)
    # Wq = C / (cμ − λ) = C / (1.1 − 1) minutes.
    assert mean_wait(11, 1.0, 10.0) == pytest.approx(c_prob / 0.1, rel=1e-9)
    # Service level for a 15-minute target: 1 − C·e^(−0.1·15).
    assert prob_wait_within(11, 1.0, 10.0, 15.0) == pytest.approx(1 - c_prob * math.exp(-1.5), rel=1e-12)


@pytest.mark.parametrize(("c", "load", "expected"), [(1, 1.0, Fraction(1, 2)), (2, 1.0, Fraction(1, 5))])
def test_erlang_b_small_cases_by_hand(c: int, load: float, expected: Fraction) -> None:
    # B(1, 1) = 1/(1+1); B(2, 1) = (1/2)/(1 + 1 + 1/2) = 1/5.
    assert erlang_b(c, load) == pytest.approx(float(expected), rel=1e-15)


# --------------------------------------------------------------------------- properties


@given(c=st.integers(min_value=1, max_value=30), load=loads_b)
def test_erlang_b_recursion_equals_direct_formula(c: int, load: float) -> None:
    assert math.isclose(erlang_b(c, load), float(direct_erlang_b(c, load)), rel_tol=1e-9, abs_tol=1e-300)


@given(system=stable_systems(max_servers=30))
def test_erlang_c_equals_direct_formula(system: tuple[int, float, float]) -> None:
    c, lam, mean = system
    expected = float(direct_erlang_c(c, lam * mean))
    assert math.isclose(erlang_c(c, lam, mean), expected, rel_tol=1e-9, abs_tol=1e-300)


@given(system=stable_systems())
def test_erlang_c_is_a_probability_and_decreases_with_servers(system: tuple[int, float, float]) -> None:
    c, lam, mean = system
    p = erlang_c(c, lam, mean)
    p_more = erlang_c(c + 1, lam, mean)
    assert 0.0 <= p <= 1.0
    assert 0.0 <= p_more <= p


@given(system=stable_systems())
def test_mean_wait_decreases_with_servers(system: tuple[int, float, float]) -> None:
    c, lam, mean = system
    w = mean_wait(c, lam, mean)
    assert w >= 0.0
    assert mean_wait(c + 1, lam, mean) <= w
    assert mean_queue_length(c, lam, mean) == pytest.approx(lam * w, rel=1e-12)


@given(
    system=stable_systems(),
    t1=st.floats(min_value=0, max_value=120),
    t2=st.floats(min_value=0, max_value=120),
)
def test_prob_wait_exceeds_starts_at_erlang_c_and_decreases(
    system: tuple[int, float, float], t1: float, t2: float
) -> None:
    c, lam, mean = system
    assert prob_wait_exceeds(c, lam, mean, 0.0) == erlang_c(c, lam, mean)
    lo, hi = sorted((t1, t2))
    assert prob_wait_exceeds(c, lam, mean, hi) <= prob_wait_exceeds(c, lam, mean, lo)
    assert prob_wait_within(c, lam, mean, lo) == pytest.approx(1 - prob_wait_exceeds(c, lam, mean, lo))


def test_prob_wait_exceeds_matches_exponential_tail() -> None:
    # c = 2, λ = 1, 1/μ = 1.5: cμ − λ = 1/3, so P(Wq > 3) = (9/14)·e^(−1).
    assert prob_wait_exceeds(2, 1.0, 1.5, 3.0) == pytest.approx(9 / 14 * math.exp(-1), rel=1e-12)


def test_large_systems_stay_finite() -> None:
    # 170! overflows a float; the recursion must not care.
    b = erlang_b(2000, 1900.0)
    assert 0.0 < b < 1.0
    p = erlang_c(2000, 1900.0, 1.0)
    assert 0.0 < p < 1.0 and math.isfinite(mean_wait(2000, 1900.0, 1.0))


def test_utilisation_is_reported_even_when_unstable() -> None:
    assert utilisation(4, 1.0, 4.2) == pytest.approx(1.05)


# --------------------------------------------------------------------------- fewest_servers


def _exhaustive_fewest(lam: float, mean: float, target: float, level: float, max_servers: int) -> int | None:
    for c in range(1, max_servers + 1):
        if lam * mean < c and prob_wait_within(c, lam, mean, target) >= level:
            return c
    return None


@given(
    lam=st.floats(min_value=0.01, max_value=5),
    mean=st.floats(min_value=0.2, max_value=30),
    target=st.floats(min_value=0, max_value=30),
    level=st.floats(min_value=0.05, max_value=0.99),
)
def test_fewest_servers_matches_exhaustive_search(
    lam: float, mean: float, target: float, level: float
) -> None:
    expected = _exhaustive_fewest(lam, mean, target, level, 1000)
    assert expected is not None
    c = fewest_servers(lam, mean, target, level)
    assert c == expected
    assert utilisation(c, lam, mean) < 1
    assert prob_wait_within(c, lam, mean, target) >= level
    if c > 1 and lam * mean < c - 1:
        assert prob_wait_within(c - 1, lam, mean, target) < level


def test_fewest_servers_worked_example() -> None:
    # 40 citizens an hour at 12 minutes each: A = 8 erlangs, so 8 counters are unstable.
    lam, mean, target = 40 / 60, 12.0, 15.0

    # Independently: P(Wq ≤ 15) = 1 − C·e^(−(cμ−λ)·15) with C from the direct sum.
    def level_at(c: int) -> float:
        return 1 - float(direct_erlang_c(c, 8.0)) * math.exp(-(c / mean - lam) * target)

    assert level_at(9) == pytest.approx(0.8128, abs=1e-4)
    assert level_at(10) == pytest.approx(0.9664, abs=1e-4)
    assert fewest_servers(lam, mean, target, 0.8) == 9  # c − 1 = 8 is unstable
    assert fewest_servers(lam, mean, target, 0.9) == 10  # c − 1 = 9 only reaches 81%
    assert fewest_servers(lam, mean, target, 0.99) == 11


def test_fewest_servers_raises_when_nothing_up_to_max_works() -> None:
    with pytest.raises(ConfigError) as info:
        fewest_servers(40 / 60, 12.0, 15.0, 0.9, max_servers=9)
    assert info.value.field == "max_servers"


# --------------------------------------------------------------------------- summary


def test_summary_collects_the_figures() -> None:
    result = summary(11, 1.0, 10.0)
    assert isinstance(result, ErlangCResult)
    assert result.servers == 11 and result.arrival_rate == 1.0 and result.service_mean == 10.0
    assert result.target_wait == 15.0
    assert result.utilisation == pytest.approx(10 / 11)
    assert result.prob_wait == erlang_c(11, 1.0, 10.0)
    assert result.mean_wait == mean_wait(11, 1.0, 10.0)
    assert result.prob_within_target == prob_wait_within(11, 1.0, 10.0, 15.0)
    assert result.mean_queue_length == mean_queue_length(11, 1.0, 10.0)
    assert summary(11, 1.0, 10.0, target_wait=5.0).prob_within_target == prob_wait_within(11, 1.0, 10.0, 5.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.servers = 12  # type: ignore[misc]


# --------------------------------------------------------------------------- bad input

NAN, INF = float("nan"), float("inf")

BAD_CALLS = [
    (erlang_b, (0, 1.0), "servers"),
    (erlang_b, (2.5, 1.0), "servers"),
    (erlang_b, (True, 1.0), "servers"),
    (erlang_b, (3, 0.0), "offered_load"),
    (erlang_b, (3, -1.0), "offered_load"),
    (erlang_c, (0, 1.0, 1.0), "servers"),
    (erlang_c, (-2, 1.0, 1.0), "servers"),
    (erlang_c, (2, 0.0, 1.0), "arrival_rate"),
    (erlang_c, (2, -0.5, 1.0), "arrival_rate"),
    (erlang_c, (2, NAN, 1.0), "arrival_rate"),
    (erlang_c, (2, 0.5, 0.0), "service_mean"),
    (erlang_c, (2, 0.5, -3.0), "service_mean"),
    (erlang_c, (2, 0.5, INF), "service_mean"),
    (mean_wait, (0, 1.0, 1.0), "servers"),
    (mean_queue_length, (2, 0.0, 1.0), "arrival_rate"),
    (utilisation, (2, 1.0, 0.0), "service_mean"),
    (prob_wait_exceeds, (2, 0.5, 1.0, -1.0), "t"),
    (prob_wait_exceeds, (2, 0.5, 1.0, NAN), "t"),
    (prob_wait_within, (2, 0.5, 1.0, -0.1), "t"),
    (fewest_servers, (0.0, 1.0, 15.0, 0.8), "arrival_rate"),
    (fewest_servers, (1.0, 0.0, 15.0, 0.8), "service_mean"),
    (fewest_servers, (1.0, 1.0, -1.0, 0.8), "target_wait"),
    (fewest_servers, (1.0, 1.0, 15.0, 0.0), "service_level"),
    (fewest_servers, (1.0, 1.0, 15.0, 1.0), "service_level"),
    (fewest_servers, (1.0, 1.0, 15.0, 1.5), "service_level"),
    (fewest_servers, (1.0, 1.0, 15.0, -0.2), "service_level"),
    (fewest_servers, (1.0, 1.0, 15.0, 0.8, 0), "max_servers"),
    (summary, (2, 0.5, 1.0, -5.0), "target_wait"),
]


@pytest.mark.parametrize(("func", "args", "field"), BAD_CALLS, ids=lambda x: getattr(x, "__name__", None))
def test_bad_input_raises_config_error_naming_the_field(func, args, field: str) -> None:
    with pytest.raises(ConfigError) as info:
        func(*args)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.field == field
    assert str(err).startswith(f"{field}: ")
    assert "\n" not in str(err)


UNSTABLE = [
    (erlang_c, (4, 1.0, 4.2)),
    (mean_wait, (4, 1.0, 4.2)),
    (mean_queue_length, (4, 1.0, 4.2)),
    (prob_wait_exceeds, (4, 1.0, 4.2, 1.0)),
    (prob_wait_within, (4, 1.0, 4.2, 1.0)),
    (summary, (4, 1.0, 4.2)),
]


@pytest.mark.parametrize(("func", "args"), UNSTABLE, ids=lambda x: getattr(x, "__name__", None))
def test_unstable_system_is_rejected_with_the_utilisation(func, args) -> None:
    with pytest.raises(ConfigError) as info:
        func(*args)
    err = info.value
    assert err.field == "servers"
    assert "λ/(cμ) = 1.05 ≥ 1" in str(err)
    assert "add servers or reduce demand" in str(err)


def test_utilisation_exactly_one_is_unstable() -> None:
    with pytest.raises(ConfigError, match="= 1.00 ≥ 1"):
        erlang_c(2, 1.0, 2.0)
