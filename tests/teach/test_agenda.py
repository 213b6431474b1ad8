"""The workshop plan: exact timings from the lessons' minutes, breaks and lunch where they belong, parts that
always add up to the whole, helpers and the materials checklist, and crisp errors for bad settings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simkit.errors import ConfigError
from simkit.learn.schema import Lesson
from simkit.learn.validators import Problem
from simkit.teach.agenda import (
    DAY_END,
    WorkshopSettings,
    build_plan,
    clock,
    practice_minutes,
)
from simkit.teach.strings import TeachContent


def timeline(plan) -> list[tuple[str, str, str]]:
    return [(item.kind, clock(item.start), clock(item.end)) for item in plan.items]


def test_one_lesson_for_adults_uses_the_lessons_own_minutes(lessons, content: TeachContent) -> None:
    plan = build_plan([(1, lessons[1])], content.audience("adults"), 12, content)
    assert lessons[1].minutes.teaching == 15 and lessons[1].minutes.practice == 20
    assert timeline(plan) == [
        ("welcome", "08:00", "08:10"),
        ("teaching", "08:10", "08:25"),
        ("practice", "08:25", "08:45"),
        ("wrap_up", "08:45", "09:00"),
    ]
    assert plan.total_minutes == 60 and plan.warnings == ()
    assert plan.items[1].lesson_number == 1
    assert plan.items[1].title.vi == "Bài 1. Có tài khoản VNeID: giảng giải"
    assert plan.items[2].title.en == "Lesson 1. Getting a VNeID account: practice and quiz"


def test_older_learners_get_half_as_long_again_for_practice_rounded_to_five(lessons, content) -> None:
    older = content.audience("older_adults")
    assert older.practice_factor == 1.5
    assert practice_minutes(lessons[1], older) == 30  # 20 × 1.5
    assert practice_minutes(lessons[2], older) == 40  # 25 × 1.5 = 37.5 → 40
    assert practice_minutes(lessons[2], content.audience("adults")) == 25


def test_a_break_comes_before_a_part_that_would_make_a_stretch_too_long(lessons, content) -> None:
    plan = build_plan([(1, lessons[1]), (2, lessons[2])], content.audience("adults"), 12, content)
    # welcome 10 + lesson 1 (15 + 20) + lesson 2 teaching 15 = 60; + practice 25 = 85 ≤ 90: no break yet
    assert timeline(plan) == [
        ("welcome", "08:00", "08:10"),
        ("teaching", "08:10", "08:25"),
        ("practice", "08:25", "08:45"),
        ("teaching", "08:45", "09:00"),
        ("practice", "09:00", "09:25"),
        ("wrap_up", "09:25", "09:40"),
    ]
    plan = build_plan(
        [(1, lessons[1]), (2, lessons[2]), (3, lessons[3])], content.audience("adults"), 12, content
    )
    kinds = [kind for kind, _, _ in timeline(plan)]
    assert kinds.index("break") == 5 and timeline(plan)[5] == ("break", "09:25", "09:40")


def test_lunch_is_taken_before_a_part_that_would_run_past_11_30(lessons, content) -> None:
    start = WorkshopSettings(start="10:50", welcome_minutes=0, wrap_up_minutes=10)
    plan = build_plan([(1, lessons[1])], content.audience("adults"), 10, content, start)
    assert timeline(plan) == [
        ("teaching", "10:50", "11:05"),
        ("practice", "11:05", "11:25"),
        ("wrap_up", "11:25", "11:35"),  # the wrap-up never waits for lunch
    ]
    start = WorkshopSettings(start="11:00", welcome_minutes=0)
    plan = build_plan([(1, lessons[1])], content.audience("adults"), 10, content, start)
    assert timeline(plan) == [
        ("teaching", "11:00", "11:15"),
        ("lunch", "11:15", "13:30"),
        ("practice", "13:30", "13:50"),
        ("wrap_up", "13:50", "14:05"),
    ]
    no_lunch = WorkshopSettings(start="11:00", welcome_minutes=0, lunch=False)
    plan = build_plan([(1, lessons[1])], content.audience("adults"), 10, content, no_lunch)
    assert [kind for kind, _, _ in timeline(plan)] == ["teaching", "practice", "wrap_up"]


def test_an_afternoon_workshop_has_no_lunch(lessons, content) -> None:
    plan = build_plan(
        [(1, lessons[1])], content.audience("adults"), 10, content, WorkshopSettings(start="14:00")
    )
    assert timeline(plan)[0] == ("welcome", "14:00", "14:10") and "lunch" not in [i.kind for i in plan.items]


def test_a_plan_ending_after_office_hours_is_warned_about(lessons, content) -> None:
    every = sorted(lessons.items())
    plan = build_plan(every, content.audience("older_adults"), 20, content, WorkshopSettings(start="13:30"))
    assert plan.end > DAY_END
    assert plan.warnings == (Problem("planner.warn_late", {"end": clock(plan.end)}),)
    assert "sau giờ làm việc" in content.say(plan.warnings[0], "vi")


@settings(max_examples=60, deadline=None)
@given(
    picks=st.lists(st.integers(1, 6), min_size=1, max_size=6, unique=True),
    start=st.integers(6 * 60, 15 * 60),
    audience=st.sampled_from(["older_adults", "adults", "trainers"]),
    lunch=st.booleans(),
    every=st.integers(30, 240),
)
def test_parts_always_add_up_to_the_whole(lessons, content, picks, start, audience, lunch, every) -> None:
    chosen = [(n, lessons[n]) for n in picks]
    options = WorkshopSettings(start=clock(start), lunch=lunch, break_every=every)
    plan = build_plan(chosen, content.audience(audience), 15, content, options)
    assert plan.start == start
    assert sum(item.minutes for item in plan.items) == plan.total_minutes
    assert all(a.end == b.start for a, b in zip(plan.items, plan.items[1:], strict=False))
    taught = [i for i in plan.items if i.kind in ("teaching", "practice")]
    expected = sum(
        lesson.minutes.teaching + practice_minutes(lesson, content.audience(audience)) for _, lesson in chosen
    )
    assert sum(item.minutes for item in taught) == expected
    assert [i.lesson_number for i in taught if i.kind == "teaching"] == picks
    assert [i.kind for i in plan.items].count("lunch") <= 1
    assert plan.items[-1].kind == "wrap_up"


def test_helpers_materials_and_notes(lessons, content) -> None:
    plan = build_plan([(1, lessons[1]), (6, lessons[6])], content.audience("older_adults"), 9, content)
    assert plan.helpers == 3  # 9 learners, 4 per helper
    quantities = {line.text.en.split(" (")[0]: line.quantity for line in plan.materials}
    assert quantities["Projector, screen and cable to the trainer's computer"] == 1
    assert quantities["Computers with simkit for the learners to practise"] == 5  # one for every two
    assert quantities["«Helper» badges so learners know whom to ask"] == 3
    assert quantities["Learners bring their own chip ID card"] == 9  # lesson 1 is chosen
    assert any(text.startswith("A few scam messages") for text in quantities)  # lesson 6 has a drill
    assert not any(text.startswith("Fictional sample documents") for text in quantities)  # lessons 4–5 only
    handouts = [line for line in plan.materials if line.text.vi.startswith("Tài liệu phát tay in sẵn")]
    assert [(h.text.vi.split(": ", 1)[1], h.quantity) for h in handouts] == [
        (lessons[1].title.vi, 9),
        (lessons[6].title.vi, 9),
    ]
    assert [(n.number, n.notes) for n in plan.notes] == [
        (1, tuple(lessons[1].instructor_notes)),
        (6, tuple(lessons[6].instructor_notes)),
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": "8 giờ"}, "start: must be a time of day HH:MM (got '8 giờ')"),
        ({"break_every": 10}, "break_every: must be a whole number from 30 to 240 (got 10)"),
        ({"welcome_minutes": -1}, "welcome_minutes: must be a whole number from 0 to 60 (got -1)"),
        ({"break_minutes": 2.5}, "break_minutes: must be a whole number from 5 to 60 (got 2.5)"),
    ],
)
def test_bad_settings_name_the_setting(kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        WorkshopSettings(**kwargs)
    assert str(caught.value) == message


def test_bad_plan_inputs_name_the_field(lessons: dict[int, Lesson], content: TeachContent) -> None:
    adults = content.audience("adults")
    with pytest.raises(ConfigError, match="^lessons: choose at least one lesson$"):
        build_plan([], adults, 10, content)
    with pytest.raises(ConfigError, match=r"^attendees: must be from 1 to 200 \(got 0\)$"):
        build_plan([(1, lessons[1])], adults, 0, content)
    with pytest.raises(ConfigError, match="^audience: no audience 'kids'"):
        content.audience("kids")
