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


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses a key given twice in one mapping.

    Why: ``counters: 3`` and, ten lines later, ``counters: 5`` is a mistake in a hand-edited file;
    PyYAML keeps the last one silently, so the planner would run a centre they did not describe.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: the base class reports it
                break
            if first is not None:
                lines = f"lines {first} and {line}" if first != line else f"line {line}"
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' is given twice ({lines})", key_node.start_mark
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def parse_yaml_text(text: str) -> Any:
    """YAML text → data with the safe loader; duplicated keys, runaway nesting and numbers too long to
    read are ``ValueError``s with one line (``yaml.YAMLError`` for syntax), never a traceback."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - _StrictLoader is a SafeLoader
    except RecursionError:
        raise ValueError("nested too deeply to be a simkit file") from None
    except yaml.YAMLError:
        raise
    except ValueError as exc:  # Python's int() limit on a number of thousands of digits
        if "digits" in str(exc):
            raise ValueError("a number has too many digits to be read (at most 4300)") from None
        raise ValueError(f"a value cannot be read ({exc})") from None


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning a missing file, a syntax error, a key given twice or runaway nesting
    into a one-line ``ConfigError`` naming the file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError("file not found", where=str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("is not UTF-8 text; save it as UTF-8 (Unicode)", where=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot be read ({exc.strerror})", where=str(path)) from None
    try:
        return parse_yaml_text(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ConfigError(f"malformed YAML: {place}{problem}", where=str(path)) from None
    except ValueError as exc:
        raise ConfigError(str(exc), where=str(path)) from None
