"""Pieces every planner view shares: the language switch, the message area, progress, labelled controls.

Why a guard around every callback: an exception inside an ipywidgets callback lands as a traceback in
the browser's console or the notebook, which tells a planner nothing. ``PlanView.guard`` turns any error
into one friendly line in the view's message area (input problems in the planner's words, anything
unexpected as a plea to tell the technical contact) and logs the details.

Why labels are registered rather than set once: the language switch relabels every control, button
and heading in place, so a planner can show the same screen to a Vietnamese and an English audience.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets

from simkit.errors import ConfigError
from simkit.plan.dashboard import error_message
from simkit.plan.inputs import FIELDS, KeyNumbers, planner_presets, preset
from simkit.plan.strings import PlanStrings, check_lang, load_plan_strings

log = logging.getLogger(__name__)

CSS = """
.simkit-plan { max-width: 1100px; font-size: 14px; line-height: 1.4; }
.simkit-plan .widget-html-content { white-space: normal; line-height: 1.4; overflow-x: auto; }
.simkit-plan h2 { color: #1a4d8f; margin: .2em 0; font-size: 1.35em; }
.simkit-plan h3 { color: #1a4d8f; margin: .6em 0 .2em; font-size: 1.1em; }
.simkit-plan-bad { color: #8a1c14; background: #fdf0e6; border-left: 5px solid #b3261e; padding: 6px 10px; }
.simkit-plan-ok { color: #1e6b24; background: #eaf6ea; border-radius: 6px; padding: 4px 10px; }
.simkit-plan-muted { color: #555; font-size: .92em; }
.simkit-plan-caption { background: #f7f9fc; border-left: 5px solid #1a4d8f; padding: 6px 10px; }
.simkit-plan-table { border-collapse: collapse; } .simkit-plan-table td, .simkit-plan-table th {
  border: 1px solid #bbb; padding: 3px 8px; text-align: left; vertical-align: top; }
.simkit-plan-table th { background: #eef3fa; }
.simkit-plan-assumption { border: 1px dashed #a07800; background: #fffbe8; padding: 6px 10px; }
.simkit-plan .widget-tab > .lm-TabBar .lm-TabBar-tab, .simkit-plan .widget-tab > .p-TabBar .p-TabBar-tab {
  flex: 0 1 auto; max-width: none; min-width: 0; }
.simkit-plan .widget-hbox { flex-wrap: wrap; }
.simkit-plan-header { justify-content: space-between; align-items: flex-end; column-gap: 18px; }
.simkit-plan-columns { column-gap: 18px; }
.simkit-plan .widget-inline-hbox { height: auto; min-height: var(--jp-widgets-inline-height);
  align-items: center; }
.simkit-plan .widget-inline-hbox > .widget-label { white-space: normal; overflow-wrap: anywhere;
  text-overflow: clip; height: auto; max-width: 100%; line-height: 1.3; padding: 2px 0; }
.simkit-plan .widget-dropdown { flex-wrap: wrap; }
.simkit-plan .widget-dropdown > select { height: var(--jp-widgets-inline-height); flex: 1 1 auto; }
"""
"""Beyond the look, so that nothing is cut off or scrolls sideways, in Vietnamese and in English (often
longer), and in narrower windows as far as they allow:

- a long label wraps onto a second line instead of ending in "…" (a label is read whole or not understood),
  and its row grows to fit it;
- a drop-down's box starts as wide as its longest option and moves under its label when the row is too
  narrow for both (a drop-down cannot wrap the option it shows);
- rows of buttons and the compare screen's two columns wrap in a narrow window; the header puts the
  language switch at the right, or under the title;
- a table wider than a narrow window scrolls inside its own box, not the whole screen.

Tested in a browser by tests/browser (every notebook, both languages)."""

WIDE = {"description_width": "initial"}
FIELD_STYLE = {"description_width": "62%"}
"""Form boxes: the label takes 62% of the row (long Vietnamese labels stay readable), the input the rest."""

FIELD_GAP = "4px 18px"
TWO_COLUMNS = "repeat(auto-fit, minmax(min(100%, max(300px, calc(50% - 9px))), 1fr))"
"""Form grid: two equal columns (each at least half the width less half the 18px gap, so never three), one
column once the form is narrower than two 300px columns, and never wider than the form itself."""
ONE_COLUMN = "minmax(0, 1fr)"
"""A one-column form: ``minmax(0, …)`` so a long label cannot stretch the column past its box."""
INSIDE = "calc(100% - 2 * var(--jp-widgets-margin))"
"""The full width of a box less a widget's own margins (``100%`` would stick out by them, and scroll)."""


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A small HTML table; every cell is escaped."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table class='simkit-plan-table'><tr>{head}</tr>{body}</table>"


def paragraph(text: str, css: str = "simkit-plan-caption") -> str:
    return f"<div class='{css}'>{html.escape(text)}</div>"


def alert_html(lines: Sequence[str]) -> str:
    """Warnings a planner must read before the numbers (lost citizens, a back office behind), announced
    politely to screen readers; empty when there are none."""
    if not lines:
        return ""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return f"<div class='simkit-plan-bad' role='status' aria-live='polite'>{body}</div>"


class PlanView(widgets.VBox):
    """Base of the planner views: strings, language switch, message area, progress bar and the guard."""

    def __init__(
        self, *, lang: str, strings: PlanStrings | None = None, title_key: str, intro_key: str
    ) -> None:
        super().__init__()
        self.strings = strings or load_plan_strings()
        self.lang = check_lang(lang)
        self._labels: list[tuple[Any, str, str]] = []
        self._dropdowns: list[widgets.Dropdown] = []
        self._relabelling = False
        self._last_error: Exception | None = None
        self.add_class("simkit-plan")
        self.title = widgets.HTML()
        self.intro = widgets.HTML()
        self.lang_toggle = widgets.ToggleButtons(
            options=[("Tiếng Việt", "vi"), ("English", "en")], value=self.lang
        )
        self.lang_toggle.style.button_width = "auto"
        self.message = widgets.HTML(layout=widgets.Layout(display="none"))
        self.progress = widgets.IntProgress(min=0, max=1, value=0, style=WIDE)
        self.status = widgets.HTML()
        self._title_key, self._intro_key = title_key, intro_key
        self.label(self.lang_toggle, "common.language", tooltip="common.language_help")
        self.label(self.progress, "common.progress")
        self.lang_toggle.observe(self.guard(lambda change: self.set_lang(change["new"])), names="value")

    # -- labels -------------------------------------------------------------------------------------
    def t(self, key: str, **params: Any) -> str:
        return self.strings.get(key, self.lang, **params)

    def label(self, widget: Any, key: str, *, attr: str = "description", tooltip: str | None = None) -> Any:
        """Register ``widget.attr`` (and its tooltip) to follow the language; set it now."""
        self._labels.append((widget, attr, key))
        if tooltip:
            self._labels.append((widget, "tooltip", tooltip))
        self._apply(widget, attr, key)
        if tooltip:
            self._apply(widget, "tooltip", tooltip)
        return widget

    def _apply(self, widget: Any, attr: str, key: str) -> None:
        setattr(widget, attr, self.t(key))

    def relabel(self) -> None:
        """Set every registered text in the current language; subclasses add their own texts."""
        self.title.value = f"<h2>{html.escape(self.t(self._title_key))}</h2>"
        self.intro.value = f"<div class='simkit-plan-muted'>{html.escape(self.t(self._intro_key))}</div>"
        for widget, attr, key in self._labels:
            self._apply(widget, attr, key)
        self._relabelling = True
        try:
            for dropdown in self._dropdowns:
                value = dropdown.value
                dropdown.options = self.preset_options()
                dropdown.value = value
        finally:
            self._relabelling = False
        if self._last_error is not None:
            self.show_error(self._last_error)

    def preset_options(self) -> list[tuple[str, str]]:
        """(preset name in the current language, preset id) for preset drop-downs."""
        return [(getattr(preset(name).name, self.lang), name) for name in planner_presets()]

    def preset_dropdown(
        self, value: str, on_choose: Callable[[str], Any], key: str = "common.preset"
    ) -> widgets.Dropdown:
        """A preset drop-down that follows the language and calls ``on_choose(preset)`` when changed."""
        dropdown = widgets.Dropdown(
            options=self.preset_options(), value=value, style=WIDE, layout=widgets.Layout(width="95%")
        )
        self.label(dropdown, key, tooltip="common.preset_help")
        self._dropdowns.append(dropdown)

        def changed(change: dict) -> None:
            if not self._relabelling and change["new"]:
                on_choose(change["new"])

        dropdown.observe(self.guard(changed), names="value")
        return dropdown

    def set_lang(self, lang: str) -> None:
        self.lang = check_lang(lang)
        for model in self._models():
            model.lang = self.lang
        self.relabel()
        self.render()

    def header(self) -> list[widgets.Widget]:
        """The top of every planner screen: styles, the title with the language switch, the introduction."""
        top = widgets.HBox([self.title, self.lang_toggle])
        top.add_class("simkit-plan-header")
        return [stylesheet(), top, self.intro]

    def _models(self) -> list[Any]:
        model = getattr(self, "model", None)
        return [model] if model is not None else []

    def render(self) -> None:
        """Show the last result in the current language (subclasses)."""

    # -- messages and progress ------------------------------------------------------------------------
    def show_error(self, error: Exception) -> None:
        self._last_error = error
        self.message.value = paragraph(error_message(error, self.strings, self.lang), "simkit-plan-bad")
        self.message.layout.display = None

    def clear_error(self) -> None:
        self._last_error = None
        self.message.value = ""
        self.message.layout.display = "none"

    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """``callback`` that shows any error as one line in the message area instead of raising."""

        @functools.wraps(callback)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - a planner must never see a traceback
                if not hasattr(exc, "problems"):
                    log.debug("planner view callback failed", exc_info=True)
                self.show_error(exc)
            return None

        return run

    def step(self, done: int, total: int) -> None:
        """Progress callback for the view models."""
        self.progress.max = max(total, 1)
        self.progress.value = done

    def button(
        self, key: str, on_click: Callable[[], Any], *, tooltip: str | None = None, primary: bool = False
    ) -> widgets.Button:
        widget = widgets.Button(
            layout=widgets.Layout(width="auto"), button_style="primary" if primary else ""
        )
        self.label(widget, key, tooltip=tooltip or key)
        widget.on_click(lambda _button: self.guard(on_click)())
        return widget


class NumbersForm(widgets.GridBox):
    """Labelled inputs for a set of fields; ``values()`` gives what was typed, unchecked.

    Number boxes are unbounded on purpose: a bounded box would silently turn 120% into 100%, while the
    planner should be told. Text boxes update when the planner leaves them (not on every key press),
    so "7:" half-typed is not an error.
    """

    def __init__(self, view: PlanView, fields: Sequence[str], kinds: dict[str, str], prefix: str) -> None:
        super().__init__(layout=widgets.Layout(grid_template_columns=TWO_COLUMNS, grid_gap=FIELD_GAP))
        self.controls: dict[str, widgets.Widget] = {}
        self._quiet = False
        self._listeners: list[Callable[[], None]] = []
        for name in fields:
            kind = kinds[name]
            layout = widgets.Layout(width=INSIDE)
            if kind == "int":
                control = widgets.IntText(style=FIELD_STYLE, layout=layout)
            elif kind == "float":
                control = widgets.FloatText(style=FIELD_STYLE, layout=layout)
            else:
                control = widgets.Text(
                    style=FIELD_STYLE, layout=layout, continuous_update=False, placeholder="HH:MM"
                )
            view.label(control, f"{prefix}.{name}.label", tooltip=f"{prefix}.{name}.help")
            control.observe(view.guard(self._changed), names="value")
            self.controls[name] = control
        self.children = list(self.controls.values())

    def values(self) -> dict[str, Any]:
        return {name: control.value for name, control in self.controls.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the form without telling listeners (one run after, not one per field)."""
        with self.quiet():
            for name, control in self.controls.items():
                value = values[name]
                control.value = value if not isinstance(control, widgets.IntText) else int(value)

    @contextmanager
    def quiet(self) -> Any:
        self._quiet, before = True, self._quiet
        try:
            yield
        finally:
            self._quiet = before

    def on_change(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)

    def _changed(self, _change: Any = None) -> None:
        if not self._quiet:
            for callback in self._listeners:
                callback()


KEY_KINDS = {
    "citizens_per_day": "float",
    "adoption": "float",
    "failure": "float",
    "counters": "int",
    "backoffice": "int",
    "assisted": "int",
    "opens": "text",
    "lunch_start": "text",
    "lunch_end": "text",
    "closes": "text",
    "target_wait": "float",
}


def key_numbers_form(view: PlanView) -> NumbersForm:
    """The form of the planner's key numbers (``simkit.plan.inputs.FIELDS``)."""
    return NumbersForm(view, FIELDS, KEY_KINDS, "field")


def fill(form: NumbersForm, numbers: KeyNumbers, changes: Mapping[str, Any] | None = None) -> None:
    """Put a preset's key numbers in the form, with a notebook's ``changes`` (e.g. ``{"counters": 2}``)."""
    values = numbers.as_dict()
    for name, value in (changes or {}).items():
        if name not in values:
            raise ConfigError(f"not a key number; known: {', '.join(values)}", field=name)
        values[name] = value
    form.set_values(values)


def figure_image() -> widgets.Image:
    """An ``Image`` for a figure's PNG bytes (sent in binary, not as base64 text).

    No tooltip: in ipywidgets 8.1 the browser side of ``Image`` fails to render ("Failed to create view
    for 'ImageView'") when a tooltip is set, because it looks for a description the Image has not. The
    caption above each figure says what it shows instead.
    """
    return widgets.Image(format="png", layout=widgets.Layout(max_width=INSIDE, align_self="flex-start"))


def stylesheet() -> widgets.HTML:
    """The planner stylesheet as a widget (nothing is loaded from a CDN)."""
    return widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(height="0px", overflow="hidden"))
