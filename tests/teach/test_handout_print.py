"""Handouts as printed: Chromium prints each lesson's handout to PDF (A4, the sheet's own @page size) and
the pages are counted. The learner's copy must be shorter than the trainer's (sources in one line, no
objectives or audience), large print must print at 15 pt and take more paper, and every lesson's learner
copy, in Vietnamese and in English, prints on at most two A4 pages at normal size (12 pt). The fonts are
the machine's: on Debian that is DejaVu Sans, wider than the Segoe UI or Arial of the commune halls'
Windows computers, so a copy that fits here fits there.

Browser-marked: it needs Debian's chromium (/usr/bin/chromium or $SIMKIT_CHROMIUM), driven by Playwright.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest

from simkit.teach.handout import handout_html

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("SIMKIT_CHROMIUM", "/usr/bin/chromium")
TARGET_PAGES = 2


@pytest.fixture(scope="module")
def printer() -> Iterator[Any]:
    """One headless Chromium page (offline: it only ever gets HTML handed to it)."""
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (scripts/ensure_chromium.sh)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser.new_page()
        finally:
            browser.close()


def printed_pages(page: Any, sheet: str) -> int:
    """How many pages ``sheet`` prints on (Chromium's PDF, the sheet's own A4 @page)."""
    page.set_content(sheet)
    pdf = page.pdf(prefer_css_page_size=True)
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def body_points(page: Any, sheet: str) -> float:
    page.set_content(sheet)
    page.emulate_media(media="print")
    pixels = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    return round(pixels * 72 / 96, 1)


def test_learner_copy_is_shorter_and_large_print_is_larger(printer, lessons, content) -> None:
    for number, lesson in sorted(lessons.items()):
        learner = printed_pages(printer, handout_html(lesson, content, "vi"))
        trainer = printed_pages(printer, handout_html(lesson, content, "vi", copy="trainer"))
        large = printed_pages(printer, handout_html(lesson, content, "vi", large=True))
        assert learner < trainer, (number, learner, trainer)
        assert large > learner, (number, large, learner)
    assert body_points(printer, handout_html(lessons[1], content, "vi")) == 12.0
    assert 14.0 <= body_points(printer, handout_html(lessons[1], content, "vi", large=True)) <= 16.0


def test_every_learner_handout_prints_on_two_a4_pages(printer, lessons, content) -> None:
    counts = {
        (number, lang): printed_pages(printer, handout_html(lesson, content, lang))
        for number, lesson in sorted(lessons.items())
        for lang in ("vi", "en")
    }
    assert all(pages <= TARGET_PAGES for pages in counts.values()), counts
