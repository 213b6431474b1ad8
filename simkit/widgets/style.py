"""Looks of every screen — lessons, trainer and planner: one stylesheet, a normal and a large-text mode.

Why a stylesheet in a widget: screens open offline, so nothing can come from a CDN; the CSS is a string
shipped here and placed once in each screen as an ``HTML`` widget. Its three parts apply under their
screens' root classes (``simkit-app`` for lessons and trainer screens, ``simkit-teach``, ``simkit-plan``).
Large-text mode is a class on a screen's root box (``simkit-large``) that scales fonts and control
heights and switches to strong contrast, for older eyes and for projectors in a commune hall.
"""

from __future__ import annotations

import ipywidgets as widgets

ROOT_CLASS = "simkit-app"
ASSIST_ROOT_CLASS = "simkit-root"
"""The box a ``simkit.widgets.assist.PageAssist`` works in (focus, ``lang``, toggle states)."""
WIDE = {"description_width": "initial"}
"""Widget style that shows a control's whole description (its visible, accessible label) untruncated."""
LARGE_CLASS = "simkit-large"

LESSON_CSS = """
.simkit-app { max-width: 980px; font-size: 16px; line-height: 1.45; color: #1b1b1b;
  --jp-widgets-font-size: 16px; --jp-widgets-inline-height: 36px; box-sizing: border-box; }
.simkit-app .jupyter-widgets, .simkit-app .widget-label, .simkit-app .widget-label-basic,
.simkit-app input, .simkit-app select, .simkit-app textarea, .simkit-app button.jupyter-button {
  font-size: max(16px, 1em); }
.simkit-app .jupyter-widgets { max-width: calc(100% - 2 * var(--jp-widgets-margin)); min-width: 0;
  box-sizing: border-box; }
.simkit-app .widget-html-content { overflow-wrap: anywhere; }
.simkit-app :focus-visible, .simkit-app [data-simkit-focus]:focus { outline: 3px solid #e69138;
  outline-offset: 2px; }
.simkit-app .widget-radio, .simkit-app .widget-checkbox, .simkit-app .widget-radio-box {
  width: auto; max-width: calc(100% - 2 * var(--jp-widgets-margin)); min-width: 0; }
.simkit-app .widget-radio-box label, .simkit-app .widget-checkbox label { overflow-wrap: anywhere; }
.simkit-app .widget-toggle-buttons { flex-wrap: wrap; height: auto; }
.simkit-app .widget-toggle-buttons > .widget-label { max-width: calc(100% - 2 * var(--jp-widgets-margin)); }
.simkit-app .widget-toggle-buttons > div { display: flex; flex-wrap: wrap; max-width: 100%; }
.simkit-app .widget-dropdown { flex-wrap: wrap; height: auto; }
.simkit-app .widget-dropdown > select { flex: 1 1 12em; min-width: 0; max-width: 100%; }
.simkit-app .widget-text { flex-wrap: wrap; height: auto; }
.simkit-app .widget-text > input { flex: 1 1 12em; min-width: 0; }
.simkit-app .widget-inline-hbox > .widget-label { white-space: normal; height: auto; max-width: 100%; }
.simkit-app .simkit-persona { flex: 1 1 260px; max-width: 360px; }
.simkit-app details.simkit-sources summary { cursor: pointer; font-weight: bold; min-height: 32px; }
.simkit-compact { align-items: center; }
.simkit-app .widget-hbox { gap: 8px; }
.simkit-app .widget-html-content { font-size: 1em; line-height: 1.45; white-space: normal; }
.simkit-app button.jupyter-button { white-space: normal; height: auto; min-height: 34px; line-height: 1.3;
  padding: 6px 12px; text-align: left; }
.simkit-app .simkit-primary button, .simkit-app button.simkit-primary { font-weight: bold; }
.simkit-title h2 { margin: .2em 0; color: #1a4d8f; }
.simkit-card { border: 1px solid #c9d3e0; border-radius: 8px; padding: 8px 12px; background: #f7f9fc; }
.simkit-callout-tip { border-left: 5px solid #2e7d32; background: #eef7ee; padding: 6px 10px; }
.simkit-callout-note { border-left: 5px solid #1a4d8f; background: #eef3fa; padding: 6px 10px; }
.simkit-callout-warning { border-left: 5px solid #b3261e; background: #fdeeee; padding: 6px 10px; }
.simkit-ok { color: #1e6b24; background: #eaf6ea; border-radius: 6px; padding: 6px 10px; }
.simkit-bad { color: #8a1c14; background: #fdf0e6; border-radius: 6px; padding: 6px 10px; }
.simkit-field-problem { color: #8a1c14; }
.simkit-banner { background: #fff4c2; border: 1px dashed #a07800; padding: 4px 8px; }
.simkit-phone { width: 420px; max-width: 100%; box-sizing: border-box; border: 8px solid #222;
  border-radius: 24px; padding: 8px 8px 14px; background: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.25);
  overflow-x: hidden; }
.simkit-phone button.jupyter-button { width: 100%; box-sizing: border-box; }
.simkit-phone .widget-hbox button.jupyter-button { width: auto; }
.simkit-phone-bar { background: #1a4d8f; color: #fff; border-radius: 6px; padding: 4px 8px; }
.simkit-phone-bar b { color: #fff; }
.simkit-phone .widget-inline-hbox { flex-wrap: wrap; height: auto; }
.simkit-app .widget-checkbox { height: auto; min-height: var(--jp-widgets-inline-height); }
.simkit-app .widget-checkbox label { white-space: normal; line-height: 1.3; height: auto; }
.simkit-app .widget-radio-box label { white-space: normal; height: auto; line-height: 1.3; }
/* radio buttons and tick boxes at least 20 px (browsers draw 13 px): for older eyes and fingers */
.simkit-app .widget-radio-box input, .simkit-app .widget-checkbox input[type="checkbox"] { width: 20px;
  height: 20px; flex: 0 0 auto; margin: 2px 10px 2px 2px; vertical-align: middle; }
.simkit-app .widget-radio-box label { min-height: 28px; padding: 2px 0; }
.simkit-app button.jupyter-button.simkit-chosen { font-weight: bold; border: 3px solid #1a4d8f; opacity: 1; }
.simkit-large button.jupyter-button.simkit-chosen { border-color: #ffbf00; }
.simkit-phone .widget-inline-hbox > .widget-label { width: 100%; max-width: 100%; white-space: normal; }
.simkit-phone .widget-inline-hbox > input, .simkit-phone .widget-inline-hbox > select { width: 100%;
  flex: 1 1 auto; min-width: 0; }
.simkit-phone select, .simkit-phone input { min-height: 30px; box-sizing: border-box; }
.simkit-sms { background: #e8eefc; border-radius: 10px; padding: 6px 10px; border: 1px solid #9fb3e0;
  font-family: monospace; }
.simkit-task { font-weight: bold; }
.simkit-message { border-radius: 12px; padding: 8px 12px; background: #f1f1f1; border: 1px solid #bbb; }
.simkit-progress td, .simkit-progress th, .simkit-table td, .simkit-table th { border: 1px solid #bbb;
  padding: 4px 8px; text-align: left; vertical-align: top; }
.simkit-progress, .simkit-table { border-collapse: collapse; }
.simkit-muted { color: #4a4a4a; }
.simkit-trainer { border: 2px dashed #6a1b9a; background: #f6effa; padding: 6px 10px; }
.simkit-large { font-size: 20px; color: #000; --jp-widgets-inline-height: 44px;
  --jp-widgets-font-size: 20px; }
.simkit-large .widget-inline-hbox, .simkit-large .widget-dropdown, .simkit-large .widget-text {
  height: auto; }
.simkit-large .widget-checkbox input[type="checkbox"], .simkit-large .widget-radio-box input { width: 24px;
  height: 24px; }
.simkit-large .widget-html-content, .simkit-large .widget-label, .simkit-large input,
.simkit-large select, .simkit-large button.jupyter-button, .simkit-large .widget-radio-box label,
.simkit-large .widget-checkbox label { font-size: 20px !important; }
.simkit-large button.jupyter-button { min-height: 48px; background: #0b2e5c; color: #fff;
  border: 2px solid #000; }
.simkit-large button.jupyter-button:focus, .simkit-large input:focus, .simkit-large select:focus {
  outline: 4px solid #ffbf00; }
.simkit-large button.jupyter-button.mod-active { background: #ffbf00; color: #000; border: 3px solid #000; }
.simkit-app button.jupyter-button.mod-active { font-weight: bold; }
.simkit-large input, .simkit-large select { min-height: 40px; border: 2px solid #000; }
.simkit-large .simkit-card, .simkit-large .simkit-message { background: #fff; border: 2px solid #000; }
.simkit-large .simkit-ok { color: #fff; background: #0b5d1e; }
.simkit-large .simkit-bad { color: #fff; background: #8a1c14; }
.simkit-large .simkit-field-problem { color: #8a1c14; font-weight: bold; }
.simkit-large .simkit-phone { width: 560px; }
.simkit-large.simkit-app { max-width: 1100px; }
.simkit-large .simkit-title h2 { font-size: 1.4em; }
.simkit-large .simkit-muted { color: #000; }
"""


TRAINER_CSS = """
.simkit-teach { max-width: 1100px; font-size: 16px; --jp-widgets-font-size: 16px; }
.simkit-teach .widget-label, .simkit-teach .widget-label-basic, .simkit-teach input, .simkit-teach select,
.simkit-teach button.jupyter-button { font-size: max(16px, 1em); }
.simkit-teach h2 { color: #1a4d8f; margin: .2em 0; }
.simkit-teach h3 { color: #1a4d8f; margin: .7em 0 .2em; }
.simkit-teach .simkit-table th { background: #eef3fa; }
.simkit-teach .simkit-table td.simkit-num { text-align: right; }
.simkit-teach .simkit-table td ul { margin: 2px 0; }
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
"""The trainer screens (``simkit-teach``), beyond the lesson styles: slides, trainer tables, no control
wider than its screen (a drop-down's box moves under its label and a wide table scrolls in its own box in
a narrow window), tick boxes level with their text, and in large-text / high-contrast mode a slider a
projector shows: a thick dark-bordered track, the part before the handle dark blue, a large yellow handle
outlined in black (clear of the label at either end), a bold readout."""

PLANNER_CSS = """
.simkit-plan { max-width: 1100px; font-size: 16px; line-height: 1.4; --jp-widgets-font-size: 16px; }
.simkit-plan .widget-label, .simkit-plan .widget-label-basic, .simkit-plan input, .simkit-plan select,
.simkit-plan button.jupyter-button, .simkit-plan .widget-readout { font-size: max(16px, 1em); }
.simkit-plan .widget-html-content { white-space: normal; line-height: 1.4; overflow-x: auto; }
.simkit-plan h2 { color: #1a4d8f; margin: .2em 0; font-size: 1.35em; }
.simkit-plan h3 { color: #1a4d8f; margin: .6em 0 .2em; font-size: 1.1em; }
.simkit-plan-bad { color: #8a1c14; background: #fdf0e6; border-left: 5px solid #b3261e; padding: 6px 10px; }
.simkit-plan-ok { color: #1e6b24; background: #eaf6ea; border-radius: 6px; padding: 4px 10px; }
.simkit-plan-muted { color: #4a4a4a; }
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
"""The planner screens (``simkit-plan``): beyond the look, so that nothing is cut off or scrolls sideways,
in Vietnamese and in English (often longer), and in narrower windows as far as they allow:

- a long label wraps onto a second line instead of ending in "…" (a label is read whole or not understood),
  and its row grows to fit it;
- a drop-down's box starts as wide as its longest option and moves under its label when the row is too
  narrow for both (a drop-down cannot wrap the option it shows);
- rows of buttons and the compare screen's two columns wrap in a narrow window; the header puts the
  language switch at the right, or under the title;
- a table wider than a narrow window scrolls inside its own box, not the whole screen.

Tested in a browser by tests/browser (every notebook, both languages)."""


CSS = LESSON_CSS + TRAINER_CSS + PLANNER_CSS
"""The one stylesheet of every screen; each part's rules apply under its screens' root class only."""


def stylesheet() -> widgets.HTML:
    """The stylesheet as a widget to place first in an app's children."""
    return widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(height="0px", overflow="hidden"))


def set_large(box: widgets.Box, on: bool) -> None:
    """Switch large-text/high-contrast mode on or off for everything inside ``box``."""
    if on:
        box.add_class(LARGE_CLASS)
    else:
        box.remove_class(LARGE_CLASS)
