"""Looks of the lesson screens: one stylesheet, a normal mode and a large-text/high-contrast mode.

Why a stylesheet in a widget: learners open lessons offline, so nothing can come from a CDN; the CSS is a
string shipped here and placed once in each app as an ``HTML`` widget. Large-text mode is a class on the
app's root box (``simkit-large``) that scales fonts and control heights and switches to strong contrast,
for older eyes and for projectors in a commune hall.
"""

from __future__ import annotations

import ipywidgets as widgets

ROOT_CLASS = "simkit-app"
WIDE = {"description_width": "initial"}
"""Widget style that shows a control's whole description (its visible, accessible label) untruncated."""
LARGE_CLASS = "simkit-large"

CSS = """
.simkit-app { max-width: 980px; font-size: 15px; line-height: 1.45; color: #1b1b1b; }
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
.simkit-field-problem { color: #8a1c14; font-size: .95em; }
.simkit-banner { background: #fff4c2; border: 1px dashed #a07800; padding: 4px 8px; font-size: .9em; }
.simkit-phone { width: 400px; border: 10px solid #222; border-radius: 28px; padding: 10px 12px 16px;
  background: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.simkit-phone-bar { background: #1a4d8f; color: #fff; border-radius: 6px; padding: 4px 8px; }
.simkit-phone-bar b { color: #fff; }
.simkit-phone .widget-inline-hbox { flex-wrap: wrap; height: auto; }
.simkit-app .widget-checkbox { height: auto; min-height: var(--jp-widgets-inline-height); }
.simkit-app .widget-checkbox label { white-space: normal; line-height: 1.3; height: auto; }
.simkit-app .widget-radio-box label { white-space: normal; height: auto; line-height: 1.3; }
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
.simkit-muted { color: #555; font-size: .9em; }
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
.simkit-large .simkit-phone { width: 520px; }
.simkit-large .simkit-muted { color: #000; }
"""


def stylesheet() -> widgets.HTML:
    """The stylesheet as a widget to place first in an app's children."""
    return widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(height="0px", overflow="hidden"))


def set_large(box: widgets.Box, on: bool) -> None:
    """Switch large-text/high-contrast mode on or off for everything inside ``box``."""
    if on:
        box.add_class(LARGE_CLASS)
    else:
        box.remove_class(LARGE_CLASS)
