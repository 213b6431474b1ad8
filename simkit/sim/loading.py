"""Reading scenarios: presets by name, YAML files, overrides, and one-line errors.

Why here and not in ``scenario.py``: the description stays a plain data model; everything about where
a scenario comes from (a preset, a file, ``--set field=value``) and how a mistake is reported to a person
lives in this module. Every error is a ``ConfigError`` raised before any simulation starts.
"""

from __future__ import annotations

import copy
import os
import re
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from simkit.errors import ConfigError
from simkit.sim.scenario import Scenario

CONTENT_ENV = "SIMKIT_CONTENT"
_PACKAGE = Path(__file__).resolve().parents[1]


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


def scenarios_dir() -> Path:
    return content_dir() / "scenarios"


def preset_names() -> list[str]:
    """Names of the scenario presets shipped in ``content/scenarios``, sorted."""
    return sorted(p.stem for p in scenarios_dir().glob("*.yaml"))


class _StrictLoader(yaml.SafeLoader):
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


def _without_base_60(loader: type[yaml.SafeLoader]) -> None:
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in pairs if tag not in _NUMBER_TAGS]
        for first, pairs in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for tag, pattern, first in _NUMBERS:
        loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_without_base_60(_StrictLoader)


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


def resolve_scenario_path(name_or_file: str) -> Path:
    """A preset name (``commune_pasc``) or a path to a YAML file."""
    candidate = Path(name_or_file)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return candidate
    preset = scenarios_dir() / f"{name_or_file}.yaml"
    if preset.exists():
        return preset
    names = ", ".join(preset_names()) or "(none found)"
    raise ConfigError(f"no preset or file of that name; presets are: {names}", where=name_or_file)


def parse_override(text: str) -> tuple[str, Any]:
    """``"staffing.counters=4"`` → ``("staffing.counters", 4)``; the value is read as YAML."""
    field, sep, raw = text.partition("=")
    field = field.strip()
    if not sep or not field:
        raise ConfigError(
            f"'{text}' is not of the form field=value (e.g. staffing.counters=4)", where="--set"
        )
    try:
        value = parse_yaml_text(raw) if raw.strip() else ""
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None)
        reason = f" ({problem})" if problem else ""
        raise ConfigError(
            f"the value '{_shown(raw)}' cannot be read{reason}", where="--set", field=field
        ) from None
    except ValueError as exc:
        raise ConfigError(str(exc), where="--set", field=field) from None
    return field, value


def _shown(text: str, limit: int = 60) -> str:
    """A value as it is quoted back in a message: long ones cut, so the message stays one line."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def apply_overrides(raw: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """A copy of a raw scenario dict with dotted-path fields replaced; unknown paths fail on validation."""
    result = copy.deepcopy(raw)
    for path, given in overrides.items():
        value = copy.deepcopy(given)  # a later path may change inside it: never the caller's own dict
        node: Any = result
        parts = path.split(".")
        for i, part in enumerate(parts[:-1]):
            if isinstance(node, list):
                node = node[_index(part, node, path)]
                continue
            if not isinstance(node, dict):
                raise ConfigError(f"'{'.'.join(parts[: i + 1])}' is not a group of fields", field=path)
            child = node.get(part)
            if child is None:
                child = node[part] = {}
            node = child
        last = parts[-1]
        if isinstance(node, list):
            node[_index(last, node, path)] = copy.deepcopy(value)
        elif isinstance(node, dict):
            node[last] = copy.deepcopy(value)
        else:
            raise ConfigError(f"'{'.'.join(parts[:-1])}' is not a group of fields", field=path)
    return result


def _index(part: str, node: list[Any], path: str) -> int:
    if not part.isdigit() or int(part) >= len(node):
        raise ConfigError(f"'{part}' is not an item number 0–{len(node) - 1}", field=path)
    return int(part)


def validate_scenario(raw: Any, *, where: str = "scenario") -> Scenario:
    """Validate a raw dict into a ``Scenario`` or raise a one-line ``ConfigError`` naming the field."""
    if not isinstance(raw, dict):
        raise ConfigError("must be a mapping of fields (id, name, demand, procedures, …)", where=where)
    try:
        return Scenario.model_validate(raw)
    except ValidationError as exc:
        raise _one_line(exc, where) from None


def load_scenario(
    name_or_file: str | Path,
    overrides: dict[str, Any] | None = None,
) -> Scenario:
    """Load a preset or YAML file, apply ``overrides`` (dotted field → value) and validate.

    The file is validated first, then overridden on its full form (defaults filled in), so
    ``calendar.sessions.1.counters=3`` works even when the file leaves ``sessions`` at its default.
    """
    path = resolve_scenario_path(str(name_or_file))
    raw = read_yaml(path)
    scenario = validate_scenario(raw, where=str(path))
    if not overrides:
        return scenario
    try:
        return scenario_with(scenario, overrides)
    except ConfigError as exc:
        raise ConfigError(exc.detail, where=f"{path} with --set", field=exc.field) from None


def scenario_with(scenario: Scenario, overrides: dict[str, Any]) -> Scenario:
    """A new validated scenario with dotted-path fields replaced (the original is untouched)."""
    raw = scenario.model_dump(mode="json")
    return validate_scenario(apply_overrides(raw, overrides))


_TAGS = {"fixed", "exponential", "lognormal", "triangular", "empirical"}


def _one_line(exc: ValidationError, where: str) -> ConfigError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = [str(p) for p in first["loc"] if not (isinstance(p, str) and p in _TAGS)]
    loc = [p for p in loc if not p.startswith("function-")]
    field = ".".join(loc) or None
    kind = first["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        message = "unknown field" + (f"; allowed here: {', '.join(allowed)}" if allowed else "")
    elif kind == "missing":
        message = "is required but missing"
    elif kind == "union_tag_invalid":
        message = f"unknown distribution '{first['input'].get('dist')}'; allowed: " + ", ".join(sorted(_TAGS))
    elif kind == "union_tag_not_found":
        message = "needs 'dist:' (one of " + ", ".join(sorted(_TAGS)) + ")"
    else:
        message = _plain(first["msg"])
        if kind not in ("value_error", "assertion_error") and not isinstance(first.get("input"), dict | list):
            message += f" (got {first.get('input')!r})"
    more = len(errors) - 1
    if more:
        message += f" [and {more} more problem{'s' if more > 1 else ''}]"
    return ConfigError(message, where=where, field=field)


def _plain(msg: str) -> str:
    msg = msg.removeprefix("Value error, ")
    replacements = {
        "Input should be greater than or equal to": "must be ≥",
        "Input should be greater than": "must be >",
        "Input should be less than or equal to": "must be ≤",
        "Input should be less than": "must be <",
        "Input should be": "must be",
    }
    for old, new in replacements.items():
        if msg.startswith(old):
            return new + msg[len(old) :]
    return msg


def _allowed_keys(loc: list[str]) -> list[str]:
    """Field names allowed at a location, found by walking the models' type hints."""
    node: Any = Scenario
    for part in loc:
        node = _child_type(node, part)
        if node is None:
            return []
    node = _model_in(node)
    return sorted(node.model_fields) if node else []


def _child_type(node: Any, part: str) -> Any:
    model = _model_in(node)
    if model is not None:
        field = model.model_fields.get(part)
        return field.annotation if field else None
    args = typing.get_args(node)
    origin = typing.get_origin(node)
    if origin is dict and len(args) == 2:
        return args[1]
    if origin is tuple and args:
        return args[0]
    return None


def _model_in(node: Any) -> type[BaseModel] | None:
    if isinstance(node, type) and issubclass(node, BaseModel):
        return node
    for arg in typing.get_args(node):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None
