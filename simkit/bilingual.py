"""Checks and reading shared by every bilingual content file (lessons, planner and trainer screens), and
the three types every stack shares: ``Strict`` (the content-model base), ``Text`` and ``Problem``.

Why one module: each screen family keeps its own fixed set of keys and placeholders, but what makes an
entry valid is the same everywhere — exactly ``{vi, en}``, neither blank, braces balanced, only the
placeholders the code fills in — and a trainer should get the same one-line message from every file.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from simkit.errors import ConfigError

LANGS: tuple[str, ...] = ("vi", "en")
"""Supported languages, Vietnamese first; every string must exist in both."""

T = TypeVar("T")


class Strict(BaseModel):
    """The one base of every content model (scenarios, lessons, labels, UI files, distributions).

    Unknown keys are refused (a misspelt ``conters:`` is an error, never ignored), instances are
    read-only (what was validated stays valid), and every number is finite (an infinite service time or
    a NaN demand would run and report nonsense).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


@dataclass(frozen=True)
class Problem:
    """The one message type: a string key of a UI-strings file, its values, and the field's label key.

    Kept as a key, not a sentence, so a screen shows it in the current language and shows it again in the
    other language after the switch. ``label_key`` names the field (``field.counters.label``) whose label
    fills the ``{label}`` placeholder.
    """

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    label_key: str | None = None

    def text(self, strings: Any, lang: str) -> str:
        """The sentence in ``lang``, from any strings table with ``get(key, lang, **params)``."""
        params = dict(self.params)
        if self.label_key:
            params["label"] = strings.get(self.label_key, lang)
        return strings.get(self.key, lang, **params)


class Text(Strict):
    """One text in both languages: Vietnamese (with diacritics) first, English complete.

    The one model for every bilingual string — lesson text, planner and trainer strings, result labels.
    Blank counts as missing (it would show as nothing) and surrounding spaces are dropped.
    """

    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)

    @field_validator("vi", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    def text(self, lang: str) -> str:
        """The string in ``lang`` ("vi" or "en")."""
        return self.vi if lang == "vi" else self.en


def check_lang(lang: str) -> str:
    """``lang`` itself if it is a supported language, else a one-line error."""
    if lang not in LANGS:
        raise ConfigError(f"must be 'vi' or 'en' (got {lang!r})", field="lang")
    return lang


def flatten_groups(node: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested groups → ``{"group.name": entry}``; a dict with a ``vi`` or ``en`` key is an entry."""
    out: dict[str, Any] = {}
    for name, value in node.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict) and not ({"vi", "en"} & set(value)):
            out.update(flatten_groups(value, key + "."))
        else:
            out[key] = value
    return out


def check_entry(value: Any, placeholders: Iterable[str], path: Path, field: str) -> tuple[str, str]:
    """(vi, en) of one entry, or a one-line ConfigError naming ``path`` and ``field``."""
    if not isinstance(value, dict) or set(value) != {"vi", "en"}:
        raise ConfigError('must be {vi: "...", en: "..."} and nothing else', where=str(path), field=field)
    allowed_names = list(placeholders)
    for lang in LANGS:
        text = value[lang]
        if not isinstance(text, str) or not text.strip():
            raise ConfigError("is missing or blank", where=str(path), field=f"{field}.{lang}")
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError:
            raise ConfigError("has an unmatched { or }", where=str(path), field=f"{field}.{lang}") from None
        extra = names - set(allowed_names)
        if extra:
            allowed = ", ".join("{" + n + "}" for n in allowed_names) or "none"
            raise ConfigError(
                f"uses {', '.join('{' + n + '}' for n in sorted(extra))}; allowed here: {allowed}",
                where=str(path),
                field=f"{field}.{lang}",
            )
    return value["vi"], value["en"]


def checked_entries(
    strings: dict[str, Any], keys: Mapping[str, Iterable[str]], path: Path, prefix: str = ""
) -> dict[str, tuple[str, str]]:
    """Every key the code uses → (vi, en), checked; unknown and missing keys are one-line errors.

    ``strings`` are the file's (possibly nested) groups of entries; ``keys`` maps each key the code uses
    to the placeholders it fills in; ``prefix`` is where the groups sit in the file (for messages).
    """
    entries: dict[str, tuple[str, str]] = {}
    for key, value in flatten_groups(strings).items():
        if key not in keys:
            raise ConfigError(
                "not a UI string the code uses (misspelt or stale?)", where=str(path), field=prefix + key
            )
        entries[key] = check_entry(value, keys[key], path, field=prefix + key)
    for key in keys:
        if key not in entries:
            raise ConfigError("is missing", where=str(path), field=prefix + key)
    return entries


def read_when_changed(path: Path, read: Callable[[Path, float], T]) -> T:
    """``read(path, mtime)`` — with ``read`` wrapped in ``functools.lru_cache`` a file is parsed and
    checked once per version, and an edit made while a notebook is open is picked up on the next call."""
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise ConfigError("file not found", where=str(path)) from None
    return read(path, mtime)


def readable_path(loc: Iterable[Any], raw: Any) -> str:
    """A pydantic error location as a dotted path, list positions shown as the item's id where it has one.

    ``("materials", 2, "lessons")`` → ``materials[handout_vneid].lessons``: a trainer finds the item by
    its id in the file, not by counting entries.
    """
    parts: list[str] = []
    node = raw
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            item = node[part]
            label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
            if parts:
                parts[-1] += f"[{label}]" if label else f"[{part}]"
            else:
                parts.append(f"[{label or part}]")
            node = item
            continue
        parts.append(str(part))
        node = node.get(part) if isinstance(node, dict) else None
    return ".".join(parts)


def first_error(exc: ValidationError, raw: Any, path: Path) -> ConfigError:
    """The first pydantic error of a content file as one line naming the file and the readable path."""
    first = exc.errors(include_url=False)[0]
    kind = first["type"]
    if kind == "extra_forbidden":
        message = "unknown field"
    elif kind == "missing":
        message = "is required but missing"
    else:
        message = str(first["msg"]).removeprefix("Value error, ").replace("Input should", "must")
    return ConfigError(message, where=str(path), field=readable_path(first["loc"], raw) or None)
