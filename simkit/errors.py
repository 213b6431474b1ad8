"""The one exception type a user mistake raises.

Why a single type: the CLI, the notebooks and the dashboards all catch ``ConfigError`` and show its
one-line message (naming the file and field, and what is allowed) instead of a traceback from deep
inside SimPy, pydantic or ipywidgets.
"""

from __future__ import annotations


class ConfigError(ValueError):
    """A configuration mistake by the user, explained in one line.

    ``where`` names the file (or "scenario" for an in-memory one) and ``field`` the dotted field path,
    so the message reads like ``content/scenarios/x.yaml: staffing.counters: must be ≥ 1 (got 0)``.
    """

    def __init__(self, message: str, *, where: str | None = None, field: str | None = None) -> None:
        self.where = where
        self.field = field
        self.detail = message
        parts = [p for p in (where, field) if p]
        super().__init__(": ".join([*parts, message]))

    def _render_traceback_(self) -> list[str]:
        """How IPython and Jupyter show it: the one line, not a traceback through simkit's code.

        A wrong argument in a notebook cell (an unknown preset, zero replications) is the user's mistake
        to fix in that cell; the lines of library code it passed through would only hide the message.
        """
        return [f"{type(self).__name__}: {self}"]
