"""Content checks for the facts and habits the lessons teach (issue 18): each test would have caught one of
the reviewed errors. Expected strings are read from ``content/`` (lesson files, ``ui/learn.yaml``); the tests
only pin numbers, codes and addresses, never Vietnamese wording."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import Any

import pytest
import yaml

from simkit.learn.content import RELATIVE_DATE, lesson_files, parse_lesson
from simkit.learn.schema import Lesson, Text
from simkit.learn.strings import UiStrings
from simkit.learn.validators import check_password, is_practice_phone
from tests.learn.test_content import texts

MOBILE = re.compile(r"(?<![\d+])0\d{9}(?!\d)")
SYNTAX = re.compile(r"(?<![A-Za-z])([VS]) \[([^\]]*)\]")
"""A 5656 report form written out, e.g. ``V [số đã gọi] [nội dung]``: the letter and the first bracket."""
REPORT = re.compile(r"(?:^|: )([VS]) (0\d{9})\b")
"""A concrete 5656 report, e.g. ``Nội dung: S 0900000791 …``: the letter and the reported number."""


def all_texts(lesson: Lesson) -> list[tuple[str, Text]]:
    return texts(lesson)


def raw_lesson(number: int) -> dict[str, Any]:
    return yaml.safe_load(lesson_files()[number].read_text(encoding="utf-8"))


def find_text(lesson: Lesson, path_part: str) -> list[Text]:
    return [text for path, text in all_texts(lesson) if path_part in path]


# --- 1. 5656: V for a call, S for a text ---------------------------------------------------------------
def test_every_written_out_5656_form_names_the_right_channel(lessons: dict[int, Lesson]) -> None:
    """The review found "V [số đã gọi, nhắn cho bạn]" taught for texts too."""
    channel_words = {"vi": {"V": "gọi", "S": "nhắn"}, "en": {"V": "call", "S": "text"}}
    found = 0
    for number, lesson in lessons.items():
        for path, text in all_texts(lesson):
            if path.startswith("sources"):
                continue  # a source note quotes the source's own form, e.g. "V [nguồn phát tán]"
            for lang in ("vi", "en"):
                for letter, bracket in SYNTAX.findall(text.text(lang)):
                    found += 1
                    own, other = (
                        channel_words[lang][letter],
                        channel_words[lang]["S" if letter == "V" else "V"],
                    )
                    where = f"lesson {number} {path}.{lang}: {letter} [{bracket}]"
                    assert own in bracket.lower() and other not in bracket.lower(), where
    assert found >= 10


def test_the_check_and_report_page_teaches_both_letters(lessons: dict[int, Lesson]) -> None:
    safe = lessons[6]
    steps = next(s for s in safe.sections if s.id == "check_and_report").steps
    letters = {letter for step in steps for letter, _ in SYNTAX.findall(step.vi)}
    assert letters == {"V", "S"}


def _origins(lesson: Lesson) -> dict[str, str]:
    """Each simulated number in a lesson's practice and drill, and how it reached the persona."""
    origins: dict[str, str] = {}
    for flow in lesson.flows:
        for step in flow.steps:
            if step.sms is not None:
                for number in MOBILE.findall(step.sms.sender):
                    origins[number] = "sms"
            elif step.show is not None:
                for number in MOBILE.findall(step.show.vi):
                    origins.setdefault(number, "call")
    for drill in lesson.drills:
        for item in drill.items:
            if item.channel in ("call", "sms") and not REPORT.findall(item.message.vi):  # not a report itself
                for number in MOBILE.findall(item.sender.vi):
                    origins[number] = item.channel
    return origins


def test_practice_reports_use_v_for_calls_and_s_for_texts(lessons: dict[int, Lesson]) -> None:
    checked = []
    for lesson in lessons.values():
        origins = _origins(lesson)
        reports = [b.label.vi for f in lesson.flows for s in f.steps for b in s.buttons if b.correct]
        reports += [i.message.vi for d in lesson.drills for i in d.items if i.answer == "safe"]
        for report in reports:
            for letter, number in REPORT.findall(report):
                assert number in origins, f"{report!r}: {number} never called or texted the persona"
                assert letter == {"call": "V", "sms": "S"}[origins[number]], report
                checked.append(letter)
    assert set(checked) == {"V", "S"}  # the practice checks both letters


def test_the_report_practice_refuses_the_wrong_letter(lessons: dict[int, Lesson]) -> None:
    flow = lessons[6].flow("report_scam")
    for step in flow.steps:
        right = [REPORT.findall(b.label.vi) for b in step.buttons if b.correct]
        if not right or not right[0]:
            continue
        letter, number = right[0][0]
        swapped = {"V": "S", "S": "V"}[letter]
        assert any(
            not b.correct and REPORT.findall(b.label.vi) == [(swapped, number)] for b in step.buttons
        ), f"step {step.id}: no wrong button with {swapped} {number}"


# --- 2. the level-1 start screen -----------------------------------------------------------------------
def test_the_start_screen_does_not_mark_logging_in_first_as_a_mistake(lessons: dict[int, Lesson]) -> None:
    """The lesson's first source has citizens log in before choosing level-1 registration."""
    lesson = lessons[1]
    first = lesson.flow("register_level1").steps[0]
    login = next(b for b in first.buttons if b.id == "login")
    assert login.correct and login.feedback is not None
    question = next(q for q in lesson.quiz.questions if q.id == "level1_first_tap")
    wrong = {o.text.vi for o in question.options if not o.correct}
    assert not any(login.label.vi in text for text in wrong)
    assert any("Hà Nam" in note.vi and login.label.vi in note.vi for note in lesson.instructor_notes)


# --- 3. the registered phone number --------------------------------------------------------------------
def test_lesson_one_has_the_learner_enter_the_registered_number(lessons: dict[int, Lesson]) -> None:
    lesson = lessons[1]
    flow = lesson.flow("register_level1")
    phones = [f for s in flow.steps for f in s.fields if f.kind == "phone"]
    assert [f.expect for f in phones] == [lesson.persona(flow.persona).phone]
    section = next(s for s in lesson.sections if s.id == "phone_number")
    assert "1900 0368" in section.body.vi and "1900 0368" in section.body.en


# --- 4. passwords without personal data ----------------------------------------------------------------
def _personal_tokens(lessons: dict[int, Lesson]) -> set[str]:
    tokens: set[str] = set()
    for lesson in lessons.values():
        for persona in lesson.personas:
            given = persona.name.split()[-1]
            tokens.add(given.casefold())
            tokens.add(_ascii(given.casefold()))
    return tokens


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFD", text.replace("đ", "d")).encode("ascii", "ignore").decode()


def _leaks(password: str, tokens: set[str]) -> bool:
    folded = password.casefold()
    return bool(re.search(r"(19|20)\d\d", password)) or any(t in folded for t in tokens)


def test_the_rewarded_password_and_the_password_tips_hold_no_personal_data(
    lessons: dict[int, Lesson],
) -> None:
    tokens = _personal_tokens(lessons)
    rewarded = [
        o.text.vi for lsn in lessons.values() for q in lsn.quiz.questions for o in q.options if o.correct
    ]
    passwords = [t for t in rewarded if check_password(t).ok]
    assert passwords, "no quiz rewards a password"
    for password in passwords:
        assert not _leaks(password, tokens), password
    tips = [s.tip.vi for lsn in lessons.values() for f in lsn.flows for s in f.steps if s.tip is not None]
    tips += [s.body.vi for lsn in lessons.values() for s in lsn.sections if s.kind == "explain"]
    for text in tips:
        for word in re.findall(r"\S+", text):
            candidate = word.strip('.,;:()"')
            if check_password(candidate).ok:
                assert not _leaks(candidate, tokens), candidate


def test_the_name_and_year_password_is_marked_wrong(lessons: dict[int, Lesson]) -> None:
    question = next(q for q in lessons[2].quiz.questions if q.id == "good_password")
    valid = [o for o in question.options if check_password(o.text.vi).ok]
    assert len(valid) == 2  # both meet the rules; only the one without personal data is right
    assert [o.correct for o in valid if _leaks(o.text.vi, _personal_tokens(lessons))] == [False]


# --- 5. ".gov.vn" stated precisely ---------------------------------------------------------------------
def test_no_text_says_every_real_site_ends_in_gov_vn(lessons: dict[int, Lesson]) -> None:
    sweeping = re.compile(r"\breal (sites?|addresses|pages?|websites?) (ends?|ending) in \.gov\.vn", re.I)
    for number, lesson in lessons.items():
        for path, text in all_texts(lesson):
            assert not sweeping.search(text.en), f"lesson {number} {path}: {text.en}"


def test_where_the_gov_vn_rule_is_stated_the_official_checkers_are_named(lessons: dict[int, Lesson]) -> None:
    lesson = lessons[6]
    checkers = [
        s for s in lesson.sources if "tinnhiemmang" in s.url or "canhbao" in (s.note.vi if s.note else "")
    ]
    assert checkers
    for text in [*find_text(lesson, "warning_signs"), *lesson.key_points]:
        if ".gov.vn" in text.vi and "kết thúc" in text.vi or "end in .gov.vn" in text.en:
            for lang in ("vi", "en"):
                assert "tinnhiemmang.vn" in text.text(lang) and "canhbao.khonggianmang.vn" in text.text(lang)


# --- 6. residence notification: rules and dates relative to today --------------------------------------
def _date_expects(node: Any) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        if node.get("kind") == "date" and "expect" in node:
            found.append((node["id"], node["expect"]))
        for value in node.values():
            found += _date_expects(value)
    elif isinstance(node, list):
        for item in node:
            found += _date_expects(item)
    return found


def test_recent_dates_in_practice_flows_are_written_relative_to_today() -> None:
    """A fixed stay date (21/11/2026) soon made the learner practise a late notification."""
    this_year = date.today().year
    relative = 0
    for number in lesson_files():
        for field_id, expect in _date_expects(raw_lesson(number).get("flows", [])):
            if RELATIVE_DATE.fullmatch(expect):
                relative += 1
                continue
            year = int(expect.rsplit("/", 1)[1])
            assert year < this_year - 1, f"lesson {number} field {field_id}: fixed recent date {expect}"
    assert relative >= 3


@pytest.mark.parametrize("days_ago", [0, 45, 400])
def test_the_residence_practice_follows_the_day_it_is_shown(days_ago: int) -> None:
    today = date.today() - timedelta(days=days_ago)
    lesson = parse_lesson(raw_lesson(3), today=today)
    flow = lesson.flow("residence_notification")
    fields = {f.id: f for s in flow.steps for f in s.fields}
    start, end = today.strftime("%d/%m/%Y"), (today + timedelta(days=7)).strftime("%d/%m/%Y")
    assert (fields["from_date"].expect, fields["to_date"].expect) == (start, end)
    assert start in fields["from_date"].mismatch.vi and end in fields["to_date"].mismatch.en
    stay = lesson.persona(flow.persona).extra
    assert any(fact.value == f"{start} – {end}" for fact in stay)


def test_the_residence_rules_are_taught_with_their_numbers(lessons: dict[int, Lesson]) -> None:
    lesson = lessons[3]
    body = next(s for s in lesson.sections if s.id == "residence").body
    for number in ("23", "30"):
        assert number in body.vi and number in body.en
    assert "08:00" in body.en and "8 giờ" in body.vi.replace("**", "")
    repeat = lesson.flow("residence_repeat")
    assert [b.id for b in repeat.steps[0].buttons if b.correct] == ["once"]
    assert [b.id for b in repeat.steps[1].buttons if b.correct] == ["before_8"]
    binh_thuan = [s for s in lesson.sources if "congan.binhthuan.gov.vn" in s.url]
    assert binh_thuan and "23" in binh_thuan[0].note.vi


# --- 7. every practice message refers to the persona's card --------------------------------------------
_NEGATION = re.compile(r"\b(không|đừng|chưa)\b", re.I)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:])\s+", text) if s.strip()]


def test_no_practice_message_asks_for_the_learners_own_data(
    lessons: dict[int, Lesson], ui: UiStrings
) -> None:
    """``check.phone.landline`` said "Hãy nhập số di động của bạn"."""
    messages = [(key, ui.entries[key]) for key in ui.entries if key.startswith("check.")]
    for number, lesson in lessons.items():
        for flow in lesson.flows:
            for step in flow.steps:
                messages.append((f"{number}:{flow.id}.{step.id}.task", step.task))
                for f in step.fields:
                    for part in (f.label, f.hint, f.mismatch):
                        if part is not None:
                            messages.append((f"{number}:{flow.id}.{step.id}.{f.id}", part))
    for where, text in messages:
        vi = text.vi if isinstance(text, Text) else text[0]
        for sentence in _sentences(vi):
            if "của bạn" in sentence:
                assert _NEGATION.search(sentence), f"{where}: {sentence!r}"


def test_the_landline_message_points_to_the_persona_card(ui: UiStrings) -> None:
    vi, en = ui.entries["check.phone.landline"].vi, ui.entries["check.phone.landline"].en
    assert "person's card" in en and "your" not in en.lower()
    card_words = ui.entries["persona.title"].vi.split()[0:2]  # "Nhân vật" as the persona card calls itself
    assert " ".join(card_words).lower() in vi.lower()


def test_every_free_text_practice_field_has_a_fictional_value(lessons: dict[int, Lesson]) -> None:
    """Lesson 4's address field took anything, so a learner would type their own address: on a form that
    takes the persona's data, every free-text field checks the persona's value."""
    persona_kinds = {"personal_id", "phone", "date", "health_insurance"}
    for number, lesson in lessons.items():
        for flow in lesson.flows:
            for step in flow.steps:
                if not any(f.kind in persona_kinds and f.expect for f in step.fields):
                    continue
                for f in step.fields:
                    if f.kind == "text":
                        assert f.expect is not None, (number, flow.id, step.id, f.id)
    address = next(f for s in lessons[4].flow("submit_dossier").steps for f in s.fields if f.id == "address")
    persona = lessons[4].persona("tuan")
    assert address.expect in {fact.value for fact in persona.extra}


# --- 8. clearly synthetic, distinct phone numbers ------------------------------------------------------
def test_every_phone_number_in_the_lessons_is_simulated(lessons: dict[int, Lesson]) -> None:
    for number, lesson in lessons.items():
        for path, text in all_texts(lesson):
            for lang in ("vi", "en"):
                for phone in MOBILE.findall(text.text(lang)):
                    assert is_practice_phone(phone), f"lesson {number} {path}: {phone}"
        for persona in lesson.personas:
            assert is_practice_phone(persona.phone)


def test_each_person_has_their_own_number_and_scammers_use_none_of_them(lessons: dict[int, Lesson]) -> None:
    owner: dict[str, str] = {}
    for lesson in lessons.values():
        for persona in lesson.personas:
            assert owner.setdefault(persona.phone, persona.name) == persona.name, (
                persona.phone,
                persona.name,
            )
    for number, lesson in lessons.items():
        for phone in _origins(lesson):
            assert phone not in owner, f"lesson {number}: scam number {phone} is {owner.get(phone)}'s"


# --- 9. (planner side) is tested in tests/plan/test_strings.py -----------------------------------------
# --- 10. smaller points --------------------------------------------------------------------------------
def test_level_two_only_features_are_said_to_be_level_two(lessons: dict[int, Lesson]) -> None:
    body = next(s for s in lessons[1].sections if s.id == "what_is_vneid").body
    line = next(line for line in body.en.splitlines() if "electronic ID card" in line)
    assert "level-2" in line


def test_the_lost_phone_answer_is_more_than_a_form_number(lessons: dict[int, Lesson]) -> None:
    question = next(q for q in lessons[3].quiz.questions if q.id == "lost_phone")
    right = next(o for o in question.options if o.correct)
    assert "TK03" not in right.text.vi
    assert "another phone" in right.text.en and "police" in right.text.en


def test_the_wallet_practice_shows_history_as_the_explanation_says(lessons: dict[int, Lesson]) -> None:
    lesson = lessons[3]
    steps = next(s for s in lesson.sections if s.id == "wallet").steps
    named = {name for step in steps for name in re.findall(r'\*\*"([^"]+)"\*\*', step.vi)}
    flow = lesson.flow("integrate_health_insurance")
    index = next(i for i, s in enumerate(flow.steps) if s.action == "form")
    success = flow.steps[index + 1]
    assert {b.label.vi for b in success.buttons} <= named
    right = next(b for b in success.buttons if b.correct)
    assert flow.steps[index + 2].screen.vi == right.label.vi  # the request is followed, not shown as done


def test_each_sms_sender_has_one_english_rendering(lessons: dict[int, Lesson]) -> None:
    renderings: dict[str, set[str]] = {}
    for lesson in lessons.values():
        messages = [s.sms.text for f in lesson.flows for s in f.steps if s.sms is not None]
        messages += [i.message for d in lesson.drills for i in d.items if i.channel == "sms"]
        for text in messages:
            if ":" in text.vi:
                renderings.setdefault(text.vi.split(":")[0], set()).add(text.en.split(":")[0])
    for sender, english in renderings.items():
        assert len(english) == 1, (sender, english)


def test_old_level_names_are_called_old(lessons: dict[int, Lesson]) -> None:
    for number, lesson in lessons.items():
        for path, text in all_texts(lesson):
            if "mức độ 4" in text.vi:
                assert "cũ" in text.vi and "old" in text.en, f"lesson {number} {path}"


def test_people_in_quizzes_are_people_of_the_lesson(lessons: dict[int, Lesson]) -> None:
    """A quiz introduced "Bà Lan", who is in no lesson."""
    for number, lesson in lessons.items():
        given = {p.name.split()[-1] for p in lesson.personas}
        for path, text in texts(lesson.quiz):
            for name in re.findall(r"\b(?:Mr|Mrs) ([A-ZÀ-Ỹ][\wÀ-ỹ]+)", text.en):
                assert name in given, f"lesson {number} quiz {path}: {name} is not a persona ({given})"


def test_the_emergency_number_and_the_fee_are_sourced(lessons: dict[int, Lesson]) -> None:
    for number, lesson in lessons.items():
        mentions = any(re.search(r"\b113\b", t.vi) for _, t in all_texts(lesson))
        if mentions:
            assert any(".gov.vn" in s.url and s.note and "113" in s.note.vi for s in lesson.sources), number
        fee = any("115.000" in t.vi for _, t in all_texts(lesson) if "instructor" not in _)
        if fee and number in (4, 5):
            assert any("115.000" in n.vi for n in lesson.instructor_notes), number  # flagged as unconfirmed
            assert any("115.000" in (s.note.vi if s.note else "") and s.published for s in lesson.sources)


def test_no_text_shows_a_stray_backslash(lessons: dict[int, Lesson]) -> None:
    """In a YAML block (``vi: |``) ``\\"`` is not an escape: the learner would read the backslash."""
    for number, lesson in lessons.items():
        for path, text in all_texts(lesson):
            assert "\\" not in text.vi and "\\" not in text.en, f"lesson {number} {path}"
