"""The notebook views, driven headlessly (set ``.value``, call ``.click()``), and the rule that the logic in
``simkit.learn`` imports no widgets."""

from __future__ import annotations

import copy
import html
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from simkit.content import CONTENT_ENV
from simkit.learn.content import lessons_dir, load_lessons, parse_lesson
from simkit.learn.progress import ProgressStore, slug
from simkit.learn.schema import Lesson
from simkit.learn.session import LessonSession
from simkit.learn.strings import UiStrings, load_ui_strings
from simkit.learn.views import LessonApp, ProgressApp, show_lesson, show_my_progress
from simkit.learn.views.phone import PhoneView
from simkit.learn.views.quiz_view import DrillView, QuizView
from tests.learn.conftest import do_right
from tests.learn.test_report import done_record

LEARN = Path(__file__).resolve().parents[2] / "simkit" / "learn"
CONTROLS = (
    widgets.Button,
    widgets.Text,
    widgets.Password,
    widgets.Dropdown,
    widgets.Checkbox,
    widgets.RadioButtons,
    widgets.ToggleButton,
    widgets.ToggleButtons,
)


def walk(widget: widgets.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def html_text(widget: widgets.Widget) -> str:
    return " ".join(w.value for w in walk(widget) if isinstance(w, widgets.HTML))


def open_page(app: LessonApp, page_id: str) -> widgets.Widget:
    app.pages.value = page_id
    assert app.session.page.id == page_id
    return app.views.get(page_id, app.body)


def test_navigation_and_page_counter(progress_dir: Path) -> None:
    app = show_lesson(1)
    assert isinstance(app, LessonApp) and app.session.page.id == "overview" and app.back_button.disabled
    app.next_button.click()
    assert app.session.page.id == "what_is_vneid" and "Trang 2/" in html_text(app)
    app.bottom_back.click()
    assert app.session.page.id == "overview"
    assert [value for _, value in app.pages.options][-2:] == ["quiz", "summary"]


def test_practice_screen_wrong_then_right(progress_dir: Path) -> None:
    app = show_lesson(1)
    view = open_page(app, "practice_install")
    assert isinstance(view, PhoneView) and "Bước 1/6" in html_text(view)
    old_button = view.buttons["chrome"]
    old_button.click()
    assert view.run.index == 0 and "Không tải ứng dụng từ trang web" in html_text(view)
    assert old_button.comm is None and view.buttons["chrome"] is not old_button  # redraws close old widgets
    assert "MÀN HÌNH THỰC HÀNH" in html_text(view) and "003162000123" in html_text(view)
    view.buttons["ch_play"].click()
    assert view.run.index == 1 and "Bước 2/6" in html_text(view)
    view.back_button.click()
    assert view.run.index == 0 and not view.forward_button.disabled


def test_form_problems_show_under_each_field(progress_dir: Path) -> None:
    app = show_lesson(2)
    view = open_page(app, "practice_activate")
    view.tap("open_app")
    view.tap("activate")
    view.inputs["personal_id"].value = "017075004567"
    view.inputs["phone"].value = ""
    view.submit_button.click()
    assert "Đừng gõ số định danh thật" in view.problems["personal_id"].value
    assert "bắt buộc" in view.problems["phone"].value
    assert view.run.index == 2


def test_language_switch_keeps_page_step_typed_values_and_rerenders_feedback(progress_dir: Path) -> None:
    app = show_lesson(2)
    view = open_page(app, "practice_activate")
    view.tap("open_app")
    view.tap("activate")
    view.inputs["personal_id"].value = "12345"
    view.submit_button.click()
    view.inputs["phone"].value = "0900000123"  # typed after the failed submit, not yet submitted
    app.lang.value = "en"
    view = app.views["practice_activate"]
    assert app.session.page.id == "practice_activate" and view.run.index == 2
    assert view.inputs["personal_id"].value == "12345" and view.inputs["phone"].value == "0900000123"
    assert "you typed 5" in view.problems["personal_id"].value
    assert "Step 3 of 8" in html_text(view) and "Page " in html_text(app)


def test_large_text_mode_and_accessible_labels_on_every_control(progress_dir: Path) -> None:
    app = show_lesson(3)
    app.large.value = True
    assert "simkit-large" in app._dom_classes
    app.large.value = False
    assert "simkit-large" not in app._dom_classes
    for page in app.session.pages:
        app.pages.value = page.id
        for widget in walk(app):
            if isinstance(widget, CONTROLS):
                assert (widget.description or "").strip() or (widget.tooltip or "").strip(), (page.id, widget)


def test_display_name_saves_and_a_new_app_resumes_the_page(progress_dir: Path) -> None:
    app = show_lesson(1)
    app.name.value = "Cô Lan"
    app.save_button.click()
    assert "Cô Lan" in app.message.value and ProgressStore(progress_dir).path_for("Cô Lan").exists()
    view = open_page(app, "practice_register")
    view.tap("register")
    again = show_lesson(1)
    again.name.value = "Cô Lan"
    again.save_button.click()
    assert again.session.page.id == "practice_register"
    assert again.views["practice_register"].run.index == 1 if "practice_register" in again.views else True
    assert again.session.flows["register_level1"].index == 1
    assert "học tiếp" in again.message.value


def test_bad_display_name_is_a_message_not_an_exception(progress_dir: Path) -> None:
    app = show_lesson(1)
    app.name.value = "   "
    app.save_button.click()
    assert "Hãy nhập một tên gọi" in app.message.value and app.session.display_name is None


def test_an_error_inside_a_callback_becomes_one_line(
    progress_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = show_lesson(1)
    view = open_page(app, "practice_install")

    def broken(_button_id: str):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(view.run, "tap", broken)
    view.buttons["ch_play"].click()  # must not raise
    assert "disk on fire" in app.message.value


def test_a_broken_lesson_file_shows_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    (content / "lessons").mkdir(parents=True)
    (content / "ui").mkdir()
    (content / "ui" / "learn.yaml").write_text(
        (lessons_dir().parent / "ui" / "learn.yaml").read_text("utf-8"), "utf-8"
    )
    raw = yaml.safe_load((lessons_dir() / "01_getting_vneid.yaml").read_text("utf-8"))
    raw["quiz"]["questions"][0]["options"][1]["correct"] = True
    (content / "lessons" / "01_getting_vneid.yaml").write_text(
        yaml.safe_dump(raw, allow_unicode=True), "utf-8"
    )
    monkeypatch.setenv(CONTENT_ENV, str(content))
    shown = show_lesson(1)
    assert isinstance(shown, widgets.HTML) and "quiz.questions[where_install]" in shown.value
    assert "Traceback" not in shown.value


def answer(view: QuizView, question_id: str, options: list[str]) -> None:
    """Tick ``options`` on the screen (as a learner would) and press the question's Check."""
    choice = view.choices[question_id]
    if isinstance(choice, widgets.RadioButtons):
        choice.value = options[0]
    else:
        for box in choice.children:
            box.value = box.option_id in options
    view.checks[question_id].click()


def test_quiz_view_a_first_wrong_try_then_every_option_explained(
    progress_dir: Path, lessons: dict[int, Lesson], ui: UiStrings
) -> None:
    say = lambda key, **params: html.escape(ui.get(key, "vi", **params))  # noqa: E731
    app = show_lesson(1)
    view = open_page(app, "quiz")
    assert isinstance(view, QuizView)
    questions = lessons[1].quiz.questions
    first = questions[0]
    counter = ui.get("quiz.question", "vi", current=1, total=len(questions))
    radio = view.choices[first.id]
    assert isinstance(radio, widgets.RadioButtons) and radio.description == ""
    assert html_text(view).count(counter) == 1  # the heading only, not again beside the options
    view.checks[first.id].click()
    assert say("quiz.choose_first") in view.feedback[first.id].value
    wrong = [o for o in first.options if not o.correct]
    answer(view, first.id, [wrong[0].id])
    shown = html_text(view)
    assert say("quiz.try_again") in view.feedback[first.id].value
    assert not any(ctx_text(o.feedback.vi) in shown for o in first.options)  # no option explained yet
    assert f"({say('quiz.correct_option')}" not in shown and not view.choices[first.id].disabled
    answer(view, first.id, [wrong[0].id])  # the same choice again: the second try is not used
    assert say("quiz.same_choice") in view.feedback[first.id].value and first.id in view.checks
    answer(view, first.id, [wrong[1].id])
    closed = view.feedback[first.id].value
    assert say("quiz.wrong") in closed and first.id not in view.checks and view.choices[first.id].disabled
    for option in first.options:
        assert ctx_text(option.text.vi) in closed and ctx_text(option.feedback.vi) in closed
    mine = f"{ctx_text(wrong[1].text.vi)}</b> ({say('quiz.wrong_option')}, <b>{say('quiz.you_chose')}</b>)"
    assert mine in closed and closed.count(say("quiz.you_chose")) == 1
    for question in questions[1:]:
        answer(view, question.id, [o.id for o in question.options if o.correct])
        assert say("quiz.right") in view.feedback[question.id].value
    text = html_text(view)
    total = len(questions)
    assert say("quiz.score", score=total - 1, total=total) in text and app.session.quiz.passed
    assert say("quiz.passed") in text and view.retry_button is None  # passed: the way on, not a retry
    assert say("quiz.next_step", next=ui.get("nav.next", "vi"), summary=ui.get("page.summary", "vi")) in text
    assert app.session.quiz.tries() == {q.id: 2 if q is first else 1 for q in questions}


def test_quiz_view_offers_a_retry_only_when_finished_and_not_passed(
    progress_dir: Path, lessons: dict[int, Lesson], ui: UiStrings
) -> None:
    app = LessonApp(LessonSession(lessons[1], 1), ui)
    view = open_page(app, "quiz")
    assert isinstance(view, QuizView)
    questions = lessons[1].quiz.questions
    for question in questions:
        assert view.retry_button is None
        wrong = [o.id for o in question.options if not o.correct]
        answer(view, question.id, wrong[:1])
        answer(
            view,
            question.id,
            wrong[1:2]
            if question.kind == "single"
            else wrong[:1] + [o.id for o in question.options if o.correct],
        )
    text = html_text(view)
    assert html.escape(ui.get("quiz.score", "vi", score=0, total=len(questions))) in text
    assert view.retry_button is not None and view.retry_button.description == ui.get("quiz.retry", "vi")
    assert html.escape(ui.get("quiz.passed", "vi")) not in text
    view.retry_button.click()
    assert app.session.quiz.answers() == {} and view.retry_button is None
    assert set(view.checks) == {q.id for q in questions}


def ctx_text(text: str) -> str:
    """A lesson text as the views write it in HTML (``**bold**`` as ``<b>``, quotes escaped)."""
    from simkit.learn import markup

    return markup.inline(text, True)


def with_drill(lesson: Lesson) -> Lesson:
    raw = yaml.safe_load((lessons_dir() / "01_getting_vneid.yaml").read_text("utf-8"))
    raw = copy.deepcopy(raw)
    item = {
        "channel": "call",
        "sender": {"vi": "Số lạ", "en": "Unknown number"},
        "message": {
            "vi": "Tài khoản của bà bị lỗi, đọc mã OTP cho tôi.",
            "en": "Your account has an error, read me the OTP.",
        },
        "reason": {"vi": "Không ai được hỏi mã OTP.", "en": "Nobody may ask for your OTP."},
    }
    raw["drills"] = [
        {
            "id": "drill",
            "title": {"vi": "An toàn hay lừa đảo?", "en": "Safe or scam?"},
            "intro": {"vi": "Đọc từng tin.", "en": "Read each one."},
            "items": [
                {**item, "id": "a", "answer": "scam"},
                {**item, "id": "b", "answer": "safe"},
                {**item, "id": "c", "answer": "scam"},
            ],
        }
    ]
    raw["sections"].append(
        {"kind": "drill", "id": "drill_page", "title": {"vi": "Luyện tập", "en": "Drill"}, "drill": "drill"}
    )
    return parse_lesson(raw)


def test_drill_view(progress_dir: Path, lessons: dict[int, Lesson], ui: UiStrings) -> None:
    say = lambda key, **params: html.escape(ui.get(key, "vi", **params))  # noqa: E731
    app = LessonApp(LessonSession(with_drill(lessons[1]), 1), ui)
    view = open_page(app, "drill_page")
    assert isinstance(view, DrillView) and view.next_button.disabled and view.next_button not in view.children
    assert "An toàn hay lừa đảo?" in html_text(view) and "Đọc từng tin." in html_text(view)
    assert view.back_button.description == ui.get("drill.back", "vi") != ui.get("nav.back", "vi")
    assert view.back_button.disabled and view.retry_button not in view.children
    view.safe_button.click()  # item a is a scam
    text = html_text(view)
    assert say("drill.wrong") in text and "Không ai được hỏi mã OTP" in text
    assert say("drill.you_chose", choice=ui.get("drill.safe", "vi")) in text
    assert say("drill.answer_was", answer=ui.get("drill.scam", "vi")) in text
    assert (
        "simkit-chosen" in view.safe_button._dom_classes
        and "simkit-chosen" not in view.scam_button._dom_classes
    )
    assert view.safe_button.disabled and view.scam_button.disabled and not view.next_button.disabled
    verdict = next(
        i for i, w in enumerate(view.children) if isinstance(w, widgets.HTML) and "mã OTP." in w.value
    )
    assert view.children[verdict + 1] is view.next_button  # "Next message" right under the explanation
    view.next_button.click()
    view.safe_button.click()
    view.next_button.click()
    view.scam_button.click()
    text = html_text(view)
    assert say("drill.score", score=2, total=3) in text
    assert say("drill.verdict_most", missed="1", back=ui.get("drill.back", "vi")) in text
    assert say("drill.in_doubt") in text and view.retry_button in view.children
    assert view.next_button not in view.children  # the last item: no "Next message"
    view.back_button.click()
    assert app.session.drills["drill"].index == 1 and say("drill.in_doubt") not in html_text(view)
    view.next_button.click()
    view.retry_button.click()
    assert app.session.drills["drill"].answers() == {} and app.session.drills["drill"].index == 0


@pytest.mark.parametrize(
    ("presses", "key", "score"),
    [(("scam", "safe", "scam"), "drill.verdict_all", 3), (("safe", "scam", "safe"), "drill.verdict_few", 0)],
)
def test_drill_end_verdict_follows_the_score(
    progress_dir: Path,
    lessons: dict[int, Lesson],
    ui: UiStrings,
    presses: tuple[str, ...],
    key: str,
    score: int,
) -> None:
    app = LessonApp(LessonSession(with_drill(lessons[1]), 1), ui)
    view = open_page(app, "drill_page")
    assert isinstance(view, DrillView)
    for number, press in enumerate(presses):
        if number:
            view.next_button.click()
        (view.safe_button if press == "safe" else view.scam_button).click()
    text = html_text(view)
    params = {"retry": ui.get("drill.retry", "vi")} if key == "drill.verdict_few" else {}
    assert html.escape(ui.get(key, "vi", **params)) in text
    assert html.escape(ui.get("drill.score", "vi", score=score, total=3)) in text
    others = {"drill.verdict_all", "drill.verdict_few"} - {key}
    assert all(html.escape(ui.get(k, "vi", retry="x").split("«")[0]) not in text for k in others)


def test_trainer_view_shows_instructor_notes_only_to_trainers(
    lessons: dict[int, Lesson], ui: UiStrings
) -> None:
    note = lessons[1].instructor_notes[0].vi
    assert note not in html_text(LessonApp(LessonSession(lessons[1], 1), ui))
    assert note in html_text(LessonApp(LessonSession(lessons[1], 1), ui, trainer=True))


def test_my_progress_and_certificate(progress_dir: Path, lessons: dict[int, Lesson]) -> None:
    from simkit.learn.progress import ProgressStore

    app = show_my_progress()
    assert isinstance(app, ProgressApp) and "Nhập tên hiển thị" in app.table.value
    store = ProgressStore()
    for lesson in list(lessons.values())[:-1]:
        store.save_lesson("Lan", lesson.id, done_record(lesson))
    app.name.value = "Lan"
    app.show_button.click()
    assert "Đã xong" in app.table.value and f"{len(lessons) - 1}/{len(lessons)}" in app.certificate.value
    assert app.certificate_button.layout.display == "none"
    last = list(lessons.values())[-1]
    store.save_lesson("Lan", last.id, done_record(last))
    app.show_button.click()
    assert "srcdoc" in app.certificate.value and app.certificate_button.layout.display != "none"
    app.certificate_button.click()
    assert (progress_dir / f"certificate-{slug('Lan')}.html").exists()
    app.lang.value = "en"
    assert "My progress" in html_text(app)


def test_a_scam_address_in_a_practice_sms_or_a_drill_is_never_a_link(
    progress_dir: Path, lessons: dict[int, Lesson]
) -> None:
    app = show_lesson(1)
    view = open_page(app, "practice_install")
    while view.run.step.id != "sms_link":
        assert do_right(view.run).ok
    view.render()
    shown = html_text(view)
    assert "vneid-capnhat.com" in shown and "<a " not in shown
    drill_app = LessonApp(LessonSession(lessons[6], 6), load_ui_strings())
    drill_page = next(s.id for s in lessons[6].sections if getattr(s, "drill", None))
    drill = open_page(drill_app, drill_page)
    seen = []
    for _ in lessons[6].drills[0].items:
        seen.append(html_text(drill))
        drill.scam_button.click()
        if not drill.next_button.disabled:
            drill.next_button.click()
    assert any(".com" in text for text in seen)
    assert not any("<a " in text for text in seen)


def test_summary_shows_each_sources_page_date_and_check_date(
    progress_dir: Path, lessons: dict[int, Lesson], ui: UiStrings
) -> None:
    app = show_lesson(1)
    text = html_text(open_page(app, "summary"))
    dated = next(s for s in lessons[1].sources if s.published)
    undated = next(s for s in lessons[1].sources if not s.published)
    assert ui.get("summary.published", "vi", date=dated.published) in text
    assert ui.get("summary.checked", "vi", date=dated.checked) in text
    assert text.count(ui.get("summary.published", "vi", date="").strip()) == sum(
        1 for s in lessons[1].sources if s.published
    )
    assert undated.url in text


def test_enter_in_the_name_box_saves_and_the_header_becomes_one_line(progress_dir: Path) -> None:
    strings = load_ui_strings()
    app = show_lesson(1)
    app.name.value = "Bà Tư"
    app.name._handle_custom_msg({"event": "submit"}, [])  # what the browser sends on Enter
    assert app.session.display_name == "Bà Tư"
    assert ProgressStore(progress_dir).path_for("Bà Tư").exists()
    shown = list(walk(app))
    assert app.name not in shown and app.save_button not in shown and app.change_button in shown
    assert strings.get("learner.saved_as", "vi", name="Bà Tư") in html_text(app)
    app.change_button.click()
    assert app.name in list(walk(app))


def test_after_next_the_new_heading_is_marked_for_the_focus(progress_dir: Path) -> None:
    app = show_lesson(1)
    app.next_button.click()
    target = app.assist.focus_target
    assert target and app.assist.scroll_top
    heading = next(w for w in walk(app.body) if isinstance(w, widgets.HTML) and "<h3" in w.value)
    assert f'data-simkit-focus="{target}"' in heading.value and "lang='vi'" in heading.value
    view = open_page(app, "practice_register")
    view.tap("register")
    assert app.assist.focus_target != target  # the answer's feedback (or the next step) gets the focus
    assert any(
        f'data-simkit-focus="{app.assist.focus_target}"' in w.value
        for w in walk(view)
        if isinstance(w, widgets.HTML)
    )


def test_large_text_and_language_follow_the_learner(progress_dir: Path) -> None:
    first = show_lesson(1)
    first.name.value = "Lan"
    first.save_button.click()
    first.large.value = True
    first.lang.value = "en"
    again = show_lesson(3)  # another lesson, another day
    again.name.value = "Lan"
    again.save_button.click()
    assert again.large.value is True and "simkit-large" in again._dom_classes
    assert again.session.lang == "en" and again.lang.value == "en"


def test_read_aloud_reads_the_current_step_in_the_lessons_language(progress_dir: Path) -> None:
    app = show_lesson(1)
    assert app.read_button.layout.display == "none"  # no voice known: no button
    app.assist.voices = ["vi", "en"]
    assert app.read_button.layout.display is None
    view = open_page(app, "practice_register")
    app.read_button.click()
    step = view.run.step
    spoken = app.assist.spoken[-1]
    assert spoken["lang"] == "vi"
    for part in (step.screen, step.task):
        assert " ".join(part.vi.replace("**", "").split()) in " ".join(spoken["text"].split())
    app.lang.value = "en"
    app.assist.voices = ["vi"]  # a phone with only a Vietnamese voice: no button in English
    assert app.read_button.layout.display == "none"


def test_the_summary_names_the_next_lesson_and_folds_the_sources(progress_dir: Path) -> None:
    strings = load_ui_strings()
    app = show_lesson(1)
    open_page(app, "summary")
    text = html_text(app)
    assert (
        f"<details class='simkit-sources'><summary>{strings.get('summary.sources', 'vi')}</summary>" in text
    )
    for run in app.session.flows.values():
        while not run.at_end:
            do_right(run)
    for question in app.session.lesson.quiz.questions:
        app.session.quiz.choose(question.id, [o.id for o in question.options if o.correct])
        app.session.quiz.check(question.id)
    app.render()
    title = load_lessons()[2].title.vi
    assert strings.get("assist.next_lesson", "vi", number=2, title=title) in html_text(app)
