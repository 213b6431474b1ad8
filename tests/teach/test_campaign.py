"""The campaign report: figures counted from the hand-made class, sentences in Vietnamese and English with
local number formats, a tab-separated table that pastes into cells, and honest gaps and warnings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from simkit.errors import ConfigError
from simkit.formats import MISSING
from simkit.teach.campaign import CampaignFacts, campaign_figures, report_html, report_lines, report_text
from simkit.teach.cohort import read_cohort


def test_figures(class_folder: Path, lessons) -> None:
    figures = campaign_figures(read_cohort(class_folder), lessons)
    assert (figures.learners, figures.completed_any, figures.completed_all, figures.lessons) == (4, 2, 0, 6)
    assert (figures.started, figures.completions) == (6, 3)
    assert figures.first_day == figures.last_day == date(2026, 11, 22)
    assert figures.minutes == pytest.approx(40 + 20 + 65 + 5)
    assert figures.quiz_mean == pytest.approx((1 + 0.6 + 0.8 + 1) / 4)  # every quiz taker counts once
    assert [row.question.id for row in figures.review] == ["portrait_tips", "where_install"]


def test_vietnamese_report(class_folder: Path, lessons, content) -> None:
    """The figures of the hand-made class in the report's own sentences (wording read from content/)."""
    figures = campaign_figures(read_cohort(class_folder), lessons)
    facts = CampaignFacts("xã Tân Lạc", "tháng 11/2026", workshops=2, attendance=1250)
    text = report_text(figures, facts, content, "vi")
    lines = text.splitlines()

    def say(key: str, **params: object) -> str:
        return content.get(key, "vi", **params)

    assert lines[0] == say("report.heading", commune="xã Tân Lạc", period="tháng 11/2026")
    assert f"- {say('report.workshops_line', workshops='2', attendance='1.250')}" in lines
    assert f"- {say('report.learners_line', learners='4')}" in lines
    completed = say(
        "report.completed_line", completed_any="2", share_any="50,0%", completed_all="0", lessons=6
    )
    assert f"- {completed}" in lines
    assert f"- {say('report.lessons_done_line', done='3', started='6', share='50,0%')}" in lines
    assert f"- {say('report.activity_line', first='22/11/2026', last='22/11/2026')}" in lines
    assert f"- {say('report.hours_line', hours='2,2')}" in lines
    assert f"- {say('report.quiz_line', mean='85,0%')}" in lines
    start = say("report.review_line", questions="\x00").split("\x00")[0]
    review = next(line for line in lines if line.startswith(f"- {start}"))
    assert lessons[1].quiz.questions[2].prompt.vi in review and lessons[1].title.vi in review
    table = lines[lines.index(say("report.table_intro")) + 1 :]
    columns = ("col.lesson", "col.started", "col.completed", "col.completion", "col.quiz_mean")
    assert table[0] == "\t".join(say(key) for key in columns)
    assert table[1] == f"{lessons[1].title.vi}\t4\t2\t50,0%\t80,0%"
    assert table[6] == f"{lessons[6].title.vi}\t0\t0\t{MISSING}\t{MISSING}"
    assert lines[-1] == say("report.source_note")
    assert say("report.sample_warning") not in text


def test_english_report_and_missing_sign_in_figures(class_folder: Path, lessons, content) -> None:
    figures = campaign_figures(read_cohort(class_folder), lessons)
    lines = report_lines(figures, CampaignFacts(commune="Tân Lạc commune"), content, "en")
    assert lines[0] == f"{content.get('report.heading_plain', 'en')} — Tân Lạc commune"
    assert lines[1] == content.get("report.workshops_unknown", "en")
    assert content.get("report.hours_line", "en", hours="2.2") in lines
    assert content.get("report.quiz_line", "en", mean="85.0%") in lines


def test_attendance_below_the_learners_counted_is_flagged(class_folder: Path, lessons, content) -> None:
    figures = campaign_figures(read_cohort(class_folder), lessons)
    lines = report_lines(figures, CampaignFacts(workshops=1, attendance=3), content, "vi")
    assert lines[-1] == (
        "Lưu ý: số lượt tham dự (3) ít hơn số học viên có tệp tiến độ (4); "
        "hãy kiểm tra lại danh sách điểm danh."
    )


def test_an_empty_class_says_so_and_has_no_table(tmp_path: Path, lessons, content) -> None:
    figures = campaign_figures(read_cohort(tmp_path), lessons)
    text = report_text(figures, CampaignFacts(), content, "vi", sample=True)
    assert text.splitlines()[0] == "DỮ LIỆU MẪU (học viên giả định), không dùng cho báo cáo thật."
    assert "Chưa có tệp tiến độ nào đọc được" in text and "\t" not in text
    page = report_html(figures, CampaignFacts(), content, "en", sample=True)
    assert "SAMPLE DATA" in page and "<table" not in page


def test_html_report_escapes_what_the_trainer_typed(class_folder: Path, lessons, content) -> None:
    figures = campaign_figures(read_cohort(class_folder), lessons)
    page = report_html(figures, CampaignFacts("<b>xã</b>", "11/2026", 1, 5), content, "vi")
    assert "&lt;b&gt;xã&lt;/b&gt;" in page and "<b>xã</b>" not in page
    assert page.count("<tr>") == 1 + len(lessons)


@pytest.mark.parametrize("bad", [{"workshops": -1}, {"attendance": 2.5}, {"attendance": True}])
def test_bad_sign_in_figures_name_the_field(bad: dict) -> None:
    with pytest.raises(ConfigError, match=f"^{next(iter(bad))}: must be a whole number"):
        CampaignFacts(**bad)
