"""The campaign report: figures counted from the hand-made class, sentences in Vietnamese and English with
local number formats, a tab-separated table that pastes into cells, and honest gaps and warnings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from simkit.errors import ConfigError
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
    figures = campaign_figures(read_cohort(class_folder), lessons)
    facts = CampaignFacts("xã Tân Lạc", "tháng 11/2026", workshops=2, attendance=1250)
    text = report_text(figures, facts, content, "vi")
    lines = text.splitlines()
    assert lines[0] == "KẾT QUẢ TẬP HUẤN KỸ NĂNG SỐ CHO NGƯỜI DÂN — xã Tân Lạc, tháng 11/2026"
    assert (
        "- Tổ chức 2 buổi tập huấn sử dụng VNeID và Cổng Dịch vụ công quốc gia, với 1.250 lượt người tham dự."
        in lines
    )
    assert "- 4 người dân đã học trên máy tính tập huấn (có tệp tiến độ)." in lines
    assert "- 2 người (50%) hoàn thành ít nhất một bài; 0 người hoàn thành cả 6 bài." in lines
    assert "- Tổng cộng 3 lượt hoàn thành bài trên 6 lượt học bài (50%)." in lines
    assert "- Thời gian học: từ ngày 22/11/2026 đến ngày 22/11/2026." in lines
    assert "- Tổng thời gian học trên máy: khoảng 2,2 giờ." in lines
    assert "- Điểm câu hỏi ôn tập trung bình: 85%." in lines
    review = next(line for line in lines if line.startswith("- Nội dung cần ôn lại"))
    assert lessons[1].quiz.questions[2].prompt.vi in review and lessons[1].title.vi in review
    table = lines[lines.index("Kết quả theo từng bài:") + 1 :]
    assert (
        table[0] == "Bài học\tĐã học\tHoàn thành\tTỷ lệ hoàn thành (trong số đã học)\tĐiểm câu hỏi trung bình"
    )
    assert table[1] == f"{lessons[1].title.vi}\t4\t2\t50%\t80%"
    assert table[6] == f"{lessons[6].title.vi}\t0\t0\t—\t—"
    assert lines[-1].startswith("Nguồn số liệu:")
    assert "DỮ LIỆU MẪU" not in text


def test_english_report_and_missing_sign_in_figures(class_folder: Path, lessons, content) -> None:
    figures = campaign_figures(read_cohort(class_folder), lessons)
    lines = report_lines(figures, CampaignFacts(commune="Tân Lạc commune"), content, "en")
    assert lines[0] == "RESULTS OF DIGITAL-SKILLS TRAINING FOR CITIZENS — Tân Lạc commune"
    assert (
        lines[1] == "Workshops held and attendances: not recorded yet (add them up from the sign-in sheets)."
    )
    assert "Total time spent learning on the computers: about 2.2 hours." in lines
    assert "Mean quiz score: 85%." in lines


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
