"""A whole lesson as an older learner meets it, measured: on a 390×844 phone and a 1366×768 laptop, in
JupyterLab and in workshop mode (the Voilà app phones open).

One walk per size and mode through the lesson that has every kind of page (practice, drill, quiz,
summary), answering rightly. On every page and after answers, measured in the page itself
(``getComputedStyle``, ``getBoundingClientRect``, ``scrollWidth``), never read from the stylesheet:

- nothing wider than the screen and no sideways scrollbar, inside the lesson or around it;
- no visible text under 16 px (in large-text mode: none under 20 px);
- every button, box and list has an accessible name; every visible text is inside an element whose
  ``lang`` is the lesson's language; every feedback is inside an ``aria-live`` region;
- after "Next" the new page's heading is on screen (not under a toolbar) and has the keyboard focus; after
  every other action the focus is inside the lesson, never back on the page body;
- the language and large-text toggles say whether they are pressed (``aria-pressed``).

Also: Enter in the name box saves the name and the header becomes one line; large text chosen in a lesson
is remembered when the learner reopens it; "Read aloud" (``speechSynthesis`` stubbed in the page) asks for
the current step's words in ``vi-VN``, and is hidden where the browser has no voice for the language.
Requests must stay on loopback. What to click and expect is read from content/.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from simkit.learn.content import lesson_files, load_lessons
from simkit.learn.schema import Lesson, Text
from simkit.learn.session import LessonSession
from simkit.learn.strings import UiStrings, load_ui_strings
from simkit.workshop.strings import load_workshop_strings
from tests.browser.conftest import Offline
from tests.browser.jupyter import Lab, button
from tests.learn.conftest import right_values
from tests.workshop.server import CODE, start_workshop, stop

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
WAIT_MS = 30_000
LOAD_MS = 120_000
ROOT = ".simkit-app"


def walked_lesson() -> tuple[int, Lesson]:
    """The lesson with a practice, a drill and a quiz (every kind of page), the first such by number."""
    for number, lesson in sorted(load_lessons().items()):
        if lesson.flows and lesson.drills:
            return number, lesson
    raise AssertionError("no lesson has both a practice and a drill")


@functools.cache
def strings() -> UiStrings:
    return load_ui_strings()


def ui(key: str, lang: str = "vi", **params: Any) -> str:
    return " ".join(strings().get(key, lang, **params).split())


def plain(text: Text, lang: str = "vi") -> str:
    return " ".join(text.text(lang).replace("**", "").split())


def exactly(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


AUDIT = """([root, minimum]) => {
  const app = document.querySelector(root);
  const vw = document.documentElement.clientWidth;
  const shown = (el) => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  const say = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${
    (el.innerText || el.value || '').trim().slice(0, 40)}"`;
  const out = {overflow: [], small: [], unnamed: [], lang: [], live: [], pressed: []};
  // the lesson and what holds it, up to the notebook's scrolling panel (JupyterLab) or the page (Voilà)
  const panel = app.closest('.jp-WindowedPanel-outer');
  for (let el = app; el; el = el === panel ? null : el.parentElement) {
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible'
        || el === document.documentElement && el.scrollWidth > el.clientWidth + 1)
      out.overflow.push(`${say(el)} scrolls: ${el.scrollWidth}px in ${el.clientWidth}px`);
  }
  const right = panel ? panel.getBoundingClientRect().right : vw;
  const expected = app.getAttribute('lang');
  for (const el of app.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > right + 1 || r.left < -1)
      out.overflow.push(`${say(el)} sticks out: ${r.left}..${r.right} of ${right}`);
    const style = getComputedStyle(el);
    const scrolls = ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    if (scrolls && !['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) {
      const inside = [...el.children].map((c) => `${c.className.split(' ').pop()} ${c.offsetWidth}px`);
      out.overflow.push(`${say(el)} has a sideways scrollbar: ${el.scrollWidth}px in ${el.clientWidth}px`
                        + ` (${inside.join(', ')})`);
    }
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (own || ['INPUT', 'SELECT', 'BUTTON'].includes(el.tagName)) {
      const size = parseFloat(style.fontSize);
      if (size < minimum) out.small.push(`${say(el)}: ${size}px`);
      const marked = el.closest('[lang]');
      if (own && (!marked || marked.getAttribute('lang') !== expected))
        out.lang.push(`${say(el)} lang=${marked && marked.getAttribute('lang')} not ${expected}`);
    }
    if (el.matches('button, input, select, textarea')) {
      const labels = el.labels ? [...el.labels].map((l) => l.innerText).join(' ') : '';
      const name = (el.getAttribute('aria-label') || labels || (el.tagName === 'BUTTON' ? el.innerText : '')
                    || el.title || '').trim();
      if (!name) out.unnamed.push(say(el));
    }
    if (el.matches('.simkit-ok, .simkit-bad') && !el.closest('[aria-live]')) out.live.push(say(el));
    if (el.matches('.widget-toggle-button, .widget-toggle-buttons button')
        && el.getAttribute('aria-pressed') !== String(el.classList.contains('mod-active')))
      out.pressed.push(`${say(el)} aria-pressed=${el.getAttribute('aria-pressed')}`);
  }
  for (const key of Object.keys(out)) out[key] = out[key].slice(0, 8);
  return out;
}"""

FOCUS_KEPT = """(root) => { const a = document.activeElement;
  return !!a && a !== document.body && !!a.closest(root); }"""

HEADING_FOCUSED = """(root) => {
  const head = document.querySelector(root + ' .simkit-page-head [data-simkit-focus]');
  if (!head || document.activeElement !== head) return false;
  const r = head.getBoundingClientRect();
  if (r.top < 0 || r.bottom > window.innerHeight) return false;
  const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + r.height / 2);
  return !!hit && head.contains(hit);
}"""

WHERE = """(root) => { const a = document.activeElement; const h = document.querySelector(
  root + ' .simkit-page-head h3'); const r = h && h.getBoundingClientRect();
  return `focus on ${a && a.tagName}.${a && a.className}; heading at ${r && r.top}..${r && r.bottom} of ${
  window.innerHeight}`; }"""

SPEECH_STUB = """() => {
  window.__spoken = [];
  const voices = [{lang: 'vi-VN', name: 'Test vi', voiceURI: 'test-vi', localService: true, default: true},
                  {lang: 'en-GB', name: 'Test en', voiceURI: 'test-en', localService: true, default: false}];
  const synth = {getVoices: () => voices, cancel: () => {}, addEventListener: () => {},
                 speak: (u) => window.__spoken.push({text: u.text, lang: u.lang})};
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true, writable: true});
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; } };
}"""

SIDES_CLOSED = "() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }"

NO_STUB = "() => { delete window.speechSynthesis; delete window.SpeechSynthesisUtterance; }"


class Walker:
    """A learner going through the lesson by clicking, with every page and action measured."""

    def __init__(self, page: Any, where: str, *, large: bool = False) -> None:
        self.page, self.where, self.large = page, where, large
        self.app = page.locator(ROOT)
        self.lang = "vi"

    # --- measuring -----------------------------------------------------------------------------------
    def audit(self, what: str) -> None:
        found = self.page.evaluate(AUDIT, [ROOT, 20 if self.large else 16])
        problems = {key: value for key, value in found.items() if value}
        assert not problems, f"{self.where}, {what}: {problems}"

    def focus_kept(self, what: str) -> None:
        try:
            self.page.wait_for_function(FOCUS_KEPT, arg=ROOT, timeout=10_000)
        except Exception as exc:  # noqa: BLE001 - say where the focus went
            where = self.page.evaluate(WHERE, ROOT)
            raise AssertionError(f"{self.where}, {what}: focus lost ({where})") from exc

    def heading_in_view(self, what: str) -> None:
        try:
            self.page.wait_for_function(HEADING_FOCUSED, arg=ROOT, timeout=10_000)
        except Exception as exc:  # noqa: BLE001
            where = self.page.evaluate(WHERE, ROOT)
            raise AssertionError(f"{self.where}, {what}: heading not focused and in view ({where})") from exc

    # --- acting --------------------------------------------------------------------------------------
    def sees(self, text: str, scope: Any = None) -> None:
        expect(scope or self.app).to_contain_text(text, timeout=WAIT_MS)

    def click(self, label: str, scope: Any = None) -> None:
        button(scope or self.app, label).first.click()

    def walk(self, session: LessonSession, *, on_practice: Any = None) -> None:
        """Every page with "Next", each practice, drill and quiz done rightly, measured on the way."""
        pages = session.pages
        self.audit("first page")
        for index, page in enumerate(pages):
            if index:
                self.click(ui("nav.next", self.lang))
                self.sees(ui("nav.page", self.lang, current=index + 1, total=len(pages)))
                self.heading_in_view(f"after Next to page {index + 1} ({page.id})")
                self.audit(f"page {page.id}")
            if page.kind == "practice":
                self.practice(session, page, on_practice)
            elif page.kind == "drill":
                self.drill(session, page)
            elif page.kind == "quiz":
                self.quiz(session)
        self.sees(ui("summary.done", self.lang))
        self.audit("summary")
        sources = self.app.locator("details.simkit-sources")
        expect(sources).to_have_count(1)
        assert sources.get_attribute("open") is None, "sources are shown folded"
        expect(sources.locator("summary")).to_have_text(exactly(ui("summary.sources", self.lang)))
        following = sorted(n for n in load_lessons() if n > session.number)
        self.sees(
            ui(
                "assist.next_lesson",
                self.lang,
                number=following[0],
                title=plain(load_lessons()[following[0]].title, self.lang),
            )
            if following
            else ui("assist.last_lesson", self.lang)
        )

    def practice(self, session: LessonSession, page: Any, on_practice: Any) -> None:
        flow = session.flow_for(page).flow
        phone = self.app.locator(".simkit-phone")
        for index, step in enumerate(flow.steps):
            self.sees(ui("phone.step", self.lang, current=index + 1, total=len(flow.steps)), phone)
            if on_practice is not None and index == 0:
                on_practice(self, step)
            if step.action == "tap":
                self.click(next(b for b in step.buttons if b.correct).label.text(self.lang), phone)
            else:
                values = right_values(step)
                for field in step.fields:
                    self.type_into(phone, field, values[field.id])
                self.click(step.submit.text(self.lang), phone)  # type: ignore[union-attr]
            self.focus_kept(f"practice {flow.id} step {index + 1}")
            if index == 0:
                self.audit(f"practice {flow.id} after an answer")
        self.sees(ui("phone.finished", self.lang), phone)
        self.audit(f"practice {flow.id} finished")

    def type_into(self, scope: Any, field: Any, value: Any) -> None:
        label = field.label.text(self.lang) + (" *" if field.required else "")
        if field.kind == "checkbox":
            scope.locator(".widget-checkbox label", has_text=exactly(label)).locator("input").set_checked(
                bool(value)
            )
        elif field.kind == "choice":
            option = next(o for o in field.options if o.id == value)
            scope.locator(".widget-dropdown", has_text=label).locator("select").select_option(
                label=option.label.text(self.lang)
            )
        else:
            row = scope.locator(".widget-inline-hbox").filter(
                has=self.page.locator("label.widget-label", has_text=exactly(label))
            )
            row.locator("input").fill(str(value))

    def drill(self, session: LessonSession, page: Any) -> None:
        run = session.drill_for(page)
        for index, item in enumerate(run.drill.items):
            self.sees(ui("drill.item", self.lang, current=index + 1, total=len(run.drill.items)))
            self.click(ui(f"drill.{item.answer}", self.lang))
            self.sees(ui("drill.right", self.lang))
            self.focus_kept(f"drill item {index + 1} answered")
            chosen = button(self.app, ui(f"drill.{item.answer}", self.lang)).first  # the learner's own choice
            expect(chosen).to_have_attribute("aria-pressed", "true", timeout=WAIT_MS)
            if index == 0:
                self.audit("drill after an answer")
            if index + 1 < len(run.drill.items):
                self.click(ui("drill.next", self.lang))
                self.focus_kept(f"drill item {index + 2} shown")
        self.sees(ui("drill.score", self.lang, score=len(run.drill.items), total=len(run.drill.items)))
        self.audit("drill finished")

    def quiz(self, session: LessonSession) -> None:
        questions = session.lesson.quiz.questions
        cards = self.app.locator(".simkit-card")
        expect(cards).to_have_count(len(questions), timeout=WAIT_MS)
        for number, question in enumerate(questions):
            card = cards.nth(number)
            for option in question.options:
                text = option.text.text(self.lang)
                if question.kind == "single":
                    if option.correct:
                        card.locator(".widget-radio-box label", has_text=exactly(text)).click()
                else:
                    card.locator(".widget-checkbox label", has_text=exactly(text)).locator(
                        "input"
                    ).set_checked(option.correct)
            self.click(ui("quiz.check", self.lang), card)
            self.sees(ui("quiz.right", self.lang), cards.nth(number))
            self.focus_kept(f"quiz question {number + 1} checked")
            if number == 0:
                self.audit("quiz after an answer")
        self.sees(ui("quiz.passed", self.lang))
        self.audit("quiz passed")

    def save_name_with_enter(self, name: str) -> None:
        box = self.app.locator(".simkit-enter input")
        box.fill(name)
        box.press("Enter")
        self.sees(ui("learner.saved_as", self.lang, name=name))
        expect(self.app.locator(".simkit-enter input")).to_have_count(0)  # the header is one line now
        expect(button(self.app, ui("assist.change_name", self.lang))).to_be_visible()

    def switch_large(self) -> None:
        toggle = button(self.app, ui("display.large", self.lang))
        toggle.click()
        expect(self.app).to_have_class(re.compile(r"\bsimkit-large\b"), timeout=WAIT_MS)
        expect(toggle).to_have_attribute("aria-pressed", "true", timeout=WAIT_MS)
        self.large = True


def read_aloud_asks_for_the_step(walker: Walker, step: Any) -> None:
    """The read-aloud button on a practice step: the step's words, in vi-VN (the stub records them)."""
    read = button(walker.app, ui("assist.read_aloud", walker.lang))
    expect(read).to_be_visible()
    read.click()
    walker.page.wait_for_function("() => window.__spoken.length > 0", timeout=WAIT_MS)
    spoken = walker.page.evaluate("() => window.__spoken")
    assert [s["lang"] for s in spoken] == ["vi-VN"]
    for part in (step.screen, step.task):
        assert plain(part) in " ".join(spoken[0]["text"].split()), (part, spoken)


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_a_lesson_in_jupyterlab_fits_reads_and_keeps_the_focus(lab: Lab, size: str) -> None:
    number, lesson = walked_lesson()
    session = LessonSession(lesson, number)
    viewport = PHONE if size == "phone" else LAPTOP
    lab.page.set_viewport_size(viewport)
    try:
        lab.ensure_loaded()  # JupyterLab's page first: the stub lives in that page
        if size == "phone":
            lab.page.evaluate(SPEECH_STUB)
        lab.open(f"learn/{lesson_files()[number].stem}.ipynb")
        if size == "phone":  # as on a small screen: the side panels closed, the notebook the whole width
            lab.page.evaluate(SIDES_CLOSED)
        lab.run_all()
        walker = Walker(lab.page, f"JupyterLab {viewport['width']}×{viewport['height']}")
        walker.sees(plain(lesson.title))
        expect(walker.app).to_have_attribute("lang", "vi", timeout=WAIT_MS)
        walker.save_name_with_enter(f"Bà Tư {size}")
        if size == "laptop":  # large text must fit a laptop too
            walker.switch_large()
            voices = lab.page.evaluate("() => (window.speechSynthesis?.getVoices() || []).map(v => v.lang)")
            if not any(v.lower().startswith("vi") for v in voices):  # no Vietnamese voice: no button
                expect(button(walker.app, ui("assist.read_aloud"))).to_be_hidden()
        walker.walk(session, on_practice=read_aloud_asks_for_the_step if size == "phone" else None)
        lab.screenshot(f"lab-accessibility-{size}.png")
    finally:
        lab.page.evaluate(NO_STUB)
        lab.page.set_viewport_size({"width": 1366, "height": 900})


def test_a_lesson_in_workshop_mode_fits_phone_and_laptop(browser: Any, tmp_path: Path) -> None:
    words = load_workshop_strings()
    number, lesson = walked_lesson()
    server = start_workshop(tmp_path, f"--code={CODE}")
    contexts: list[Any] = []
    try:
        for size, viewport, name in (("phone", PHONE, "Bà Tư"), ("laptop", LAPTOP, "Bà Từ")):
            context = browser.new_context(viewport=viewport, locale="vi-VN", is_mobile=size == "phone")
            contexts.append(context)
            offline = Offline()
            offline.watch(context)
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.goto(f"{server.url}/", timeout=LOAD_MS)
            page.get_by_label(re.compile(re.escape(words.get("login.label", "vi")))).fill(CODE)
            page.get_by_role("button", name=re.compile(re.escape(words.get("login.submit", "vi")))).click()
            start = page.locator(".simkit-workshop")
            start.wait_for(timeout=LOAD_MS)
            name_box = start.locator(".widget-text input")
            name_box.fill(name)
            name_box.press("Enter")
            page.get_by_text(words.get("start.hello", "vi", name=name)).wait_for()
            button(start, words.get("start.open", "vi", number=number)).click()
            walker = Walker(page, f"workshop {viewport['width']}×{viewport['height']}")
            walker.app.wait_for(timeout=LOAD_MS)
            walker.sees(ui("learner.saved_as", name=name))
            if size == "laptop":
                walker.switch_large()
            walker.walk(LessonSession(lesson, number))
            if size == "laptop":  # reopened: large text is this learner's preference
                button(page, words.get("start.back", "vi")).click()
                button(page, words.get("start.review", "vi", number=number)).click()
                expect(page.locator(ROOT)).to_have_class(re.compile(r"\bsimkit-large\b"), timeout=LOAD_MS)
            offline.check()
    finally:
        for context in contexts:
            context.close()
        stop(server.proc)
