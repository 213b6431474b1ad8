"""One random stream per random process, all grown from one root seed.

Think of a deck of cards per activity: arrivals deal from their own deck, service times from theirs.
Changing how many counters a centre has, or how many citizens go online, then never reshuffles the
other decks, so two scenarios run with the same seed see the *same* citizens (common random numbers)
and their difference is the effect of the change, not noise.

Streams are spawned with ``numpy.random.SeedSequence(seed, spawn_key=(replication,))``: replication 7 of
seed 1 is the same stream whichever process, worker or machine runs it.
"""

from __future__ import annotations

import numpy as np

STREAM_NAMES: tuple[str, ...] = (
    "arrivals",
    "procedure",
    "channel",
    "online_failure",
    "assisted_choice",
    "counter_service",
    "collect_service",
    "assisted_service",
    "backoffice",
    "patience",
    "travel",
    "collect_time",
)
"""Named streams, in a fixed order: new streams are appended so existing ones never shift."""


class Streams:
    """The independent random generators of one replication."""

    def __init__(self, seed: int, replication: int) -> None:
        if seed < 0 or replication < 0:
            raise ValueError("seed and replication must be ≥ 0")
        root = np.random.SeedSequence(seed, spawn_key=(replication,))
        self._generators = {
            name: np.random.default_rng(child)
            for name, child in zip(STREAM_NAMES, root.spawn(len(STREAM_NAMES)), strict=True)
        }

    def __getitem__(self, name: str) -> np.random.Generator:
        return self._generators[name]
