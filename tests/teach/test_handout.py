"""Printed sheets: a handout per lesson in the chosen language with the lesson's key points, steps, warnings
and mistakes; A4 print styles; nothing fetched from any host; lesson text escaped; files written whole."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from simkit.learn.content import parse_lesson
from simkit.learn.schema import Lesson
from simkit.teach.agenda import build_plan
from simkit.teach.handout import (
    SOURCES_NAMED,
    announced,
    explanation,
    first_sentences,
    handout_html,
    key_step,
    plan_html,
    save_handouts,
    save_plan,
    sources_line,
)
from simkit.teach.sheets import external_assets
from simkit.teach.strings import TeachContent


def visible(page: str) -> str:
    """The page's text as a reader sees it (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page.replace("**", "")))


def plain(text: str) -> str:
    return text.replace("**", "")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_handout_has_the_lessons_key_points_in_its_language(lessons, content, lang: str) -> None:
    other = "en" if lang == "vi" else "vi"
    for lesson in lessons.values():
        page = handout_html(lesson, content, lang)
        text = visible(page)
        assert f'<html lang="{lang}">' in page
        assert plain(lesson.title.text(lang)) in text
        for point in lesson.key_points:
            assert plain(point.text(lang)) in text, (lesson.id, point.text(lang))
        for mistake in lesson.common_mistakes:
            assert plain(mistake.fix.text(lang)) in text
        for objective in lesson.objectives:  # the goals are the trainer's: on the trainer's copy
            assert plain(objective.text(lang)) not in text
            assert plain(objective.text(lang)) in visible(handout_html(lesson, content, lang, copy="trainer"))
        assert plain(lesson.key_points[0].text(other)) not in text
        assert content.get("handout.key_points", lang) in text
        assert content.get("handout.practice_note", lang) in text


def test_handout_shows_steps_warnings_and_one_line_of_sources_but_not_instructor_notes(
    lessons, content
) -> None:
    lesson = lessons[1]
    text = visible(handout_html(lesson, content, "vi"))
    trainer = visible(handout_html(lesson, content, "vi", copy="trainer"))
    explained = [s for s in lesson.sections if s.kind == "explain"]
    for section in explained:
        for step in section.steps:
            assert plain(step.vi) in text
        if section.callout is not None:
            assert plain(section.callout.text.vi) in trainer
            assert (plain(section.callout.text.vi) in text) == (section.callout.kind != "note")
    for source in lesson.sources:
        assert source.url not in text  # the learner's copy: one line naming the sites
        assert (
            source.title in trainer and source.url in trainer and f"kiểm tra ngày {source.checked}" in trainer
        )
    hosts = list(dict.fromkeys(urlsplit(s.url).hostname for s in lesson.sources))
    assert len(hosts) > SOURCES_NAMED  # so many sites that the learner's line counts them instead
    official = [s for s in lesson.sources if (urlsplit(s.url).hostname or "").endswith(".gov.vn")]
    assert 0 < len(official) < len(lesson.sources)
    line = content.get(
        "handout.sources_many",
        "vi",
        count=len(lesson.sources),
        official=len(official),
        date=max(s.checked for s in lesson.sources),
    )
    assert line in text and text.count(line) == 1
    assert all(host not in text for host in hosts if host not in "".join(s.vi for s in explained[0].steps))
    for note in lesson.instructor_notes:
        assert plain(note.vi) not in text and plain(note.vi) not in trainer


def test_the_trainers_copy_shows_the_date_a_source_prints(lessons, content) -> None:
    dated = [(n, s) for n, lesson in lessons.items() for s in lesson.sources if s.published]
    assert dated, "no source in the content has a published date"
    for number, source in dated:
        trainer = visible(handout_html(lessons[number], content, "en", copy="trainer"))
        assert content.get("handout.published", "en", date=source.published) in trainer


def test_each_section_keeps_one_or_two_sentences_saying_what_it_is(lessons, content) -> None:
    lesson = lessons[1]
    text = visible(handout_html(lesson, content, "vi"))
    what_is = next(s for s in lesson.sections if s.id == "what_is_vneid")
    said = explanation(what_is, "vi")
    assert plain(said) in text and "Bộ Công an" in said  # "VNeID là gì?" now says what VNeID is
    trainer = visible(handout_html(lesson, content, "vi", copy="trainer"))
    counts: set[int] = set()
    announcing: list[str] = []
    for lesson in lessons.values():
        text = visible(handout_html(lesson, content, "vi"))
        for section in (s for s in lesson.sections if s.kind == "explain"):
            sentences = explanation(section, "vi")
            assert plain(sentences) in text and not plain(sentences).endswith(":"), sentences
            said = first_sentences(section.body.vi, 2)
            if plain(said).endswith(":"):  # "Bạn không phải học một mình:" keeps what it announces
                shown = announced(section.body.vi)
                assert shown and sentences == f"{said} {shown}", sentences
                announcing.append(shown)
                continue
            count = len(re.findall(r"[.!?](?:\s|$)", sentences))
            assert 1 <= count <= 2, sentences
            assert count == 1 or (not section.steps and len(plain(first_sentences(section.body.vi, 1))) < 80)
            counts.add(count)
    assert counts == {1, 2}  # a short first sentence ("Miễn phí.") is followed by the next one
    assert any(shown.count("**") >= 4 for shown in announcing)  # the bold heads of a list
    assert plain(first_sentences(what_is.body.vi, 2)) in trainer  # the trainer's copy keeps two
    assert first_sentences("One. Two. Three.\n\n- a list") == "One. Two."
    assert first_sentences("It adds:\n- a\n- b") == "It adds:"


def test_each_practice_has_a_small_picture_of_its_key_screen(lessons, content) -> None:
    for lesson in lessons.values():
        page = handout_html(lesson, content, "en")
        practices = [s for s in lesson.sections if s.kind == "practice"]
        assert page.count('<div class="phone"') == len(practices)
        for section in practices:
            flow = lesson.flow(section.flow)
            step = key_step(flow)
            assert f'aria-label="{html.escape(step.screen.en)}"' in page
            if step.action == "tap":
                right = next(b for b in step.buttons if b.correct)
                assert f'<div class="tap">☞ {html.escape(right.label.en)}</div>' in page


def test_large_print_and_file_names(lessons, content, tmp_path: Path) -> None:
    large = handout_html(lessons[1], content, "vi", large=True)
    assert '<body class="large">' in large and "body.large { font-size: 15pt;" in large
    assert '<body class="large">' not in handout_html(lessons[1], content, "vi")
    paths = save_handouts([(1, lessons[1])], content, "vi", tmp_path, large=True)
    paths += save_handouts([(1, lessons[1])], content, "vi", tmp_path, copy="trainer")
    assert [p.name for p in paths] == [
        "handout-01-getting_vneid-vi-large.html",
        "handout-01-getting_vneid-vi-trainer.html",
    ]
    with pytest.raises(ValueError, match='"copy" must be'):
        handout_html(lessons[1], content, "vi", copy="teacher")  # type: ignore[arg-type]


def test_sheets_print_on_a4_and_fetch_nothing(lessons, content) -> None:
    plan = build_plan(sorted(lessons.items()), content.audience("adults"), 20, content)
    pages = [handout_html(lesson, content, lang) for lesson in lessons.values() for lang in ("vi", "en")]
    pages += [plan_html(plan, content, "vi"), plan_html(plan, content, "en")]
    for page in pages:
        assert "@page { size: A4 portrait;" in page
        assert external_assets(page) == []
        assert not re.search(r"""(?:src|href)\s*=\s*["']https?://""", page.split("</style>")[0])
        assert "<link" not in page and "<script" not in page and "@import" not in page
        assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_the_asset_check_catches_what_it_should() -> None:
    assert external_assets('<img src="https://cdn.example/x.png">')
    assert external_assets("<link rel=stylesheet href=x.css>")
    assert external_assets("body { background: url('//fonts.example/a.woff') }")
    assert external_assets('<script src="http://x/y.js"></script>')
    assert not external_assets('<a href="https://dichvucong.gov.vn">Cổng</a> https://vneid.gov.vn')


def test_lesson_text_cannot_inject_html(lessons: dict[int, Lesson], content: TeachContent) -> None:
    raw = lessons[1].model_dump(mode="json", exclude_none=True)
    raw["key_points"][0]["vi"] = "<script>alert(1)</script> **Chú ý**"
    lesson = parse_lesson(raw, expected_id="getting_vneid")
    page = handout_html(lesson, content, "vi")
    assert (
        "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; <strong>Chú ý</strong>" in page
    )


def test_plan_sheet_has_agenda_checklist_and_notes(lessons, content) -> None:
    plan = build_plan([(1, lessons[1])], content.audience("older_adults"), 8, content)
    page = plan_html(plan, content, "vi")
    text = visible(page)
    assert "08:00–08:10" in text and 'class="kind-break"' not in page  # 55 minutes before the wrap-up
    assert "Tổng cộng 70 phút, từ 08:00 đến 09:10." in text
    assert "☐" in text and "Nên có 2 người hỗ trợ" in text
    for note in lessons[1].instructor_notes:
        assert plain(note.vi) in text


def test_saving_writes_whole_files_and_leaves_no_temporary_files(tmp_path: Path, lessons, content) -> None:
    chosen = [(1, lessons[1]), (6, lessons[6])]
    folder = tmp_path / "new" / "handouts"
    paths = save_handouts(chosen, content, "en", folder)
    assert [p.name for p in paths] == ["handout-01-getting_vneid-en.html", "handout-06-staying_safe-en.html"]
    assert paths[0].read_text("utf-8") == handout_html(lessons[1], content, "en")
    plan = build_plan(chosen, content.audience("adults"), 10, content)
    assert save_plan(plan, content, "vi", folder).name == "workshop-plan-vi.html"
    assert sorted(os.listdir(folder)) == sorted([p.name for p in paths] + ["workshop-plan-vi.html"])


def test_a_lesson_with_few_sites_names_them_on_the_learners_line(lessons, content) -> None:
    raw = lessons[2].model_dump(mode="json", exclude_none=True)
    raw["sources"] = raw["sources"][:2]
    lesson = parse_lesson(raw, expected_id=lessons[2].id)
    hosts = list(dict.fromkeys(urlsplit(s.url).hostname for s in lesson.sources))
    assert len(hosts) <= SOURCES_NAMED
    line = content.get(
        "handout.sources_line", "en", hosts=", ".join(hosts), date=max(s.checked for s in lesson.sources)
    )
    assert line in visible(handout_html(lesson, content, "en"))
    assert line in visible(sources_line(lesson, lambda key, **kw: html.escape(content.get(key, "en", **kw))))
