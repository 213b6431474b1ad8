"""Reading scenarios: presets by name, YAML files, overrides, and one-line errors.

Why here and not in ``scenario.py``: the description stays a plain data model; everything about where
a scenario comes from (a preset, a file, ``--set field=value``) and how a mistake is reported to a person
lives in this module. Every error is a ``ConfigError`` raised before any simulation starts.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from simkit.bilingual import given_tag, one_line_error
from simkit.content import content_path, parse_yaml_text, read_yaml
from simkit.errors import ConfigError
from simkit.sim.scenario import Scenario


def scenarios_dir() -> Path:
    return content_path("scenarios")


def preset_summaries(lang: str = "vi") -> list[dict[str, Any]]:
    """One line's facts per preset (what ``simkit scenarios`` prints), read without the model's numerics,
    so the listing answers at once."""
    rows = []
    for name in preset_names():
        scenario = load_scenario(name)
        rows.append(
            {
                "preset": name,
                "level": scenario.level,
                "citizens_per_day": round(scenario.demand.citizens_per_working_day, 1),
                "counters": scenario.staffing.counters,
                "adoption": scenario.channel.adoption,
                "name": getattr(scenario.name, lang),
            }
        )
    return rows


def preset_names() -> list[str]:
    """Names of the scenario presets shipped in ``content/scenarios``, sorted."""
    return sorted(p.stem for p in scenarios_dir().glob("*.yaml"))


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
        raise _one_line(exc, raw, where) from None


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


def _unknown_distribution(error: ErrorDetails, tags: Sequence[str]) -> str:
    return f"unknown distribution '{given_tag(error)}'; allowed: " + ", ".join(tags)


def _no_distribution(error: ErrorDetails, tags: Sequence[str]) -> str:
    return "needs 'dist:' (one of " + ", ".join(tags) + ")"


def _one_line(exc: ValidationError, raw: Any, where: str) -> ConfigError:
    """pydantic's errors as one line (``simkit.bilingual.one_line_error``): positions written the way
    ``--set`` takes them (``calendar.sessions.0.start``), a service time's distribution named as such."""
    return one_line_error(
        exc,
        raw,
        where,
        model=Scenario,
        dotted=True,
        wording={"union_tag_invalid": _unknown_distribution, "union_tag_not_found": _no_distribution},
    )
