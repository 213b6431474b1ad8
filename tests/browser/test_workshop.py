"""Workshop mode on a phone-sized screen (390×844): `simkit workshop` on 127.0.0.1 with a workshop code (as
on the LAN, but over loopback only), the code page, the start page, a name typed and saved with Enter, a
lesson opened and a step taken (measured on the way: no sideways scrolling, no text under 16 px, the
page's ``lang`` following the language switch, messages in one aria-live region, Enter saving the name);
then the progress in the cohort folder the trainer's class results read, and the name remembered by the
phone after a reload. Nothing may load from outside loopback.

What to read and click comes from content/ui/workshop.yaml and content/ui/learn.yaml.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from simkit.learn.content import load_lessons
from simkit.learn.strings import load_ui_strings
from simkit.teach.cohort import read_cohort
from simkit.workshop.memory import STORAGE_KEY
from simkit.workshop.strings import load_workshop_strings
from tests.browser.conftest import ARTIFACTS, Offline
from tests.browser.jupyter import button, tall_screenshot
from tests.workshop.server import CODE, start_workshop, stop

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LEARNER = "Bà Tư"
LOAD_MS = 120_000
"""A kernel starts and runs the start page before it shows; generous on a busy two-core machine."""

MEASURE = """(root) => {
  const box = document.querySelector(root);
  const doc = document.documentElement;
  const small = [];
  for (const el of box.querySelectorAll('*')) {
    if (!el.offsetParent || !el.childNodes.length) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const size = parseFloat(getComputedStyle(el).fontSize);
    const what = `${el.tagName}.${el.className}: ${size}px ${el.textContent.slice(0, 30)}`;
    if (own && size < 16) small.push(what);
  }
  return {overflow: doc.scrollWidth - doc.clientWidth, boxOverflow: box.scrollWidth - box.clientWidth,
          small: small.slice(0, 10)};
}"""


def phone_page(browser: Any) -> tuple[Any, Any, Offline]:
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    offline = Offline()
    offline.watch(context)
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page, offline


def check_layout(page: Any, where: str) -> None:
    measured = page.evaluate(MEASURE, ".simkit-workshop")
    assert measured["overflow"] <= 1 and measured["boxOverflow"] <= 1, f"{where}: scrolls sideways {measured}"
    assert not measured["small"], f"{where}: text under 16 px: {measured['small']}"


def test_a_phone_joins_picks_a_name_opens_a_lesson_and_its_progress_reaches_the_trainer(
    browser: Any, tmp_path: Path
) -> None:
    words, lesson_words = load_workshop_strings(), load_ui_strings()
    number, lesson = sorted(load_lessons().items())[0]
    server = start_workshop(tmp_path, f"--code={CODE}")
    context = None
    try:
        context, page, offline = phone_page(browser)
        page.goto(f"{server.url}/", timeout=LOAD_MS)
        page.get_by_label(re.compile(re.escape(words.get("login.label", "vi")))).fill("482 913")
        page.get_by_role("button", name=re.compile(re.escape(words.get("login.submit", "vi")))).click()

        app = page.locator(".simkit-workshop")
        app.wait_for(timeout=LOAD_MS)
        assert page.locator(".jp-CodeCell .jp-InputArea:visible, .cm-editor:visible").count() == 0
        for lesson_item in load_lessons().values():  # the list in both languages
            page.get_by_text(lesson_item.title.vi).first.wait_for()
            page.get_by_text(lesson_item.title.en).first.wait_for()
        check_layout(page, "start page")
        tall_screenshot(page, "#rendered_cells", ARTIFACTS / "workshop-start-390.png")

        # the page's language is the learner's, and follows the switch
        assert page.evaluate("document.documentElement.lang") == "vi"
        page.get_by_role("button", name="English").click()
        page.wait_for_function("document.documentElement.lang === 'en'")
        page.get_by_role("button", name="Tiếng Việt").click()
        page.wait_for_function("document.documentElement.lang === 'vi'")

        # messages go to one live region, there before the first message so that one is announced
        live = app.locator(".simkit-ws-message [aria-live='polite']")
        assert live.count() == 1 and live.inner_text().strip() == ""
        name_box = app.locator(".widget-text input")
        name_box.fill("!!!")
        name_box.press("Enter")  # Enter sends the name: this one has no letter, so it is refused
        live.get_by_text(words.get("start.need_name", "vi")).wait_for()
        assert app.locator("[aria-live]").count() == 1
        check_layout(page, "start page with a message")

        name_box.fill(LEARNER)
        name_box.press("Enter")
        page.get_by_text(words.get("start.hello", "vi", name=LEARNER)).wait_for()
        remembered = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))
        assert remembered["name"] == LEARNER and re.fullmatch(r"[0-9a-f]{32}", remembered["phone"])

        button(app, words.get("start.open", "vi", number=number)).click()
        page.locator(".simkit-app").wait_for(timeout=LOAD_MS)
        button(page, lesson_words.get("nav.next", "vi")).first.click()
        pages = len(lesson.sections) + 3  # overview, the sections, quiz, summary
        page.get_by_text(lesson_words.get("nav.page", "vi", current=2, total=pages)).wait_for()
        tall_screenshot(page, "#rendered_cells", ARTIFACTS / "workshop-lesson-390.png")

        cohort = read_cohort(server.progress)  # what the trainer's class results read
        assert [learner.display_name for learner in cohort.learners] == [LEARNER]
        record = cohort.learners[0].lessons[lesson.id]
        assert record.page != "overview"
        assert not cohort.skipped

        # next time on the same phone: the name is remembered and the lesson says "continue"
        page.reload(timeout=LOAD_MS)
        page.get_by_text(words.get("start.hello", "vi", name=LEARNER)).wait_for(timeout=LOAD_MS)
        button(page, words.get("start.continue", "vi", number=number)).wait_for()
        check_layout(page, "start page after reload")
        offline.check()
    finally:
        if context is not None:
            context.close()
        stop(server.proc)
