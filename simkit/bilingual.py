"""Checks and reading shared by every bilingual content file (lessons, planner and trainer screens), and
the three types every stack shares: ``Strict`` (the content-model base), ``Text`` and ``Problem``.

Why one module: each screen family keeps its own fixed set of keys and placeholders, but what makes an
entry valid is the same everywhere — exactly ``{vi, en}``, neither blank, braces balanced, only the
placeholders the code fills in — and a trainer should get the same one-line message from every file.
"""

from __future__ import annotations

import string
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

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


def readable_path(loc: Iterable[Any], raw: Any, *, dotted: bool = False) -> str:
    """A pydantic error location as a dotted path, list positions shown as the item's id where it has one.

    ``("materials", 2, "lessons")`` → ``materials[handout_vneid].lessons``: a trainer finds the item by
    its id in the file, not by counting entries. ``dotted`` writes positions as ``sessions.0`` instead, the
    form ``--set`` takes (scenarios: their lists have no ids, and a message's path can be pasted after it).
    """
    parts: list[str] = []
    node = raw
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            item = node[part]
            label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
            if dotted:
                parts.append(str(part))
            elif parts:
                parts[-1] += f"[{label}]" if label else f"[{part}]"
            else:
                parts.append(f"[{label or part}]")
            node = item
            continue
        parts.append(str(part))
        node = node.get(part) if isinstance(node, dict) else None
    return ".".join(parts)


# -- pydantic errors as one line ------------------------------------------------------------------------

Wording = Callable[[ErrorDetails, Sequence[str]], str]
"""A file's own sentence for one kind of pydantic error, given the error and what is allowed there (the
fields, or a union's tags): a hook of ``one_line_error``."""

_MUST = {
    "Input should be greater than or equal to": "must be ≥",
    "Input should be greater than": "must be >",
    "Input should be less than or equal to": "must be ≤",
    "Input should be less than": "must be <",
    "Input should": "must",
    "String should": "must",
    "List should": "must",
    "Tuple should": "must",
    "Dictionary should": "must",
}
_NO_ECHO = {"value_error", "assertion_error", "missing", "extra_forbidden"}


def must_wording(msg: str) -> str:
    """pydantic's "Input should be greater than 0" as simkit's "must be > 0" (a validator's own text kept)."""
    msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    for old, new in _MUST.items():
        if msg.startswith(old):
            return new + msg[len(old) :]
    return msg


def discriminator(error: ErrorDetails) -> str:
    """The field that chooses a union's member (``kind``, ``dist``), from pydantic's error."""
    return str(error.get("ctx", {}).get("discriminator", "")).strip("'\"")


def given_tag(error: ErrorDetails) -> str:
    """The tag that was written, for a union whose tag is not one of its members'."""
    return str(error.get("ctx", {}).get("tag", ""))


def error_message(error: ErrorDetails, allowed: Sequence[str] = ()) -> str:
    """The shared wording of one pydantic error: "unknown field; allowed here: …", "is required but
    missing", "must …" with the value that was given, a union without (or with a wrong) tag; ``allowed``
    is what may be written there (the fields, or the union's tags)."""
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field" + (f"; allowed here: {', '.join(allowed)}" if allowed else "")
    if kind == "missing":
        return "is required but missing"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        choice = f" one of {', '.join(allowed)}" if allowed else ""
        got = f" (got '{given_tag(error)}')" if kind == "union_tag_invalid" else ""
        return f"needs '{discriminator(error)}:'{choice}{got}"
    if kind == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        return "must not be empty"
    message = must_wording(str(error["msg"]))
    given = error.get("input")
    if kind not in _NO_ECHO and not isinstance(given, dict | list | tuple):
        message += f" (got {given!r})"
    return message


def one_line_error(
    exc: ValidationError,
    raw: Any,
    where: str | Path,
    *,
    model: type[BaseModel] | None = None,
    dotted: bool = False,
    wording: Mapping[str, Wording] | None = None,
) -> ConfigError:
    """The first pydantic error of a content file as one line, the one converter of every file kind.

    The line names the file (``where``) and the field by a readable path (list items by their id, the tag
    of a union left out), says what is wrong in "must" wording — an unknown field lists the fields
    ``model`` allows there — and counts the other problems ("[and 2 more problems]"), so a translator fixes
    the first and knows more follow. A file kind keeps its own sentences as small hooks: ``wording`` maps
    a pydantic error type to the file's sentence for it; ``dotted`` writes positions the ``--set`` way.
    """
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc, fields, tags = located(first["loc"], model)
    allowed = tags if first["type"].startswith("union_tag") else fields
    hook = (wording or {}).get(first["type"])
    message = hook(first, allowed) if hook else error_message(first, allowed)
    more = len(errors) - 1
    if more:
        message += f" [and {more} more problem{'s' if more > 1 else ''}]"
    return ConfigError(message, where=str(where), field=readable_path(loc, raw, dotted=dotted) or None)


def error_field(exc: ValidationError, raw: Any, model: type[BaseModel] | None = None) -> str:
    """Where the first pydantic error is, as ``one_line_error`` names it (for a reader that reports only
    the place, such as a progress file set aside in a class's folder)."""
    return readable_path(located(exc.errors(include_url=False)[0]["loc"], model)[0], raw)


def located(loc: Sequence[Any], model: type[BaseModel] | None) -> tuple[list[Any], list[str], list[str]]:
    """The location without pydantic's own steps (a union's tag, a validator's name); the fields ``model``
    allows where its last step is (for "unknown field; allowed here: …"); the tags of a union found there.

    Walks ``model``'s type hints along ``loc``: a field to its annotation, a list position or a dict key to
    the item type, a union's tag to the member it names.
    """
    kept: list[Any] = []
    node: Any = model
    parent: Any = None
    for part in loc:
        node = _unwrap(node)
        members = _tags(_members(node))
        if isinstance(part, str) and (part.startswith("function-") or part in members):
            node = members.get(part, node)
            continue
        kept.append(part)
        parent = node
        node = _child(node, part)
    fields = _model(_unwrap(parent))
    return kept, sorted(fields.model_fields) if fields else [], sorted(_tags(_members(_unwrap(node))))


def _unwrap(node: Any) -> Any:
    """``Annotated[X, …]`` → ``X``; ``X | None`` → ``X``."""
    while typing.get_origin(node) is typing.Annotated:
        node = typing.get_args(node)[0]
    args = [a for a in typing.get_args(node) if a is not type(None)]
    if _is_union(node) and len(args) == 1:
        return _unwrap(args[0])
    return node


def _is_union(node: Any) -> bool:
    return typing.get_origin(node) in (typing.Union, types.UnionType)


def _members(node: Any) -> list[Any]:
    return [_unwrap(a) for a in typing.get_args(node) if a is not type(None)] if _is_union(node) else []


def _tags(members: list[Any]) -> dict[str, Any]:
    """Each union member by the literal value(s) of its tag field (``dist: Literal["fixed"]``)."""
    found: dict[str, Any] = {}
    for member in members:
        model = _model(member)
        for info in model.model_fields.values() if model else ():
            if typing.get_origin(info.annotation) is typing.Literal:
                for value in typing.get_args(info.annotation):
                    found.setdefault(str(value), member)
    return found


def _model(node: Any) -> type[BaseModel] | None:
    return node if isinstance(node, type) and issubclass(node, BaseModel) else None


def _child(node: Any, part: Any) -> Any:
    model = _model(node)
    if model is not None:
        info = model.model_fields.get(str(part))
        return info.annotation if info else None
    args = typing.get_args(node)
    origin = typing.get_origin(node)
    if origin is dict and len(args) == 2:
        return args[1]
    if origin in (list, tuple, set, frozenset) and args:
        return args[0]
    return None
