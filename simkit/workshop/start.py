"""The workshop app a phone opens: the start page (name, lessons in both languages) and the lesson itself.

One page, one kernel per phone: choosing a lesson replaces the start page with the lesson view inside the
same kernel, and "← List of lessons" brings the start page back with the statuses brought up to date. No
page reloads (slow on a phone over a busy hotspot), no names in addresses, and thirty phones need thirty
kernels, not sixty.

The phone remembers the name and the language (``PhoneMemory``); progress is saved on the trainer's laptop
by a ``PhoneProgressStore``, which lets only the phone that first used a name open its file.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from simkit.learn.progress import ProgressFile, check_display_name
from simkit.learn.validators import Problem
from simkit.workshop.claims import NameTaken, PhoneProgressStore
from simkit.workshop.memory import PhoneMemory
from simkit.workshop.overview import lesson_lines, suggested_next
from simkit.workshop.strings import WorkshopStrings, load_workshop_strings

log = logging.getLogger(__name__)
ROOT_CLASS = "simkit-workshop"

CSS = """
.simkit-workshop { max-width: 760px; font-size: 18px; line-height: 1.5; color: #111; }
.simkit-workshop .widget-html-content { font-size: 18px; line-height: 1.5; white-space: normal; }
.simkit-workshop .widget-label, .simkit-workshop input, .simkit-workshop button.jupyter-button {
  font-size: 18px; }
.simkit-workshop button.jupyter-button { white-space: normal; height: auto; min-height: 44px;
  padding: 6px 14px; line-height: 1.3; }
.simkit-workshop .widget-text { height: auto; width: auto; max-width: calc(100% - 4px); flex-wrap: wrap; }
.simkit-workshop .widget-text > .widget-label { width: 100%; max-width: 100%; text-align: left; }
.simkit-workshop .widget-text > input { flex: 1 1 auto; min-width: 0; }
.simkit-workshop .widget-text input { min-height: 44px; border: 2px solid #333; }
.simkit-workshop .widget-hbox { gap: 8px; flex-wrap: wrap; }
.simkit-workshop .simkit-ws-card { border: 1px solid #9fb3cf; border-radius: 10px; padding: 8px 12px;
  background: #f7f9fc; }
.simkit-workshop .simkit-ws-primary button, .simkit-workshop button.simkit-ws-primary {
  background: #0b5394; color: #fff; font-weight: bold; }
.simkit-workshop h1 { font-size: 26px; margin: .2em 0; color: #0b3d75; }
.simkit-workshop h2 { font-size: 22px; margin: .6em 0 .2em; }
.simkit-workshop .simkit-ws-other { color: #333; font-size: 17px; }
.simkit-workshop .simkit-ws-bad { color: #8a1c14; background: #fdf0e6; border-radius: 6px;
  padding: 6px 10px; }
.simkit-workshop .simkit-ws-ok { color: #1e6b24; background: #eaf6ea; border-radius: 6px; padding: 6px 10px; }
.simkit-workshop :focus-visible { outline: 3px solid #e69138; outline-offset: 2px; }
"""


def _html(content: str, css: str | None = None) -> widgets.HTML:
    box = widgets.HTML(content, layout=widgets.Layout(max_width="100%"))
    if css:
        box.add_class(css)
    return box


class WorkshopApp(widgets.VBox):
    """The whole app of one phone. ``open_lesson`` is injectable so tests can stand in for the lesson view."""

    def __init__(
        self,
        *,
        progress_folder: Path | None = None,
        strings: WorkshopStrings | None = None,
        memory: PhoneMemory | None = None,
        open_lesson: Callable[[int, str, PhoneProgressStore, str], widgets.Widget] | None = None,
    ) -> None:
        super().__init__()
        self.add_class(ROOT_CLASS)
        self.strings = strings or load_workshop_strings()
        self.progress_folder = progress_folder
        self.memory = memory or PhoneMemory()
        self.lang = "vi"
        self.display_name: str | None = None
        self.lesson_number: int | None = None
        self._open_lesson = open_lesson or lesson_view
        self.message = _html("")
        self.message.add_class("simkit-ws-message")
        self._tell("")  # the live region is on the page before its first message, so that one is announced
        self.lang_toggle = widgets.ToggleButtons(
            options=[("Tiếng Việt", "vi"), ("English", "en")], value="vi"
        )
        self.lang_toggle.observe(self._guard(lambda c: self.set_lang(c["new"])), "value")
        self.name = widgets.Text(continuous_update=False)
        self.name.observe(self._guard(lambda _c: self.save_name()), "value")
        self.save_button = widgets.Button()
        self.save_button.add_class("simkit-ws-primary")
        self.save_button.on_click(self._guard(lambda _b: self.save_name()))
        self.change_button = widgets.Button()
        self.change_button.on_click(self._guard(lambda _b: self.change_name()))
        self.back_button = widgets.Button()
        self.back_button.on_click(self._guard(lambda _b: self.show_start()))
        self.lessons_box = widgets.VBox()
        self.memory.observe(self._guard(lambda _c: self.remembered()), "ready")
        self._css = widgets.HTML(
            f"<style>{CSS}</style>", layout=widgets.Layout(height="0px", overflow="hidden")
        )
        self.show_start()

    # --- what the phone remembers ---------------------------------------------------------------------
    def remembered(self) -> None:
        """The phone said what it remembers: its language and name (then the statuses are shown)."""
        if self.memory.lang in ("vi", "en") and self.memory.lang != self.lang:
            self.lang_toggle.value = self.memory.lang
        if self.memory.name and self.display_name is None:
            self._set_name(self.memory.name, remember=False)
        self.show_start()

    @property
    def store(self) -> PhoneProgressStore:
        return PhoneProgressStore(self.progress_folder, self.memory.phone_key, self._say("start.name_taken"))

    # --- actions --------------------------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        self.lang = lang if lang in ("vi", "en") else "vi"
        self.memory.lang = self.lang
        if self.lesson_number is None:
            self.show_start()

    def save_name(self) -> None:
        if self._set_name(self.name.value, remember=True):
            self.show_start()

    def change_name(self) -> None:
        self.display_name = None
        self.memory.name = ""
        self.show_start()

    def _set_name(self, typed: str, *, remember: bool) -> bool:
        checked = check_display_name(typed)
        if isinstance(checked, Problem):
            key = {"learner.name_too_long": "start.error"}.get(checked.key, "start.need_name")
            self._tell(self._say(key, message=typed[:60]), bad=True)
            return False
        if not self.memory.phone_key:
            # the phone's memory did not run (no JavaScript): a key for this visit only
            import secrets

            self.memory.phone_key = secrets.token_hex(16)
        store = self.store
        try:
            store.check(checked)
        except NameTaken:
            self._tell(self._say("start.name_taken", name=checked), bad=True)
            return False
        self.display_name = checked
        if remember:
            self.memory.name = checked
        self._tell("")
        return True

    def start_lesson(self, number: int) -> None:
        """Replace the start page with lesson ``number``, bound to the learner's name."""
        if self.display_name is None:
            self._tell(self._say("start.need_name"), bad=True)
            return
        self._tell(self._say("start.opening"))
        view = self._open_lesson(number, self.display_name, self.store, self.lang)
        self.lesson_number = number
        self.back_button.description = self.back_button.tooltip = self._say("start.back")
        self.children = [self._css, self.back_button, view]

    def show_start(self) -> None:
        self.lesson_number = None
        progress = self._progress()
        lines = lesson_lines(progress)
        say, other = self._say, ("en" if self.lang == "vi" else "vi")
        self.lang_toggle.description = say("start.lang_label")
        self.name.description = say("start.name_label")
        self.name.placeholder = say("start.name_placeholder")
        self.save_button.description = self.save_button.tooltip = say("start.save")
        self.change_button.description = self.change_button.tooltip = say("start.change_name")
        if self.display_name:
            who: list[widgets.Widget] = [
                _html(f"<p><b>{html.escape(say('start.hello', name=self.display_name))}</b></p>"),
                self.change_button,
            ]
        else:
            who = [
                self.name,
                _html(f"<p class='simkit-ws-other'>{html.escape(say('start.name_help'))}</p>"),
                self.save_button,
            ]
        cards = [self._card(line, other) for line in lines]
        following = suggested_next(lines)
        if self.display_name and following is None:
            hint = f"<p class='simkit-ws-ok'>{html.escape(say('start.all_done'))}</p>"
        elif self.display_name and following is not None:
            hint = f"<p>{html.escape(say('start.next_up', number=following.number))}</p>"
        else:
            hint = ""
        self.lessons_box.children = cards
        self.children = [
            self._css,
            _html(
                f"<div lang='{self.lang}'><p class='simkit-ws-other'>{html.escape(say('start.kit_name'))}</p>"
                f"<h1>{html.escape(say('start.title'))}</h1>"
                f"<p class='simkit-ws-other' lang='{other}'>"
                f"{html.escape(self._say('start.title', other))}</p></div>"
            ),
            self.lang_toggle,
            *who,
            self.message,
            _html(f"<h2>{html.escape(say('start.lessons'))}</h2>{hint}"),
            self.lessons_box,
            _html(f"<p class='simkit-ws-other'>{html.escape(say('start.saved_here'))}</p>"),
            self.memory,
        ]

    # --- pieces ---------------------------------------------------------------------------------------
    def _card(self, line: Any, other: str) -> widgets.Widget:
        say = self._say
        status = say(f"start.{line.status}")
        action = {"not_started": "start.open", "in_progress": "start.continue", "done": "start.review"}
        button = widgets.Button(description=say(action[line.status], number=line.number))
        button.tooltip = button.description
        if line.status != "done":
            button.add_class("simkit-ws-primary")
        button.on_click(self._guard(lambda _b, n=line.number: self.start_lesson(n)))
        text = _html(
            f"<div><b lang='{self.lang}'>{html.escape(line.title.text(self.lang))}</b><br>"
            f"<span class='simkit-ws-other' lang='{other}'>{html.escape(line.title.text(other))}</span><br>"
            f"<span>{html.escape(status) if self.display_name else ''}</span></div>"
        )
        card = widgets.VBox([text, button])
        card.add_class("simkit-ws-card")
        return card

    def _progress(self) -> ProgressFile | None:
        if not self.display_name:
            return None
        try:
            return self.store.load(self.display_name).progress
        except NameTaken:
            self.display_name = None
            self._tell(self._say("start.name_taken", name=self.memory.name), bad=True)
            return None

    def _say(self, key: str, lang: str | None = None, **params: Any) -> str:
        return self.strings.get(key, lang or self.lang, **params)

    def _tell(self, text: str, *, bad: bool = False) -> None:
        css = "simkit-ws-bad" if bad else "simkit-ws-ok"
        shown = f"<p class='{css}'>{html.escape(text)}</p>" if text else ""
        self.message.value = f"<div role='status' aria-live='polite'>{shown}</div>"

    def _guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> None:
            try:
                callback(*args)
            except Exception as exc:  # noqa: BLE001 - one line for the learner, details in the log
                log.exception("workshop page")
                self._tell(self._say("start.error", message=str(exc)[:200]), bad=True)

        return run


def lesson_view(number: int, display_name: str, store: PhoneProgressStore, lang: str) -> widgets.Widget:
    """The kit's lesson view for ``number``, already bound to the learner (their saved place resumed).

    Built as ``simkit.learn.views.show_lesson`` builds it, but with the phone-checked store. Imported here,
    not at the top, so the start page loads without the lesson views' heavy imports.
    """
    from simkit.learn.content import find_lesson
    from simkit.learn.session import LessonSession
    from simkit.learn.strings import load_ui_strings
    from simkit.learn.views.lesson import LessonApp

    found, lesson = find_lesson(number)
    app = LessonApp(LessonSession(lesson, found, lang=lang), load_ui_strings(), store=store)
    app.name.value = display_name
    app.save_name()
    return app


def show_workshop(progress_folder: Path | None = None) -> WorkshopApp:
    """What ``notebooks/workshop/start.ipynb`` shows: the app of one phone."""
    return WorkshopApp(progress_folder=progress_folder)
