"""The words of the workshop pages (the code page and the start page), from ``content/ui/workshop.yaml``.

Like ``simkit.learn.strings``: every key the code uses is declared with the placeholders it fills in, and the
file is checked when first read (missing or blank translations, unknown keys, stray placeholders are one
``ConfigError`` line naming the file and key).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simkit.bilingual import checked_entries, read_when_changed
from simkit.content import content_dir, read_yaml
from simkit.errors import ConfigError

UI_FILE = Path("ui") / "workshop.yaml"

KEYS: dict[str, tuple[str, ...]] = {
    "login.title": (), "login.label": (), "login.help": (), "login.submit": (), "login.wrong": (),
    "login.wait": ("minutes",),
    "start.title": (), "start.kit_name": (), "start.name_label": (), "start.name_placeholder": (),
    "start.name_help": (), "start.save": (), "start.hello": ("name",), "start.change_name": (),
    "start.name_taken": ("name",), "start.need_name": (), "start.lessons": (), "start.open": ("number",),
    "start.continue": ("number",), "start.review": ("number",), "start.not_started": (),
    "start.in_progress": (), "start.done": (), "start.next_up": ("number",), "start.all_done": (),
    "start.back": (), "start.opening": (), "start.saved_here": (), "start.error": ("message",),
    "start.lang_label": (),
}  # fmt: skip


@dataclass(frozen=True)
class WorkshopStrings:
    entries: dict[str, tuple[str, str]]
    path: Path

    def get(self, key: str, lang: str, **params: Any) -> str:
        try:
            vi, en = self.entries[key]
        except KeyError:
            raise ConfigError(f"no UI string '{key}'", where=str(self.path), field=key) from None
        text = vi if lang == "vi" else en
        return text.format(**params) if params else text


def load_workshop_strings() -> WorkshopStrings:
    """The workshop strings of the content folder (honours ``$SIMKIT_CONTENT``), checked once per version."""
    return read_when_changed(content_dir() / UI_FILE, _read)


@functools.lru_cache(maxsize=4)
def _read(path: Path, mtime: float) -> WorkshopStrings:
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise ConfigError("must be a mapping of groups of strings", where=str(path))
    return WorkshopStrings(checked_entries(raw, KEYS, path), path)
