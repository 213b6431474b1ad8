"""The one error guard around every widget callback of every screen.

Why: an exception raised inside an ipywidgets callback lands as a traceback in the browser's console or
the notebook, which tells a learner, trainer or planner nothing. Every callback is wrapped so that

- a person's mistake — a ``ConfigError`` (a content file, a setting) or an error carrying ``problems``
  (a planner form) — is shown as its one line and not logged: it is not a fault of the program;
- anything else is logged with its traceback (``logger.exception``, for the technical contact) and shown
  as one line too; the screen keeps what it showed before.

Each screen decides the wording of that line (in its own strings), so the guard only hands over the error.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from simkit.errors import ConfigError

log = logging.getLogger("simkit.widgets")


def is_mistake(error: BaseException) -> bool:
    """True for errors that explain a person's mistake (shown as they are, never logged as a fault)."""
    return isinstance(error, ConfigError) or hasattr(error, "problems")


def one_line(error: BaseException) -> str:
    """The error as one line: a mistake's own message, or the kind of error and its message."""
    return str(error) if is_mistake(error) else f"{type(error).__name__}: {error}"


def guarded(callback: Callable[..., Any], show: Callable[[Exception], None]) -> Callable[..., Any]:
    """``callback`` that never raises into ipywidgets: errors go to ``show``, the unexpected also logged."""

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - nobody at a screen should see a traceback
            if not is_mistake(exc):
                log.exception("screen callback %s failed", getattr(callback, "__qualname__", callback))
            show(exc)
        return None

    return run
