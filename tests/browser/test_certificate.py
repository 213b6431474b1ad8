"""The certificate of completion, as printed and as shown in "my progress".

1. Every name and lesson title on the certificate is drawn from one font (Chrome DevTools Protocol
   ``CSS.getPlatformFontsForNode``): a Vietnamese letter (ả ự ề ị) falling back to another font inside a
   word is what a stock Debian machine printed before, with "Noto Serif", "Times New Roman".
2. In JupyterLab (notebooks/learn/my_progress.ipynb after Run All), a learner who finished every lesson
   presses "save": the message saying where the file went and a link that downloads it appear beside the
   button, in view, inside the screen; the link's file is the certificate, with its one print button; the
   preview has no print button of its own.

Words are read from content/ui/learn.yaml; the learner is fictional.
"""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest

from simkit.learn.content import load_lessons
from simkit.learn.progress import (
    FlowRecord,
    LessonRecord,
    ProgressFile,
    ProgressStore,
    QuizRecord,
    new_progress,
)
from simkit.learn.report import certificate_file_name, certificate_html
from simkit.learn.strings import load_ui_strings
from tests.browser.conftest import ARTIFACTS, Tab, Workspace
from tests.browser.jupyter import Lab, button, widget_input

pytestmark = pytest.mark.browser

LEARNER = "Bà Bảy Thực Hành"
"""A fictional display name with the letters that used to fall back (ả ự ề ị …)."""


def finished(name: str) -> ProgressFile:
    lessons = load_lessons()
    records = {
        lesson.id: LessonRecord(
            flows={f.id: FlowRecord(finished=True) for f in lesson.flows},
            quiz=QuizRecord(
                answers={"q": ["a"]},
                score=len(lesson.quiz.questions),
                total=len(lesson.quiz.questions),
                passed=True,
                attempts=1,
            ),
            seconds=900,
            completed=True,
        )
        for lesson in lessons.values()
    }
    return new_progress(name).model_copy(update={"lessons": records})


def fonts_of(page: Any, selector: str) -> list[tuple[str, list[str]]]:
    """For every element matching ``selector``: its text and the fonts the browser drew it with."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        found = []
        for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            text = cdp.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
            found.append((re.sub(r"<[^>]+>", "", text)[:60], [f["familyName"] for f in fonts]))
        return found
    finally:
        cdp.detach()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_name_and_lesson_title_is_drawn_from_one_font(tab: Tab, lang: str) -> None:
    page = tab.page
    lessons = load_lessons()
    page.set_content(certificate_html(finished(LEARNER), lessons, load_ui_strings(), lang))
    page.evaluate("document.fonts.ready")
    drawn = fonts_of(page, ".name, tbody td:first-child, h1")
    assert len(drawn) == len(lessons) + 2
    mixed = [(text, fonts) for text, fonts in drawn if len(set(fonts)) != 1]
    assert not mixed, f"drawn from more than one font: {mixed}"
    families = {fonts[0] for _, fonts in drawn}
    assert len(families) == 1, f"the certificate mixes fonts: {families}"
    page.screenshot(path=str(ARTIFACTS / f"certificate-{lang}.png"), full_page=True)


def test_saved_message_and_download_link_beside_the_button(lab: Lab, workspace: Workspace) -> None:
    progress = finished(LEARNER)
    store = ProgressStore(workspace.progress)
    for lesson_id, record in progress.lessons.items():
        assert store.save_lesson(LEARNER, lesson_id, record) is None
    words = load_ui_strings()
    page = lab.page
    lab.open("learn/my_progress.ipynb")
    lab.run_all()
    view = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output").last
    widget_input(view, words.get("learner.name_label", "vi")).fill(LEARNER)
    button(view, words.get("my.refresh", "vi")).click()
    save = button(view, words.get("my.save_certificate", "vi"))
    save.click()
    link = view.get_by_role("link", name=words.get("my.certificate_download", "vi"))
    link.wait_for()
    assert view.locator("iframe").count() == 1
    preview = view.locator("iframe").content_frame
    assert preview.locator("button").count() == 0  # the preview prints nothing: one print action only
    button_box, link_box = save.bounding_box(), link.bounding_box()
    assert button_box and link_box
    beside = link_box["x"] >= button_box["x"] + button_box["width"] - 1 and (
        link_box["y"] < button_box["y"] + button_box["height"] + 80
    )
    assert beside, f"the link is not beside the button: {button_box} {link_box}"
    frame_box = view.locator("iframe").bounding_box()
    assert frame_box and link_box["y"] < frame_box["y"], "the message sits above the preview, not below it"
    shown = view.inner_text()
    saved_name = certificate_file_name(progress)
    assert (
        words.get("my.certificate_saved_here", "vi", file=saved_name, folder=str(workspace.progress)) in shown
    )
    assert link.get_attribute("download") == saved_name
    href = link.get_attribute("href") or ""
    assert href.startswith("data:text/html;charset=utf-8;base64,")
    downloaded = base64.b64decode(href.split(",", 1)[1]).decode("utf-8")
    assert downloaded == (workspace.progress / saved_name).read_text(encoding="utf-8")
    assert downloaded.count("window.print()") == 1
    lab.screenshot("lab-my-progress-certificate.png")
