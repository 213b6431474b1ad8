"""The words of the workshop pages (the code page and the start page), from ``content/ui/workshop.yaml``.

Like ``simkit.learn.strings``: every key the code uses is declared with the placeholders it fills in, and the
file is checked when first read (missing or blank translations, unknown keys, stray placeholders are one
``ConfigError`` line naming the file and key).
"""

from __future__ import annotations

from pathlib import Path

from simkit.bilingual import Text
from simkit.ui_strings import StringTable, UiFile, load_ui_file

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


class WorkshopStrings(StringTable):
    """Every word of the code page and the start page, both languages."""


def load_workshop_strings() -> WorkshopStrings:
    """The workshop strings of the content folder (honours ``$SIMKIT_CONTENT``), checked once per version."""
    return load_ui_file("workshop", KEYS, UiFile, _make)


def _make(entries: dict[str, Text], data: UiFile, path: Path) -> WorkshopStrings:
    return WorkshopStrings(entries, path)
