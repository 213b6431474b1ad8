"""The one UI-file shape and string table (simkit.ui_strings): every content/ui file is read the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from simkit.content import CONTENT_ENV, content_dir
from simkit.errors import ConfigError
from simkit.ui_strings import StringTable, UiFile, load_ui_file, read_ui_file

KEYS = {"nav.next": (), "nav.page": ("current", "total")}


def make(entries, data, path) -> StringTable:
    return StringTable(entries, path)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ui.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """strings:
  nav:
    next: {vi: "Tiếp theo", en: "Next"}
    page: {vi: "Trang {current}/{total}", en: "Page {current} of {total}"}
"""


def test_every_shipped_ui_file_has_the_one_shape() -> None:
    files = sorted((content_dir() / "ui").glob("*.yaml"))
    assert len(files) >= 6
    for path in files:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(raw, dict) and isinstance(raw.get("strings"), dict), path.name


def test_every_family_loads_through_the_one_table() -> None:
    from simkit.calibrate.strings import load_calibrate_strings
    from simkit.learn.strings import load_ui_strings
    from simkit.plan.strings import load_plan_strings
    from simkit.replay.strings import load_replay_strings
    from simkit.teach.strings import load_teach_content
    from simkit.workshop.strings import load_workshop_strings

    for load in (load_ui_strings, load_workshop_strings, load_plan_strings, load_teach_content,
                 load_calibrate_strings, load_replay_strings):  # fmt: skip
        table = load()
        assert isinstance(table, StringTable)
        assert load() is table  # read and checked once per version of the file


def test_get_both_one_line_and_table(tmp_path: Path) -> None:
    table = read_ui_file(write(tmp_path, GOOD), KEYS, UiFile, make)
    assert table.get("nav.page", "vi", current=2, total=5) == "Trang 2/5"
    assert table.get("nav.page", "en", current=2, total=5) == "Page 2 of 5"
    assert table.both("nav.next").en == "Next"
    assert table.one_line("nav.next") == "Tiếp theo · Next"
    assert table.table()["nav.next"] == {"vi": "Tiếp theo", "en": "Next"}
    with pytest.raises(ConfigError, match="must be 'vi' or 'en'"):
        table.get("nav.next", "fr")
    with pytest.raises(ConfigError, match="no UI string 'nav.back'"):
        table.get("nav.back", "vi")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "must be a mapping with the sections 'strings'"),
        ("nav:\n  next: {vi: a, en: b}\n", "must have a 'strings' section"),
        (GOOD + "extra: 1\n", "extra: unknown field"),
        (GOOD.replace("Next", " "), "strings.nav.next.en: is missing or blank"),
        (GOOD.replace('{total}"', '{pages}"', 1), "strings.nav.page.vi: uses {pages}"),
        (GOOD.replace("    next", "    nxt"), "strings.nav.nxt: not a UI string the code uses"),
    ],
)
def test_a_broken_file_is_one_line_naming_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        read_ui_file(path, KEYS, UiFile, make)
    message = str(caught.value)
    assert expected in message and "ui.yaml" in message and "\n" not in message


def test_an_edit_is_picked_up_on_the_next_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    monkeypatch.setenv(CONTENT_ENV, str(copy))
    path = copy / "ui" / "t.yaml"
    path.write_text(GOOD, encoding="utf-8")
    first = load_ui_file("t", KEYS, UiFile, make)
    assert first.get("nav.next", "en") == "Next"
    path.write_text(GOOD.replace("Next", "Onward"), encoding="utf-8")
    import os

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_ui_file("t", KEYS, UiFile, make).get("nav.next", "en") == "Onward"
