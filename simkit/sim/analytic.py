"""Analytic M/M/c (Erlang C) formulas for quick screening and for validating the simulation.

A planner asking "how many counters for 40 citizens an hour at 12 minutes each?" does not need a
simulation to get a first answer: if arrivals are random (Poisson) and service times exponential, the
Erlang C formula gives the waiting figures exactly, in microseconds. The same numbers are the yardstick
the SimPy model must reproduce when it is run with those assumptions.

Units follow the rest of ``simkit.sim``: rates are per minute and times are in minutes. ``servers`` is
the number of open counters (c), ``arrival_rate`` is λ and ``service_mean`` is 1/μ.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Integral, Real

from simkit.errors import ConfigError

__all__ = [
    "ErlangCResult",
    "erlang_b",
    "erlang_c",
    "fewest_servers",
    "mean_queue_length",
    "mean_wait",
    "prob_wait_exceeds",
    "prob_wait_within",
    "summary",
    "utilisation",
]


def _check_servers(servers: int, field: str = "servers") -> None:
    if isinstance(servers, bool) or not isinstance(servers, Integral) or servers < 1:
        raise ConfigError(f"must be a whole number ≥ 1 (got {servers!r})", field=field)


def _check_positive(value: float, field: str, unit: str) -> None:
    if not (isinstance(value, Real) and math.isfinite(value) and value > 0):
        raise ConfigError(f"must be a finite number > 0 {unit} (got {value!r})", field=field)


def _check_inputs(servers: int, arrival_rate: float, service_mean: float) -> None:
    _check_servers(servers)
    _check_positive(arrival_rate, "arrival_rate", "per minute")
    _check_positive(service_mean, "service_mean", "minutes")


def _check_time(t: float, field: str) -> None:
    if not (isinstance(t, Real) and math.isfinite(t) and t >= 0):
        raise ConfigError(f"must be a finite number ≥ 0 minutes (got {t!r})", field=field)


def _check_stable(servers: int, arrival_rate: float, service_mean: float) -> None:
    # Compare the load with c, not ρ with 1: λ/μ just below c can round to ρ = 1.0 in floating point.
    load = arrival_rate * service_mean
    if load >= servers:
        rho = load / servers
        raise ConfigError(
            f"utilisation λ/(cμ) = {rho:.2f} ≥ 1: the queue grows without bound; "
            "add servers or reduce demand",
            field="servers",
        )


def erlang_b(servers: int, offered_load: float) -> float:
    """Blocking probability of an M/M/c/c loss system with ``offered_load`` = λ/μ erlangs.

    Why the recursion B(k) = A·B(k−1) / (k + A·B(k−1)), B(0) = 1, rather than the textbook ratio of
    sums of Aᵏ/k!: the direct form overflows floats for a few hundred servers (170! is already too big)
    and loses precision subtracting huge terms, while every step of the recursion stays in [0, 1].
    """
    _check_servers(servers)
    _check_positive(offered_load, "offered_load", "erlangs")
    b = 1.0
    for k in range(1, servers + 1):
        b = offered_load * b / (k + offered_load * b)
    return b


def utilisation(servers: int, arrival_rate: float, service_mean: float) -> float:
    """Share of time each counter is busy, ρ = λ/(cμ); 1 or more means the queue never settles."""
    _check_inputs(servers, arrival_rate, service_mean)
    return arrival_rate * service_mean / servers


def erlang_c(servers: int, arrival_rate: float, service_mean: float) -> float:
    """Probability that an arriving citizen has to wait (all counters busy), the Erlang C formula.

    Computed from Erlang B as C = c·B / (c − A·(1 − B)) so it inherits the recursion's stability; the
    identity only holds for a stable queue, hence the check.
    """
    _check_inputs(servers, arrival_rate, service_mean)
    _check_stable(servers, arrival_rate, service_mean)
    load = arrival_rate * service_mean
    b = erlang_b(servers, load)
    return servers * b / (servers - load * (1.0 - b))


def mean_wait(servers: int, arrival_rate: float, service_mean: float) -> float:
    """Mean time in the queue Wq = C / (cμ − λ), in minutes (over all citizens, including no-waits)."""
    c_prob = erlang_c(servers, arrival_rate, service_mean)
    return c_prob / (servers / service_mean - arrival_rate)


def prob_wait_exceeds(servers: int, arrival_rate: float, service_mean: float, t: float) -> float:
    """P(Wq > t) = C·exp(−(cμ − λ)·t): the waiting time of those who wait is exponential in M/M/c."""
    _check_time(t, "t")
    c_prob = erlang_c(servers, arrival_rate, service_mean)
    return c_prob * math.exp(-(servers / service_mean - arrival_rate) * t)


def prob_wait_within(servers: int, arrival_rate: float, service_mean: float, t: float) -> float:
    """P(Wq ≤ t), the service level: share of citizens called to a counter within ``t`` minutes."""
    return 1.0 - prob_wait_exceeds(servers, arrival_rate, service_mean, t)


def mean_queue_length(servers: int, arrival_rate: float, service_mean: float) -> float:
    """Mean number of citizens waiting, Lq = λ·Wq by Little's law."""
    return arrival_rate * mean_wait(servers, arrival_rate, service_mean)


def fewest_servers(
    arrival_rate: float,
    service_mean: float,
    target_wait: float,
    service_level: float,
    max_servers: int = 1000,
) -> int:
    """Smallest number of counters with ρ < 1 and P(Wq ≤ target_wait) ≥ service_level.

    The search starts at the first stable c (⌊A⌋ + 1) because fewer counters can never keep up, and
    walks upwards: the service level only improves as counters are added, so the first hit is the answer.
    """
    _check_positive(arrival_rate, "arrival_rate", "per minute")
    _check_positive(service_mean, "service_mean", "minutes")
    _check_time(target_wait, "target_wait")
    if not (isinstance(service_level, Real) and 0 < service_level < 1):
        raise ConfigError(
            f"must be between 0 and 1, exclusive (got {service_level!r})", field="service_level"
        )
    _check_servers(max_servers, "max_servers")
    load = arrival_rate * service_mean
    for c in range(math.floor(load) + 1, max_servers + 1):
        if prob_wait_within(c, arrival_rate, service_mean, target_wait) >= service_level:
            return c
    raise ConfigError(
        f"no number of counters up to {max_servers} reaches the service level {service_level:g} within "
        f"{target_wait:g} minutes; raise max_servers or relax the target",
        field="max_servers",
    )


@dataclass(frozen=True)
class ErlangCResult:
    """The analytic M/M/c figures for one staffing choice, as shown in planner tables."""

    servers: int
    arrival_rate: float
    service_mean: float
    utilisation: float
    prob_wait: float
    mean_wait: float
    prob_within_target: float
    mean_queue_length: float
    target_wait: float


def summary(
    servers: int, arrival_rate: float, service_mean: float, target_wait: float = 15.0
) -> ErlangCResult:
    """All the Erlang C figures at once; 15 minutes is the default waiting target of the service centres."""
    _check_time(target_wait, "target_wait")
    return ErlangCResult(
        servers=servers,
        arrival_rate=arrival_rate,
        service_mean=service_mean,
        utilisation=utilisation(servers, arrival_rate, service_mean),
        prob_wait=erlang_c(servers, arrival_rate, service_mean),
        mean_wait=mean_wait(servers, arrival_rate, service_mean),
        prob_within_target=prob_wait_within(servers, arrival_rate, service_mean, target_wait),
        mean_queue_length=mean_queue_length(servers, arrival_rate, service_mean),
        target_wait=target_wait,
    )
