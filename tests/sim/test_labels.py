"""Result labels: complete in both languages, and a missing one is a clear error on load."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from simkit.content import CONTENT_ENV
from simkit.errors import ConfigError
from simkit.sim import keys
from simkit.sim.labels import FIGURE_KEYS, clear_labels_cache, labels_path, load_labels


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    clear_labels_cache()
    yield
    clear_labels_cache()


def _shipped() -> dict:
    return yaml.safe_load(labels_path().read_text(encoding="utf-8"))


def _content_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw: dict) -> Path:
    """A temporary content folder holding only ``labels/results.yaml`` with ``raw``."""
    path = tmp_path / "content" / "labels" / "results.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(CONTENT_ENV, str(tmp_path / "content"))
    return path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_result_key_has_a_label_and_a_unit(lang: str) -> None:
    labels = load_labels(lang)
    assert labels.lang == lang
    for key in dict.fromkeys((*keys.SUMMARY_KEYS, *keys.HOURLY_KEYS)):
        assert labels.kpi(key).strip()
        assert labels.unit(key).strip()
    for key in keys.CHANNELS:
        assert labels.channel(key).strip()
    for key in keys.OUTCOMES:
        assert labels.outcome(key).strip()
    for key in FIGURE_KEYS:
        assert labels.figure(key).strip()


def test_the_two_languages_differ() -> None:
    vi, en = load_labels("vi"), load_labels("en")
    assert vi.kpi("walkin_wait_mean") != en.kpi("walkin_wait_mean")
    shipped = _shipped()  # the file as written: each language's reader returns its own text
    kpi = shipped["kpis"]["walkin_wait_mean"]
    assert (vi.kpi("walkin_wait_mean"), en.kpi("walkin_wait_mean")) == (kpi["vi"], kpi["en"])
    unit = shipped["units"][kpi["unit"]]
    assert (vi.unit("walkin_wait_mean"), en.unit("walkin_wait_mean")) == (unit["vi"], unit["en"])
    assert vi.figure("wait_by_hour_x") == shipped["figures"]["wait_by_hour_x"]["vi"]


def test_every_entry_in_the_shipped_file_has_vi_and_en() -> None:
    for section, entries in _shipped().items():
        for key, entry in entries.items():
            assert entry["vi"].strip() and entry["en"].strip(), f"{section}.{key}"


@pytest.mark.parametrize("lang", ["fr", "VI", ""])
def test_unknown_language_is_a_config_error_naming_lang(lang: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_labels(lang)
    assert caught.value.field == "lang"


def test_a_missing_kpi_label_names_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _shipped()
    del raw["kpis"]["walkin_wait_p90"]
    path = _content_with(tmp_path, monkeypatch, raw)
    with pytest.raises(ConfigError) as caught:
        load_labels("en")
    assert "walkin_wait_p90" in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_missing_outcome_label_names_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _shipped()
    del raw["outcomes"]["not_served_today"]
    _content_with(tmp_path, monkeypatch, raw)
    with pytest.raises(ConfigError, match="not_served_today"):
        load_labels()


def test_a_missing_translation_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _shipped()
    del raw["channels"]["assisted"]["en"]
    _content_with(tmp_path, monkeypatch, raw)
    with pytest.raises(ConfigError) as caught:
        load_labels("vi")
    assert caught.value.field == "channels.assisted.en"


def test_an_empty_translation_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _shipped()
    raw["figures"]["ci_label"]["vi"] = "  "
    _content_with(tmp_path, monkeypatch, raw)
    with pytest.raises(ConfigError, match="figures.ci_label.vi"):
        load_labels("en")


def test_a_misspelt_field_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _shipped()
    raw["kpis"]["walkin_wait_mean"]["unti"] = "minutes"
    _content_with(tmp_path, monkeypatch, raw)
    expected = r"kpis\.walkin_wait_mean\.unti: unknown field; allowed here: en, unit, vi$"
    with pytest.raises(ConfigError, match=expected):
        load_labels()


def test_an_undefined_unit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _shipped()
    raw["kpis"]["walkin_wait_mean"]["unit"] = "seconds"
    _content_with(tmp_path, monkeypatch, raw)
    with pytest.raises(ConfigError) as caught:
        load_labels()
    assert caught.value.field == "kpis.walkin_wait_mean.unit"


def test_a_label_for_a_key_not_in_keys_py_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _shipped()
    raw["kpis"]["walkin_wait_maen"] = {"vi": "x", "en": "x", "unit": "minutes"}
    _content_with(tmp_path, monkeypatch, raw)
    with pytest.raises(ConfigError, match="walkin_wait_maen"):
        load_labels()


def test_looking_up_an_unknown_key_names_it() -> None:
    with pytest.raises(ConfigError, match="no_such_figure"):
        load_labels().figure("no_such_figure")


def test_the_parsed_file_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _content_with(tmp_path, monkeypatch, _shipped())
    first = load_labels("vi")
    path.write_text("not: [valid", encoding="utf-8")
    assert load_labels("en").data is first.data
    clear_labels_cache()
    with pytest.raises(ConfigError, match="malformed YAML"):
        load_labels("vi")
