"""Pieces every planner view shares: the language switch, the message area, progress, labelled controls.

Every callback goes through the one guard (``simkit.widgets.guard``): any error becomes one friendly line
in the view's message area (input problems in the planner's words, anything unexpected as a plea to tell
the technical contact, logged with its traceback).

Why labels are registered rather than set once: the language switch relabels every control, button
and heading in place, so a planner can show the same screen to a Vietnamese and an English audience.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets

from simkit.bilingual import check_lang
from simkit.errors import ConfigError
from simkit.plan.dashboard import error_message
from simkit.plan.inputs import FIELDS, KeyNumbers, planner_presets, preset
from simkit.plan.strings import PlanStrings, load_plan_strings
from simkit.widgets import style
from simkit.widgets.style import WIDE
from simkit.widgets.view import ScreenView

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


class PlanView(ScreenView):
    """Base of the planner views: the shared screen base with planner strings, labels that follow the
    language, preset drop-downs, a progress bar and the planner's message style."""

    def __init__(
        self, *, lang: str, strings: PlanStrings | None = None, title_key: str, intro_key: str
    ) -> None:
        self.strings = strings or load_plan_strings()
        self._labels: list[tuple[Any, str, str]] = []
        self._dropdowns: list[widgets.Dropdown] = []
        self._relabelling = False
        self._last_error: Exception | None = None
        super().__init__(lang=lang, title_key=title_key, intro_key=intro_key, root_classes=("simkit-plan",))
        self.message.layout.display = "none"
        self.progress = widgets.IntProgress(min=0, max=1, value=0, style=WIDE)
        self.status = widgets.HTML()
        self.label(self.progress, "common.progress")

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
        super().relabel()
        self.intro.value = f"<div class='simkit-plan-muted'>{self.esc(self._intro_key)}</div>"
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
        super().set_lang(lang)

    def header(self) -> list[widgets.Widget]:
        """The top of every planner screen: styles, the title with the two switches, the introduction."""
        top = widgets.HBox([self.title, self.switches()])
        top.add_class("simkit-plan-header")
        return [style.stylesheet(), top, self.intro]

    def _models(self) -> list[Any]:
        model = getattr(self, "model", None)
        return [model] if model is not None else []

    # -- messages and progress ------------------------------------------------------------------------
    def show_error(self, error: Exception) -> None:
        self._last_error = error
        self.message.value = paragraph(error_message(error, self.strings, self.lang), "simkit-plan-bad")
        self.message.layout.display = None

    def clear_error(self) -> None:
        self._last_error = None
        self.message.value = ""
        self.message.layout.display = "none"

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
