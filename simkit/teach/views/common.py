"""What every trainer screen shares: the screen base (``simkit.widgets.view``) with the trainer's words.

Errors in callbacks go through the one guard (``simkit.widgets.guard``): a content mistake shows as the
one-line ``ConfigError`` message, anything unexpected as a plea to tell the technical contact (and is
logged), and the previous results stay on screen.

Why messages are kept as ``Problem``s: the language switch re-renders them, so a message shown in
Vietnamese reads in English after the switch, like every label.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from simkit.bilingual import check_lang
from simkit.errors import ConfigError
from simkit.learn.validators import Problem
from simkit.teach.strings import TeachContent
from simkit.widgets import style
from simkit.widgets.guard import one_line
from simkit.widgets.view import ScreenView

DOCUMENTS_FOLDER = Path("~/simkit-tai-lieu")
"""Where handouts and plans are saved unless the trainer types another folder."""

RESULTS_FOLDER = Path("~/simkit-ket-qua")
"""Where class results are exported unless the trainer types another folder."""


def error_box(text: str) -> widgets.HTML:
    """A one-line message shown instead of a screen that could not be built (a broken content file)."""
    return widgets.HTML(f"<div class='simkit-bad'>⚠ {html.escape(text)}</div>")


def resolve_folder(text: str) -> Path:
    """A folder typed by a trainer, with ``~`` expanded (relative paths are relative to the notebook)."""
    return Path(text.strip()).expanduser()


class TeachView(ScreenView):
    """Base of the trainer screens: the shared screen base with the trainer strings and messages."""

    def __init__(
        self, *, content: TeachContent, lang: str, title_key: str, intro_key: str, large: bool = False
    ) -> None:
        self.content = content
        self._messages: list[tuple[str, Problem | str]] = []
        super().__init__(
            lang=lang,
            title_key=title_key,
            intro_key=intro_key,
            large=large,
            root_classes=(style.ROOT_CLASS, "simkit-teach"),
        )

    # --- strings and messages ---------------------------------------------------------------------------
    def t(self, key: str, **params: Any) -> str:
        """A trainer string in the screen's language (plain text, for widget labels)."""
        return self.content.get(key, self.lang, **params)

    say = t

    def tell(self, *messages: tuple[str, Problem | str]) -> None:
        """Show messages (``("ok" | "bad" | "note", problem or text)``), replacing the previous ones."""
        self._messages = list(messages)
        self._show_messages()

    def _show_messages(self) -> None:
        parts = []
        for kind, item in self._messages:
            text = self.content.say(item, self.lang) if isinstance(item, Problem) else item
            css = {"ok": "simkit-ok", "bad": "simkit-bad", "note": "simkit-callout-note"}[kind]
            parts.append(f"<div class='{css}'>{html.escape(text)}</div>")
        self.message.value = "".join(parts)

    def show_error(self, error: Exception) -> None:
        key = "common.content_error" if isinstance(error, ConfigError) else "common.unexpected"
        self.tell(("bad", self.say(key, message=one_line(error))))

    def button(self, on_click: Callable[[], Any], *, primary: bool = False) -> widgets.Button:
        """A button wired through the guard; its label and tooltip are set by ``relabel``."""
        widget = widgets.Button(layout=widgets.Layout(width="auto"))
        if primary:
            widget.add_class("simkit-primary")
        widget.on_click(lambda _button: self.guard(on_click)())
        return widget

    # --- language ---------------------------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        """Show the screen in another language; what is on it, messages included, stays."""
        self.lang = check_lang(lang)
        if self.lang_toggle.value != self.lang:
            self.lang_toggle.value = self.lang
        self.relabel()
        self._show_messages()
        self.render()

    def header(self) -> list[widgets.Widget]:
        """The top of every screen: styles, title, introduction, language and large-text switches."""
        return [style.stylesheet(), self.title, self.intro, self.switches()]


def labelled(widget: widgets.DOMWidget, description: str, tooltip: str) -> None:
    """Give a control its visible, accessible label and a tooltip that says what it is for."""
    widget.description = description
    widget.tooltip = tooltip
