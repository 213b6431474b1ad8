"""Checks shared by every bilingual UI-string file (lessons, planner and trainer screens).

Why one module: each screen family keeps its own fixed set of keys and placeholders, but what makes an
entry valid is the same everywhere — exactly ``{vi, en}``, neither blank, braces balanced, only the
placeholders the code fills in — and a trainer should get the same one-line message from every file.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from simkit.errors import ConfigError

LANGS: tuple[str, ...] = ("vi", "en")
"""Supported languages, Vietnamese first."""


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
