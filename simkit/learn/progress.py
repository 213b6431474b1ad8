"""Learner progress files: one small JSON file per display name, versioned, written atomically.

A progress file is like the learner's exercise book left on the classroom shelf: it holds the display name
they chose, where they stopped in each lesson, which practices and drills they finished, their quiz answers
and scores, and the minutes spent. Never anything typed into a practice form, never a real name unless the
learner chose one as display name. The format (``FORMAT``, ``VERSION``) is documented in
``docs/learn-progress-format.md`` because trainer tools read these files.

Three promises, each tested:

- **No half-written files.** Every save goes through ``simkit.atomic`` (temporary file + rename).
- **No lost work when two saves race** (two lesson notebooks open for one learner): a save takes a lock on
  the learner's file, re-reads it, replaces only its own lesson's entry, and writes; the other lessons'
  entries survive.
- **No crash and no silent loss on a bad file.** A corrupt file, or a file that is not a simkit progress file
  of this version, is renamed to ``<name>.unreadable-<time>.json`` (kept for the trainer) and the learner
  starts afresh with a message saying so.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from simkit import atomic
from simkit.bilingual import error_field
from simkit.errors import ConfigError
from simkit.learn.validators import Problem

FORMAT: Final = "simkit-learn-progress"
VERSION: Final = 1
PROGRESS_ENV = "SIMKIT_PROGRESS_DIR"
NAME_MAX = 40


def _iso_time(text: str) -> str:
    """A time as the format says (ISO 8601 with its UTC offset); ``"9999-99-99"`` or ``"soon"`` is refused,
    because the newest time decides which copy of a lesson a trainer's merge keeps."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text[:40]}' is not an ISO 8601 time such as 2026-11-22T08:15:02+00:00") from None
    if moment.tzinfo is None:
        raise ValueError(f"'{text[:40]}' has no UTC offset (e.g. +00:00)")
    return text


Timestamp = Annotated[str, AfterValidator(_iso_time)]


def moment(text: str | None) -> datetime:
    """A validated timestamp as an aware ``datetime`` for comparing (``None``: the earliest possible)."""
    return datetime.fromisoformat(text) if text else datetime.min.replace(tzinfo=timezone.utc)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FlowRecord(_Record):
    step: int = Field(default=0, ge=0)
    furthest: int = Field(default=0, ge=0)
    finished: bool = False
    mistakes: int = Field(default=0, ge=0)


class DrillRecord(_Record):
    index: int = Field(default=0, ge=0)
    answers: dict[str, Literal["safe", "scam"]] = {}
    score: int = Field(default=0, ge=0)
    total: int = Field(default=0, ge=0)
    finished: bool = False


class QuizRecord(_Record):
    answers: dict[str, list[str]] = {}
    score: int = Field(default=0, ge=0)
    total: int = Field(default=0, ge=0)
    passed: bool = False
    attempts: int = Field(default=0, ge=0)


class LessonRecord(_Record):
    """One lesson's progress. ``page`` is the page id the learner was on (``overview``, a section id, …)."""

    page: str = "overview"
    lang: Literal["vi", "en"] = "vi"
    flows: dict[str, FlowRecord] = {}
    drills: dict[str, DrillRecord] = {}
    quiz: QuizRecord = QuizRecord()
    seconds: int = Field(default=0, ge=0)
    completed: bool = False
    completed_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class ProgressFile(_Record):
    """The whole file; ``format`` and ``version`` say what it is, so foreign files are recognised."""

    format: Literal["simkit-learn-progress"]
    version: Literal[1]
    display_name: str = Field(min_length=1, max_length=NAME_MAX)
    created_at: Timestamp
    updated_at: Timestamp
    lessons: dict[str, LessonRecord] = {}


@dataclass(frozen=True)
class Unusable:
    """Why some bytes are not a progress file this reader can use: ``reason`` is one of ``not_json``,
    ``foreign``, ``unknown_version`` or ``invalid``, with ``detail`` (the version, the first bad field)."""

    reason: str
    detail: dict[str, str]


def parse_progress(data: bytes) -> ProgressFile | Unusable:
    """The one way progress bytes are read, by the lessons and by the trainer's tools alike.

    A UTF-8 byte-order mark (a file saved by Windows Notepad) is accepted; JSON nested too deeply to
    parse, another program's JSON, an unknown version or an invalid field is an ``Unusable``, never an
    exception, so one bad file never stops a lesson or a class report.
    """
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Unusable("not_json", {})
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return Unusable("foreign", {})
    version = raw.get("version")
    if type(version) is not int or version != VERSION:
        return Unusable("unknown_version", {"version": str(version)[:20]})
    try:
        return ProgressFile.model_validate(raw)
    except ValidationError as exc:
        return Unusable("invalid", {"field": error_field(exc, raw, ProgressFile) or "?"})
    except RecursionError:
        return Unusable("not_json", {})


@dataclass(frozen=True)
class Loaded:
    """A learner's progress and, if their file had to be set aside, the message saying so."""

    progress: ProgressFile
    notice: Problem | None = None


def now_text() -> str:
    """The current time as ISO 8601 in UTC, the only time format in progress files."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def default_folder() -> Path:
    """``$SIMKIT_PROGRESS_DIR`` if set, else ``~/simkit-progress``."""
    override = os.environ.get(PROGRESS_ENV)
    return Path(override) if override else Path.home() / "simkit-progress"


def check_display_name(name: str) -> str | Problem:
    """The tidied display name, or the problem with it (empty, too long, no letter or digit)."""
    tidy = " ".join(unicodedata.normalize("NFC", name).split())
    if not tidy:
        return Problem("learner.name_empty")
    if len(tidy) > NAME_MAX:
        return Problem("learner.name_too_long", {"max": NAME_MAX})
    if not slug(tidy) or any(unicodedata.category(ch).startswith("C") for ch in tidy):
        return Problem("learner.name_characters")
    return tidy


def slug(name: str) -> str:
    """A file-name-safe form of a display name: "Cô Lan" → "co-lan" (so "cô lan" is the same learner)."""
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if unicodedata.category(ch) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:NAME_MAX]


def new_progress(display_name: str) -> ProgressFile:
    stamp = now_text()
    return ProgressFile(
        format=FORMAT, version=VERSION, display_name=display_name, created_at=stamp, updated_at=stamp
    )


class ProgressStore:
    """The folder of progress files: load a learner, save one lesson, list learners for trainers."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()

    def path_for(self, display_name: str) -> Path:
        return self.folder / f"{self._slug(display_name)}.json"

    def load(self, display_name: str) -> Loaded:
        """The learner's progress; a new, empty one if there is no file; a bad file is set aside."""
        path = self.path_for(display_name)
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked(path):
            progress, notice = self._read_or_set_aside(path, display_name)
        return Loaded(progress or new_progress(display_name), notice)

    def save_lesson(self, display_name: str, lesson_id: str, record: LessonRecord) -> Problem | None:
        """Store one lesson's record, keeping every other lesson as it is on disk now.

        Returns a notice if a bad file had to be set aside first (the save still happens).
        """
        path = self.path_for(display_name)
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked(path):
            progress, notice = self._read_or_set_aside(path, display_name)
            progress = progress or new_progress(display_name)
            stamp = now_text()
            lessons = dict(progress.lessons)
            lessons[lesson_id] = record.model_copy(update={"updated_at": stamp})
            updated = progress.model_copy(
                update={"lessons": lessons, "updated_at": stamp, "display_name": display_name}
            )
            _remove_orphaned_temporaries(path)
            atomic.write_text(
                path, json.dumps(updated.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
            )
        return notice

    def _slug(self, display_name: str) -> str:
        checked = check_display_name(display_name)
        if isinstance(checked, Problem):
            raise ConfigError(
                f"'{display_name}' cannot be a display name ({checked.key})", field="display_name"
            )
        return slug(checked)

    def _read_or_set_aside(self, path: Path, display_name: str) -> tuple[ProgressFile | None, Problem | None]:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None, None
        except OSError:
            return None, self._set_aside(path)
        progress = parse_progress(data)
        if isinstance(progress, Unusable):
            return None, self._set_aside(path)
        if slug(progress.display_name) != slug(display_name):
            return None, self._set_aside(path)
        return progress, None

    def _set_aside(self, path: Path) -> Problem:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = path.with_name(f"{path.stem}.unreadable-{stamp}.json")
        os.replace(path, aside)
        return Problem("progress.set_aside", {"file": path.name, "aside": aside.name})

    @contextlib.contextmanager
    def _locked(self, path: Path) -> Iterator[None]:
        """Hold an exclusive lock on ``.<name>.lock`` beside the file while reading and writing it."""
        lock_path = path.with_name(f".{path.stem}.lock")
        with open(lock_path, "a+b") as handle:
            _lock(handle)
            try:
                yield
            finally:
                _unlock(handle)


def _remove_orphaned_temporaries(path: Path) -> None:
    """Delete temporary files an interrupted save of ``path`` left behind (``.<name>.<random>.tmp``).

    Safe because it runs under the file's lock: every save of this file holds the lock while its own
    temporary exists, so any temporary found now belongs to a save that died (a killed kernel, a power cut).
    """
    for orphan in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            orphan.unlink()


def _lock(handle: Any) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        handle.seek(0)
        while True:
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined,unused-ignore]
                return
            except OSError:
                continue
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)


def _unlock(handle: Any) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
