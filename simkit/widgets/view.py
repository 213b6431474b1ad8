"""The one screen base: language switch, large-text switch, title, introduction, message area and guard.

Why one base: the trainer and planner screens (and the lesson app's toolbar, through ``language_toggle``
and ``large_toggle``) show the same two switches and must behave the same: the language switch relabels
the screen in place and keeps what is on it; the large-text switch turns on large text and strong contrast
for older eyes and projectors; every callback goes through ``simkit.widgets.guard``.

Each stack keeps its words in its own content file and its own message style; a subclass says how to
fetch a word (``t``), how to show an error (``show_error``) and what to redraw (``relabel``, ``render``).
Every stack's strings provide ``common.language``, ``common.language_help``, ``common.large`` and
``common.large_help`` (the lessons name theirs ``lang.label`` and ``display.large``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from simkit.bilingual import check_lang
from simkit.widgets import style
from simkit.widgets.guard import guarded

LANGUAGES: tuple[tuple[str, str], ...] = (("Tiếng Việt", "vi"), ("English", "en"))
"""The language switch's options, each language named in itself (so anyone can find their own)."""


def language_toggle(lang: str) -> widgets.ToggleButtons:
    """The language switch, set to ``lang``; its label and tooltips are set by the screen."""
    toggle = widgets.ToggleButtons(options=list(LANGUAGES), value=check_lang(lang), style=style.WIDE)
    toggle.style.button_width = "auto"
    return toggle


def large_toggle(on: bool = False) -> widgets.ToggleButton:
    """The large-text / high-contrast switch; its label and tooltip are set by the screen."""
    return widgets.ToggleButton(value=on, layout=widgets.Layout(width="auto"))


class ScreenView(widgets.VBox):
    """Base of the trainer and planner screens."""

    def __init__(
        self,
        *,
        lang: str,
        title_key: str,
        intro_key: str,
        large: bool = False,
        root_classes: tuple[str, ...] = (style.ROOT_CLASS,),
    ) -> None:
        super().__init__()
        for css in root_classes:
            self.add_class(css)
        self.lang = check_lang(lang)
        self._title_key, self._intro_key = title_key, intro_key
        self.title = widgets.HTML()
        self.title.add_class("simkit-title")
        self.intro = widgets.HTML()
        self.message = widgets.HTML()
        self.lang_toggle = language_toggle(self.lang)
        self.lang_toggle.observe(self.guard(lambda change: self.set_lang(change["new"])), "value")
        self.large = large_toggle(large)
        self.large.observe(self.guard(lambda change: self.set_large(change["new"])), "value")
        style.set_large(self, large)

    # --- what a subclass provides ---------------------------------------------------------------------
    def t(self, key: str, **params: Any) -> str:
        """The screen's string ``key`` in the current language (plain text)."""
        raise NotImplementedError

    def show_error(self, error: Exception) -> None:
        """Show ``error`` as one line in the message area."""
        raise NotImplementedError

    def render(self) -> None:
        """Redraw the results part of the screen (subclasses)."""

    # --- shared behaviour ------------------------------------------------------------------------------
    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """``callback`` that shows any error as one line in the message area instead of raising."""
        return guarded(callback, self.show_error)

    def esc(self, key: str, **params: Any) -> str:
        """The screen's string ``key``, HTML-escaped."""
        return html.escape(self.t(key, **params))

    def set_lang(self, lang: str) -> None:
        """Show the screen in another language; what is on it stays."""
        self.lang = check_lang(lang)
        if self.lang_toggle.value != self.lang:
            self.lang_toggle.value = self.lang
        self.relabel()
        self.render()

    def set_large(self, on: bool) -> None:
        style.set_large(self, on)

    def relabel(self) -> None:
        """Set the title, introduction and switches in the current language; subclasses add their own."""
        self.title.value = f"<h2>{self.esc(self._title_key)}</h2>"
        self.intro.value = f"<p class='simkit-muted'>{self.esc(self._intro_key)}</p>"
        self.lang_toggle.description = self.t("common.language")
        self.lang_toggle.tooltip = self.t("common.language_help")
        self.lang_toggle.tooltips = [self.lang_toggle.tooltip] * len(LANGUAGES)
        self.large.description = self.t("common.large")
        self.large.tooltip = self.t("common.large_help")

    def switches(self) -> widgets.HBox:
        """The two switches side by side (wrapping under each other in a narrow window)."""
        layout = widgets.Layout(flex_flow="row wrap", align_items="flex-end")
        return widgets.HBox([self.lang_toggle, self.large], layout=layout)
