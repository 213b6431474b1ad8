"""content/ui/plan.yaml: complete in both languages, checked on load, seed figures as reference points."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from simkit.errors import ConfigError
from simkit.plan.keys import KEYS
from simkit.plan.strings import PlanStrings, load_plan_strings, number, percent
from simkit.sim.loading import content_dir

VIETNAMESE_LETTER = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def test_every_key_has_vietnamese_and_english(strings: PlanStrings) -> None:
    assert set(strings.entries) == set(KEYS)
    for key, entry in strings.entries.items():
        assert entry.vi.strip() and entry.en.strip(), key


def test_vietnamese_texts_have_their_diacritics(strings: PlanStrings) -> None:
    for key, entry in strings.entries.items():
        words = re.sub(r"\{[^}]*\}", "", entry.vi).split()
        if len(words) >= 4:
            assert VIETNAMESE_LETTER.search(entry.vi), f"{key}: no Vietnamese diacritics in {entry.vi!r}"


def test_messages_are_one_line(strings: PlanStrings) -> None:
    for key, entry in strings.entries.items():
        assert "\n" not in entry.vi and "\n" not in entry.en, key


def test_placeholders_can_all_be_filled(strings: PlanStrings) -> None:
    for key, names in KEYS.items():
        params = {name: "X" for name in names}
        for lang in ("vi", "en"):
            strings.get(key, lang, **params)


def test_seed_figures_are_reference_points_citing_their_articles(strings: PlanStrings) -> None:
    """Both seed figures were published by Báo Hòa Bình's English edition (articles 8288 and 9694); neither
    page prints a year, so each caveat says so instead of naming one as fact."""
    by_id = {point.id: point for point in strings.references}
    quarter = by_id["brief_quarter_online"]
    assert quarter.value == pytest.approx(72901 / 88424, abs=0.005) and quarter.kind == "adoption"
    city = by_id["brief_city_requests"]
    assert city.value == pytest.approx(14332 / 130, abs=0.1)
    for point, article in ((quarter, "8288"), (city, "9694")):
        assert point.verified and point.source and article in point.source
        assert "no year printed" in point.source and "no year" in point.caveat.en
        assert "unverified" not in point.short.en.lower()
    for point in strings.references:
        assert point.caveat.vi and point.caveat.en and point.short.vi and point.short.en


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    monkeypatch.setenv("SIMKIT_CONTENT", str(copy))
    return copy / "ui" / "plan.yaml"


def _edit(path: Path, change: Callable[[dict], object]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_missing_translation_names_the_file_and_key(content_copy: Path) -> None:
    _edit(content_copy, lambda d: d["strings"]["dash"].update(title={"vi": "Bảng điều khiển", "en": " "}))
    with pytest.raises(ConfigError) as info:
        load_plan_strings()
    assert "plan.yaml" in str(info.value) and "dash.title.en" in str(info.value)


def test_a_missing_key_is_reported(content_copy: Path) -> None:
    _edit(content_copy, lambda d: d["strings"]["dash"].pop("title"))
    with pytest.raises(ConfigError, match=r"dash\.title: is missing"):
        load_plan_strings()


def test_an_unknown_key_is_reported(content_copy: Path) -> None:
    _edit(content_copy, lambda d: d["strings"]["dash"].update(titel={"vi": "a", "en": "a"}))
    with pytest.raises(ConfigError, match=r"dash\.titel: not a UI string"):
        load_plan_strings()


def test_a_placeholder_the_code_does_not_fill_is_reported(content_copy: Path) -> None:
    _edit(content_copy, lambda d: d["strings"]["problem"].update(more={"vi": "{count} {taget}", "en": "x"}))
    with pytest.raises(ConfigError, match=r"problem\.more\.vi: uses \{taget\}"):
        load_plan_strings()


def test_a_reference_point_needs_its_caveat(content_copy: Path) -> None:
    _edit(content_copy, lambda d: d["reference_points"][0].pop("caveat"))
    # the point is named by its id, as in the teach and lesson files
    with pytest.raises(
        ConfigError, match=r"reference_points\[brief_quarter_online\]\.caveat: is required but missing"
    ):
        load_plan_strings()


def test_numbers_read_the_way_each_language_writes_them() -> None:
    assert number(1234.56, "vi") == "1.234,6" and number(1234.56, "en") == "1,234.6"
    assert number(-0.04, "vi") == "0,0" and number(float("nan"), "en") == "–"
    assert percent(0.853, "vi") == "85%" and percent(0.8534, "vi", 1) == "85,3%"
    assert percent(0.8534, "en", 1) == "85.3%"
