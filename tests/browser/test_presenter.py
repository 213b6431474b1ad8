"""Presenter mode on a projector: every slide of every lesson fits the screen, and a clicker's keys work.

A trainer's projector shows 1920×1080 or 1366×768. In JupyterLab (notebooks/teach/presenter.ipynb after
Run All, the presenter scrolled to the top of the notebook once) and in the code-hidden Voilà app (started
as the kit serves its apps: the `make dashboard` recipe with this notebook), every slide of every lesson,
in Vietnamese and in English, is measured at both sizes, and the test fails on any slide whose bottom lies
below the visible area, that starts lower than the control row, or that is cut off sideways.

How, quickly: the lesson is chosen in the presenter's own list (its deck must be the one
``build_slides`` makes: same count), the presenter's first slide is measured as the widget shows it,
then each slide's HTML (``slide_html``, exactly what the view puts in its slide widget) is put in that
same widget, in place, and measured, all slides of a lesson in one ``page.evaluate``; the first slide
measured both ways must agree. One page per host; the screen size is changed on that page. Walking by
Page Down (one kernel round trip per slide, ~2,300 slides) took 209 s; this takes a fraction of it.

The clicker's keys must work wherever the focus is: on the page, on the "Next" button, on the "Back"
button, in the lesson list, and Page Down walks a whole lesson to its last slide. What is read on screen
comes from content/ui/teach.yaml.
"""

from __future__ import annotations

import functools
import re
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from simkit.learn.content import load_lessons
from simkit.teach.presenter import build_slides, slide_html, slide_lines
from simkit.teach.strings import load_teach_content
from tests.browser.conftest import (
    ARTIFACTS,
    VIEWPORT,
    Tab,
    Workspace,
    dashboard_command,
    free_port,
    keep_log,
    stop_process,
    wait_for_http,
)
from tests.browser.jupyter import Lab

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/teach/presenter.ipynb"
SIZES = ({"width": 1366, "height": 768}, {"width": 1920, "height": 1080})
LOAD_MS = 120_000
STEP_MS = 30_000
ROW_ROOM = 140
"""The most the slide may start below the top of the presenter: the one row of controls (two rows in a
narrow window), not a title, an introduction and three rows of controls (332 px before)."""

SHORTEST = min(load_lessons().items(), key=lambda item: len(build_slides(item[1])))[0]
"""The lesson walked slide by slide with Page Down (the shortest deck: the keys, not the content, are
under test there)."""

LAB_SCROLLER = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
VOILA_SCROLLER = "#rendered_cells"

MEASURE = """([scroller]) => {
  const view = document.querySelector('.simkit-presenter');
  const slide = view && view.querySelector('.simkit-presenter-slide .simkit-slide');
  if (!slide) return null;
  const box = (document.querySelector(scroller) || document.documentElement).getBoundingClientRect();
  const visibleBottom = Math.min(box.bottom, window.innerHeight);
  const r = slide.getBoundingClientRect();
  const wide = [...slide.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1
      && getComputedStyle(e).overflowX !== 'visible').length;
  return {top: r.top - view.getBoundingClientRect().top, height: r.height, bottom: r.bottom,
          visibleBottom, over: r.bottom - visibleBottom, clipped: slide.scrollHeight - slide.clientHeight,
          sideways: Math.max(slide.scrollWidth - slide.clientWidth, wide ? 2 : 0),
          heading: (slide.querySelector('h1') || slide).innerText.slice(0, 60)};
}"""

TO_TOP = """() => document.querySelector('.simkit-presenter').scrollIntoView({block: 'start'})"""


words = functools.cache(load_teach_content)


def position_text(current: int, total: int) -> str:
    return words().get("presenter.position", "vi", current=current, total=total)


def wait_position(page: Any, current: int, total: int) -> None:
    expected = position_text(current, total)
    page.wait_for_function(
        "(text) => { const v = document.querySelector('.simkit-presenter');"
        " return !!v && v.innerText.includes(text); }",
        arg=expected,
        timeout=STEP_MS,
    )


def deck_size(page: Any) -> int:
    text = page.locator(".simkit-presenter").inner_text()
    pattern = re.escape(position_text(999, 888)).replace("999", r"\d+").replace("888", r"(\d+)")
    found = re.search(pattern, text)
    assert found, f"no slide position shown in {text[:200]!r}"
    return int(found.group(1))


MEASURE_ALL = """([scroller, slides]) => {
  const view = document.querySelector('.simkit-presenter');
  const host = view && view.querySelector('.simkit-presenter-slide .widget-html-content');
  if (!host) return null;
  const measure = __MEASURE__;
  const shown = measure([scroller]);
  shown.text = host.innerText;
  const saved = host.innerHTML;
  const out = [];
  try {
    for (const html of slides) {
      host.innerHTML = html;
      const one = measure([scroller]);
      one.text = host.innerText;
      out.push(one);
    }
  } finally {
    host.innerHTML = saved;
  }
  return {shown, slides: out};
}""".replace("__MEASURE__", MEASURE)


def open_lesson(page: Any, number: int, total: int) -> None:
    """Choose lesson ``number`` in the presenter's list; its deck shown from the first of ``total`` slides."""
    title = load_lessons()[number].title.text("vi")
    select = page.locator(".simkit-presenter select").first
    if select.input_value() != title:
        select.select_option(label=title)
    page.wait_for_function(
        "(title) => document.querySelector('.simkit-presenter h1') && document.querySelector("
        "'.simkit-presenter .simkit-slide h1').innerText.includes(title)",
        arg=title,
        timeout=STEP_MS,
    )
    wait_position(page, 1, total)  # the deck shown is the deck built here, from its first slide


def measure_every_slide(page: Any, scroller: str, where: str) -> tuple[list[str], int]:
    """Every lesson, every slide, both languages, measured in the presenter's own slide widget."""
    problems: list[str] = []
    measured_count = 0
    content = words()
    out = (ARTIFACTS / "presenter-slides.txt").open("a", encoding="utf-8")
    try:
        for number, lesson in sorted(load_lessons().items()):
            deck = build_slides(lesson)
            open_lesson(page, number, len(deck))
            page.evaluate(TO_TOP)
            for lang in ("vi", "en"):
                slides = [slide_html(slide, content, lang) for slide in deck]
                result = page.evaluate(MEASURE_ALL, [scroller, slides])
                assert result is not None, f"{where}: no presenter slide on the page"
                shown, first = result["shown"], result["slides"][0]
                if lang == "vi":  # what the widget shows is what is measured in its place
                    assert shown["text"] == first["text"], (where, number, shown["text"][:80])
                    assert abs(shown["height"] - first["height"]) <= 1, (where, number, shown, first)
                for index, (slide, measured) in enumerate(zip(deck, result["slides"], strict=True), 1):
                    measured_count += 1
                    room = measured["visibleBottom"] - (measured["bottom"] - measured["height"])
                    out.write(
                        f"{where}\t{lang}\t{number}\t{index}\t{measured['height']:.0f}\t{room:.0f}\t"
                        f"{measured['top']:.0f}\t{slide_lines(slide):.1f}\t{measured['heading']}\n"
                    )
                    label = f"{where} {lang}, lesson {number}, slide {index}/{len(deck)}"
                    label += f" ({measured['heading']!r})"
                    if measured["over"] > 1:
                        tall, over = measured["height"], measured["over"]
                        problems.append(f"{label}: {tall:.0f} px tall, ends {over:.0f} px below the screen")
                    if measured["top"] > ROW_ROOM:
                        problems.append(f"{label}: starts {measured['top']:.0f} px down the presenter")
                    if measured["sideways"] > 1 or measured["clipped"] > 1:
                        problems.append(f"{label}: cut off ({measured})")
    finally:
        out.close()
    return problems, measured_count


def walk_a_lesson_by_page_down(page: Any, number: int) -> None:
    """Page Down, with the focus on the page, from the first slide of lesson ``number`` to its last."""
    total = len(build_slides(load_lessons()[number]))
    open_lesson(page, number, total)
    page.locator(".simkit-presenter-slide").click()  # the focus on the page, as after a click
    for index in range(2, total + 1):
        page.keyboard.press("PageDown")
        try:
            wait_position(page, index, total)
        except PlaywrightTimeout as error:
            page.screenshot(path=str(ARTIFACTS / "presenter-stuck.png"))
            focused = page.evaluate(
                "() => document.activeElement && document.activeElement.outerHTML.slice(0, 200)"
            )
            raise AssertionError(
                f"Page Down did not reach slide {index}/{total}; focus on {focused}"
            ) from error


def check_keys_wherever_focus_is(page: Any) -> None:
    """Page Down / Page Up and the arrows move the deck with the focus on buttons, the list and the page."""
    total = deck_size(page)
    next_button = page.get_by_role("button", name=words().get("presenter.next", "vi"))
    back_button = page.get_by_role("button", name=words().get("presenter.back", "vi"))
    next_button.click()
    wait_position(page, 2, total)
    next_button.focus()
    page.keyboard.press("PageDown")
    wait_position(page, 3, total)
    back_button.focus()
    page.keyboard.press("PageUp")
    wait_position(page, 2, total)
    page.locator(".simkit-presenter select").first.focus()
    page.keyboard.press("ArrowRight")
    wait_position(page, 3, total)
    page.keyboard.press("ArrowLeft")
    wait_position(page, 2, total)
    page.locator(".simkit-presenter-slide").click()
    page.keyboard.press("ArrowDown")
    wait_position(page, 3, total)
    page.keyboard.press("ArrowUp")
    wait_position(page, 2, total)
    page.keyboard.press("PageUp")
    wait_position(page, 1, total)
    assert page.locator(".simkit-presenter select").first.input_value() == load_lessons()[1].title.text("vi")


def test_presenter_in_jupyterlab_fits_every_slide_and_follows_the_clicker(lab: Lab) -> None:
    page = lab.page
    lab.open("teach/presenter.ipynb")
    lab.run_all()
    page.locator(".simkit-presenter .simkit-slide").wait_for(timeout=LOAD_MS)
    problems: list[str] = []
    walked = 0
    try:
        check_keys_wherever_focus_is(page)
        walk_a_lesson_by_page_down(page, SHORTEST)
        for size in SIZES:
            page.set_viewport_size(size)
            found, count = measure_every_slide(
                page, LAB_SCROLLER, f"JupyterLab {size['width']}×{size['height']}"
            )
            problems += found
            walked += count
            page.screenshot(path=str(ARTIFACTS / f"lab-presenter-{size['width']}.png"))
    finally:
        page.set_viewport_size(VIEWPORT)
    assert walked > 0
    assert not problems, f"{len(problems)} of {walked} slides do not fit:\n  " + "\n  ".join(problems)


@pytest.fixture(scope="module")
def presenter_app(workspace: Workspace) -> Iterator[str]:
    """The presenter notebook as a Voilà app, started with the kit's app recipe (offline template, code
    hidden, 127.0.0.1); stopped by its PID."""
    port = free_port()
    extra_env, command = dashboard_command(port)
    command = [NOTEBOOK if word.endswith(".ipynb") else word for word in command]
    log = workspace.logs / "voila-presenter.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            command,
            cwd=workspace.root,
            env={**workspace.env, **extra_env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_http(f"{url}/simkit-readiness-probe", proc, log, "Voilà", any_status=True)
        yield url
    finally:
        stop_process(proc, "Voilà (presenter)")
        keep_log(log)


def test_presenter_app_fits_every_slide_and_follows_the_clicker(presenter_app: str, tab: Tab) -> None:
    page = tab.page
    started = time.monotonic()
    page.goto(f"{presenter_app}/", timeout=LOAD_MS)
    page.locator(".simkit-presenter .simkit-slide").wait_for(timeout=LOAD_MS)
    assert page.locator(".jp-CodeCell .jp-InputArea:visible, .cm-editor:visible").count() == 0
    check_keys_wherever_focus_is(page)
    walk_a_lesson_by_page_down(page, SHORTEST)
    problems: list[str] = []
    walked = 0
    for size in SIZES:
        page.set_viewport_size(size)
        found, count = measure_every_slide(page, VOILA_SCROLLER, f"Voilà {size['width']}×{size['height']}")
        problems += found
        walked += count
        page.screenshot(path=str(ARTIFACTS / f"voila-presenter-{size['width']}.png"))
    assert walked > 0, f"walked nothing in {time.monotonic() - started:.0f} s"
    assert not problems, f"{len(problems)} of {walked} slides do not fit:\n  " + "\n  ".join(problems)
