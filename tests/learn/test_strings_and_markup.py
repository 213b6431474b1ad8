"""UI strings are complete in both languages with the right placeholders; lesson text renders to safe HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simkit.content import CONTENT_ENV
from simkit.errors import ConfigError
from simkit.learn import markup
from simkit.learn.strings import KEYS, UiStrings, load_ui_strings, ui_path
from simkit.learn.validators import Problem


def shipped() -> dict:
    return yaml.safe_load(ui_path().read_text(encoding="utf-8"))


def content_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw: dict) -> None:
    path = tmp_path / "content" / "ui" / "learn.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(CONTENT_ENV, str(tmp_path / "content"))


def test_every_key_is_present_in_both_languages_and_formats(ui: UiStrings) -> None:
    assert set(ui.entries) == set(KEYS)
    for key, params in KEYS.items():
        values = {name: 7 for name in params}
        for lang in ("vi", "en"):
            assert ui.get(key, lang, **values).strip()


def test_problems_render_in_the_learners_language(ui: UiStrings) -> None:
    problem = Problem("check.personal_id.length", {"count": 11})
    assert ui.say(problem, "vi") == "Số định danh có đúng 12 chữ số; bạn đã gõ 11 số."
    assert ui.say(problem, "en") == "The ID number has exactly 12 digits; you typed 11."


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r: r["nav"].pop("next"), "nav.next: is missing"),
        (lambda r: r["nav"].update(nexxt={"vi": "a", "en": "b"}), "nav.nexxt: not a UI string the code uses"),
        (lambda r: r["nav"]["next"].update(en=" "), "nav.next.en: is missing or blank"),
        (lambda r: r["nav"]["next"].pop("en"), "nav.next: must be {vi:"),
        (
            lambda r: r["check"]["phone"]["length"].update(en="{digits} digits"),
            "check.phone.length.en: uses {digits}; allowed here: {count}",
        ),
        (lambda r: r["nav"]["next"].update(vi="Tiếp {"), "nav.next.vi: has an unmatched { or }"),
    ],
)
def test_broken_ui_strings_are_one_line_errors(tmp_path, monkeypatch, change, expected: str) -> None:
    raw = shipped()
    change(raw["strings"])
    content_with(tmp_path, monkeypatch, raw)
    with pytest.raises(ConfigError) as caught:
        load_ui_strings()
    assert f"strings.{expected}" in str(caught.value) and "learn.yaml" in str(caught.value)


def test_unknown_key_lookup_is_a_clear_error(ui: UiStrings) -> None:
    with pytest.raises(ConfigError, match="no UI string 'nav.nope'"):
        ui.get("nav.nope", "vi")


def test_markup_paragraphs_lists_bold_links() -> None:
    text = (
        "Mở **CH Play**.\nRồi tìm.\n\n- một\n- hai\n\n1. bước một\n2. bước hai\n\nXem https://vneid.gov.vn."
    )
    assert markup.to_html(text) == (
        "<p>Mở <strong>CH Play</strong>.<br>Rồi tìm.</p><ul><li>một</li><li>hai</li></ul>"
        "<ol><li>bước một</li><li>bước hai</li></ol>"
        '<p>Xem <a href="https://vneid.gov.vn" target="_blank" rel="noopener">https://vneid.gov.vn</a>.</p>'
    )


def test_markup_escapes_html_so_content_cannot_inject_scripts() -> None:
    html = markup.to_html("<script>alert(1)</script> & <b>x</b>")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html and "<b>" not in html


def test_markup_list_after_text_in_one_paragraph() -> None:
    assert (
        markup.to_html("Cần:\n- thẻ\n- điện thoại") == "<p>Cần:</p><ul><li>thẻ</li><li>điện thoại</li></ul>"
    )


def test_bold_closing_right_after_an_address_stays_bold_and_the_link_is_whole() -> None:
    html = markup.inline("Chỉ dùng **https://vneid.gov.vn**.")
    assert html == (
        'Chỉ dùng <strong><a href="https://vneid.gov.vn" target="_blank" rel="noopener">'
        "https://vneid.gov.vn</a></strong>."
    )


def test_messages_under_judgement_never_become_links() -> None:
    scam = "Cai ban VNeID moi tai http://vneid-capnhat.com de tranh bi khoa."
    assert "<a " not in markup.inline(scam, links=False)
    assert "<a " not in markup.to_html(f"- {scam}", links=False)
    assert 'href="http://vneid-capnhat.com"' in markup.inline(scam)
