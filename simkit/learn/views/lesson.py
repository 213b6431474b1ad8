"""The lesson app: toolbar (language, large text, display name), page navigation, and the page itself.

A thin view over a ``LessonSession``: every button calls the session (or a run inside it) and redraws. The
language switch calls ``session.set_lang`` and redraws the same page; the practice screen keeps its step,
its feedback and even the values being typed. After every action the session is saved if the learner has
given a display name.

For older learners, on a phone as on a laptop: after "Next", "Back" or a page chosen from the list, the
lesson's title is scrolled into view and the keyboard focus moves to the new page's heading; the header
shrinks to one line once a display name is saved (Enter in the name box saves it); large text and the
language are the learner's preferences (kept in their progress file); "Read aloud" reads the current page
or practice step with the browser's own voice (shown only where a voice for the language exists); the
summary of a finished lesson names the lesson to open next, its sources folded under "Sources".

``show_lesson(1)`` is what a lesson notebook calls. A broken lesson file or UI-strings file shows one line
saying what is wrong instead of a traceback.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import cast

import ipywidgets as widgets

from simkit.bilingual import check_lang
from simkit.errors import ConfigError
from simkit.learn.content import find_lesson, load_lessons
from simkit.learn.progress import ProgressStore
from simkit.learn.schema import ExplainSection, Text
from simkit.learn.session import LessonSession, Page
from simkit.learn.strings import UiStrings, load_ui_strings
from simkit.learn.validators import Problem
from simkit.learn.views.common import Context, button, guarded, html_box
from simkit.learn.views.phone import PhoneView
from simkit.learn.views.quiz_view import DrillView, QuizView
from simkit.widgets import style
from simkit.widgets.assist import PageAssist
from simkit.widgets.style import WIDE
from simkit.widgets.view import language_toggle, large_toggle


class LessonApp(widgets.VBox):
    """One lesson on screen. ``trainer=True`` also shows the instructor notes."""

    def __init__(
        self,
        session: LessonSession,
        strings: UiStrings,
        *,
        store: ProgressStore | None = None,
        trainer: bool = False,
    ) -> None:
        super().__init__()
        self.add_class(style.ROOT_CLASS)
        self.add_class(style.ASSIST_ROOT_CLASS)
        self.session = session
        self.strings = strings
        self.store = store
        self.assist = PageAssist()
        self.assist.observe(lambda _change: self._show_read_button(), "voices")
        self.ctx = Context(session, strings, self._changed, self._show_error, trainer, self.assist)
        self.message = html_box("", "simkit-live")
        self._notices: list[Problem] = []
        self.lang = language_toggle(session.lang)
        self.lang.observe(guarded(lambda change: self.set_lang(change["new"]), self._show_error), "value")
        self.large = large_toggle(session.large)
        self.large.observe(guarded(lambda change: self.set_large(change["new"]), self._show_error), "value")
        self.read_button = widgets.Button(layout=widgets.Layout(width="auto", display="none"))
        self.read_button.on_click(lambda _b: guarded(self.read_aloud, self._show_error)())
        self.name = widgets.Text(style=WIDE, layout=widgets.Layout(width="auto"))
        # Enter in the box saves too: the box's own "submit" message (sent on Enter; on_submit is deprecated)
        self.name.on_msg(lambda _w, content, _b: self._name_message(content))
        self.save_button = widgets.Button()
        self.save_button.on_click(lambda _b: guarded(self.save_name, self._show_error)())
        self.change_button = widgets.Button(layout=widgets.Layout(width="auto"))
        self.change_button.on_click(lambda _b: guarded(self.change_name, self._show_error)())
        self._asking_name = False
        self.pages = widgets.Dropdown(style=WIDE, layout=widgets.Layout(width="auto"))
        self._updating = False
        self.pages.observe(
            guarded(lambda change: None if self._updating else self.go(change["new"]), self._show_error),
            "value",
        )
        self.back_button = widgets.Button()
        self.back_button.on_click(lambda _b: guarded(self.back, self._show_error)())
        self.next_button = widgets.Button()
        self.next_button.add_class("simkit-primary")
        self.next_button.on_click(lambda _b: guarded(self.next, self._show_error)())
        self.body = widgets.VBox()
        # The page's heading and text are the same widgets on every page, only their contents change: a tap
        # on "Next" then sends two new values instead of creating (and leaking) a dozen widgets, which is
        # what keeps a tap quick when thirty phones share one laptop (benchmarks/workshop_load.py).
        self.page_head = html_box("", "simkit-page-head")
        self.page_intro = html_box("")
        self.page_text = html_box("")
        self.bottom_back = button("", self.back, self.ctx)
        self.bottom_next = button("", self.next, self.ctx, css="simkit-primary")
        self.title_box = html_box("", "simkit-title")
        self.toolbar = widgets.HBox(
            [self.lang, self.large, self.read_button], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.learner_box = widgets.VBox()
        self.saved_line = html_box("")
        self.compact_row = widgets.HBox(
            [self.saved_line, self.change_button], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.compact_row.add_class("simkit-compact")
        self.enter_row = widgets.HBox(
            [self.name, self.save_button], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.enter_row.add_class("simkit-enter")
        self.name_help = html_box("")
        self.top_nav = widgets.HBox(
            [self.back_button, self.pages, self.next_button], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.count_box = html_box("")
        self.bottom_nav = widgets.HBox(
            [self.bottom_back, self.bottom_next], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.css = style.stylesheet()
        self.views: dict[str, widgets.Widget] = {}
        self._lesson_titles: dict[int, Text] | None = None
        style.set_large(self, session.large)
        self.render()

    # --- actions ----------------------------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        """Switch language; the page, practice step, answers and typed values stay."""
        problem = self.session.set_lang(check_lang(lang))
        self._changed()
        if problem is not None:
            self._notices = [problem]
        self._show_notices()
        self.render()

    def set_large(self, on: bool) -> None:
        style.set_large(self, on)
        problem = self.session.set_large(on)
        if problem is not None:
            self._notices = [problem]
            self._show_notices()

    def save_name(self) -> list[Problem]:
        """Bind the lesson to the typed display name, resume its saved place and the learner's preferences
        (large text, language), and start saving."""
        notices = self.session.attach(self.name.value, self.store)
        if self.session.display_name is not None:
            self._asking_name = False
        if self.large.value != self.session.large:
            self.large.value = self.session.large
        self.views.clear()
        self._notices = notices
        self._show_notices()
        self.render(focus=True)
        return notices

    def _name_message(self, content: object) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            guarded(self.save_name, self._show_error)()

    def change_name(self) -> None:
        """Show the name box again (the compact header hides it once a name is saved)."""
        self._asking_name = True
        self.name.value = self.session.display_name or ""
        self.render()

    def read_aloud(self) -> None:
        """Read the current page (or practice step) aloud in the lesson's language."""
        self.assist.speak(self.read_aloud_text(), self.session.lang)

    def read_aloud_text(self) -> str:
        """The words "Read aloud" reads: the page's heading, then what the page (or step) says."""
        page, lang = self.session.page, self.session.lang
        parts: list[Text | str] = [self._page_title(page)]
        parts += self._read_parts(page)
        texts = (p.text(lang) if isinstance(p, Text) else p for p in parts)
        return "\n".join(" ".join(t.replace("**", "").split()) for t in texts if t.strip())

    def _read_parts(self, page: Page) -> list[Text | str]:
        lesson, ctx = self.session.lesson, self.ctx
        if page.kind == "overview":
            return [ctx.plain("overview.objectives"), *lesson.objectives]
        if page.kind == "summary":
            status = ctx.plain("summary.done") if self.session.completed else ctx.plain("summary.todo")
            return [status, ctx.plain("summary.key_points"), *lesson.key_points, self._next_lesson_text()]
        if page.kind == "quiz":
            return [q.prompt for q in lesson.quiz.questions]
        view = self.views.get(page.id)
        if isinstance(view, PhoneView):
            return view.read_aloud_text()
        section = page.section
        parts: list[Text | str] = []
        body = getattr(section, "body", None)
        if isinstance(body, Text):
            parts.append(body)
        if isinstance(section, ExplainSection):
            parts += list(section.steps)
            if section.callout is not None:
                parts.append(section.callout.text)
        return parts

    def _show_read_button(self) -> None:
        self.read_button.layout.display = None if self.assist.can_speak(self.session.lang) else "none"

    def _show_notices(self) -> None:
        """The learner's latest notices (name, resume, set-aside file) in the current language."""
        bad = ("learner.name", "progress.")
        self.message.value = "".join(
            f"<div class='{'simkit-bad' if n.key.startswith(bad) else 'simkit-ok'}'>{self.ctx.say(n)}</div>"
            for n in self._notices
        )

    def go(self, page_id: str) -> None:
        if page_id and page_id != self.session.page.id:
            self.session.go(page_id)
            self._changed()
            self.render(focus=True)

    def next(self) -> None:
        self.session.next()
        self._changed()
        self.render(focus=True)

    def back(self) -> None:
        self.session.back()
        self._changed()
        self.render(focus=True)

    def _changed(self) -> None:
        problem = self.session.save()
        if problem is not None:
            self._notices = [problem]
            self._show_notices()

    def _show_error(self, text: str) -> None:
        line = self.strings.get("app.error", self.session.lang, message=text)
        self.message.value = f"<div class='simkit-bad'>{html.escape(line)}</div>"

    # --- drawing ----------------------------------------------------------------------------------------
    def render(self, *, focus: bool = False) -> None:
        """Redraw; ``focus`` (after a page change or a saved name): show the title, focus the heading."""
        ctx, session = self.ctx, self.session
        lesson = session.lesson
        self.assist.lang = session.lang
        self.lang.description = ctx.plain("lang.label")
        self.lang.tooltips = [ctx.plain("lang.vietnamese"), ctx.plain("lang.english")]
        if self.lang.value != session.lang:
            self.lang.value = session.lang
        self.large.description = ctx.plain("display.large")
        self.large.tooltip = ctx.plain("display.large_help")
        self.read_button.description = ctx.plain("assist.read_aloud")
        self.read_button.tooltip = ctx.plain("assist.read_aloud_help")
        self._show_read_button()
        self.name.description = ctx.plain("learner.name_label")
        self.name.placeholder = ctx.plain("learner.name_placeholder")
        self.name.tooltip = ctx.plain("learner.name_help")
        self.save_button.description = ctx.plain("learner.save")
        self.save_button.tooltip = ctx.plain("learner.save")
        self.change_button.description = self.change_button.tooltip = ctx.plain("assist.change_name")
        self._updating = True
        self.pages.options = [(f"{i + 1}. {self._page_title(p)}", p.id) for i, p in enumerate(session.pages)]
        self.pages.value = session.page.id
        self.pages.description = ctx.plain("nav.pages")
        self.pages.tooltip = ctx.plain("nav.pages")
        self._updating = False
        for widget, key in (
            (self.back_button, "nav.back"),
            (self.next_button, "nav.next"),
            (self.bottom_back, "nav.back"),
            (self.bottom_next, "nav.next"),
        ):
            widget.description = widget.tooltip = ctx.plain(key)
        self.back_button.disabled = self.bottom_back.disabled = session.page_index == 0
        self.next_button.disabled = self.bottom_next.disabled = session.page_index == len(session.pages) - 1
        self.body.children = self._page(session.page, ctx.focus_here(scroll_top=True) if focus else "")
        self.title_box.value = (
            f"<div lang='{ctx.lang}'><div class='simkit-muted'>{ctx.t('app.kit_name')}</div>"
            f"<h2>{html.escape(lesson.title.text(ctx.lang))}</h2></div>"
        )
        self.count_box.value = (
            f"<span class='simkit-muted'>"
            f"{ctx.t('nav.page', current=session.page_index + 1, total=len(session.pages))}</span>"
        )
        self.learner_box.children = self._learner_rows()
        # The same widgets every time, only their contents change: the browser redraws just what changed
        # (so the keyboard focus and the scroll position are not lost to a redrawn header).
        self.children = [
            self.css,
            self.assist,
            self.title_box,
            self.toolbar,
            self.learner_box,
            self.message,
            self.top_nav,
            self.count_box,
            self.body,
            self.bottom_nav,
        ]

    def _learner_rows(self) -> list[widgets.Widget]:
        """The name box with its help, or, once a name is saved, one compact line with a "change" button."""
        ctx, session = self.ctx, self.session
        if session.display_name and not self._asking_name:
            self.saved_line.value = (
                f"<span class='simkit-muted'>{ctx.t('learner.saved_as', name=session.display_name)}</span>"
            )
            return [self.compact_row]
        saved = (
            ctx.t("learner.saved_as", name=session.display_name)
            if session.display_name
            else ctx.t("learner.not_saved")
        )
        self.name_help.value = f"<span class='simkit-muted'>{saved} · {ctx.t('learner.name_help')}</span>"
        return [self.enter_row, self.name_help]

    def _page_title(self, page: Page) -> str:
        if page.section is not None:
            return page.section.title.text(self.session.lang)
        return self.ctx.plain(f"page.{page.id}")

    def _page(self, page: Page, focus: str = "") -> list[widgets.Widget]:
        """The page under its heading; ``focus`` (from ``ctx.focus_here``) marks the heading for focus."""
        ctx = self.ctx
        self.page_head.value = f"<h3 lang='{ctx.lang}' {focus}>{html.escape(self._page_title(page))}</h3>"
        if page.kind in ("overview", "summary", "explain"):
            self.page_text.value = {
                "overview": self._overview_html,
                "summary": self._summary_html,
                "explain": lambda: self._explain_html(page),
            }[page.kind]()
            return [self.page_head, self.page_text]
        view = self._view(page)
        body = getattr(page.section, "body", None)
        if body is None:
            return [self.page_head, view]
        self.page_intro.value = ctx.text(body)
        return [self.page_head, self.page_intro, view]

    def _view(self, page: Page) -> widgets.Widget:
        """The interactive view of a page, created once and redrawn afterwards (so it keeps its state)."""
        view = self.views.get(page.id)
        if view is None:
            if page.kind == "practice":
                run = self.session.flow_for(page)
                view = PhoneView(run, self.session.lesson.persona(run.flow.persona), self.ctx)
            elif page.kind == "drill":
                view = DrillView(self.session.drill_for(page), self.ctx)
            elif page.kind == "quiz":
                view = QuizView(self.session.quiz, self.ctx)
            else:
                return html_box("")
            self.views[page.id] = view
        else:
            view.render()
        return view

    def _overview_html(self) -> str:
        ctx, lesson = self.ctx, self.session.lesson
        objectives = "".join(f"<li>{ctx.say(o)}</li>" for o in lesson.objectives)
        minutes = lesson.minutes
        return (
            f"<p><b>{ctx.t('overview.audience')}:</b> {ctx.say(lesson.audience)}</p>"
            f"<p>{ctx.t('overview.minutes', teaching=minutes.teaching, practice=minutes.practice)}</p>"
            f"<p><b>{ctx.t('overview.objectives')}:</b></p><ul>{objectives}</ul>{self._trainer_html()}"
        )

    def _explain_html(self, page: Page) -> str:
        ctx, section = self.ctx, cast(ExplainSection, page.section)  # an explain page has an explain section
        parts = [ctx.text(section.body)]
        if section.steps:
            items = "".join(f"<li>{ctx.say(s)}</li>" for s in section.steps)
            parts.append(f"<p><b>{ctx.t('explain.steps')}</b></p><ol>{items}</ol>")
        if section.callout is not None:
            callout = section.callout
            parts.append(
                f"<div class='simkit-callout-{callout.kind}'><b>{ctx.t('callout.' + callout.kind)}:</b> "
                f"{ctx.say(callout.text)}</div>"
            )
        return "".join(parts)

    def _summary_html(self) -> str:
        ctx, session = self.ctx, self.session
        lesson = session.lesson
        todo = session.todo()
        if todo:
            items = "".join(
                f"<li>{ctx.t(t.key, title=t.title.text(ctx.lang)) if t.title else ctx.t(t.key)}</li>"
                for t in todo
            )
            status = f"<div class='simkit-bad'>{ctx.t('summary.todo')}<ul>{items}</ul></div>"
        else:
            status = (
                f"<div class='simkit-ok'><b>✔ {ctx.t('summary.done')}</b></div>"
                f"<p class='simkit-next-lesson'><b>{html.escape(self._next_lesson_text())}</b></p>"
            )
        points = "".join(f"<li>{ctx.say(p)}</li>" for p in lesson.key_points)
        mistakes = "".join(
            f"<tr><td>{ctx.say(m.mistake)}</td><td>{ctx.say(m.you_see)}</td><td>{ctx.say(m.fix)}</td></tr>"
            for m in lesson.common_mistakes
        )
        sources = "".join(
            f"<li>{html.escape(s.title)} — <a href='{html.escape(s.url)}' target='_blank' rel='noopener'>"
            f"{html.escape(s.url)}</a> ("
            f"{ctx.t('summary.published', date=s.published) + '; ' if s.published else ''}"
            f"{ctx.t('summary.checked', date=s.checked)}"
            f"{'; ' + ctx.t('summary.third_party') if s.third_party else ''})"
            f"{': ' + ctx.say(s.note) if s.note is not None else ''}</li>"
            for s in lesson.sources
        )
        assumptions = "".join(f"<li>{ctx.say(a)}</li>" for a in lesson.assumptions)
        return (
            f"{status}<h4>{ctx.t('summary.key_points')}</h4><ul>{points}</ul>"
            f"<h4>{ctx.t('summary.mistakes')}</h4><table class='simkit-table'>"
            f"<tr><th>{ctx.t('summary.mistakes')}</th>"
            f"<th>{ctx.t('summary.you_see')}</th><th>{ctx.t('summary.fix')}</th></tr>{mistakes}</table>"
            + (
                f"<h4>{ctx.t('summary.assumptions')}</h4><ul class='simkit-muted'>{assumptions}</ul>"
                if assumptions
                else ""
            )
            + f"<details class='simkit-sources'><summary>{ctx.t('summary.sources')}</summary>"
            f"<ul class='simkit-muted'>{sources}</ul></details>" + self._trainer_html()
        )

    def _next_lesson_text(self) -> str:
        """Which lesson to open after this one (the next by number), or that this was the last."""
        if self._lesson_titles is None:  # read once, when a summary is first shown
            self._lesson_titles = {n: les.title for n, les in load_lessons().items()}
        following = sorted(n for n in self._lesson_titles if n > self.session.number)
        if not following:
            return self.ctx.plain("assist.last_lesson")
        number = following[0]
        title = self._lesson_titles[number].text(self.session.lang)
        return self.ctx.plain("assist.next_lesson", number=number, title=title)

    def _trainer_html(self) -> str:
        if not self.ctx.trainer:
            return ""
        notes = "".join(f"<li>{self.ctx.say(n)}</li>" for n in self.session.lesson.instructor_notes)
        return f"<div class='simkit-trainer'><b>{self.ctx.t('trainer.notes')}</b><ul>{notes}</ul></div>"


def show_lesson(
    key: int | str, *, lang: str = "vi", trainer: bool = False, progress_folder: Path | None = None
) -> widgets.Widget:
    """The lesson app for lesson ``key`` (number or id); a content problem is shown as one line."""
    try:
        strings = load_ui_strings()
        number, lesson = find_lesson(key)
        session = LessonSession(lesson, number, lang=check_lang(lang))
        return LessonApp(session, strings, store=ProgressStore(progress_folder), trainer=trainer)
    except ConfigError as exc:
        return html_box(f"<div class='simkit-bad'>⚠ {html.escape(str(exc))}</div>")
