"""Long lesson text cut into slide-sized pages: every slide of every lesson is estimated to fit, nothing
is lost or repeated, both languages are cut at the same places, and the cut follows paragraphs."""

from __future__ import annotations

import pytest

from simkit.learn.schema import Text
from simkit.teach.presenter import ROOM, Slide, build_slides, fits, slide_html, slide_lines
from simkit.teach.slide_pages import Room, block_lines, chunks, join, line_count, paginate


def test_line_count_wraps_between_words() -> None:
    assert line_count("", 10) == 0
    assert line_count("abc def", 10) == 1
    assert line_count("abcde fghij", 10) == 2  # 11 letters with the space: the second word wraps
    assert line_count("**bold** word", 10) == 1  # the marks take no room
    assert line_count("x" * 25, 10) == 3  # a word longer than a line is broken


def test_block_lines_counts_paragraphs_lists_and_smaller_text() -> None:
    one = block_lines("A short line.", 40)
    assert one == pytest.approx(1.5)  # the line and the gap after it
    listed = block_lines("Two kinds:\n- first\n- second", 40)
    assert listed == pytest.approx(3 + 0.4 + 0.5)
    assert block_lines("A short line.", 40, scale=0.75) == pytest.approx(1.5 * 0.75)


def test_paginate_fills_pages_in_order_and_never_leaves_one_empty() -> None:
    pages = paginate([3, 3, 3, 9, 1], lambda page: sum(page) <= 6)
    assert pages == [[3, 3], [3], [9], [1]]
    assert paginate([], lambda page: True) == []


def test_both_languages_are_cut_at_the_same_places() -> None:
    text = Text(vi="Một.\n\nHai.\n\nBa.", en="One.\n\nTwo and three.")
    pieces = chunks(text)
    assert len(pieces) == 2
    assert join(pieces).en == "One.\n\nTwo and three."
    assert [p.vi for p in pieces] == ["Một.\n\nHai.", "Ba."] or [p.vi for p in pieces] == [
        "Một.",
        "Hai.\n\nBa.",
    ]


def test_a_room_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match='"chars_per_line"'):
        Room(chars_per_line=2)
    with pytest.raises(ValueError, match='"lines"'):
        Room(lines=1)


def test_long_explanations_are_spread_over_slides_and_nothing_is_lost(lessons) -> None:
    lesson = lessons[1]
    slides = build_slides(lesson)
    what_is = next(s for s in lesson.sections if s.id == "what_is_vneid")
    assert not fits(Slide("explain", what_is.title, what_is.body))  # 1,485 px tall before
    parts = [s for s in slides if s.kind == "explain" and s.heading == what_is.title]
    assert len(parts) >= 2 and [s.part for s in parts] == [(n, len(parts)) for n in range(1, len(parts) + 1)]
    for lang in ("vi", "en"):
        shown = "\n\n".join(s.body.text(lang) for s in parts if s.body is not None)
        assert shown.split() == what_is.body.text(lang).split()


def test_the_counter_says_which_part(lessons, content) -> None:
    part = next(s for s in build_slides(lessons[1]) if s.part is not None)
    page = slide_html(part, content, "vi")
    assert content.get("presenter.part", "vi", current=part.part[0], total=part.part[1]) in page


def test_a_step_slide_keeps_as_many_earlier_steps_as_fit(lessons) -> None:
    for lesson in lessons.values():
        for slide in build_slides(lesson):
            if slide.kind == "step":
                current = slide.counter[0]
                assert 0 <= slide.start < current
                if slide.start:  # an earlier step was left out only because it did not fit
                    assert not fits(
                        Slide(
                            "step",
                            slide.heading,
                            items=slide.items,
                            counter=slide.counter,
                            start=slide.start - 1,
                        )
                    )


def test_quiz_options_split_over_slides_keep_their_letters(lessons, content) -> None:
    for lesson in lessons.values():
        slides = build_slides(lesson)
        for slide in slides:
            if slide.kind in ("question", "answer") and slide.part is not None and slide.part[0] > 1:
                page = slide_html(slide, content, "en")
                letter = "ABCDEFGHIJ"[slide.start]
                assert f"<b>{letter}.</b>" in page and "<b>A.</b>" not in page
                return
    pytest.skip("no quiz question needs two slides in this content")


def test_splitting_only_where_needed_and_estimates_use_the_room(lessons) -> None:
    wide = Room(chars_per_line=200, lines=60)
    for lesson in lessons.values():
        assert all(s.part is None for s in build_slides(lesson, wide))  # a huge screen needs no split
        assert len(build_slides(lesson)) > len(build_slides(lesson, wide))
    slide = build_slides(lessons[1])[0]
    assert slide_lines(slide, wide) < slide_lines(slide, ROOM)
