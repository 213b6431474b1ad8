"""Settings shared by the whole suite.

Hypothesis: on CI (``CI=true``, as ``make test`` runs on a fresh clone) property tests are derandomised
and keep no example database. Every run then tries the same examples, so a red suite means a real
failure that reproduces, and a stale ``.hypothesis/`` folder can neither keep a clone red nor hide a
fault by replaying only old cases. Locally the default profile still explores new random examples
and replays any failure it found first. ``HYPOTHESIS_PROFILE=ci`` chooses the CI profile anywhere.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
_ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if _ON_CI else "dev"))
