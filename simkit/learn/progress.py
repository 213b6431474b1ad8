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
- **One learner, one file; two learners, two files.** Names are compared exactly after Unicode NFC: "Bà Tư"
  and "Bà Từ", or "Chú Bảy" and "chu bay", are different people. The file name (``name_key``) is a
  readable ASCII part plus a digest of the exact name, so distinct names never share a file even on a
  case-insensitive disk. Files named the older way (``co-lan.json``, diacritics and case folded away) are
  still read, and moved to the new name, but only by the learner whose exact name they hold.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
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
    """The quiz: ``answers`` per question checked, and (optional, newer files) ``tries``, the checks each
    took (1 or 2; no upper bound here, so a later kit allowing more tries does not make this reader set
    the file aside); a wrong answer with 1 try is still open for its second (``simkit.learn.quiz``)."""

    answers: dict[str, list[str]] = {}
    tries: dict[str, Annotated[int, Field(ge=1)]] = {}
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


class Preferences(_Record):
    """How the learner likes the lessons shown, in every lesson: large text, and the language last chosen.
    ``None``: not chosen yet. Optional in the file: older files have none."""

    large: bool | None = None
    lang: Literal["vi", "en"] | None = None


class ProgressFile(_Record):
    """The whole file; ``format`` and ``version`` say what it is, so foreign files are recognised."""

    format: Literal["simkit-learn-progress"]
    version: Literal[1]
    display_name: str = Field(min_length=1, max_length=NAME_MAX)
    created_at: Timestamp
    updated_at: Timestamp
    lessons: dict[str, LessonRecord] = {}
    preferences: Preferences = Preferences()


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
    if not any(ch.isalnum() for ch in tidy) or any(unicodedata.category(ch).startswith("C") for ch in tidy):
        return Problem("learner.name_characters")
    return tidy


def same_name(first: str, second: str) -> bool:
    """Whether two display names are one learner's: equal after Unicode NFC, nothing else folded."""
    return unicodedata.normalize("NFC", first) == unicodedata.normalize("NFC", second)


def legacy_slug(name: str) -> str:
    """The file name (without ``.json``) of files written before names were compared exactly: lower case,
    diacritics stripped ("Cô Lan" → "co-lan"). Still read, so older progress is not lost."""
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if unicodedata.category(ch) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:NAME_MAX]


def slug(name: str) -> str:
    """The key of a display name in file names: "Cô Lan" → "co-lan-3f1c0e9a2b7d".

    The readable part (``legacy_slug``) helps a trainer find a file; the 12 hex digits of the SHA-256 of
    the NFC name make the key differ for names that differ in any way ("Bà Tư" and "Bà Từ", "Lan" and
    "lan"), in lower case only, so a case-insensitive disk (Windows, macOS) keeps them apart too.
    """
    exact = unicodedata.normalize("NFC", name)
    digest = hashlib.sha256(exact.encode("utf-8")).hexdigest()[:12]
    return f"{legacy_slug(exact)[:24].strip('-') or 'learner'}-{digest}"


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

    def check(self, display_name: str) -> None:
        """Raise ``OSError`` if this store may not open ``display_name``'s file; here every name may.

        A workshop's store (``simkit.workshop.claims``) lets only the phone that claimed a name open it;
        every way in that is not ``load`` or ``save_lesson`` (``save_preferences``) asks this first.
        """

    def load(self, display_name: str) -> Loaded:
        """The learner's progress; a new, empty one if there is no file; a bad file is set aside."""
        path = self.path_for(display_name)
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked(path):
            self._adopt_legacy(path, display_name)
            progress, notice = self._read_or_set_aside(path, display_name)
        return Loaded(progress or new_progress(display_name), notice)

    def save_preferences(self, display_name: str, preferences: Preferences) -> Problem | None:
        """Store the learner's preferences (large text, language), keeping every lesson as it is on disk."""
        self.check(display_name)
        return self._update(display_name, lambda _progress, _stamp: {"preferences": preferences})

    def save_lesson(self, display_name: str, lesson_id: str, record: LessonRecord) -> Problem | None:
        """Store one lesson's record, keeping every other lesson as it is on disk now.

        Returns a notice if a bad file had to be set aside first (the save still happens).
        """

        def with_lesson(progress: ProgressFile, stamp: str) -> dict[str, Any]:
            lessons = dict(progress.lessons)
            lessons[lesson_id] = record.model_copy(update={"updated_at": stamp})
            return {"lessons": lessons}

        return self._update(display_name, with_lesson)

    def _update(
        self, display_name: str, change: Callable[[ProgressFile, str], dict[str, Any]]
    ) -> Problem | None:
        """Read the learner's file under its lock, apply ``change`` (the fields it returns for the
        file and the time of this save), and write it."""
        path = self.path_for(display_name)
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked(path):
            self._adopt_legacy(path, display_name)
            progress, notice = self._read_or_set_aside(path, display_name)
            progress = progress or new_progress(display_name)
            stamp = now_text()
            updated = progress.model_copy(
                update={**change(progress, stamp), "updated_at": stamp, "display_name": display_name}
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
        if not same_name(progress.display_name, display_name):
            return None, self._set_aside(path)
        return progress, None

    def _adopt_legacy(self, path: Path, display_name: str) -> None:
        """Move a file written under the older file name to ``path`` if it is this very learner's.

        Called under ``path``'s lock. A file of the older name holding another name ("Chú Bảy" for someone
        typing "chu bay") is left alone: it is that other learner's, and they still find it.
        """
        legacy = path.with_name(f"{legacy_slug(display_name)}.json")
        if path.exists() or legacy == path or not legacy.is_file():
            return
        try:
            progress = parse_progress(legacy.read_bytes())
        except OSError:
            return
        if isinstance(progress, ProgressFile) and same_name(progress.display_name, display_name):
            os.replace(legacy, path)

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
