"""The notebook screen: shows the page in a frame, follows the language switch, saves the page."""

from __future__ import annotations

import html
from pathlib import Path

from simkit.replay.strings import load_replay_strings
from simkit.replay.view import ReplayView, replay_presets


def test_view_shows_saves_and_switches_language(tmp_path: Path) -> None:
    strings = load_replay_strings()
    view = ReplayView("commune_pasc", adoption=40, compare_adoption=70, save_dir=tmp_path)
    assert view.replay is not None and len(view.replay.plans) == 2
    assert view.frame.value.startswith("<iframe") and 'lang="vi"' in html.unescape(view.frame.value)
    assert view.build_button.description == strings.get("view.build", "vi")
    view.lang_toggle.value = "en"
    assert view.build_button.description == strings.get("view.build", "en")
    assert 'lang="en"' in html.unescape(view.frame.value)
    assert view.scenario.options[0][0].startswith(("Commune", "Provincial", "Former"))
    path = view.save()
    assert path is not None and path.parent == tmp_path and path.name == "replay-commune_pasc-40-70.html"
    assert '<html lang="en">' in path.read_text(encoding="utf-8")
    assert str(path) in html.unescape(view.message.value)


def test_single_plan_view_and_presets_without_test_benches(tmp_path: Path) -> None:
    view = ReplayView("provincial_pasc", adoption=10, compare_adoption=None, save_dir=tmp_path)
    assert len(view.replay.plans) == 1
    assert "mmc_validation" not in replay_presets() and "commune_pasc" in replay_presets()
