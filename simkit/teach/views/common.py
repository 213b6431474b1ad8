"""What every trainer screen shares: the heading, language switch, large-text switch, message area and guard.

Why a guard around every callback: an exception inside an ipywidgets callback ends up as a traceback in the
browser console or the notebook, which tells a trainer nothing. ``TeachView.guard`` turns a content mistake
into the one-line ``ConfigError`` message and anything unexpected into a plea to tell the technical contact,
logs the details, and leaves the previous results on screen.

Why messages are kept as ``Problem``s: the language switch re-renders them, so a message shown in
Vietnamese reads in English after the switch, like every label.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from simkit.errors import ConfigError
from simkit.learn.validators import Problem
from simkit.teach.strings import TeachContent, check_lang
from simkit.ui import style
from simkit.ui.style import WIDE

log = logging.getLogger(__name__)

DOCUMENTS_FOLDER = Path("~/simkit-tai-lieu")
"""Where handouts and plans are saved unless the trainer types another folder."""

RESULTS_FOLDER = Path("~/simkit-ket-qua")
"""Where class results are exported unless the trainer types another folder."""

CSS = """
.simkit-teach { max-width: 1100px; }
.simkit-teach h2 { color: #1a4d8f; margin: .2em 0; }
.simkit-teach h3 { color: #1a4d8f; margin: .7em 0 .2em; }
.simkit-teach .simkit-table th { background: #eef3fa; }
.simkit-teach .simkit-table td.simkit-num { text-align: right; }
.simkit-teach .simkit-table td ul { margin: 2px 0; font-size: .92em; }
.simkit-teach .box { border: 1px solid #1a4d8f; border-radius: 6px; padding: 6px 10px; margin: 6px 0; }
.simkit-teach .warn { border-color: #b3261e; background: #fdf0e6; }
.simkit-teach .kind-break td, .simkit-teach .kind-lunch td { background: #f3f3f3; font-style: italic; }
.simkit-teach .time { white-space: nowrap; }
.simkit-teach .tick { text-align: center; }
.simkit-teach textarea { font-family: inherit; font-size: 1em; }
.simkit-slide { font-size: 30px; line-height: 1.35; min-height: 420px; padding: 18px 28px; background: #fff;
  color: #111; border: 2px solid #1a4d8f; border-radius: 10px; }
.simkit-slide h1 { font-size: 1.45em; color: #1a4d8f; margin: .1em 0 .4em; line-height: 1.2; }
.simkit-slide h2 { font-size: 1.1em; margin: .4em 0 .2em; }
.simkit-slide ul, .simkit-slide ol { margin: .2em 0; padding-left: 1.3em; }
.simkit-slide li { margin: .25em 0; }
.simkit-slide-counter { font-size: .6em; color: #333; }
.simkit-slide-lead { font-size: .85em; }
.simkit-slide-tag { display: inline-block; background: #1a4d8f; color: #fff; border-radius: 6px;
  padding: 0 .4em; font-size: .7em; }
.simkit-slide-now { font-weight: bold; }
.simkit-slide-done { color: #666; font-size: .75em; }
.simkit-slide .simkit-phone.simkit-slide-phone { width: auto; max-width: 640px; font-size: .75em; }
.simkit-slide-action { font-size: .85em; display: inline-block; }
.simkit-slide-sender { font-size: .75em; color: #333; }
.simkit-slide-verdict { font-size: 1.3em; font-weight: bold; display: inline-block; }
.simkit-slide-options { list-style: none; padding-left: 0; }
.simkit-slide-right { color: #0b5d1e; font-weight: bold; }
.simkit-slide-wrong { color: #666; }
.simkit-slide-why { font-size: .7em; font-weight: normal; color: #111; }
.simkit-large .simkit-slide { font-size: 38px; border: 3px solid #000; color: #000; }
.simkit-large .simkit-slide-done, .simkit-large .simkit-slide-wrong { color: #333; }
.simkit-teach .widget-inline-hbox { max-width: calc(100% - 2 * var(--jp-widgets-margin)); }
.simkit-teach .widget-dropdown { flex-wrap: wrap; height: auto; }
.simkit-teach .widget-dropdown > select { flex: 1 1 16em; min-height: var(--jp-widgets-inline-height); }
.simkit-teach .widget-html-content { overflow-x: auto; }
.simkit-teach .widget-checkbox .widget-label-basic { display: flex; align-items: center; gap: 6px; }
.simkit-large .widget-slider { --jp-widgets-slider-track-thickness: 10px;
  --jp-widgets-slider-handle-size: 30px; --jp-widgets-slider-border-width: 3px;
  --jp-widgets-slider-active-handle-color: #ffbf00; height: auto; min-height: 48px; }
.simkit-large .widget-hslider .slider-container { margin: 0 22px; }
.simkit-large .widget-slider .noUi-connects { background: #fff; box-shadow: 0 0 0 2px #000; }
.simkit-large .widget-slider .noUi-connect { background: #0b2e5c; }
.simkit-large .widget-slider .noUi-handle { background: #ffbf00; border: 3px solid #000; }
.simkit-large .widget-slider .noUi-handle:focus { outline: 4px solid #0b2e5c; outline-offset: 2px; }
.simkit-large .widget-readout { color: #000; font-weight: bold; font-size: 20px; }
"""
"""Beyond the lesson styles (``simkit.ui.style``): slides, trainer tables, no control wider than its screen
(a drop-down's box moves under its label and a wide table scrolls in its own box in a narrow window), tick
boxes level with their text, and in large-text / high-contrast mode a slider a projector shows: a
thick dark-bordered track, the part before the handle dark blue, a large yellow handle outlined in black
(clear of the label at either end), a bold readout."""


def css_widget() -> widgets.HTML:
    """The trainer screens' extra styles, as an invisible widget placed once in each screen."""
    return widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(height="0px", overflow="hidden"))


def error_box(text: str) -> widgets.HTML:
    """A one-line message shown instead of a screen that could not be built (a broken content file)."""
    return widgets.HTML(f"<div class='simkit-bad'>⚠ {html.escape(text)}</div>")


def resolve_folder(text: str) -> Path:
    """A folder typed by a trainer, with ``~`` expanded (relative paths are relative to the notebook)."""
    return Path(text.strip()).expanduser()


class TeachView(widgets.VBox):
    """Base of the trainer screens: strings, language switch, large-text switch, messages and the guard."""

    def __init__(
        self, *, content: TeachContent, lang: str, title_key: str, intro_key: str, large: bool = False
    ) -> None:
        super().__init__()
        self.add_class(style.ROOT_CLASS)
        self.add_class("simkit-teach")
        self.content = content
        self.lang = check_lang(lang)
        self._title_key, self._intro_key = title_key, intro_key
        self._messages: list[tuple[str, Problem | str]] = []
        self.title = widgets.HTML()
        self.title.add_class("simkit-title")
        self.intro = widgets.HTML()
        self.message = widgets.HTML()
        self.lang_toggle = widgets.ToggleButtons(
            options=[("Tiếng Việt", "vi"), ("English", "en")], value=self.lang, style=WIDE
        )
        self.lang_toggle.observe(self.guard(lambda change: self.set_lang(change["new"])), "value")
        self.large = widgets.ToggleButton(value=large, layout=widgets.Layout(width="auto"))
        self.large.observe(self.guard(lambda change: style.set_large(self, change["new"])), "value")
        style.set_large(self, large)

    # --- strings and messages ---------------------------------------------------------------------------
    def say(self, key: str, **params: Any) -> str:
        """A trainer string in the screen's language (plain text, for widget labels)."""
        return self.content.get(key, self.lang, **params)

    def esc(self, key: str, **params: Any) -> str:
        """A trainer string in the screen's language, HTML-escaped."""
        return html.escape(self.say(key, **params))

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

    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """``callback`` that shows any error as one line in the message area instead of raising."""

        @functools.wraps(callback)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except ConfigError as exc:
                self.tell(("bad", self.say("common.content_error", message=str(exc))))
            except Exception as exc:  # noqa: BLE001 - a trainer must never see a traceback
                log.exception("trainer view callback failed")
                self.tell(("bad", self.say("common.unexpected", message=f"{type(exc).__name__}: {exc}")))
            return None

        return run

    def button(self, on_click: Callable[[], Any], *, primary: bool = False) -> widgets.Button:
        """A button wired through the guard; its label and tooltip are set by ``relabel``."""
        widget = widgets.Button(layout=widgets.Layout(width="auto"))
        if primary:
            widget.add_class("simkit-primary")
        widget.on_click(lambda _button: self.guard(on_click)())
        return widget

    # --- language ---------------------------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        """Show the screen in another language; what is on it stays."""
        self.lang = check_lang(lang)
        if self.lang_toggle.value != self.lang:
            self.lang_toggle.value = self.lang
        self.relabel()
        self._show_messages()
        self.render()

    def relabel(self) -> None:
        """Set every label in the current language; subclasses label their own controls, then call this."""
        self.title.value = f"<h2>{self.esc(self._title_key)}</h2>"
        self.intro.value = f"<p class='simkit-muted'>{self.esc(self._intro_key)}</p>"
        self.lang_toggle.description = self.say("common.language")
        self.lang_toggle.tooltips = [self.say("common.language_help")] * 2
        self.large.description = self.say("common.large")
        self.large.tooltip = self.say("common.large_help")

    def render(self) -> None:
        """Redraw the results part of the screen (subclasses)."""

    def header(self) -> list[widgets.Widget]:
        """The top of every screen: styles, title, introduction, language and large-text switches."""
        return [
            style.stylesheet(),
            css_widget(),
            self.title,
            self.intro,
            widgets.HBox(
                [self.lang_toggle, self.large],
                layout=widgets.Layout(flex_flow="row wrap", align_items="flex-end"),
            ),
        ]


def labelled(widget: widgets.DOMWidget, description: str, tooltip: str) -> None:
    """Give a control its visible, accessible label and a tooltip that says what it is for."""
    widget.description = description
    widget.tooltip = tooltip
