"""The checks and the reading shared by every bilingual string file (lessons, planner, trainer)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from simkit.bilingual import (
    check_entry,
    check_lang,
    checked_entries,
    flatten_groups,
    one_line_error,
    read_when_changed,
    readable_path,
)
from simkit.errors import ConfigError

KEYS = {"hello.title": (), "hello.greeting": ("name",)}
GOOD = {
    "hello": {
        "title": {"vi": "Xin chào", "en": "Hello"},
        "greeting": {"vi": "Chào {name}", "en": "Hi {name}"},
    }
}


def test_flatten_groups_stops_at_entries() -> None:
    assert set(flatten_groups(GOOD)) == {"hello.title", "hello.greeting"}


def test_checked_entries_gives_both_languages_of_every_key() -> None:
    assert checked_entries(GOOD, KEYS, Path("x.yaml")) == {
        "hello.title": ("Xin chào", "Hello"),
        "hello.greeting": ("Chào {name}", "Hi {name}"),
    }


@pytest.mark.parametrize(
    ("strings", "field", "words"),
    [
        ({"hello": {**GOOD["hello"], "titel": {"vi": "a", "en": "b"}}}, "strings.hello.titel", "misspelt"),
        ({"hello": {"title": GOOD["hello"]["title"]}}, "strings.hello.greeting", "is missing"),
        ({"hello": {**GOOD["hello"], "title": {"vi": " ", "en": "b"}}}, "strings.hello.title.vi", "blank"),
        ({"hello": {**GOOD["hello"], "title": {"vi": "a"}}}, "strings.hello.title", "nothing else"),
        (
            {"hello": {**GOOD["hello"], "greeting": {"vi": "Chào {ten}", "en": "Hi {name}"}}},
            "strings.hello.greeting.vi",
            "allowed here: {name}",
        ),
    ],
)
def test_checked_entries_names_file_and_key_in_one_line(strings, field, words) -> None:
    with pytest.raises(ConfigError) as caught:
        checked_entries(strings, KEYS, Path("content/ui/x.yaml"), prefix="strings.")
    message = str(caught.value)
    assert "\n" not in message and "content/ui/x.yaml" in message and field in message and words in message


def test_check_entry_refuses_unbalanced_braces_and_check_lang_unknown_language() -> None:
    with pytest.raises(ConfigError, match="unmatched"):
        check_entry({"vi": "Chào {name", "en": "Hi"}, ("name",), Path("x.yaml"), "k")
    assert check_lang("vi") == "vi"
    with pytest.raises(ConfigError, match="'vi' or 'en'"):
        check_lang("fr")


def test_read_when_changed_reads_once_per_version_and_names_a_missing_file(tmp_path: Path) -> None:
    reads: list[str] = []

    @functools.lru_cache(maxsize=4)
    def read(path: Path, mtime: float) -> str:
        reads.append(path.read_text())
        return reads[-1]

    path = tmp_path / "strings.yaml"
    path.write_text("one")
    assert read_when_changed(path, read) == "one"
    assert read_when_changed(path, read) == "one"
    assert reads == ["one"]
    path.write_text("two")
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime + 5))  # a later version, whatever the clock resolution
    assert read_when_changed(path, read) == "two"
    with pytest.raises(ConfigError, match="file not found") as caught:
        read_when_changed(tmp_path / "gone.yaml", read)
    assert "gone.yaml" in str(caught.value)


def test_readable_path_names_list_items_by_id_else_position() -> None:
    raw = {"materials": [{"id": "pens"}, {"name": "no id"}], "steps": [[{"id": "x"}]]}
    assert readable_path(("materials", 0, "lessons"), raw) == "materials[pens].lessons"
    assert readable_path(("materials", 1, "name"), raw) == "materials[1].name"
    assert readable_path((0, "id"), [{"id": "first"}]) == "[first].id"


def test_one_line_error_names_file_item_and_what_is_allowed() -> None:
    from typing import Annotated, Literal

    from pydantic import BaseModel, ConfigDict, Field, ValidationError

    class Item(BaseModel):
        model_config = ConfigDict(extra="forbid")
        id: str
        count: int = Field(ge=1)

    class Pen(BaseModel):
        model_config = ConfigDict(extra="forbid")
        kind: Literal["pen"]
        colour: str

    class Pad(BaseModel):
        model_config = ConfigDict(extra="forbid")
        kind: Literal["pad"]
        pages: int

    class File(BaseModel):
        model_config = ConfigDict(extra="forbid")
        items: list[Item]
        tools: list[Annotated[Pen | Pad, Field(discriminator="kind")]] = []

    cases = [
        ({"items": [{"id": "a", "count": 1}, {"id": "b"}]}, "items[b].count: is required but missing"),
        (
            {"items": [{"id": "a", "count": 1, "extra": 2}]},
            "items[a].extra: unknown field; allowed here: count, id",
        ),
        (
            {"items": [{"id": "a", "count": "many"}]},
            "items[a].count: must be a valid integer, unable to parse string as an integer (got 'many')",
        ),
        ({"items": [{"id": "a", "count": 0}]}, "items[a].count: must be ≥ 1 (got 0)"),
        (
            {"items": [], "tools": [{"kind": "pen", "colour": "red", "nib": 1}]},
            "tools[0].nib: unknown field; allowed here: colour, kind",
        ),
        ({"items": [], "tools": [{"kind": "cup"}]}, "tools[0]: needs 'kind:' one of pad, pen (got 'cup')"),
        ({"items": [], "tools": [{"pages": 3}]}, "tools[0]: needs 'kind:' one of pad, pen"),
        (
            {"items": [{"id": "a"}, {"id": "b"}, {}]},
            "items[a].count: is required but missing [and 3 more problems]",
        ),
    ]
    for raw, expected in cases:
        with pytest.raises(ValidationError) as caught:
            File.model_validate(raw)
        error = one_line_error(caught.value, raw, Path("content/ui/x.yaml"), model=File)
        assert str(error) == f"content/ui/x.yaml: {expected}"


def test_one_line_error_hooks_keep_a_file_kinds_own_words() -> None:
    from pydantic import BaseModel, ConfigDict, ValidationError

    class Session(BaseModel):
        model_config = ConfigDict(extra="forbid")
        start: str

    class File(BaseModel):
        model_config = ConfigDict(extra="forbid")
        sessions: list[Session]

    raw = {"sessions": [{"start": "7"}, {"start": "8", "begin": "8"}, {}]}
    with pytest.raises(ValidationError) as caught:
        File.model_validate(raw)
    words = {"extra_forbidden": lambda error, allowed: f"not a session field (only {', '.join(allowed)})"}
    error = one_line_error(caught.value, raw, "centre.yaml", model=File, dotted=True, wording=words)
    expected = "sessions.1.begin: not a session field (only start) [and 1 more problem]"
    assert str(error) == f"centre.yaml: {expected}"
