"""Time distributions a scenario can name: service, back-office, patience and travel times.

A distribution here is like a recipe card for a stopwatch: it says how long an activity takes for one
citizen. All times are in minutes.

Why ``ppf(u)`` (inverse CDF) rather than ``rng.lognormal(...)``: each citizen carries one uniform number
per activity, drawn from that activity's own random stream, and the time is ``ppf(u)``. Two scenarios
run with the same seed then give the *same* citizen a longer time exactly when the distribution is
longer: common random numbers at their strongest, so comparisons of plans are not blurred by noise.

Why spread-and-mean parameters: planners know "about 12 minutes, give or take 6", not ``mu`` and
``sigma``; the lognormal is parameterised by its own mean and standard deviation and converted here.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator
from scipy.special import ndtri


class _Dist(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def ppf(self, u: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        """Times whose cumulative probability is ``u`` (uniforms in [0, 1))."""
        raise NotImplementedError

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent times drawn from ``rng``."""
        return self.ppf(rng.random(n))

    @property
    def mean_minutes(self) -> float:  # pragma: no cover - abstract
        raise NotImplementedError


class Fixed(_Dist):
    """Always the same time: for hand-checked timelines and appointment slots."""

    dist: Literal["fixed"]
    value: float = Field(ge=0)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return np.full(np.shape(u), float(self.value))

    @property
    def mean_minutes(self) -> float:
        return float(self.value)


class Exponential(_Dist):
    """Memoryless times: the M/M/c validation preset needs them for Erlang C to apply."""

    dist: Literal["exponential"]
    mean: float = Field(gt=0)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return -self.mean * np.log1p(-np.asarray(u, dtype=float))

    @property
    def mean_minutes(self) -> float:
        return float(self.mean)


class Lognormal(_Dist):
    """Right-skewed times (most visits short, a few very long): the usual shape of counter service."""

    dist: Literal["lognormal"]
    mean: float = Field(gt=0)
    sd: float = Field(gt=0)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        sigma2 = math.log1p((self.sd / self.mean) ** 2)
        mu = math.log(self.mean) - sigma2 / 2
        # u = 0 would give exp(-inf) = 0: harmless, a zero-length activity.
        return np.exp(mu + math.sqrt(sigma2) * ndtri(np.asarray(u, dtype=float)))

    @property
    def mean_minutes(self) -> float:
        return float(self.mean)


class Triangular(_Dist):
    """Bounded times from three numbers a counter clerk can give: shortest, most usual, longest."""

    dist: Literal["triangular"]
    min: float = Field(ge=0)
    mode: float = Field(ge=0)
    max: float = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Triangular:
        if not (self.min <= self.mode <= self.max) or self.min == self.max:
            raise ValueError(
                f"needs min ≤ mode ≤ max and min < max (got min={self.min}, mode={self.mode}, max={self.max})"
            )
        return self

    def ppf(self, u: np.ndarray) -> np.ndarray:
        u = np.asarray(u, dtype=float)
        low, mode, high = self.min, self.mode, self.max
        split = (mode - low) / (high - low)
        rising = low + np.sqrt(u * (high - low) * (mode - low))
        falling = high - np.sqrt((1 - u) * (high - low) * (high - mode))
        return np.where(u < split, rising, falling)

    @property
    def mean_minutes(self) -> float:
        return (self.min + self.mode + self.max) / 3


Distribution = Annotated[Fixed | Exponential | Lognormal | Triangular, Field(discriminator="dist")]
"""Any of the distributions above, chosen in YAML by its ``dist:`` key."""
