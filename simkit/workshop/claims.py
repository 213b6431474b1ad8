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
from collections.abc import Iterator
from pathlib import Path

from simkit import atomic
from simkit.learn.progress import LessonRecord, Loaded, ProgressStore, _lock, _unlock, now_text
from simkit.learn.validators import Problem

STATE_DIR = ".workshop"
CLAIMS_FILE = "phones.json"
FORMAT = "simkit-workshop-phones"


def state_folder(progress_folder: Path) -> Path:
    return Path(progress_folder) / STATE_DIR


def _digest(phone_key: str) -> str:
    return hashlib.sha256(phone_key.encode("utf-8")).hexdigest()


class NameTaken(PermissionError):
    """The display name belongs to another phone (an ``OSError``, so lesson views report it as unsaved)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(errno.EACCES, message)
        self.name = name


class PhoneClaims:
    """``phones.json``: the file key of each claimed name → the digest of the phone that claimed it."""

    def __init__(self, progress_folder: Path) -> None:
        self.path = state_folder(progress_folder) / CLAIMS_FILE

    def owner_matches(self, name_key: str, phone_key: str) -> bool:
        """Whether ``phone_key`` may use the name: it is unclaimed (then it is claimed now) or its own."""
        if not phone_key:
            return False
        with self._locked():
            claims = self._read()
            held = claims.get(name_key)
            if held is not None:
                return held["phone"] == _digest(phone_key)
            claims[name_key] = {"phone": _digest(phone_key), "since": now_text()}
            self._write(claims)
            return True

    def release(self, name_key: str) -> bool:
        """Free a name (the learner changed phone); whether it was claimed."""
        with self._locked():
            claims = self._read()
            if claims.pop(name_key, None) is None:
                return False
            self._write(claims)
            return True

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return {}
        if not isinstance(raw, dict) or raw.get("format") != FORMAT or not isinstance(raw.get("names"), dict):
            return {}
        return {
            k: v for k, v in raw["names"].items() if isinstance(v, dict) and isinstance(v.get("phone"), str)
        }

    def _write(self, claims: dict[str, dict[str, str]]) -> None:
        text = json.dumps({"format": FORMAT, "version": 1, "names": claims}, indent=1, sort_keys=True)
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

    def name_key(self, display_name: str) -> str:
        return self.path_for(display_name).stem

    def check(self, display_name: str) -> None:
        if not self.claims.owner_matches(self.name_key(display_name), self.phone_key):
            raise NameTaken(display_name, self.taken_message.format(name=display_name))

    def load(self, display_name: str) -> Loaded:
        self.check(display_name)
        return super().load(display_name)

    def save_lesson(self, display_name: str, lesson_id: str, record: LessonRecord) -> Problem | None:
        self.check(display_name)
        return super().save_lesson(display_name, lesson_id, record)
