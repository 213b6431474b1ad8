"""Presenter mode: the deck follows the lesson (steps one at a time, questions before answers), the remote
control steps forward and back and stops at both ends, and every slide of every lesson renders in both
languages."""

from __future__ import annotations

import html
import re

from simkit.teach.presenter import Presenter, build_slides, slide_html


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_deck_order_for_lesson_1(lessons) -> None:
    lesson = lessons[1]
    slides = build_slides(lesson)
    kinds = [slide.kind for slide in slides]
    assert kinds[0] == "title" and kinds[-1] == "end"
    first_section = lesson.sections[0]
    # A slide spread over several pages counts once: its first page (or its only one).
    firsts = [s for s in slides if s.part is None or s.part[0] == 1]
    kinds = [slide.kind for slide in firsts]
    assert kinds[1] == "explain" and firsts[1].heading == first_section.title
    steps = sum(len(s.steps) for s in lesson.sections if s.kind == "explain")
    screens = sum(len(f.steps) for f in lesson.flows)
    callouts = sum(s.callout is not None for s in lesson.sections if s.kind == "explain")
    assert kinds.count("step") == steps and kinds.count("screen") == screens
    assert kinds.count("callout") == callouts and kinds.count("practice") == len(lesson.flows)
    questions = len(lesson.quiz.questions)
    assert kinds.count("question") == kinds.count("answer") == questions
    quiz = [k for k in kinds if k in ("question", "answer")]
    assert quiz == ["question", "answer"] * questions
    assert kinds.count("mistake") == len(lesson.common_mistakes) and kinds.count("key_points") == 1


def test_steps_are_revealed_one_at_a_time(lessons, content) -> None:
    section = next(s for s in lessons[1].sections if s.kind == "explain" and len(s.steps) >= 3)
    step_slides = [s for s in build_slides(lessons[1]) if s.kind == "step" and s.heading == section.title]
    assert [s.counter for s in step_slides] == [
        (i + 1, len(section.steps)) for i in range(len(section.steps))
    ]
    second = slide_html(step_slides[1], content, "vi")
    assert "Bước 2/" in second
    assert second.count("simkit-slide-now") == 1 and second.count("simkit-slide-done") == 1
    later = section.steps[2].vi.replace("**", "")
    assert later not in text_of(second)  # later steps stay hidden


def test_drill_cases_are_asked_before_they_are_answered(lessons, content) -> None:
    slides = build_slides(lessons[6])
    drill = lessons[6].drills[0]
    cases = [s for s in slides if s.kind in ("case", "verdict")]
    assert [s.kind for s in cases] == ["case", "verdict"] * len(drill.items)
    question = slide_html(cases[0], content, "en")
    assert "Safe or scam?" in question and "SCAM" not in question and "SAFE" not in question
    verdict = slide_html(cases[1], content, "en")
    assert ("⚠ SCAM" if drill.items[0].answer == "scam" else "✔ SAFE") in verdict


def test_quiz_answers_appear_only_on_the_answer_slide(lessons, content) -> None:
    slides = build_slides(lessons[1])
    question = next(s for s in slides if s.kind == "question")
    answer = next(s for s in slides if s.kind == "answer" and s.heading == question.heading)
    assert slides.index(answer) > slides.index(question)
    assert "✔" not in slide_html(question, content, "vi") and "simkit-slide-right" not in slide_html(
        question, content, "vi"
    )
    shown = slide_html(answer, content, "vi")
    right = [option for option in lessons[1].quiz.questions[0].options if option.correct]
    assert shown.count("simkit-slide-right") == len(right) and "Đáp án" in shown


def test_practice_screens_show_the_phone_and_what_to_tap(lessons, content) -> None:
    flow = lessons[1].flows[0]
    screen = next(s for s in build_slides(lessons[1]) if s.kind == "screen")
    page = slide_html(screen, content, "vi")
    correct = next(b for b in flow.steps[0].buttons if b.correct)
    assert "simkit-phone" in page and "MÀN HÌNH THỰC HÀNH" in page
    assert f"Chạm: «{correct.label.vi}»" in html.unescape(page)
    assert f"Màn hình 1/{len(flow.steps)}" in page


def test_every_slide_of_every_lesson_renders_in_both_languages(lessons, content) -> None:
    for lesson in lessons.values():
        for slide in build_slides(lesson):
            for lang in ("vi", "en"):
                page = slide_html(slide, content, lang)
                assert page.startswith("<div class='simkit-slide") and "<script" not in page


def test_forward_back_and_clamping_at_both_ends(lessons) -> None:
    deck = Presenter(lessons[2], 2)
    assert (deck.index, deck.at_start, deck.at_end) == (0, True, False)
    assert deck.back() is False and deck.index == 0
    assert deck.next() is True and deck.index == 1
    assert deck.back() is True and deck.index == 0
    for _ in range(deck.total + 5):
        deck.next()
    assert deck.index == deck.total - 1 and deck.at_end and deck.slide.kind == "end"
    assert deck.next() is False and deck.index == deck.total - 1
    assert deck.go(-10) is True and deck.index == 0
    assert deck.go(10_000) is True and deck.at_end
    assert deck.go(3) is True and deck.index == 3
    assert deck.first() is True and deck.at_start


def test_clicker_keys_step_the_deck_and_nothing_else() -> None:
    from simkit.teach.views import show_presenter
    from simkit.teach.views.presenter import BACKWARD_KEYS, FORWARD_KEYS, PresenterView

    view = show_presenter(1)
    assert isinstance(view, PresenterView)
    view.clicker._received(view.clicker, {"step": 1}, [])
    view.clicker._received(view.clicker, {"step": 1}, [])
    assert view.presenter.index == 2 and view.jump.value == 3
    view.clicker._received(view.clicker, {"step": -1}, [])
    assert view.presenter.index == 1
    for junk in ({"step": 7}, {"step": "1"}, {}, "PageDown"):
        view.clicker._received(view.clicker, junk, [])
    assert view.presenter.index == 1
    assert {"PageDown", "ArrowRight", "ArrowDown"} <= set(FORWARD_KEYS)
    assert {"PageUp", "ArrowLeft", "ArrowUp"} <= set(BACKWARD_KEYS)
    for key in (*FORWARD_KEYS, *BACKWARD_KEYS):
        assert repr(key) in view.clicker._esm


def test_controls_sit_in_one_row_and_the_rest_waits_behind_options() -> None:
    from simkit.teach.views import show_presenter

    view = show_presenter(1)
    row = next(c for c in view.children if view.next_button in getattr(c, "children", ()))
    assert {view.lesson, view.back_button, view.next_button, view.position, view.lang_toggle} <= set(
        row.children
    )
    assert view.title not in view.children and view.intro not in view.children
    assert view.settings.layout.display == "none"
    view.more.value = True
    assert view.settings.layout.display is None and view.jump in view.settings.children
    view.more.value = False
    assert view.settings.layout.display == "none"
