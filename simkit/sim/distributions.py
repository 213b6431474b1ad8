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

import functools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from simkit.bilingual import Strict

if TYPE_CHECKING:
    import numpy as np

# numpy and scipy are imported inside the functions that compute: reading and checking a scenario (every
# `simkit` command's first step, and each mistake it reports) then costs no numpy or scipy start-up.


class _Dist(Strict):
    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Times whose cumulative probability is ``u`` (uniforms in [0, 1))."""
        import numpy as np

        return self._ppf_from(np.asarray(u, dtype=float), *self._params())

    def _params(self) -> tuple[float, ...]:  # pragma: no cover - abstract
        """The numbers the inverse CDF needs, in the order ``_ppf_from`` takes them."""
        raise NotImplementedError

    @staticmethod
    def _ppf_from(u: np.ndarray, *params: np.ndarray | float) -> np.ndarray:  # pragma: no cover - abstract
        """The inverse CDF with parameters that are numbers or arrays the shape of ``u``."""
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

    def _params(self) -> tuple[float, ...]:
        return (float(self.value),)

    @staticmethod
    def _ppf_from(u: np.ndarray, *params: np.ndarray | float) -> np.ndarray:
        import numpy as np

        return np.broadcast_to(params[0], np.shape(u)).astype(float)

    @property
    def mean_minutes(self) -> float:
        return float(self.value)


class Exponential(_Dist):
    """Memoryless times: the M/M/c validation preset needs them for Erlang C to apply."""

    dist: Literal["exponential"]
    mean: float = Field(gt=0)

    def _params(self) -> tuple[float, ...]:
        return (float(self.mean),)

    @staticmethod
    def _ppf_from(u: np.ndarray, *params: np.ndarray | float) -> np.ndarray:
        import numpy as np

        return -params[0] * np.log1p(-u)

    @property
    def mean_minutes(self) -> float:
        return float(self.mean)


class Lognormal(_Dist):
    """Right-skewed times (most visits short, a few very long): the usual shape of counter service."""

    dist: Literal["lognormal"]
    mean: float = Field(gt=0)
    sd: float = Field(gt=0)

    def _params(self) -> tuple[float, ...]:
        sigma2 = math.log1p((self.sd / self.mean) ** 2)
        return math.log(self.mean) - sigma2 / 2, math.sqrt(sigma2)

    @staticmethod
    def _ppf_from(u: np.ndarray, *params: np.ndarray | float) -> np.ndarray:
        import numpy as np
        from scipy.special import ndtri

        mu, sigma = params
        # u = 0 would give exp(-inf) = 0: harmless, a zero-length activity.
        return np.exp(mu + sigma * ndtri(u))

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

    def _params(self) -> tuple[float, ...]:
        return float(self.min), float(self.mode), float(self.max)

    @staticmethod
    def _ppf_from(u: np.ndarray, *params: np.ndarray | float) -> np.ndarray:
        import numpy as np

        low, mode, high = params
        split = (mode - low) / (high - low)
        rising = low + np.sqrt(u * (high - low) * (mode - low))
        falling = high - np.sqrt((1 - u) * (high - low) * (high - mode))
        return np.where(u < split, rising, falling)

    @property
    def mean_minutes(self) -> float:
        return (self.min + self.mode + self.max) / 3


EMPIRICAL_POINTS = 101
"""An empirical distribution lists its 0th, 1st, …, 100th percentiles: a fixed count, so the percentiles
of several procedures stack into one table and ``ppf_by_group`` evaluates them in one vectorised call."""


class Empirical(_Dist):
    """Times read off measured data, for when no family above fits a centre's own records.

    ``percentiles`` are the 0th, 1st, …, 100th percentiles in minutes (101 numbers, never decreasing);
    between two of them the time is linear in the probability, so the 0th and 100th are the shortest and
    longest times ever drawn. ``simkit calibrate`` writes one when a ticket log's service times fail
    every family's goodness-of-fit test.
    """

    dist: Literal["empirical"]
    percentiles: tuple[float, ...]

    @model_validator(mode="after")
    def _valid(self) -> Empirical:
        values = self.percentiles
        if len(values) != EMPIRICAL_POINTS:
            raise ValueError(
                f"percentiles: give the 0th to 100th percentiles, {EMPIRICAL_POINTS} numbers "
                f"(got {len(values)})"
            )
        if not all(math.isfinite(v) and v >= 0 for v in values):
            raise ValueError("percentiles: every value must be a finite number of minutes ≥ 0")
        if any(b < a for a, b in zip(values, values[1:], strict=False)):
            raise ValueError("percentiles: values must never decrease (0th percentile first)")
        if values[-1] <= 0:
            raise ValueError("percentiles: the 100th percentile must be > 0")
        return self

    def _params(self) -> tuple[float, ...]:
        return tuple(float(v) for v in self.percentiles)

    @staticmethod
    def _ppf_from(u: np.ndarray, *params: np.ndarray | float) -> np.ndarray:
        import numpy as np

        steps = len(params) - 1
        table = np.stack(np.broadcast_arrays(u, *params)[1:], axis=-1)
        position = u * steps
        below = np.minimum(position.astype(np.int64), steps - 1)[..., None]
        low = np.take_along_axis(table, below, axis=-1)[..., 0]
        high = np.take_along_axis(table, below + 1, axis=-1)[..., 0]
        return low + (position - below[..., 0]) * (high - low)

    @property
    def mean_minutes(self) -> float:
        import numpy as np

        values = np.asarray(self.percentiles, dtype=float)
        return float(((values[:-1] + values[1:]) / 2).mean())


Distribution = Annotated[
    Fixed | Exponential | Lognormal | Triangular | Empirical, Field(discriminator="dist")
]
"""Any of the distributions above, chosen in YAML by its ``dist:`` key."""


def ppf_by_group(dists: Sequence[_Dist], group: np.ndarray, u: np.ndarray) -> np.ndarray:
    """``dists[group[i]].ppf(u[i])`` for every i, with one vectorised call per family of distribution.

    Why: every citizen's service time comes from the distribution of their own procedure. Masking the
    citizens of each procedure and calling its ``ppf`` costs a dozen numpy calls per procedure, more
    than the arithmetic itself; gathering each citizen's parameters and evaluating the family's
    formula once gives the same numbers (the same floating-point operations, element by element).
    """
    import numpy as np

    u = np.asarray(u, dtype=float)
    families = _parameter_columns(tuple(dists))
    if len(families) == 1:
        family, columns, _ = families[0]
        return family._ppf_from(u, *(column[group] for column in columns))
    out = np.empty(len(u))
    for family, columns, is_family in families:
        mask = is_family[group]
        chosen = group[mask]
        out[mask] = family._ppf_from(u[mask], *(column[chosen] for column in columns))
    return out


@functools.lru_cache(maxsize=256)
def _parameter_columns(
    dists: tuple[_Dist, ...],
) -> tuple[tuple[type[_Dist], tuple[np.ndarray, ...], np.ndarray], ...]:
    """Per family present: (family, one column per parameter indexed by group, which groups it has).

    Cached because a sweep draws thousands of populations from the same few procedures. A group of
    another family gets NaN parameters, and ``ppf_by_group`` never evaluates it.
    """
    import numpy as np

    result = []
    for family in sorted({type(d) for d in dists}, key=lambda f: f.__name__):
        is_family = np.array([type(d) is family for d in dists])
        width = len(next(d for d in dists if type(d) is family)._params())
        table = np.array([d._params() if type(d) is family else (math.nan,) * width for d in dists], float)
        columns = tuple(np.ascontiguousarray(table[:, j]) for j in range(width))
        for array in (is_family, *columns):
            array.flags.writeable = False
        result.append((family, columns, is_family))
    return tuple(result)
