"""Reading a class's progress files from a folder, e.g. copied from a USB stick after a workshop.

Like a teacher collecting exercise books: some books belong to another class, some are torn, some are two
books of one pupil who sat at two desks. The reader goes through every file in the folder and its
subfolders (one per computer is common) and never stops on a bad one. Each file is either read, with the
learners' own reader and validation (``simkit.learn.progress.ProgressFile``, the documented format
``simkit-learn-progress`` version 1), or listed as skipped with the reason a trainer can act on: damaged or
cut short, not a progress file, a newer format version, empty, too large, or set aside by the lessons. The
bookkeeping files of the progress folder (``.<name>.lock``, certificates) and the clutter operating systems
leave on USB sticks are passed over silently.

Two files of one learner (the same display name up to case and diacritics, as the lessons themselves decide)
are combined: for each lesson the completed entry wins, then the most recently saved one, so a lesson
finished on one computer is never lost to a later glance at it on another.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from simkit.learn.progress import LessonRecord, ProgressFile, Unusable, moment, parse_progress, slug
from simkit.learn.validators import Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A progress file is a few kilobytes; anything over 2 MB is something else (a video, an archive)."""

MAX_FILES = 5000
"""Files looked at in one folder tree, so pointing at a whole disk by mistake still returns promptly."""

_IGNORED_FILES = {"thumbs.db", "desktop.ini"}
_IGNORED_DIRS = {"system volume information", "$recycle.bin", "__macosx"}


@dataclass(frozen=True)
class SkippedFile:
    """A file that was not used, and why (a ``skip.*`` key of the trainer strings)."""

    path: str
    reason: Problem


@dataclass(frozen=True)
class Learner:
    """One learner's progress, combined from every file of theirs in the folder."""

    key: str
    display_name: str
    lessons: Mapping[str, LessonRecord]
    files: tuple[str, ...]
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Cohort:
    """Everything read from a folder: the learners, the files skipped, and how many files were used."""

    folder: Path
    learners: tuple[Learner, ...]
    skipped: tuple[SkippedFile, ...]
    files_read: int

    @property
    def merged(self) -> tuple[Learner, ...]:
        """Learners whose progress came from more than one file."""
        return tuple(learner for learner in self.learners if len(learner.files) > 1)


def check_folder(text: str | Path) -> Path | Problem:
    """The folder a trainer typed, expanded (``~``), or the problem with it (blank, missing, a file)."""
    raw = str(text).strip()
    if not raw:
        return Problem("common.folder_blank")
    folder = Path(raw).expanduser()
    try:
        if not folder.exists():
            return Problem("common.folder_missing", {"folder": str(folder)})
        if not folder.is_dir():
            return Problem("common.not_a_folder", {"folder": str(folder)})
    except OSError:
        return Problem("common.folder_missing", {"folder": str(folder)})
    return folder


def read_progress_file(path: Path) -> ProgressFile | Problem:
    """One file as a ``ProgressFile``, or the reason it cannot be used; never raises for a bad file."""
    try:
        size = path.stat().st_size
        if size == 0:
            return Problem("skip.empty")
        if size > MAX_FILE_BYTES:
            return Problem("skip.too_large", {"max": MAX_FILE_BYTES // (1024 * 1024)})
        data = path.read_bytes()
    except OSError as exc:
        return Problem("skip.unreadable", {"reason": exc.strerror or type(exc).__name__})
    parsed = parse_progress(data)
    if isinstance(parsed, Unusable):
        return Problem(f"skip.{parsed.reason}", parsed.detail)
    return parsed


def _candidates(folder: Path) -> tuple[list[Path], bool]:
    """Files under ``folder`` in a stable order, without hidden files and USB clutter; and whether cut off."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d.lower() not in _IGNORED_DIRS)
        for name in sorted(files):
            if name.startswith(".") or name.lower() in _IGNORED_FILES:
                continue
            if name.startswith("certificate-") and name.endswith(".html"):
                continue
            if len(found) >= MAX_FILES:
                return found, True
            found.append(Path(root) / name)
    return found, False


def read_cohort(folder: Path) -> Cohort:
    """Every learner in ``folder`` (and its subfolders); bad files are listed in ``skipped``, never raised."""
    paths, cut_off = _candidates(folder)
    skipped: list[SkippedFile] = []
    by_learner: dict[str, list[tuple[str, ProgressFile]]] = {}
    for path in paths:
        relative = path.relative_to(folder).as_posix()
        if path.suffix.lower() != ".json":
            skipped.append(SkippedFile(relative, Problem("skip.not_progress")))
            continue
        if ".unreadable-" in path.name:
            skipped.append(SkippedFile(relative, Problem("skip.set_aside")))
            continue
        result = read_progress_file(path)
        if isinstance(result, Problem):
            skipped.append(SkippedFile(relative, result))
            continue
        by_learner.setdefault(slug(result.display_name), []).append((relative, result))
    if cut_off:
        skipped.append(SkippedFile(".", Problem("skip.too_many", {"max": MAX_FILES})))
    learners = [_combine(key, files) for key, files in by_learner.items()]
    learners.sort(key=lambda learner: (learner.display_name.casefold(), learner.key))
    return Cohort(folder, tuple(learners), tuple(skipped), sum(len(files) for files in by_learner.values()))


def _combine(key: str, files: list[tuple[str, ProgressFile]]) -> Learner:
    """One learner from their files: per lesson the completed entry, then the most recently saved, wins."""
    files = sorted(files, key=lambda item: (moment(item[1].updated_at), item[0]))
    lessons: dict[str, LessonRecord] = {}
    for _, progress in files:
        for lesson_id, record in progress.lessons.items():
            kept = lessons.get(lesson_id)
            if kept is None or (record.completed, moment(record.updated_at)) >= (
                kept.completed,
                moment(kept.updated_at),
            ):
                lessons[lesson_id] = record
    newest = files[-1][1]
    return Learner(
        key=key,
        display_name=newest.display_name,
        lessons=lessons,
        files=tuple(name for name, _ in files),
        created_at=min((progress.created_at for _, progress in files), key=moment),
        updated_at=newest.updated_at,
    )


Fingerprint = tuple[tuple[str, int, int], ...]


def folder_fingerprint(folder: Path) -> Fingerprint | None:
    """What changes when a learner saves: every candidate file's name, size and modification time.

    Why: the live class view asks "did anything change?" every few seconds while learners work; looking at
    file metadata (one ``stat`` per file, no reading or parsing) answers that for a room of 30 phones in
    about 2 ms for the sample class, and the folder is read again only when the answer is yes. A folder
    that is gone (a USB stick pulled out) lists nothing, ``()``; ``None`` if listing it fails otherwise.
    """
    try:
        paths, _ = _candidates(folder)
        entries = []
        for path in paths:
            try:
                info = path.stat()
            except OSError:  # removed between listing and looking: it is a change too, seen next time
                continue
            entries.append((path.relative_to(folder).as_posix(), info.st_size, info.st_mtime_ns))
    except OSError:
        return None
    return tuple(entries)
