"""The ``simkit`` command line: ``scenarios``, ``run``, ``sweep``, ``compare``, ``staff`` and ``replay``."""

from simkit.cli.main import main

__all__ = ["main"]
