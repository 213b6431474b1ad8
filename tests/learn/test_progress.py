"""Progress files: save → resume, corrupt and foreign files set aside with a message, two saves racing,
and nothing typed into a practice form ever reaching the disk."""

from __future__ import annotations

import json
import multiprocessing
import re
import unicodedata
from pathlib import Path

import pytest

from simkit.errors import ConfigError
from simkit.learn.progress import (
    FORMAT,
    VERSION,
    LessonRecord,
    Preferences,
    ProgressFile,
    ProgressStore,
    QuizRecord,
    check_display_name,
    default_folder,
    legacy_slug,
    slug,
)
from simkit.learn.validators import Problem


def test_display_names() -> None:
    assert check_display_name("  Cô   Lan ") == "Cô Lan"
    assert check_display_name("") == Problem("learner.name_empty")
    assert check_display_name("x" * 41) == Problem("learner.name_too_long", {"max": 40})
    assert check_display_name("!!!") == Problem("learner.name_characters")
    assert check_display_name("Lan\x07") == Problem("learner.name_characters")


def test_names_are_compared_exactly_after_nfc_so_two_learners_never_share_a_file() -> None:
    decomposed = unicodedata.normalize("NFD", "Bà Tư")
    assert decomposed != "Bà Tư" and slug(decomposed) == slug("Bà Tư")  # one name, typed two ways
    names = ["Bà Tư", "Bà Từ", "Chú Bảy", "chu bay", "Cô Lan", "cô lan", "CO LAN", "Lan", "lan"]
    keys = [slug(name) for name in names]
    assert len(set(keys)) == len(names), keys
    assert len({key.casefold() for key in keys}) == len(names)  # apart on a case-insensitive disk too
    assert all(re.fullmatch(r"[a-z0-9-]+", key) for key in keys)
    assert slug("Đặng Thị Ngọc Ánh").startswith("dang-thi-ngoc-anh-")  # readable for a trainer
    assert legacy_slug("Cô Lan") == legacy_slug("cô lan") == "co-lan"  # how files were named before


def test_default_folder_honours_the_environment(progress_dir: Path) -> None:
    assert default_folder() == progress_dir


def test_save_then_load_returns_the_record(progress_dir: Path) -> None:
    store = ProgressStore()
    record = LessonRecord(
        page="practice_install",
        lang="en",
        seconds=75,
        quiz=QuizRecord(answers={"where_install": ["store"]}, score=1, total=5),
    )
    assert store.save_lesson("Cô Lan", "getting_vneid", record) is None
    loaded = store.load(unicodedata.normalize("NFD", "Cô Lan"))  # the same name, decomposed
    assert loaded.notice is None
    saved = loaded.progress.lessons["getting_vneid"]
    assert (saved.page, saved.lang, saved.seconds, saved.quiz.answers) == (
        "practice_install",
        "en",
        75,
        {"where_install": ["store"]},
    )
    raw = json.loads((progress_dir / f"{slug('Cô Lan')}.json").read_text(encoding="utf-8"))
    assert (raw["format"], raw["version"], raw["display_name"]) == (FORMAT, VERSION, "Cô Lan")
    assert [p.name for p in progress_dir.iterdir() if not p.name.startswith(".")] == [
        f"{slug('Cô Lan')}.json"
    ]


def test_saving_one_lesson_keeps_the_others(progress_dir: Path) -> None:
    store = ProgressStore()
    store.save_lesson("Lan", "one", LessonRecord(seconds=1))
    store.save_lesson("Lan", "two", LessonRecord(seconds=2))
    store.save_lesson("Lan", "one", LessonRecord(seconds=3))
    lessons = store.load("Lan").progress.lessons
    assert {k: v.seconds for k, v in lessons.items()} == {"one": 3, "two": 2}


def test_unknown_learner_starts_empty_without_a_file(progress_dir: Path) -> None:
    loaded = ProgressStore().load("Bình")
    assert loaded.progress.lessons == {} and loaded.notice is None
    assert not progress_dir.exists() or not list(progress_dir.glob("*.json"))


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "simkit-learn-progress", "version": 1, "display_na',  # cut off by another tool's crash
        b"\xff\xfe not text",
        b'{"format": "someone-elses-tool", "data": []}',
        b'{"format": "simkit-learn-progress", "version": 99, "display_name": "Lan", "created_at": "x",'
        b' "updated_at": "x", "lessons": {}}',
        b'{"format": "simkit-learn-progress", "version": 1, "display_name": "Hoa", "created_at":'
        b' "2026-11-22T08:00:00+00:00", "updated_at": "2026-11-22T08:00:00+00:00", "lessons": {}}',
        # another learner's file copied over this one
        b'{"format": "simkit-learn-progress", "version": 1, "display_name": "Lan", "created_at":'
        b' "9999-99-99", "updated_at": "9999-99-99", "lessons": {}}',  # a time that is no time
        b"[" * 100_000,  # nested too deeply for the JSON parser
    ],
)
def test_bad_files_are_set_aside_with_a_message_never_lost(progress_dir: Path, content: bytes) -> None:
    progress_dir.mkdir(parents=True)
    path = ProgressStore().path_for("Lan")
    path.write_bytes(content)
    loaded = ProgressStore().load("Lan")
    assert loaded.progress.lessons == {}
    assert loaded.notice is not None and loaded.notice.key == "progress.set_aside"
    aside = progress_dir / loaded.notice.params["aside"]  # type: ignore[operator]
    assert aside.read_bytes() == content and aside.name.startswith(f"{path.stem}.unreadable-")
    assert not path.exists()


def test_a_save_over_a_corrupt_file_sets_it_aside_and_saves(progress_dir: Path) -> None:
    progress_dir.mkdir(parents=True)
    ProgressStore().path_for("Lan").write_text("not json", encoding="utf-8")
    notice = ProgressStore().save_lesson("Lan", "one", LessonRecord(seconds=9))
    assert notice is not None and notice.key == "progress.set_aside"
    assert ProgressStore().load("Lan").progress.lessons["one"].seconds == 9
    assert len(list(progress_dir.glob(f"{slug('Lan')}.unreadable-*.json"))) == 1


def test_an_invalid_display_name_is_a_clear_error(progress_dir: Path) -> None:
    with pytest.raises(ConfigError, match="display_name: '!!' cannot be a display name"):
        ProgressStore().path_for("!!")


def _save_many(folder: str, lesson: str, count: int) -> None:
    store = ProgressStore(Path(folder))
    for n in range(count):
        store.save_lesson("Lan", lesson, LessonRecord(seconds=n + 1))


def test_two_saves_racing_lose_nothing(progress_dir: Path) -> None:
    """Two kernels (two lesson notebooks of one learner) save their own lesson at the same time."""
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_save_many, args=(str(progress_dir), lesson, 60)) for lesson in ("one", "two")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    lessons = ProgressStore(progress_dir).load("Lan").progress.lessons
    assert {k: v.seconds for k, v in lessons.items()} == {"one": 60, "two": 60}
    assert not list(progress_dir.glob("*.tmp")) and not list(progress_dir.glob(".*.tmp"))


def test_file_format_is_the_documented_one(progress_dir: Path) -> None:
    ProgressStore().save_lesson("Lan", "getting_vneid", LessonRecord())
    raw = json.loads(ProgressStore().path_for("Lan").read_text(encoding="utf-8"))
    assert set(raw) == {
        "format",
        "version",
        "display_name",
        "created_at",
        "updated_at",
        "lessons",
        "preferences",
    }
    assert set(raw["preferences"]) == {"large", "lang"}
    assert set(raw["lessons"]["getting_vneid"]) == {
        "page",
        "lang",
        "flows",
        "drills",
        "quiz",
        "seconds",
        "completed",
        "completed_at",
        "updated_at",
    }
    doc = (Path(__file__).resolve().parents[2] / "docs" / "learn-progress-format.md").read_text(
        encoding="utf-8"
    )
    for key in [*raw, *raw["lessons"]["getting_vneid"], *raw["preferences"]]:
        assert f"`{key}`" in doc, f"docs/learn-progress-format.md does not describe `{key}`"
    ProgressFile.model_validate(raw)


def test_the_documented_python_snippet_reads_saved_progress(progress_dir: Path, capsys) -> None:
    ProgressStore().save_lesson("Lan", "getting_vneid", LessonRecord(completed=True))
    (progress_dir / "broken.json").write_text("{", encoding="utf-8")
    doc = (Path(__file__).resolve().parents[2] / "docs" / "learn-progress-format.md").read_text(
        encoding="utf-8"
    )
    snippet = doc.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(snippet, "docs/learn-progress-format.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert "Lan ['getting_vneid']" in lines
    assert any(line.endswith("broken.json skip.not_json") for line in lines)


def test_a_file_saved_by_notepad_with_a_bom_is_kept_not_set_aside(progress_dir: Path) -> None:
    """The lessons read a BOM-prefixed file exactly as the trainer's reader does (one parser)."""
    store = ProgressStore()
    store.save_lesson("Cô Lan", "one", LessonRecord(seconds=12))
    path = store.path_for("Cô Lan")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    loaded = store.load("Cô Lan")
    assert loaded.notice is None
    assert loaded.progress.lessons["one"].seconds == 12
    assert list(progress_dir.glob("*.unreadable-*")) == []


@pytest.mark.parametrize("stamp", ["9999-99-99", "soon", "2026-11-22T08:00:00", ""])
def test_timestamps_must_be_iso_times_with_an_offset(stamp: str) -> None:
    with pytest.raises(ValueError, match="updated_at"):
        ProgressFile(
            format=FORMAT, version=VERSION, display_name="Lan", created_at="2026-11-22T08:00:00+00:00",
            updated_at=stamp,
        )  # fmt: skip
    with pytest.raises(ValueError, match="completed_at"):
        LessonRecord(completed_at=stamp)


def test_a_save_removes_temporaries_left_by_an_interrupted_save(progress_dir: Path) -> None:
    store = ProgressStore()
    store.save_lesson("Lan", "one", LessonRecord(seconds=1))
    own = store.path_for("Lan").name
    orphans = [progress_dir / f".{own}.abc123.tmp", progress_dir / f".{own}.zz9.tmp"]
    for orphan in orphans:
        orphan.write_text("{half a file", encoding="utf-8")
    someone_else = progress_dir / ".hoa.json.abc123.tmp"
    someone_else.write_text("{", encoding="utf-8")
    store.save_lesson("Lan", "two", LessonRecord(seconds=2))
    assert not any(orphan.exists() for orphan in orphans)
    assert someone_else.exists()  # another learner's save may still be under way: not ours to remove
    assert set(store.load("Lan").progress.lessons) == {"one", "two"}


def _legacy_file(folder: Path, name: str, seconds: int) -> Path:
    """A progress file as written before names were compared exactly (``co-lan.json``)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{legacy_slug(name)}.json"
    raw = {"format": FORMAT, "version": 1, "display_name": name, "created_at": "2026-11-22T08:00:00+00:00",
           "updated_at": "2026-11-22T08:00:00+00:00", "lessons": {"one": {"seconds": seconds}}}  # fmt: skip
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_file_of_the_older_name_is_read_and_moved_for_its_own_learner_only(progress_dir: Path) -> None:
    legacy = _legacy_file(progress_dir, "Chú Bảy", 40)
    store = ProgressStore()
    for other in ("chu bay", "Chú Bay", "CHÚ BẢY"):  # once matched by the folded name, now other learners
        assert store.load(other).progress.lessons == {}, other
        store.save_lesson(other, "two", LessonRecord(seconds=1))
    assert json.loads(legacy.read_text(encoding="utf-8"))["display_name"] == "Chú Bảy"  # left alone
    assert store.load("Chú Bảy").progress.lessons["one"].seconds == 40
    assert not legacy.exists() and store.path_for("Chú Bảy").exists()  # moved to the exact name's file
    store.save_lesson("Chú Bảy", "two", LessonRecord(seconds=5))
    lessons = store.load("Chú Bảy").progress.lessons
    assert {k: v.seconds for k, v in lessons.items()} == {"one": 40, "two": 5}
    assert list(progress_dir.glob("*.unreadable-*")) == []


def test_a_save_adopts_a_file_of_the_older_name_too(progress_dir: Path) -> None:
    legacy = _legacy_file(progress_dir, "Bà Tư", 30)
    ProgressStore().save_lesson("Bà Tư", "two", LessonRecord(seconds=2))
    assert not legacy.exists()
    lessons = ProgressStore().load("Bà Tư").progress.lessons
    assert {k: v.seconds for k, v in lessons.items()} == {"one": 30, "two": 2}
    assert ProgressStore().load("Bà Từ").progress.lessons == {}


def test_preferences_are_kept_beside_the_lessons_and_older_files_read_without_them(
    progress_dir: Path,
) -> None:
    _legacy_file(progress_dir, "Lan", 7)
    store = ProgressStore()
    assert store.load("Lan").progress.preferences == Preferences(large=None, lang=None)
    assert store.save_preferences("Lan", Preferences(large=True, lang="en")) is None
    store.save_lesson("Lan", "two", LessonRecord(seconds=3))
    progress = store.load("Lan").progress
    assert progress.preferences == Preferences(large=True, lang="en")
    assert {k: v.seconds for k, v in progress.lessons.items()} == {"one": 7, "two": 3}
    assert store.load("Hoa").progress.preferences == Preferences()


def test_a_store_that_refuses_a_name_refuses_its_preferences(progress_dir: Path) -> None:
    class Refusing(ProgressStore):
        def check(self, display_name: str) -> None:
            raise PermissionError(13, f"{display_name} is another phone's")

    with pytest.raises(PermissionError):
        Refusing().save_preferences("Lan", Preferences(large=True))
    assert not progress_dir.exists() or not list(progress_dir.glob("*.json"))
