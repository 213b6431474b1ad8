"""Driving JupyterLab and Voilà pages as a person does, and reading what they show.

Selectors are JupyterLab 4.6 / ipywidgets 8.1 (see ../shared/reference/browser-testing.md). Every wait is
for an event on the page (a prompt number, a text, an image's pixels), never a fixed sleep.

``window.jupyterapp`` (the server runs with ``expose_app_in_browser``) is used only for bookkeeping a
person does not see: opening a notebook (what a double-click in the file browser does), knowing when its
kernel is connected, and closing it without the "save changes?" dialog after the test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RUN_SECONDS = 150
"""Upper bound for one notebook's Run All (the slowest takes about 10 s here)."""
OPEN_SECONDS = 60
"""Upper bound for a notebook to open and its new kernel to be connected and idle."""
WIDGET_SECONDS = 30
"""Upper bound for widgets to draw and images to load after their cell finished."""

WIDGET_FAILURES = ("Loading widget", "Error displaying widget")
WIDGET_REPR = re.compile(r"^[A-Z][A-Za-z]*\((children|description|layout|value|options)=", re.M)
"""A widget shown as text (``VBox(children=…)``): its view did not render."""

SETTLED = """(root) => {
  const scope = document.querySelector(root) || document.body;
  if (scope.innerText.includes('Loading widget')) return false;
  return [...scope.querySelectorAll('img')].every(i => i.complete);
}"""
"""True once no widget is still loading and every image has finished loading (or failed)."""

READ_OUTPUTS = """([root, output, stderr]) => {
  const scope = document.querySelector(root) || document.body;
  const outputs = [...scope.querySelectorAll(output)];
  const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const pen = document.createElement('canvas').getContext('2d');
  return {
    outputs: outputs.length,
    stderr: outputs.filter(o => o.matches(stderr)).map(o => o.innerText.trim()),
    text: outputs.map(o => o.innerText),
    widgets: scope.querySelectorAll('.jupyter-widgets').length,
    images: [...scope.querySelectorAll(output + ' img')].map(i => ({
      loaded: i.complete && i.naturalWidth > 0, visible: visible(i), width: i.naturalWidth,
      src: i.src.slice(0, 60)})),
    // Here and below, "+ 1": scroll and client sizes are whole pixels, so 1px over can be rounding alone.
    scrolled: [...scope.querySelectorAll(`${output}, ${output} *`)].filter(e => visible(e)
        && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
      .map(e => `${e.className} (${e.scrollWidth}px of content in ${e.clientWidth}px): `
                + e.innerText.slice(0, 80)),
    // A label or button whose text does not fit: ended in "…" (wider than its box) or, once wrapped,
    // with lines hidden or spilling out (taller than its box).
    truncated: [...scope.querySelectorAll(CLIPPABLE.map(c => `${output} ${c}`).join(', '))]
      .filter(l => visible(l) && (l.scrollWidth > l.clientWidth + 1 || l.scrollHeight > l.clientHeight + 1))
      .map(l => l.textContent.trim()),
    // A drop-down cannot wrap: the option it shows must fit between its paddings (the right one holds the
    // arrow). Measured with the select's own font, as the browser draws it.
    cut_options: [...scope.querySelectorAll(output + ' select')]
      .filter(s => visible(s) && s.selectedOptions.length && !s.multiple && s.size <= 1).filter(s => {
          const style = getComputedStyle(s);
          pen.font = style.font;
          const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return pen.measureText(s.selectedOptions[0].text).width > room + 1;
        }).map(s => s.selectedOptions[0].text.replace(/\\u00a0/g, ' ')),
  };
}""".replace("CLIPPABLE", repr(["label.widget-label", ".widget-label-basic", "button.jupyter-button"]))


@dataclass
class Outputs:
    """What a page's outputs show, and everything wrong with them."""

    outputs: int
    stderr: list[str]
    text: list[str]
    widgets: int
    images: list[dict[str, Any]]
    scrolled: list[str]
    truncated: list[str]
    cut_options: list[str]
    problems: list[str] = field(default_factory=list)

    @property
    def layout(self) -> list[str]:
        """What a person would notice in the layout: a sideways scrollbar, a cut-off label or drop-down."""
        return (
            [f"horizontal scrollbar in {short(s, 160)}" for s in self.scrolled]
            + [f"label cut off: {label!r}" for label in self.truncated]
            + [f"drop-down text cut off: {text!r}" for text in self.cut_options]
        )

    @property
    def figures(self) -> int:
        """Visible, loaded images (matplotlib PNGs and ipywidgets Image views)."""
        return sum(1 for image in self.images if image["loaded"] and image["visible"])


QUIET_MS = 500
QUIET = """([root, quiet, most]) => new Promise(resolve => {
  const scope = document.querySelector(root) || document.body;
  const done = () => { observer.disconnect(); clearTimeout(last); resolve(true); };
  let timer = setTimeout(done, quiet);
  const last = setTimeout(done, most);
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
  observer.observe(scope, {subtree: true, childList: true, characterData: true, attributeFilter: ['src']});
})"""
"""Resolves once nothing in ``root`` has changed for ``quiet`` ms (at the most after ``most`` ms).

Why not just "the kernel is idle": the kernel reports idle as soon as it has sent its updates, but the page
applies them later (a new figure is decoded first, then the table after it is redrawn, ~0.3 s later on two
cores), so a screen read at "idle" can be half old, half new. A change arriving after a quiet spell this
long is not part of the same update."""


def short(text: str, limit: int = 500) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


def settle(page: Any, root: str) -> None:
    """Wait until no widget says "Loading widget…" and every image has loaded (bounded wait)."""
    try:
        page.wait_for_function(SETTLED, arg=root, timeout=WIDGET_SECONDS * 1000)
    except Exception:  # noqa: BLE001 - whatever is still wrong is reported by read_outputs
        pass


def read_outputs(page: Any, root: str, output: str, stderr: str) -> Outputs:
    """Every output under ``root``, with the problems a person would see."""
    settle(page, root)
    found = Outputs(**page.evaluate(READ_OUTPUTS, [root, output, stderr]))
    for text in found.stderr:
        found.problems.append(f"error output: {short(text)}")
    for text in found.text:
        for failure in WIDGET_FAILURES:
            if failure in text:
                found.problems.append(f"widget not rendered ({failure!r}): {short(text)}")
        match = WIDGET_REPR.search(text)
        if match:
            found.problems.append(f"widget shown as text, its view missing: {short(text[match.start() :])}")
    for image in found.images:
        if image["visible"] and not image["loaded"]:  # an empty image in a closed tab is not seen
            found.problems.append(f"image shown empty or broken (src {image['src']}…)")
    return found


def widget_input(scope: Any, label: str) -> Any:
    """The ``input`` of the text/number widget whose visible label is exactly ``label``."""
    page = scope if not hasattr(scope, "page") else scope.page  # a Page, or a Locator of one
    name = page.locator("label.widget-label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    return scope.locator(".widget-inline-hbox").filter(has=name).locator("input")


def button(scope: Any, label: str) -> Any:
    """Widget buttons whose text is exactly ``label``."""
    return scope.locator("button.jupyter-button", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))


def tall_screenshot(page: Any, scroller: str, path: Path) -> Path:
    """A screenshot of everything in the scrolling element ``scroller``: the viewport is made as tall as
    its content for the picture (JupyterLab and Voilà scroll inside a panel, not the page)."""
    extra = page.evaluate(
        """(selector) => {
          const panel = document.querySelector(selector);
          if (!panel) return 0;
          panel.scrollTop = 0;
          return panel.scrollHeight - panel.clientHeight;
        }""",
        scroller,
    )
    viewport = page.viewport_size
    if extra > 0:
        page.set_viewport_size({"width": viewport["width"], "height": min(viewport["height"] + extra, 8000)})
    try:
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(viewport)
    return path


# --- JupyterLab -------------------------------------------------------------------------------------------
LAB_ROOT = ".jp-NotebookPanel:not(.lm-mod-hidden)"
LAB_OUTPUT = ".jp-OutputArea-output"
LAB_STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'

APP_READY = """() => !!(window.jupyterapp && window.jupyterapp.shell
  && document.querySelector('.lm-MenuBar-itemLabel'))"""

KERNEL_READY = """(path) => {
  const w = window.jupyterapp.shell.currentWidget;
  if (!w || !w.context || w.context.path !== path || !w.context.isReady) return false;
  const s = w.sessionContext, k = s && s.session && s.session.kernel;
  return !!(s.isReady && k && k.connectionStatus === 'connected' && k.status === 'idle');
}"""

CELLS_DONE = """() => {
  const dialog = document.querySelector('.jp-Dialog');
  if (dialog) return 'dialog: ' + dialog.innerText;
  const prompts = [...document.querySelectorAll(ROOT + ' .jp-CodeCell .jp-InputPrompt')];
  if (prompts.length === 0 || prompts.some(p => p.textContent.includes('*'))) return false;
  const unrun = prompts.filter(p => !/\\[\\d+\\]/.test(p.textContent)).length;
  if (unrun === 0) return 'done';
  // Run All stops at a cell that raised: the cells after it are left unrun.
  return document.querySelector(ROOT + ' ' + STDERR) ? 'stopped: ' + unrun : false;
}""".replace("ROOT", repr(LAB_ROOT)).replace("STDERR", repr(LAB_STDERR))

OUTPUT_TEXT = """([root, output]) => [...document.querySelectorAll(`${root} ${output}`)]
  .map(o => o.innerText).join('\\n')"""

CLOSE_ALL = """() => {
  const app = window.jupyterapp;
  for (const w of [...app.shell.widgets('main')]) {
    if (w.context && w.context.model) w.context.model.dirty = false;
    w.dispose();
  }
  return true;
}"""


class Lab:
    """The session's JupyterLab page, used by one test: open a notebook, run it, read it, close it."""

    def __init__(self, tab: Any, server: Any, artifacts: Path) -> None:
        self.tab = tab
        self.page = tab.page
        self.server = server
        self.artifacts = artifacts
        self.first_request = len(tab.offline.outside)
        self.stopped = ""
        self.path = ""

    @property
    def panel(self) -> Any:
        return self.page.locator(LAB_ROOT)

    def ensure_loaded(self) -> None:
        """Load JupyterLab once (a workspace of its own, reset); reload it if a test broke the page."""
        if self.page.url.startswith(self.server.url) and self.page.evaluate(APP_READY):
            return
        self.page.goto(f"{self.server.url}/lab/workspaces/simkit-tests?reset&token={self.server.token}")
        self.page.wait_for_function(APP_READY, timeout=OPEN_SECONDS * 1000)

    def open(self, relative: str) -> None:
        """Open ``relative`` (as a double-click in the file browser does) and wait for its kernel."""
        self.ensure_loaded()
        self.page.evaluate(
            "(path) => { window.jupyterapp.commands.execute('docmanager:open', {path}); }", relative
        )
        self.page.wait_for_function(KERNEL_READY, arg=relative, timeout=OPEN_SECONDS * 1000)
        self.panel.locator(".jp-Cell").first.wait_for()
        self.path = relative

    def run_all(self) -> None:
        """Run → Run All Cells from the menu bar, as a person does; wait until every code cell has run
        (or Run All stopped at a cell that raised: ``outputs`` then reports it)."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        self.page.locator('li.lm-Menu-item[data-command="runmenu:run-all"]:not(.lm-mod-disabled)').click()
        state = self.page.wait_for_function(CELLS_DONE, timeout=RUN_SECONDS * 1000).json_value()
        if state.startswith("dialog"):
            raise AssertionError(f"JupyterLab showed a dialog while running: {short(state)}")
        self.stopped = (
            f"Run All stopped at an error; {state.split()[-1]} cell(s) never ran" if state != "done" else ""
        )

    def switch_language(self, language: str) -> Outputs | None:
        """Click the first language switch's ``language`` button (the screen's own; a workshop planner has a
        second one for handouts), as a person does; wait until the outputs have changed and the kernel has
        finished relabelling. ``None`` if the notebook shows no such switch."""
        switch = self.panel.locator(
            f"{LAB_OUTPUT} .widget-toggle-buttons button",
            has_text=re.compile(rf"^\s*{re.escape(language)}\s*$"),
        )
        if switch.count() == 0:
            return None
        before = self.page.evaluate(OUTPUT_TEXT, [LAB_ROOT, LAB_OUTPUT])
        switch.first.click()
        self.page.wait_for_function(
            f"([root, output, before]) => ({OUTPUT_TEXT})([root, output]) !== before",
            arg=[LAB_ROOT, LAB_OUTPUT, before],
            timeout=WIDGET_SECONDS * 1000,
        )
        self.page.wait_for_function(KERNEL_READY, arg=self.path, timeout=RUN_SECONDS * 1000)
        self.page.evaluate(QUIET, [LAB_ROOT, QUIET_MS, WIDGET_SECONDS * 1000])
        return self.outputs()

    def outputs(self) -> Outputs:
        found = read_outputs(self.page, LAB_ROOT, LAB_OUTPUT, LAB_STDERR)
        if self.stopped:
            found.problems.insert(0, self.stopped)
        return found

    def screenshot(self, name: str) -> Path:
        """The whole notebook in one picture."""
        return tall_screenshot(self.page, f"{LAB_ROOT} .jp-WindowedPanel-outer", self.artifacts / name)

    def check_offline(self) -> None:
        outside = self.tab.offline.outside[self.first_request :]
        self.first_request = len(self.tab.offline.outside)
        assert not outside, "requests to hosts other than loopback:\n  " + "\n  ".join(dict.fromkeys(outside))

    def close(self) -> None:
        """Close every open document without saving and shut every kernel down."""
        try:
            if not self.page.is_closed() and self.page.url.startswith(self.server.url):
                self.page.evaluate(CLOSE_ALL)
                if self.page.locator(".jp-Dialog").count():  # left by a failed test: start afresh
                    self.page.goto("about:blank")
        finally:
            self.server.shutdown_kernels()


# --- Voilà -------------------------------------------------------------------------------------------------
VOILA_ROOT = "body"
VOILA_OUTPUT = ".jp-OutputArea-output"
VOILA_STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'
VOILA_SCROLLER = "#rendered_cells"


# --- the planner's scenario dashboard (in JupyterLab and as the Voilà app) -------------------------------
DASHBOARD_FIGURE = """(root) => {
  const scope = document.querySelector(root);
  if (!scope) return null;
  const shown = [...scope.querySelectorAll('.widget-tab img')]
    .filter(i => i.getBoundingClientRect().width > 0);
  const table = scope.querySelector('table.simkit-plan-table');
  return {src: shown.length === 1 ? shown[0].src : null,
          loaded: shown.length === 1 && shown[0].complete && shown[0].naturalWidth > 0,
          table: table ? table.innerText : null};
}"""

DASHBOARD_CHANGED = """([root, before]) => {
  const scope = document.querySelector(root);
  const shown = [...scope.querySelectorAll('.widget-tab img')]
    .filter(i => i.getBoundingClientRect().width > 0);
  const table = scope.querySelector('table.simkit-plan-table');
  return !!(table && table.innerText !== before.table && shown.length === 1 && shown[0].src !== before.src
            && shown[0].complete && shown[0].naturalWidth > 0);
}"""


def number_in(text: str) -> float:
    """The first number of a Vietnamese- or English-formatted cell ("1.234,5 phút" or "1,234.5 min")."""
    match = re.search(r"-?[\d.,]*\d", text)
    assert match, f"no number in {text!r}"
    digits = match.group(0)
    if "," in digits and (digits.rfind(",") > digits.rfind(".")):
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", "")
    return float(digits)


class Dashboard:
    """The scenario dashboard on a page: its controls, key-results table and the open tab's figure."""

    def __init__(self, page: Any, root: str) -> None:
        self.page = page
        self.root = root
        self.scope = page.locator(root)

    def state(self) -> dict[str, Any]:
        """The table's text and the open tab's figure, once both are on screen."""
        shown = f"(root) => {{ const s = ({DASHBOARD_FIGURE})(root); return s && s.loaded && s.table && s; }}"
        handle = self.page.wait_for_function(shown, arg=self.root, timeout=WIDGET_SECONDS * 1000)
        return handle.json_value()

    def kpi(self, label: str) -> float:
        """The mean of the key result whose row starts with ``label``."""
        row = self.scope.locator("table.simkit-plan-table tr").filter(has_text=label).first
        return number_in(row.locator("td").nth(1).inner_text())

    def set_number(self, label: str, value: float | int | str) -> None:
        """Type into a number box and leave it with Enter, as a planner does."""
        box = widget_input(self.scope, label)
        box.fill(str(value))
        box.press("Enter")

    def wait_changed(self, before: dict[str, Any], seconds: float = 60) -> dict[str, Any]:
        """Wait until both the table and the figure have been redrawn (a new, loaded image)."""
        self.page.wait_for_function(DASHBOARD_CHANGED, arg=[self.root, before], timeout=seconds * 1000)
        return self.state()

    def open_tab(self, title: str) -> None:
        self.scope.locator(".lm-TabBar-tab", has_text=title).click()
