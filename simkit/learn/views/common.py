"""Small pieces shared by the lesson views: the context they read from and HTML helpers.

Every callback goes through the one guard (``simkit.widgets.guard``), so a ``ConfigError`` (or any other
error) becomes one line in the view's message area instead of a traceback.

For keyboard and screen-reader users every view does two things after an action (the practice screen, and
the quiz and drill views through the same helpers): its feedback is a ``feedback_box`` (an ``aria-live``
region, so it is read out), and the element to continue from is marked with ``ctx.focus_here()`` (the
keyboard focus moves there once it is drawn; see ``simkit.widgets.assist``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from simkit.learn import markup
from simkit.learn.schema import Text
from simkit.learn.session import LessonSession
from simkit.learn.strings import UiStrings
from simkit.learn.validators import Problem
from simkit.widgets import guard
from simkit.widgets.assist import PageAssist


@dataclass
class Context:
    """What every view needs: the session (place, language), the UI strings, and whom to tell of changes."""

    session: LessonSession
    strings: UiStrings
    changed: Callable[[], None]
    error: Callable[[str], None]
    trainer: bool = False
    assist: PageAssist | None = None

    @property
    def lang(self) -> str:
        return self.session.lang

    def t(self, key: str, **params: Any) -> str:
        """A UI string in the current language, HTML-escaped."""
        return html.escape(self.strings.get(key, self.lang, **params))

    def plain(self, key: str, **params: Any) -> str:
        """A UI string in the current language, for widget descriptions (not HTML)."""
        return self.strings.get(key, self.lang, **params)

    def say(self, item: Text | Problem, links: bool = True) -> str:
        """Feedback of either kind as safe HTML (``links=False`` for messages under judgement)."""
        if isinstance(item, Problem):
            return html.escape(self.strings.say(item, self.lang))
        return markup.inline(item.text(self.lang), links)

    def focus_here(self, *, scroll_top: bool = False) -> str:
        """An HTML attribute marking the element the keyboard focus moves to once it is drawn.

        Put it in the opening tag of the element to continue from (``<div {ctx.focus_here()}>``);
        ``scroll_top`` also scrolls the lesson's title into view first (a new page).
        """
        if self.assist is None:
            return ""
        target = self.assist.marker()
        self.assist.focus(target, scroll_top=scroll_top)
        return f'data-simkit-focus="{target}" tabindex="-1"'

    def text(self, item: Text, links: bool = True) -> str:
        """A lesson text as safe HTML paragraphs and lists (``links=False`` for messages under judgement)."""
        return markup.to_html(item.text(self.lang), links)


def html_box(content: str, css: str | None = None) -> widgets.HTML:
    """An HTML widget; ``css`` is one class or several separated by spaces."""
    widget = widgets.HTML(content)
    for name in (css or "").split():
        widget.add_class(name)
    return widget


def feedback_box(content: str, ok: bool, focus: str = "") -> widgets.HTML:
    """Feedback on an answer: green or red, in an ``aria-live`` region so a screen reader reads it out.

    ``focus``: the attribute from ``Context.focus_here()`` to move the keyboard focus to it.
    """
    return html_box(
        f"<div role='status' aria-live='polite' {focus}>{content}</div>",
        f"{'simkit-ok' if ok else 'simkit-bad'} simkit-live",
    )


def button(
    label: str,
    on_click: Callable[[], object],
    ctx: Context,
    *,
    tooltip: str | None = None,
    css: str | None = None,
    width: str = "auto",
) -> widgets.Button:
    """A button whose label is also its accessible name, wired through the error guard."""
    widget = widgets.Button(description=label, tooltip=tooltip or label, layout=widgets.Layout(width=width))
    if css:
        widget.add_class(css)
    widget.on_click(lambda _b: guarded(on_click, ctx.error)())
    return widget


def replace_children(box: widgets.Box, children: list[widgets.Widget]) -> None:
    """Show ``children`` in ``box`` and close the widgets of the previous drawing that are no longer shown.

    Why: views redraw by building fresh widgets; without closing, every redraw would leave its widgets
    registered in the kernel and the browser for as long as the notebook is open.
    """
    old = set(_tree(box.children))
    box.children = children
    for widget in old - set(_tree(children)):
        widget.close()


def _tree(children: Any) -> list[widgets.Widget]:
    found: list[widgets.Widget] = []
    for child in children:
        found.append(child)
        found.extend(_tree(getattr(child, "children", ())))
    return found


def guarded(callback: Callable[..., Any], report: Callable[[str], None]) -> Callable[..., Any]:
    """``callback`` through the one guard (``simkit.widgets.guard``); its error as one line to ``report``."""
    return guard.guarded(callback, lambda error: report(guard.one_line(error)))
