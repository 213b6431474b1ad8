"""Shared pieces of the trainer-tool tests: the shipped content, and a hand-made class folder whose every
figure is known in advance (see ``class_folder``)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from simkit.learn import progress
from simkit.learn.content import load_lessons
from simkit.learn.progress import FlowRecord, LessonRecord, ProgressStore, QuizRecord
from simkit.learn.schema import Lesson
from simkit.teach.strings import TeachContent, load_teach_content

ALL_RIGHT_1 = {
    "where_install": ["store"],
    "level1_first_tap": ["register_level1"],
    "portrait_tips": ["hair", "light", "retake"],
    "level2_where": ["police_office"],
    "level2_adds": ["documents", "eid_card"],
}
"""Lesson 1's quiz answered right."""

ALL_RIGHT_2 = {
    "good_password": ["good"],
    "genuine_sms": ["full_name", "only_vneid"],
    "otp_share": ["refuse"],
    "new_phone_otp": ["nfc"],
    "passcode_length": ["six"],
}
"""Lesson 2's quiz answered right."""

SKIPPED = {
    "bad-field.json": "skip.invalid",
    "empty.json": "skip.empty",
    "notes.txt": "skip.not_progress",
    "v2.json": "skip.unknown_version",
    "an.unreadable-20261122-101010-000001.json": "skip.set_aside",
    "pc1/hong.json": "skip.not_json",
    "pc2/other.json": "skip.foreign",
    "pc2/list.json": "skip.foreign",
}
"""Every file of ``class_folder`` that must be listed as skipped, with its reason."""


@pytest.fixture(scope="session")
def lessons() -> dict[int, Lesson]:
    return load_lessons()


@pytest.fixture(scope="session")
def content() -> TeachContent:
    return load_teach_content()


@pytest.fixture
def ticking_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each save by the progress writer happens one minute after the previous one (22/11/2026 from 08:00)."""
    minutes = itertools.count()

    def now_text() -> str:
        minute = next(minutes)
        return f"2026-11-22T{8 + minute // 60:02d}:{minute % 60:02d}:00+00:00"

    monkeypatch.setattr(progress, "now_text", now_text)
    yield


def quiz(answers: dict[str, list[str]], score: int, total: int = 5, attempts: int = 1) -> QuizRecord:
    return QuizRecord(
        answers=answers, score=score, total=total, passed=score >= 0.6 * total, attempts=attempts
    )


def finished_flows(*ids: str) -> dict[str, FlowRecord]:
    return {flow_id: FlowRecord(step=3, furthest=3, finished=True, mistakes=1) for flow_id in ids}


@pytest.fixture
def class_folder(tmp_path: Path, ticking_clock: None) -> Path:
    """A USB stick's copy of a small class, written with the learners' own writer (``ProgressStore``):

    - An (pc1): lesson 1 completed, all right (30 min); lesson 2 opened, no quiz (10 min).
    - Bình (pc1): lesson 1 quiz 3/5 (where_install: sms_link; portrait_tips: light + glasses), not completed.
    - Chi: on pc1 lesson 1 completed, 4/5 (portrait_tips missing "retake"), 25 min; later on pc2 a retry of
      lesson 1 (incomplete, must not win) and lesson 2 completed, all right, 40 min.
    - Dung (pc2): lesson 1 opened; answers only to a question and an option that no longer exist (5 min).
    - and files to skip (``SKIPPED``) or to pass over silently (locks, certificates, USB clutter).
    """
    folder = tmp_path / "usb"
    pc1, pc2 = ProgressStore(folder / "pc1"), ProgressStore(folder / "pc2")
    flows_1 = finished_flows("install_from_store", "register_level1")
    pc1.save_lesson(
        "An",
        "getting_vneid",
        LessonRecord(flows=flows_1, quiz=quiz(ALL_RIGHT_1, 5), seconds=1800, completed=True),
    )
    pc1.save_lesson("An", "activating_vneid", LessonRecord(page="activate", seconds=600))
    bình = {**ALL_RIGHT_1, "where_install": ["sms_link"], "portrait_tips": ["glasses", "light"]}
    pc1.save_lesson("Bình", "getting_vneid", LessonRecord(quiz=quiz(bình, 3), seconds=1200))
    chi = {**ALL_RIGHT_1, "portrait_tips": ["hair", "light"]}
    pc1.save_lesson(
        "Chi", "getting_vneid", LessonRecord(flows=flows_1, quiz=quiz(chi, 4), seconds=1500, completed=True)
    )
    pc2.save_lesson(
        "Chi", "getting_vneid", LessonRecord(quiz=quiz({"where_install": ["website"]}, 0), seconds=60)
    )
    pc2.save_lesson(
        "Chi",
        "activating_vneid",
        LessonRecord(quiz=quiz(ALL_RIGHT_2, 5, attempts=2), seconds=2400, completed=True),
    )
    stale = {"where_install": ["gone_option"], "old_question": ["x"]}
    pc2.save_lesson("Dung", "getting_vneid", LessonRecord(quiz=quiz(stale, 0, attempts=0), seconds=300))

    whole = ProgressStore(folder / "pc1").path_for("An").read_bytes()
    (folder / "pc1" / "hong.json").write_bytes(whole[:100])
    (folder / "pc2" / "other.json").write_text('{"name": "lớp học", "version": 1}', "utf-8")
    (folder / "pc2" / "list.json").write_text("[1, 2, 3]", "utf-8")
    (folder / "empty.json").write_bytes(b"")
    newer = json.loads(whole)
    newer["version"] = 2
    (folder / "v2.json").write_text(json.dumps(newer), "utf-8")
    broken = json.loads(whole)
    broken["lessons"]["getting_vneid"]["seconds"] = -5
    (folder / "bad-field.json").write_text(json.dumps(broken), "utf-8")
    (folder / "an.unreadable-20261122-101010-000001.json").write_bytes(whole)
    (folder / "notes.txt").write_text("Buổi 2: mượn thêm máy chiếu", "utf-8")
    (folder / "certificate-an.html").write_text("<html></html>", "utf-8")
    (folder / "Thumbs.db").write_bytes(b"\x00\x01")
    (folder / ".hidden.json").write_text("not read", "utf-8")
    (folder / "System Volume Information").mkdir()
    (folder / "System Volume Information" / "IndexerVolumeGuid.json").write_text("{}", "utf-8")
    return folder
