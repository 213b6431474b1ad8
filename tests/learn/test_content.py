"""Lesson content: every file passes the schema, both languages are complete, references hold, and a broken
file is refused with one line naming the file, the item and the field."""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from simkit.errors import ConfigError
from simkit.learn.content import find_lesson, lesson_files, lessons_dir, load_lessons, parse_lesson
from simkit.learn.schema import Lesson, Text
from simkit.learn.validators import PRACTICE_PROVINCE_CODE, check_personal_id

VI_MARKS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
EXAMPLE = lessons_dir() / "01_getting_vneid.yaml"


def example() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def refused(raw: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_lesson(raw, where="lesson.yaml")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("lesson.yaml: ")
    return message


def texts(node: Any, path: str = "") -> list[tuple[str, Text]]:
    """Every Text in a lesson with its field path."""
    found: list[tuple[str, Text]] = []
    if isinstance(node, Text):
        return [(path, node)]
    if isinstance(node, list):
        for i, item in enumerate(node):
            found += texts(item, f"{path}[{getattr(item, 'id', i)}]")
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            found += texts(getattr(node, name), f"{path}.{name}" if path else name)
    return found


# --- the shipped lessons ------------------------------------------------------------------------------
def test_lessons_one_to_three_are_shipped(lessons: dict[int, Lesson]) -> None:
    assert [lessons[n].id for n in (1, 2, 3)] == ["getting_vneid", "activating_vneid", "using_vneid"]


def test_every_lesson_file_is_named_after_its_id() -> None:
    for number, path in lesson_files().items():
        assert path.name == f"{number:02d}_{load_lessons()[number].id}.yaml"


def test_every_vietnamese_text_has_diacritics(lessons: dict[int, Lesson]) -> None:
    for number, lesson in lessons.items():
        for path, text in texts(lesson):
            if ".sms.text" in path or (path.startswith("drills") and path.endswith(".message")):
                continue  # real SMS are often written without diacritics; drill messages keep their spelling
            if len(text.vi.split()) >= 4:
                assert VI_MARKS.search(text.vi), f"lesson {number}: {path}.vi has no diacritics: {text.vi!r}"


def test_english_is_not_a_copy_of_the_vietnamese(lessons: dict[int, Lesson]) -> None:
    for number, lesson in lessons.items():
        for path, text in texts(lesson):
            if VI_MARKS.search(text.vi) and len(text.vi.split()) >= 4 and ".sms." not in path:
                assert text.en != text.vi, f"lesson {number}: {path}.en is untranslated"


def test_every_lesson_has_sources_with_a_check_date_and_a_quiz_with_answers(
    lessons: dict[int, Lesson],
) -> None:
    for lesson in lessons.values():
        assert lesson.sources and all(s.url.startswith("http") and s.checked for s in lesson.sources)
        assert len(lesson.quiz.questions) >= 3
        for question in lesson.quiz.questions:
            right = [o for o in question.options if o.correct]
            assert len(right) == 1 if question.kind == "single" else len(right) >= 1


def test_sources_are_checked_on_review_days_and_never_before_they_were_published(
    lessons: dict[int, Lesson],
) -> None:
    today = date.today().isoformat()
    for number, lesson in lessons.items():
        for source in lesson.sources:
            assert "2026-11-22" <= source.checked <= today, (number, source.url, source.checked)
            assert source.published is None or source.published <= source.checked, (number, source.url)
        assert any(s.published for s in lesson.sources), f"lesson {number}: no source gives its page date"


def test_every_persona_uses_the_practice_code(lessons: dict[int, Lesson]) -> None:
    for lesson in lessons.values():
        for persona in lesson.personas:
            assert persona.personal_id.startswith(PRACTICE_PROVINCE_CODE)
            assert check_personal_id(persona.personal_id).ok


def test_residence_form_asks_for_province_and_commune_only(lessons: dict[int, Lesson]) -> None:
    residence = lessons[3].flow("residence_notification")
    labels = [f.label.en.lower() for step in residence.steps for f in step.fields]
    assert "province/city" in labels and "commune/ward" in labels
    assert not any("district" in label for label in labels)  # no district level since 1 July 2025


def test_find_lesson_by_number_or_id(lessons: dict[int, Lesson]) -> None:
    assert find_lesson(2)[1].id == "activating_vneid"
    assert find_lesson("using_vneid")[0] == 3
    assert find_lesson("1")[1].id == "getting_vneid"
    with pytest.raises(ConfigError, match="no lesson 99; lessons are: 1 \\(getting_vneid\\)"):
        find_lesson(99)


# --- broken files are refused with one clear line -----------------------------------------------------
def mutate(change) -> dict[str, Any]:
    raw = copy.deepcopy(example())
    change(raw)
    return raw


def test_the_worked_example_is_valid() -> None:
    assert parse_lesson(example()).id == "getting_vneid"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda r: r["sections"][1]["title"].pop("en"),
            "sections[install].title.en: is required but missing",
        ),
        (
            lambda r: r["sections"][1]["title"].update(en="  "),
            "sections[install].title.en: must not be blank",
        ),
        (
            lambda r: r["sections"][1].update(bodyy="x"),
            "sections[install].bodyy: unknown field; allowed here: body, callout, id, kind, steps, title",
        ),
        (lambda r: r["sections"][0].update(kind="lecture"), "sections[what_is_vneid]: needs 'kind:'"),
        (lambda r: r["sections"][2].update(flow="nope"), "sections[practice_install].flow: no flow 'nope'"),
        (lambda r: r["sections"].pop(2), "flows[install_from_store]: flow 'install_from_store' is not shown"),
        (
            lambda r: r["flows"][0].update(persona="lan"),
            "flows[install_from_store].persona: no persona 'lan'",
        ),
        (
            lambda r: r["flows"][0]["steps"][0]["buttons"][1].pop("feedback"),
            "flows[install_from_store].steps[open_store].buttons[chrome]: this button is not correct",
        ),
        (
            lambda r: r["flows"][0]["steps"][0]["buttons"][0].update(
                correct=False, feedback={"vi": "a", "en": "b"}
            ),
            "flows[install_from_store].steps[open_store]: no button has 'correct: true'",
        ),
        (
            lambda r: r["flows"][1]["steps"][1].update(id="home"),
            "flows[register_level1].steps: id 'home' is used twice",
        ),
        (
            lambda r: r["flows"][0]["steps"][1]["fields"][0].update(kind="otp"),
            "flows[install_from_store].steps[search].fields[query].expect: is refused by the practice form",
        ),
        (
            lambda r: r["flows"][0]["steps"][1]["fields"][0].pop("mismatch"),
            "'expect' and 'mismatch' go together",
        ),
        (
            lambda r: r["personas"][0].update(personal_id="017162000123"),
            "personas[mai].personal_id: is refused by the practice form (check.personal_id.real_code",
        ),
        (
            lambda r: r["personas"][0].update(personal_id="003062000123"),
            "personas[mai].personal_id: digits 4–6 say male, born 1962, but the persona is female, born 1962",
        ),
        (
            lambda r: r["personas"][0].update(phone="02183852123"),
            "personas[mai].phone: must be a Vietnamese mobile",
        ),
        (
            lambda r: r["quiz"]["questions"][0]["options"][1].update(correct=True),
            "quiz.questions[where_install]: a single-choice question has exactly one correct option (got 2)",
        ),
        (
            lambda r: r["quiz"]["questions"][2]["options"][0].pop("feedback"),
            "quiz.questions[portrait_tips].options[light].feedback: is required but missing",
        ),
        (
            lambda r: r["sources"][0].update(checked="22/11/2026"),
            "sources[0].checked: must be a date YYYY-MM-DD",
        ),
        (
            lambda r: r["sources"][0].update(published="2026-13-01"),
            "sources[0].published: must be a date YYYY-MM-DD",
        ),
        (
            lambda r: r["sources"][1].update(published="2030-01-01"),
            "sources[1]: 'published' (2030-01-01) is after 'checked'",
        ),
        (
            lambda r: r["personas"][0].update(phone="0912345678"),
            "personas[mai].phone: practice phone numbers are simulated: 0900000 and 3 digits",
        ),
        (
            lambda r: r["personas"][0].update(notes={"vi": "Ngày {today+x}", "en": "x"}),
            "personas[0].notes.vi: {today+x} is not a relative date",
        ),
        (lambda r: r["sources"][0].update(url="dean06.hanam.gov.vn"), "sources[0].url"),
        (lambda r: r.pop("instructor_notes"), "instructor_notes: is required but missing"),
        (
            lambda r: r.update(
                sections=[s for s in r["sections"] if s["kind"] == "explain"], flows=[], personas=[]
            ),
            "a lesson needs at least one 'practice' or 'drill' section",
        ),
        (lambda r: r["sections"][0].update(id="quiz"), "sections[quiz].id: 'quiz' is reserved"),
    ],
)
def test_broken_lessons_are_refused_naming_item_and_field(change, expected: str) -> None:
    assert expected in refused(mutate(change))


def test_a_drill_needs_both_answers() -> None:
    drill = {
        "id": "d",
        "title": {"vi": "a", "en": "b"},
        "intro": {"vi": "a", "en": "b"},
        "items": [
            {
                "id": f"i{n}",
                "channel": "sms",
                "sender": {"vi": "a", "en": "b"},
                "message": {"vi": "a", "en": "b"},
                "answer": "scam",
                "reason": {"vi": "a", "en": "b"},
            }
            for n in range(3)
        ],
    }
    raw = mutate(
        lambda r: (
            r.update(drills=[drill])
            or r["sections"].append(
                {"kind": "drill", "id": "drill", "title": {"vi": "a", "en": "b"}, "drill": "d"}
            )
        )
    )
    assert "drills[d]: a drill needs at least one 'safe' and one 'scam' item" in refused(raw)
    drill["items"][0]["answer"] = "safe"
    assert parse_lesson(raw).drill("d").items[0].answer == "safe"


def test_lesson_id_must_match_the_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "07_other_name.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(
        ConfigError, match="07_other_name.yaml: id: must equal the file name's id 'other_name'"
    ):
        load_lessons(folder)


def test_badly_named_and_duplicate_numbered_files_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "lesson1.yaml").write_text("id: x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="lesson1.yaml: lesson files are named NN_<id>.yaml"):
        lesson_files(folder)
    (folder / "lesson1.yaml").unlink()
    (folder / "01_a.yaml").write_text("", encoding="utf-8")
    (folder / "01_b.yaml").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="lesson number 01 is also used by 01_a.yaml"):
        lesson_files(folder)


def test_malformed_yaml_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01_x.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"01_x.yaml: malformed YAML: line \d+, column \d+"):
        load_lessons(folder)


def test_a_lesson_file_with_a_key_given_twice_or_nested_too_deeply_is_one_line(tmp_path) -> None:
    """Issue 17: ``minutes:`` twice in a lesson was silently resolved to the last one."""
    from simkit.errors import ConfigError
    from simkit.learn.content import load_lesson_file

    twice = tmp_path / "01_twice.yaml"
    twice.write_text("id: twice\nminutes: 20\ntitle: {vi: a, en: a}\nminutes: 45\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'minutes' is given twice \(lines 2 and 4\)") as caught:
        load_lesson_file(twice)
    assert str(caught.value).startswith(str(twice))
    deep = tmp_path / "02_deep.yaml"
    deep.write_text("id: deep\nsections: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="nested too deeply"):
        load_lesson_file(deep)
