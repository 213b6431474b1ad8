"""The ``simkit`` command line: ``scenarios``, ``run``, ``sweep``, ``compare`` and ``staff``."""

from simkit.cli.main import main

__all__ = ["main"]
