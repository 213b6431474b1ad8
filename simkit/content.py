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
import re
from pathlib import Path
from typing import Any

import yaml

from simkit.errors import ConfigError

CONTENT_ENV = "SIMKIT_CONTENT"
"""Environment variable naming another content folder with the same layout (a trainer's working copy)."""

_PACKAGE = Path(__file__).resolve().parent


def content_dir() -> Path:
    """The content folder: ``$SIMKIT_CONTENT`` if set, else the one shipped with simkit.

    Shipped means ``simkit/_content`` in an installed wheel (``pyproject.toml`` installs the top-level
    ``content/`` folder as that package's data), else ``content/`` beside the ``simkit`` package (a source
    checkout or an editable install, where ``simkit/_content`` does not exist on disk).
    """
    override = os.environ.get(CONTENT_ENV)
    if override:
        return Path(override)
    installed = _PACKAGE / "_content"
    return installed if installed.is_dir() else _PACKAGE.parent / "content"


def content_path(*parts: str) -> Path:
    """A file or folder inside the content folder, e.g. ``content_path("ui", "plan.yaml")``."""
    return content_dir().joinpath(*parts)


_FAST_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (the wheels are): it reads a scenario about ten times
faster than the pure-Python one, which is most of what ``simkit scenarios`` spends. Only the parser is
in C; the construction below (duplicate keys, numbers) stays Python, so both give the same data."""


class _StrictRules(yaml.constructor.SafeConstructor):
    """PyYAML's safe loader that refuses a key given twice in one mapping and reads no base-60 numbers.

    Why: ``counters: 3`` and, ten lines later, ``counters: 5`` is a mistake in a hand-edited file;
    PyYAML keeps the last one silently, so the planner would run a centre they did not describe.

    And YAML 1.1 (PyYAML's dialect) reads ``11:00`` as the integer 660 (11 × 60) but ``07:30`` as text,
    so an unquoted opening hour worked or failed depending on its first digit. YAML 1.2 dropped base-60;
    so does this loader, for every content file and every ``--set``/``--vary`` value: clock times never
    need quotes. Every other scalar resolves exactly as in ``yaml.safe_load``.
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


class _StrictLoader(_StrictRules, _FAST_BASE):
    """The strict rules on libyaml's parser (or PyYAML's own where libyaml is missing)."""


class _StrictPureLoader(_StrictRules, yaml.SafeLoader):
    """The same rules on the pure-Python parser: tests check both read every content file alike."""


_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_NUMBERS = (  # PyYAML's own patterns with the base-60 alternative removed
    (
        "tag:yaml.org,2002:int",
        r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0[0-7_]+
        |[-+]?(?:0|[1-9][0-9_]*)
        |[-+]?0x[0-9a-fA-F_]+)$""",
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
        |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        "-+0123456789.",
    ),
)


def _without_base_60(loader: type[Any]) -> None:
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in pairs if tag not in _NUMBER_TAGS]
        for first, pairs in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for tag, pattern, first in _NUMBERS:
        loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_without_base_60(_StrictLoader)
_without_base_60(_StrictPureLoader)


def parse_yaml_text(text: str) -> Any:
    """YAML text → data with the safe loader; duplicated keys, runaway nesting and numbers too long to
    read are ``ValueError``s with one line (``yaml.YAMLError`` for syntax), never a traceback."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - _StrictLoader is a SafeLoader
    except RecursionError:
        raise ValueError("nested too deeply to be a simkit file") from None
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(getattr(exc, "problem", "")):  # libyaml's own limit (1,000)
            raise ValueError("nested too deeply to be a simkit file") from None
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
