"""Bilingual strings complete and checked; the page carries everything it needs and nothing from outside."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from simkit.content import content_dir
from simkit.errors import ConfigError
from simkit.replay import replay_adoptions, replay_html, write_replay_html
from simkit.replay.page import page_data
from simkit.replay.scene import Layout, expand_tracks, place
from simkit.replay.strings import KEYS, STATE_NAMES, load_replay_strings

PLAYER = Path(__file__).resolve().parents[2] / "simkit" / "replay" / "static" / "player.js"
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýÀ-ỹ]", re.I)


@pytest.fixture(scope="module")
def replay():
    return replay_adoptions("commune_pasc", [0.4, 0.7], seed=2)


def test_every_key_has_both_languages_and_vietnamese_has_its_letters() -> None:
    strings = load_replay_strings()
    assert set(strings.entries) == set(KEYS)
    for key, text in strings.entries.items():
        assert text.vi.strip() and text.en.strip(), key
    words = [t.vi for t in strings.entries.values() if re.search("[A-Za-z]{3}", t.vi)]
    assert sum(bool(VIETNAMESE.search(w)) for w in words) >= 0.9 * len(words), "diacritics kept"


def test_every_string_the_player_asks_for_is_declared() -> None:
    keys = r'"((?:page|plan|control|live|scene|state|hour)\.[a-z_]+)"'
    used = set(re.findall(keys, PLAYER.read_text(encoding="utf-8")))
    used |= {f"state.{name}" for name in STATE_NAMES}  # looked up as "state." + name
    assert used and used <= set(KEYS), sorted(used - set(KEYS))


def test_a_missing_string_is_one_line_naming_the_file_and_key(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(content_dir(), tmp_path / "content")
    path = tmp_path / "content" / "ui" / "replay.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    play: {", "    plai: {"), encoding="utf-8")
    monkeypatch.setenv("SIMKIT_CONTENT", str(tmp_path / "content"))
    with pytest.raises(ConfigError) as caught:
        load_replay_strings()
    message = str(caught.value)
    assert "\n" not in message and "replay.yaml" in message and "strings.control.plai" in message


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.scripts += tag == "script"
        self.links += [f"{tag} {name}={value}" for name, value in attrs if name in ("src", "href") and value]
        self.links += [f"{tag}" for _ in [1] if tag in ("link", "iframe", "img")]


def test_the_page_links_nothing_and_embeds_its_scripts(replay) -> None:
    page = replay_html(replay, "vi")
    parser = _Links()
    parser.feed(page)
    assert parser.links == [], "no file, font or script loaded from anywhere"
    assert parser.scripts == 3  # the data, plotly.js (basic bundle) and the player
    assert "plotly.js (basic - minified)" in page and "window.simkitReplay" in page
    assert '<html lang="vi">' in page and '<html lang="en">' in replay_html(replay, "en")


def test_the_pages_data_replays_the_python_frames(replay) -> None:
    page = replay_html(replay, "en")
    raw = re.search(r'<script type="application/json" id="simkit-replay-data">(.*?)</script>', page, re.S)
    data = json.loads(raw.group(1).replace("<\\/", "</"))
    assert data["frames"] == len(replay.minutes) and data["first"] == replay.first_minute
    assert data["lang"] == "en" and set(data["strings"]) == set(KEYS)
    for plan, shown in zip(replay.plans, data["plans"], strict=True):
        layout = Layout(plan.log.counters, plan.log.assisted_desks, plan.log.backoffice_desks)
        assert [tuple(s) for s in shown["layout"]["spots"]] == layout.spots
        assert expand_tracks(shown["keys"], shown["runs"], data["frames"]) == [
            place(f, layout)[0] for f in plan.frames
        ]
        assert shown["live"]["queue"] == [f.queue_length for f in plan.frames]
        assert shown["live"]["counters_busy"] == [f.counters_busy for f in plan.frames]
        nine = shown["hours"]["vi"]["540"]
        words = load_replay_strings()
        assert nine["heading"] == words.get("hour.heading", "vi", start="09:00", end="10:00")
        walk_ins = next(h for h in plan.hours if h.hour == 9).walk_ins
        assert nine["rows"][0] == [
            words.get("hour.walk_ins", "vi"),
            words.get("hour.people", "vi", n=walk_ins),
        ]


def test_the_page_is_written_atomically_and_is_small(replay, tmp_path: Path) -> None:
    out = tmp_path / "replay.html"
    size = write_replay_html(replay, out, "vi")
    assert out.stat().st_size == size < 3_000_000
    assert [p.name for p in tmp_path.iterdir()] == ["replay.html"], "no temporary file left"


def test_page_data_refuses_an_unknown_language(replay) -> None:
    with pytest.raises(ConfigError, match="lang"):
        page_data(replay, "fr")
