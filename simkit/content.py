"""Finding and reading the ``content/`` folder: the one place every stack (model, lessons, trainer and
planner screens) asks where scenarios, labels, lessons, UI strings and samples are, and reads their YAML.

Why one module: where the content lives is a packaging decision (a source checkout keeps it beside the
``simkit`` package; an installed wheel may ship it as package data; a trainer may point at a copy with
``$SIMKIT_CONTENT``). Only ``content_dir`` knows that, so shipping content another way is one change here,
and every reader gets the same one-line ``ConfigError`` for a missing, non-UTF-8 or malformed file.

What is in the folder, and which module reads it:

========================  =================================================================
``scenarios/``            service-centre scenarios — ``simkit.sim.loading``
``labels/results.yaml``   result labels of the model — ``simkit.sim.labels``
``lessons/``              learner lessons — ``simkit.learn.content``
``ui/learn.yaml``         lesson-screen words — ``simkit.learn.strings``
``ui/plan.yaml``          planner-screen words and reference points — ``simkit.plan.strings``
``ui/teach.yaml``         trainer-screen words, audiences, materials — ``simkit.teach.strings``
``samples/progress/``     the fictional sample class — ``simkit.teach.samples``
========================  =================================================================
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from simkit.errors import ConfigError

CONTENT_ENV = "SIMKIT_CONTENT"
"""Environment variable naming another content folder with the same layout (a trainer's working copy)."""

_PACKAGE = Path(__file__).resolve().parent


def content_dir() -> Path:
    """The content folder: ``$SIMKIT_CONTENT`` if set, else the one shipped with simkit.

    Shipped means ``content/`` beside the ``simkit`` package (a source checkout or an editable install).
    Making content package data changes only this function.
    """
    override = os.environ.get(CONTENT_ENV)
    return Path(override) if override else _PACKAGE.parent / "content"


def content_path(*parts: str) -> Path:
    """A file or folder inside the content folder, e.g. ``content_path("ui", "plan.yaml")``."""
    return content_dir().joinpath(*parts)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning a missing file or a syntax error into a one-line ``ConfigError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("file not found", where=str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("is not UTF-8 text; save it as UTF-8 (Unicode)", where=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot be read ({exc.strerror})", where=str(path)) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ConfigError(f"malformed YAML: {place}{problem}", where=str(path)) from None
