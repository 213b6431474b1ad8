"""``content/ui/teach.yaml``: every key the code uses, in Vietnamese with diacritics and in English, checked
on load with one-line errors naming the key; audiences and materials validated; numbers formatted locally."""

from __future__ import annotations

import copy
import functools
import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from simkit.content import CONTENT_ENV
from simkit.errors import ConfigError
from simkit.teach.keys import KEYS
from simkit.teach.strings import TeachContent, load_teach_content, ui_path

VI_MARKS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
TEACH = Path(__file__).resolve().parents[2] / "simkit" / "teach"


def all_texts(content: TeachContent):
    yield from content.entries.items()
    for audience in content.audiences:
        yield f"audiences[{audience.id}].name", audience.name
        yield f"audiences[{audience.id}].note", audience.note
    for material in content.materials:
        yield f"materials[{material.id}].text", material.text


def test_every_key_is_present_and_formats_in_both_languages(content: TeachContent) -> None:
    assert set(content.entries) == set(KEYS)
    for key, names in KEYS.items():
        params = {name: "1" for name in names}
        for lang in ("vi", "en"):
            assert content.get(key, lang, **params).strip(), key


def test_vietnamese_has_diacritics_and_english_is_translated(content: TeachContent) -> None:
    for key, text in all_texts(content):
        if len(text.vi.split()) >= 4:
            assert VI_MARKS.search(text.vi), f"{key}.vi has no diacritics: {text.vi!r}"
            assert text.en != text.vi, f"{key}.en is untranslated"


def test_placeholders_match_in_both_languages(content: TeachContent) -> None:
    for key, text in content.entries.items():
        names = [{n for _, n, _, _ in string.Formatter().parse(t) if n} for t in (text.vi, text.en)]
        assert names[0] == names[1], key


def test_materials_name_existing_lessons(content: TeachContent, lessons) -> None:
    content.check_lessons(lessons)
    renamed = {n: lesson.model_copy(update={"id": f"x_{lesson.id}"}) for n, lesson in lessons.items()}
    with pytest.raises(
        ConfigError, match=r"teach\.yaml: materials\[chip_card\]\.lessons: no lesson 'getting_vneid'"
    ):
        content.check_lessons(renamed)


@functools.lru_cache(maxsize=1)
def _shipped() -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(ui_path().read_text("utf-8"), Loader=loader)  # noqa: S506 - a safe loader


def shipped() -> dict:
    return copy.deepcopy(_shipped())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r: r["strings"]["planner"].pop("title"), "strings.planner.title: is missing"),
        (
            lambda r: r["strings"]["planner"].update(titel={"vi": "a", "en": "b"}),
            "strings.planner.titel: not a UI",
        ),
        (
            lambda r: r["strings"]["planner"]["title"].update(en=" "),
            "strings.planner.title.en: is missing or blank",
        ),
        (lambda r: r["strings"]["planner"]["title"].pop("en"), "strings.planner.title: must be {vi:"),
        (
            lambda r: r["strings"]["agenda"]["total"].update(en="{hours} hours"),
            "strings.agenda.total.en: uses {hours}; allowed here: {minutes}, {start}, {end}",
        ),
        (lambda r: r["strings"]["agenda"]["break"].update(vi="Nghỉ {"), "has an unmatched { or }"),
        (
            lambda r: r["audiences"][0].update(practice_factor=5),
            "audiences[older_adults].practice_factor: must be",
        ),
        (lambda r: r["audiences"][1].update(pace=2), "audiences[adults].pace: unknown field"),
        (
            lambda r: r["audiences"].append(dict(r["audiences"][0])),
            "audiences: id 'older_adults' is used twice",
        ),
        (lambda r: r["materials"][0].update(per="room"), "materials[projector].per: must be"),
        (lambda r: r["materials"][0].update(needs="lessons"), "materials[projector]: 'needs: lessons' needs"),
        (lambda r: r["materials"][0]["text"].update(vi=""), "materials[projector].text.vi"),
        (lambda r: r.pop("materials"), "materials: is required but missing"),
    ],
)
def test_broken_teach_strings_are_one_line_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[dict], object], expected: str
) -> None:
    raw = shipped()
    change(raw)
    (tmp_path / "ui").mkdir()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    (tmp_path / "ui" / "teach.yaml").write_text(yaml.dump(raw, Dumper=dumper, allow_unicode=True), "utf-8")
    monkeypatch.setenv(CONTENT_ENV, str(tmp_path))
    with pytest.raises(ConfigError) as caught:
        load_teach_content()
    message = str(caught.value)
    assert expected in message and "teach.yaml" in message and "\n" not in message


def test_unknown_key_lookup_is_a_clear_error(content: TeachContent) -> None:
    with pytest.raises(ConfigError, match="no UI string 'planner.nope'"):
        content.get("planner.nope", "vi")
    with pytest.raises(ConfigError, match="lang: must be 'vi' or 'en'"):
        content.get("planner.title", "fr")


def test_modules_are_small() -> None:
    for path in [*TEACH.glob("*.py"), *TEACH.glob("views/*.py")]:
        assert len(path.read_text("utf-8").splitlines()) < 400, path.name
