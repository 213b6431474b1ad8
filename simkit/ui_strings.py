"""The one string table and the one reader of ``content/ui/*.yaml``, for every screen family.

Why one: the lesson, workshop, planner, trainer, calibration and replay screens each keep their own fixed
keys (declared next to the code that uses them, with the placeholders it fills in), but every UI file has
the same shape — a ``strings:`` section of nested groups of ``{vi: "...", en: "..."}`` entries, plus the
sections a family needs beside it (the planner's reference points, the trainer's audiences) — and a
translator should meet the same rules and the same one-line messages in every file. A family describes
its extra sections with a ``UiFile`` model; this module reads, checks and caches the file once per version.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from simkit.bilingual import (
    Problem,
    Strict,
    Text,
    check_lang,
    checked_entries,
    one_line_error,
    read_when_changed,
)
from simkit.content import content_dir, read_yaml
from simkit.errors import ConfigError

F = TypeVar("F", bound="UiFile")
T = TypeVar("T")


class UiFile(Strict):
    """The shape every UI file shares: ``strings`` (checked against the family's keys by ``read_ui_file``).

    A family with more sections subclasses this and adds them as fields; unknown sections are refused.
    """

    strings: dict[str, Any]


@dataclass(frozen=True)
class StringTable:
    """Every UI string of one file, both languages; ``get`` fills placeholders in the chosen language."""

    entries: Mapping[str, Text]
    path: Path

    def get(self, key: str, lang: str, **params: Any) -> str:
        """The string ``key`` in ``lang`` with its placeholders filled in."""
        entry = self.entries.get(key)
        if entry is None:
            raise ConfigError(f"no UI string '{key}'", where=str(self.path), field=key)
        text = entry.text(check_lang(lang))
        return text.format(**params) if params else text

    def both(self, key: str, **params: Any) -> Text:
        """The string in both languages, for texts built once and shown in either."""
        return Text(vi=self.get(key, "vi", **params), en=self.get(key, "en", **params))

    def one_line(self, key: str, **params: Any) -> str:
        """Vietnamese and English on one line, for messages that must reach whoever reads them."""
        return f"{self.get(key, 'vi', **params)} · {self.get(key, 'en', **params)}"

    def say(self, item: Text | Problem, lang: str) -> str:
        """A content ``Text`` or a ``Problem`` from a check, in ``lang``."""
        if isinstance(item, Problem):
            return item.text(self, lang)
        return item.text(check_lang(lang))

    def table(self) -> dict[str, dict[str, str]]:
        """``{key: {"vi": …, "en": …}}``, for a page that switches language by itself."""
        return {key: {"vi": text.vi, "en": text.en} for key, text in self.entries.items()}


def ui_file_path(name: str) -> Path:
    """``content/ui/<name>.yaml`` of the content folder in use (honours ``$SIMKIT_CONTENT``)."""
    return content_dir() / "ui" / f"{name}.yaml"


def read_ui_file(
    path: Path,
    keys: Mapping[str, Iterable[str]],
    model: type[F],
    make: Callable[[dict[str, Text], F, Path], T],
) -> T:
    """``make(strings, sections, path)`` of a checked UI file, or one ``ConfigError`` line.

    ``keys`` maps every key the code uses to the placeholders it fills in; a missing, unknown or blank
    entry, or a placeholder the code does not supply, names the file and ``strings.<key>``. ``model``
    validates the file's sections; ``make`` builds the family's table (and runs its own cross-checks).
    The result is cached per version of the file, so every screen shares one table.
    """
    return read_when_changed(path, lambda path, mtime: _read(path, mtime, _Keys(keys), model, make))


def load_ui_file(
    name: str,
    keys: Mapping[str, Iterable[str]],
    model: type[F],
    make: Callable[[dict[str, Text], F, Path], T],
) -> T:
    """``read_ui_file`` of ``content/ui/<name>.yaml`` in the content folder in use."""
    return read_ui_file(ui_file_path(name), keys, model, make)


class _Keys:
    """A key declaration as a hashable cache key (the declarations are module constants)."""

    def __init__(self, keys: Mapping[str, Iterable[str]]) -> None:
        self.keys = keys

    def __hash__(self) -> int:
        return id(self.keys)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Keys) and other.keys is self.keys


@functools.lru_cache(maxsize=32)
def _read(
    path: Path,
    mtime: float,
    keys: _Keys,
    model: type[F],
    make: Callable[[dict[str, Text], F, Path], T],
) -> T:
    raw = read_yaml(path)
    sections = ", ".join(f"'{name}'" for name in model.model_fields)
    if not isinstance(raw, dict):
        raise ConfigError(f"must be a mapping with the sections {sections}", where=str(path))
    if not isinstance(raw.get("strings"), dict):
        raise ConfigError(
            "must have a 'strings' section: groups of {vi: ..., en: ...} entries", where=str(path)
        )
    try:
        data = model.model_validate(raw)
    except ValidationError as exc:
        raise one_line_error(exc, raw, path, model=model) from None
    pairs = checked_entries(data.strings, keys.keys, path, prefix="strings.")
    return make({key: Text(vi=vi, en=en) for key, (vi, en) in pairs.items()}, data, path)
