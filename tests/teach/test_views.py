"""The trainer screens, driven headlessly (set ``.value``, call ``.click()``): each reacts to its controls,
shows bad input as a friendly line (never an exception), relabels on a language switch, and gives every
control an accessible label."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from simkit.content import CONTENT_ENV
from simkit.learn.content import load_lessons
from simkit.learn.progress import LessonRecord, ProgressStore
from simkit.teach.results_page import SUMMARY_PAGE
from simkit.teach.samples import sample_folder
from simkit.teach.strings import load_teach_content, ui_path
from simkit.teach.views import (
    CampaignReportView,
    CohortView,
    PresenterView,
    WorkshopPlannerView,
    show_campaign_report,
    show_cohort_results,
    show_presenter,
    show_workshop_planner,
)
from simkit.teach.views.cohort import LIVE_SECONDS

CONTROLS = (
    widgets.Button, widgets.Text, widgets.Textarea, widgets.IntText, widgets.Dropdown, widgets.Checkbox,
    widgets.ToggleButton, widgets.ToggleButtons, widgets.IntSlider,
)  # fmt: skip


LESSON_QUESTIONS = [q for lesson in load_lessons().values() for q in lesson.quiz.questions]


def walk(widget: widgets.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def assert_labelled(view: widgets.Widget) -> None:
    for widget in walk(view):
        if isinstance(widget, CONTROLS):
            assert (widget.description or "").strip(), widget
            assert (widget.tooltip or getattr(widget, "tooltips", None) or "").__len__(), widget


def text(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", value))


# --- workshop planner ----------------------------------------------------------------------------------
def test_planner_updates_the_agenda_as_controls_change(tmp_path: Path) -> None:
    view = show_workshop_planner(lessons=[1], folder=tmp_path)
    assert isinstance(view, WorkshopPlannerView)
    assert (
        "08:00–08:10" in view.agenda.value and view.plan.total_minutes == 70
    )  # older learners: 30 min practice
    view.audience.value = "adults"
    assert view.plan.total_minutes == 60
    view.start.value = "13:30"
    assert "13:30–13:40" in view.agenda.value
    view.lesson_boxes[2].value = True
    assert [n for n, _ in view.plan.lessons] == [1, 2] and "Bài 2." in view.agenda.value
    view.attendees.value = 9
    assert "Nên có 2 người hỗ trợ" in text(view.notes.value)  # 9 adults, 8 per helper
    assert "☐" in view.materials.value and "Tài liệu phát tay in sẵn" in text(view.materials.value)
    assert "<iframe" in view.preview.value and "data:text/html;charset=utf-8;base64," in view.preview.value
    assert_labelled(view)


@pytest.mark.parametrize(
    ("control", "value", "message"),
    [
        ("start", "tám giờ", "Giờ bắt đầu cần viết dạng giờ:phút"),
        ("start", "", "Giờ bắt đầu cần viết dạng giờ:phút"),
        ("attendees", 0, "Số học viên phải từ 1 đến 200."),
        ("attendees", 5000, "Số học viên phải từ 1 đến 200."),
    ],
)
def test_planner_bad_input_is_a_message_and_the_last_plan_stays(control: str, value, message: str) -> None:
    view = show_workshop_planner(lessons=[1])
    before = view.agenda.value
    getattr(view, control).value = value
    assert message in html.unescape(view.message.value) and "Traceback" not in view.message.value
    assert view.agenda.value == before
    view.start.value, view.attendees.value = "08:00", 20
    assert view.message.value == ""


def test_planner_with_no_lesson_ticked(tmp_path: Path) -> None:
    view = show_workshop_planner(lessons=[1], folder=tmp_path)
    view.lesson_boxes[1].value = False
    assert "Hãy chọn ít nhất một bài học." in view.message.value
    view.save_handouts_button.click()
    assert "Hãy chọn ít nhất một bài học." in view.saved.value and list(tmp_path.iterdir()) == []


def test_planner_saves_handouts_and_plan_into_the_folder(tmp_path: Path) -> None:
    view = show_workshop_planner(lessons=[1, 6], folder=tmp_path / "tai-lieu")
    view.handout_lang.value = "en"
    view.save_handouts_button.click()
    view.save_plan_button.click()
    names = sorted(p.name for p in (tmp_path / "tai-lieu").iterdir())
    assert names == [
        "handout-01-getting_vneid-en.html",
        "handout-06-staying_safe-en.html",
        "workshop-plan-en.html",
    ]
    assert "Đã lưu 1 tệp vào thư mục" in view.saved.value
    view.folder.value = "  "
    view.save_plan_button.click()
    assert "Hãy gõ đường dẫn của một thư mục." in view.saved.value


def test_planner_large_print_and_trainers_copy_change_the_handout_written(tmp_path: Path) -> None:
    from simkit.teach.handout import handout_html

    content, lessons = load_teach_content(), load_lessons()
    view = show_workshop_planner(lessons=[1], folder=tmp_path)
    for control, key in ((view.handout_large, "handout_large"), (view.handout_trainer, "handout_trainer")):
        assert control.description == content.get(f"planner.{key}", "vi")
        assert control.tooltip == content.get(f"planner.{key}_help", "vi")
    assert handout_html(lessons[1], content, "vi") in html.unescape(view.preview.value)
    view.handout_large.value = True
    view.handout_trainer.value = True
    view.handout_lang.value = "en"
    expected = handout_html(lessons[1], content, "en", large=True, copy="trainer")
    assert expected in html.unescape(view.preview.value)  # the preview follows the two choices
    assert "handout-01-getting_vneid-en-large-trainer.html" in view.preview.value
    view.save_handouts_button.click()
    written = tmp_path / "handout-01-getting_vneid-en-large-trainer.html"
    assert [p.name for p in tmp_path.iterdir()] == [written.name]
    assert written.read_text("utf-8") == expected
    view.handout_large.value = False
    view.save_handouts_button.click()
    normal_print = tmp_path / "handout-01-getting_vneid-en-trainer.html"
    assert normal_print.read_text("utf-8") == handout_html(lessons[1], content, "en", copy="trainer")
    view.lang_toggle.value = "en"
    assert view.handout_trainer.description == content.get("planner.handout_trainer", "en")


def test_planner_save_failure_is_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", "utf-8")
    view = show_workshop_planner(lessons=[1], folder=blocker / "inside")
    view.save_handouts_button.click()
    assert "Chưa lưu được" in view.saved.value


def test_planner_language_switch_relabels_and_keeps_the_choices() -> None:
    view = show_workshop_planner(lessons=[2])
    view.audience.value = "trainers"
    view.lang_toggle.value = "en"
    assert view.lang == "en" and "Workshop planner" in view.title.value
    assert view.audience.value == "trainers" and view.lesson_boxes[2].value
    assert view.lesson_boxes[2].description.startswith("Lesson 2.")
    assert "Lesson 2. Activating VNeID and logging in: explanation" in view.agenda.value
    view.start.value = "x"
    assert "Write the start time as hours:minutes" in html.unescape(view.message.value)
    view.lang_toggle.value = "vi"
    assert "Giờ bắt đầu cần viết" in html.unescape(view.message.value)  # the message follows the language


# --- presenter -----------------------------------------------------------------------------------------
def test_presenter_steps_forward_and_back_and_stops_at_the_ends() -> None:
    view = show_presenter(2)
    assert isinstance(view, PresenterView) and view.presenter.number == 2
    assert "simkit-large" in view._dom_classes  # projector mode is on from the start
    assert view.back_button.disabled and view.first_button.disabled and not view.next_button.disabled
    first = view.slide.value
    view.back_button.click()
    assert view.presenter.index == 0 and view.slide.value == first
    view.next_button.click()
    view.next_button.click()
    assert view.presenter.index == 2 and view.jump.value == 3
    assert f"Trang 3/{view.presenter.total}" in view.position.value
    view.back_button.click()
    assert view.presenter.index == 1
    view.jump.value = view.presenter.total
    assert view.presenter.at_end and view.next_button.disabled
    view.next_button.click()
    assert view.presenter.at_end and "Hết bài" in view.slide.value
    view.first_button.click()
    assert view.presenter.index == 0
    assert_labelled(view)


def test_presenter_language_switch_keeps_the_slide_and_lesson_switch_restarts() -> None:
    view = show_presenter(6)
    for _ in range(4):
        view.next_button.click()
    view.lang_toggle.value = "en"
    assert (view.presenter.number, view.presenter.index) == (
        6,
        4,
    ) and view.next_button.description == "Next ▶"
    assert view.lesson.value == 6 and view.lesson.label.startswith("Lesson 6.")
    view.lesson.value = 1
    assert view.presenter.number == 1 and view.presenter.index == 0 and view.jump.max == view.presenter.total
    assert "Lesson 1" in view.slide.value


def test_presenter_notes_only_when_asked() -> None:
    view = show_presenter(1)
    assert view.notes.value == ""
    view.show_notes.value = True
    assert "Ghi chú giảng dạy" in view.notes.value
    view.show_notes.value = False
    assert view.notes.value == ""


def test_presenter_unknown_lesson_number_opens_the_first() -> None:
    assert show_presenter(99).presenter.number == 1


def test_presenter_slider_is_wide_and_opens_in_high_contrast() -> None:
    """How the slider looks in high contrast is measured in the browser suite, not restated from the CSS."""
    view = show_presenter(1)
    assert view.jump.layout.width == "560px" and view.large.layout.width == "auto"
    assert "simkit-large" in view._dom_classes


# --- cohort results ------------------------------------------------------------------------------------
def test_cohort_view_opens_on_the_sample_class() -> None:
    view = show_cohort_results()
    assert isinstance(view, CohortView) and view.folder.value == str(sample_folder())
    assert "dữ liệu mẫu" in view.message.value and "12 học viên" in view.message.value
    assert "gộp 2 tệp" in view.message.value  # Bác Tư used two computers
    shown = text(view.results.value)
    assert "Câu hỏi nhiều học viên trả lời sai nhất" in shown
    assert "co-lan-ban-sao.json" in text(view.skipped.children[0].value)
    assert_labelled(view)


def test_cohort_view_reads_a_folder_and_exports_csv(tmp_path: Path, class_folder: Path) -> None:
    view = show_cohort_results(class_folder, export_folder=tmp_path / "ket-qua")
    assert "4 học viên" in view.message.value and "dữ liệu mẫu" not in view.message.value
    assert "v2.json" in view.skipped.children[0].value
    view.lang_toggle.value = "en"
    assert "Read 5 progress file(s) of 4 learner(s); 8 file(s) skipped." in view.message.value
    assert "Questions most learners get wrong" in view.results.value
    view.export_button.click()
    assert "Saved 5 file(s)" in view.exported.value
    assert (tmp_path / "ket-qua" / "cohort-lessons.csv").read_bytes().startswith(b"\xef\xbb\xbfLesson,")
    assert (tmp_path / "ket-qua" / SUMMARY_PAGE).read_text("utf-8").startswith("<!DOCTYPE html>")
    assert f"download='{SUMMARY_PAGE}'" in view.exported.value  # also from JupyterLab's file browser


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        ("", "Hãy gõ đường dẫn của một thư mục."),
        ("/nowhere/usb", "Không tìm thấy thư mục /nowhere/usb"),
    ],
)
def test_cohort_view_bad_folder_is_a_message(folder: str, message: str) -> None:
    view = show_cohort_results()
    before = view.results.value
    view.folder.value = folder
    view.read_button.click()
    assert message in view.message.value and view.results.value == before


def say(key: str, lang: str = "vi", **params) -> str:
    return load_teach_content().get(key, lang, **params)


def test_cohort_view_reads_as_a_trainer_reads(class_folder: Path) -> None:
    """Issue 19: chart first, ids hidden, the per-question table folded under "most missed", times rounded."""
    view = show_cohort_results(class_folder)
    order = [child for child in view.children]
    assert order.index(view.results) < order.index(view.all_questions) < order.index(view.learners)
    shown = view.results.value
    assert shown.startswith("<img class='simkit-results-chart'") and "data:image/png;base64," in shown
    assert shown.index(say("cohort.by_lesson")) < shown.index(say("cohort.most_missed"))
    assert "getting_vneid" not in shown and "portrait_tips" not in view.all_questions.children[0].value
    assert view.all_questions.selected_index is None  # folded
    assert view.all_questions.get_title(0) == say("cohort.all_questions", count=len(LESSON_QUESTIONS))
    assert say("cohort.duration.minutes", minutes=20) in shown  # lesson 1's mean, not "20,0"
    view.show_ids.value = True
    assert "getting_vneid" in view.results.value and "portrait_tips" in view.all_questions.children[0].value


def test_folded_sections_stay_open_across_a_refresh(class_folder: Path) -> None:
    view = show_cohort_results(class_folder)
    view.all_questions.selected_index = 0
    view.skipped.selected_index = 0
    view.read_button.click()
    view.lang_toggle.value = "en"
    assert view.all_questions.selected_index == 0 and view.skipped.selected_index == 0
    assert view.all_questions.get_title(0) == say("cohort.all_questions", "en", count=len(LESSON_QUESTIONS))


def test_live_view_reads_the_folder_again_only_when_a_file_changes(tmp_path: Path) -> None:
    """Issue 12: the class view shows the room live; a tick without a change reads nothing."""
    store = ProgressStore(tmp_path / "room")
    store.save_lesson("Bà Hoa", "getting_vneid", LessonRecord(seconds=120))
    view = show_cohort_results(tmp_path / "room")
    assert view.live.value and view.ticker.playing and view.ticker.interval == LIVE_SECONDS * 1000
    assert view.ticker.layout.display == "none"  # the browser's timer, never shown
    assert "1 học viên" in view.message.value
    assert view.live_status.value.count(say("cohort.live_on", time=view.read_at, seconds=LIVE_SECONDS)) == 1
    first = view.cohort
    view.ticker.value += 1  # a tick from the browser, nothing changed
    assert view.cohort is first
    store.save_lesson("Ông Sáu", "getting_vneid", LessonRecord(seconds=60))
    view.ticker.value += 1
    assert view.cohort is not first and "2 học viên" in view.message.value
    assert "Ông Sáu" in view.learners.value


def test_live_view_stops_and_restarts(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "room")
    store.save_lesson("Bà Hoa", "getting_vneid", LessonRecord(seconds=120))
    view = show_cohort_results(tmp_path / "room")
    view.live.value = False
    assert not view.ticker.playing
    assert html.escape(say("cohort.live_off", time=view.read_at)) in view.live_status.value
    store.save_lesson("Ông Sáu", "getting_vneid", LessonRecord(seconds=60))
    assert view.tick() is False and "1 học viên" in view.message.value  # stopped: nothing read
    view.live.value = True  # starting again reads at once
    assert view.ticker.playing and "2 học viên" in view.message.value


def test_live_view_survives_the_usb_stick_being_pulled(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "usb")
    store.save_lesson("Bà Hoa", "getting_vneid", LessonRecord(seconds=120))
    view = show_cohort_results(tmp_path / "usb")
    before = view.results.value
    shutil.rmtree(tmp_path / "usb")
    assert view.tick() is True
    assert say("common.folder_missing", folder=str(tmp_path / "usb")) in html.unescape(view.message.value)
    assert view.results.value == before  # the last results stay on screen
    store.save_lesson("Bà Hoa", "getting_vneid", LessonRecord(seconds=180))
    assert view.tick() is True and "1 học viên" in view.message.value


def test_cohort_view_on_an_empty_folder_and_on_a_file(tmp_path: Path) -> None:
    view = show_cohort_results(tmp_path)
    assert "Không có tệp tiến độ nào đọc được" in view.message.value
    assert "Chưa có câu hỏi nào bị trả lời sai." in view.results.value
    (tmp_path / "co-lan.json").write_text("{}", "utf-8")
    view.folder.value = str(tmp_path / "co-lan.json")
    view.read_button.click()
    assert "là một tệp, không phải thư mục" in view.message.value
    view.export_folder.value = ""
    view.export_button.click()
    assert "Hãy gõ đường dẫn" in view.exported.value


def test_a_failing_callback_becomes_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    view = show_cohort_results()

    def broken(folder):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("simkit.teach.views.cohort.read_cohort", broken)
    view.read_button.click()  # must not raise
    assert "disk on fire" in view.message.value and "Có lỗi không mong muốn" in view.message.value


# --- campaign report -----------------------------------------------------------------------------------
def test_campaign_view_writes_the_report_as_facts_are_typed(class_folder: Path) -> None:
    view = show_campaign_report(class_folder)
    assert isinstance(view, CampaignReportView)
    assert view.text.value.startswith("KẾT QUẢ TẬP HUẤN KỸ NĂNG SỐ CHO NGƯỜI DÂN\n")
    view.commune.value, view.period.value = "xã Tân Lạc", "tháng 11/2026"
    view.workshops.value, view.attendance.value = 2, 30
    assert view.text.value.startswith("KẾT QUẢ TẬP HUẤN KỸ NĂNG SỐ CHO NGƯỜI DÂN — xã Tân Lạc, tháng 11/2026")
    assert "với 30 lượt người tham dự" in view.text.value and "<table" in view.report.value
    view.attendance.value = -3
    assert "số nguyên từ 0 trở lên" in view.message.value and "với 30 lượt" in view.text.value
    view.attendance.value = 3
    assert "Lưu ý: số lượt tham dự (3)" in view.text.value
    view.lang_toggle.value = "en"
    assert view.text.value.startswith("RESULTS OF DIGITAL-SKILLS TRAINING FOR CITIZENS — xã Tân Lạc")
    assert_labelled(view)


def test_campaign_view_marks_sample_data_and_handles_a_bad_folder() -> None:
    view = show_campaign_report()
    assert view.text.value.startswith("DỮ LIỆU MẪU") and "dữ liệu mẫu" in view.message.value
    before = view.text.value
    view.folder.value = "/nowhere"
    view.make_button.click()
    assert "Không tìm thấy thư mục /nowhere" in view.message.value and view.text.value == before


# --- broken content and bad arguments ------------------------------------------------------------------
def test_a_broken_teach_file_shows_one_line_on_every_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    (content / "ui").mkdir(parents=True)
    real = ui_path().parent.parent
    (content / "lessons").symlink_to(real / "lessons")
    raw = yaml.safe_load(ui_path().read_text("utf-8"))
    raw["strings"]["planner"].pop("title")
    (content / "ui" / "teach.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    monkeypatch.setenv(CONTENT_ENV, str(content))
    for show in (show_workshop_planner, show_presenter, show_cohort_results, show_campaign_report):
        shown = show()
        assert isinstance(shown, widgets.HTML) and "strings.planner.title: is missing" in shown.value
        assert "Traceback" not in shown.value


def test_a_bad_language_argument_shows_one_line() -> None:
    shown = show_presenter(1, lang="fr")
    assert isinstance(shown, widgets.HTML) and "lang: must be 'vi' or 'en'" in html.unescape(shown.value)


def test_cohort_view_can_open_without_the_live_update(class_folder: Path) -> None:
    view = show_cohort_results(class_folder, live=False)
    assert not view.live.value and not view.ticker.playing
    assert html.escape(say("cohort.live_off", time=view.read_at)) in view.live_status.value
