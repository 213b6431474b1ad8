"""One display name, one phone: which phone first used a name, so no other phone can open that progress.

Why: in workshop mode thirty phones share one progress folder on the trainer's laptop, and a progress file
is found by display name. Without this, typing a neighbour's name would show (and change) their answers.
The first phone to use a name claims it; the claim holds the SHA-256 of that phone's random key
(``simkit.workshop.memory``), never the key itself, and nothing about the person.

Claims live in ``<progress folder>/.workshop/phones.json``. The folder starts with a dot, so the trainer's
class results (``simkit.teach.cohort.read_cohort``) skip it. A learner who changes phone asks the trainer,
who frees the name with ``simkit workshop --release-name NAME``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from simkit import atomic
from simkit.learn.progress import LessonRecord, Loaded, ProgressStore, _lock, _unlock, now_text
from simkit.learn.validators import Problem

STATE_DIR = ".workshop"
CLAIMS_FILE = "phones.json"
FORMAT = "simkit-workshop-phones"
VERSION = 2
Claims = dict[str, dict[str, str]]


def state_folder(progress_folder: Path) -> Path:
    return Path(progress_folder) / STATE_DIR


def _digest(phone_key: str) -> str:
    return hashlib.sha256(phone_key.encode("utf-8")).hexdigest()


def name_key(display_name: str) -> str:
    """How names are compared: exactly, after Unicode NFC and with runs of spaces made one.

    NFC because a phone's keyboard may send "ừ" as one character or as "ư" plus a combining grave, and
    both are the same name; nothing else is folded: "Bà Tư" and "Bà Từ" are two learners, and so are
    "Chú Bảy" and "chú bảy".
    """
    return " ".join(unicodedata.normalize("NFC", display_name).split())


class NameTaken(PermissionError):
    """The display name belongs to another phone (an ``OSError``, so lesson views report it as unsaved)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(errno.EACCES, message)
        self.name = name


class PhoneClaims:
    """``phones.json``: each claimed name, and each progress file it opens, → the digest of its phone.

    Names are compared exactly (``name_key``). The file is claimed too, because the progress store, not
    this module, decides which file a name opens: should two different names ever open one file, the
    second phone is refused instead of reading the first one's answers.
    """

    def __init__(self, progress_folder: Path) -> None:
        self.path = state_folder(progress_folder) / CLAIMS_FILE

    def owner_matches(self, display_name: str, phone_key: str, file_key: str | None = None) -> bool:
        """Whether ``phone_key`` may use the name (and its file ``file_key``): each is unclaimed (then it
        is claimed now) or already this phone's."""
        if not phone_key:
            return False
        mine, name = _digest(phone_key), name_key(display_name)
        with self._locked():
            names, files = self._read()
            wanted = [(names, name)] + ([(files, file_key)] if file_key is not None else [])
            held = [table.get(key) for table, key in wanted]
            if any(claim is not None and claim["phone"] != mine for claim in held):
                return False
            if all(claim is not None for claim in held):
                return True
            since = now_text()
            for table, key in wanted:
                table.setdefault(key, {"phone": mine, "since": since})
            if file_key is not None:
                names[name]["file"] = file_key
            self._write(names, files)
            return True

    def release(self, display_name: str, file_key: str | None = None) -> bool:
        """Free a name, exactly as typed after NFC, and the file it opened (the learner changed phone);
        whether anything was claimed."""
        with self._locked():
            names, files = self._read()
            freed = names.pop(name_key(display_name), None)
            opened = {key for key in (file_key, freed and freed.get("file")) if key}
            for key in opened:
                claim = files.get(key)
                if claim is None:
                    continue
                if freed is None and any(held.get("file") == key for held in names.values()):
                    continue  # another name's file (a claim from version 1 has no name)
                if freed is None or claim["phone"] == freed["phone"]:
                    del files[key]
                    freed = freed or claim
            if freed is None:
                return False
            self._write(names, files)
            return True

    def _read(self) -> tuple[Claims, Claims]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}, {}
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            return {}, {}
        if raw.get("version") == 1:  # version 1 kept only the file keys, under "names"
            return {}, _valid(raw.get("names"))
        return _valid(raw.get("names")), _valid(raw.get("files"))

    def _write(self, names: Claims, files: Claims) -> None:
        text = json.dumps(
            {"format": FORMAT, "version": VERSION, "names": names, "files": files},
            indent=1,
            sort_keys=True,
            ensure_ascii=False,
        )
        atomic.write_text(self.path, text + "\n")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(f".{CLAIMS_FILE}.lock"), "a+b") as handle:
            _lock(handle)
            try:
                yield
            finally:
                _unlock(handle)


def _valid(found: object) -> Claims:
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(v, dict) and isinstance(v.get("phone"), str)}


class PhoneProgressStore(ProgressStore):
    """A ``ProgressStore`` that opens and saves a name's file only for the phone that claimed the name.

    Given to the lesson view in workshop mode, so even a name typed into a lesson's own name box is checked.
    ``taken_message`` is what the learner reads when the name is another phone's.
    """

    def __init__(self, folder: Path | None, phone_key: str, taken_message: str) -> None:
        super().__init__(folder)
        self.claims = PhoneClaims(self.folder)
        self.phone_key = phone_key
        self.taken_message = taken_message

    def file_key(self, display_name: str) -> str:
        return self.path_for(display_name).stem

    def check(self, display_name: str) -> None:
        if not self.claims.owner_matches(display_name, self.phone_key, self.file_key(display_name)):
            raise NameTaken(display_name, self.taken_message.format(name=display_name))

    def load(self, display_name: str) -> Loaded:
        self.check(display_name)
        return super().load(display_name)

    def save_lesson(self, display_name: str, lesson_id: str, record: LessonRecord) -> Problem | None:
        self.check(display_name)
        return super().save_lesson(display_name, lesson_id, record)
