"""The sample class shipped in ``content/samples/progress/``: fictional learners' progress files.

Why ship a sample: a trainer opening the class-results or campaign-report notebook for the first time has no
USB stick of real files yet, and an empty screen teaches nothing. The sample looks like a real workshop
copied from two computers (``may-01/``, ``may-02/``): twelve learners with invented nicknames, at different
points in the six lessons, one of whom used both computers; one file cut short while copying; and one JSON
file from another program. It is written with the lessons' own writer (``LessonSession`` saving through
``ProgressStore``), so it is exactly what learners' files look like, and it is deterministic apart from the
save times. Regenerate it after changing the lessons::

    .venv/bin/python -m simkit.teach.samples content/samples/progress
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Mapping
from pathlib import Path

from simkit.content import content_dir
from simkit.learn.content import load_lessons
from simkit.learn.flow import FlowState
from simkit.learn.progress import ProgressStore
from simkit.learn.schema import Lesson, Question
from simkit.learn.session import LessonSession

SEED = 2026

LEARNERS: tuple[tuple[str, str, int, float], ...] = (
    ("Cô Lan", "may-01", 6, 0.9), ("Bác Tư", "may-01", 3, 0.75), ("Chị Mai", "may-01", 4, 0.85),
    ("Anh Tuấn", "may-01", 6, 0.95), ("Bà Hoa", "may-01", 2, 0.55), ("Chú Bảy", "may-01", 2, 0.6),
    ("Cô Hạnh", "may-02", 6, 0.85), ("Anh Khoa", "may-02", 5, 0.8), ("Chị Thảo", "may-02", 3, 0.7),
    ("Ông Sáu", "may-02", 1, 0.5), ("Em Ngọc", "may-02", 6, 0.9), ("Chú Dũng", "may-02", 2, 0.65),
)  # fmt: skip
"""Display name (an invented nickname), computer folder, lessons opened, how surely they answer."""

SECOND_COMPUTER = ("Bác Tư", "may-02", (4, 5, 6))
"""One learner who carried on at the other computer: the reader must combine both files."""


def sample_folder() -> Path:
    """``content/samples/progress`` in the content folder (honours ``$SIMKIT_CONTENT``)."""
    return content_dir() / "samples" / "progress"


def _answer(question: Question, sure: float, rng: random.Random) -> list[str]:
    """A plausible answer: right with probability ``sure`` (less for tick-all-that-apply questions)."""
    correct = [o.id for o in question.options if o.correct]
    wrong = [o.id for o in question.options if not o.correct]
    chance = sure * (0.7 if question.kind == "multiple" else 1.0)
    if rng.random() < chance or not wrong:
        return correct
    if question.kind == "single":
        return [rng.choice(wrong)]
    if len(correct) > 1 and rng.random() < 0.6:
        return correct[:-1]  # forgot one of the right options
    return [*correct, rng.choice(wrong)]


def _study(session: LessonSession, sure: float, rng: random.Random) -> None:
    """Play one learner through one lesson: practices, drills, quiz and time, as far as they got."""
    for run in session.flows.values():
        last = run.total - 1
        finished = rng.random() < 0.6 + sure / 2
        step = last if finished else rng.randrange(last)
        run.restore(FlowState(step, step, finished, rng.randrange(4)))
    for drill in session.drills.values():
        for _ in range(drill.total):
            drill.answer(drill.item.answer if rng.random() < sure + 0.1 else rng.choice(("safe", "scam")))
            drill.next()
    if rng.random() < 0.75 + sure / 4:
        for question in session.quiz.quiz.questions:
            for _ in range(10):  # wrong at the first try: a second try, with another answer, as learners do
                session.quiz.choose(question.id, _answer(question, sure, rng))
                session.quiz.check(question.id)
                if session.quiz.closed(question.id):
                    break
    minutes = session.lesson.minutes
    session.seconds = int((minutes.teaching + minutes.practice) * 60 * rng.uniform(0.6, 1.4))
    session.go("summary" if session.quiz.finished else session.pages[-3].id)


def _learn(
    store: ProgressStore, name: str, lesson: Lesson, number: int, sure: float, rng: random.Random
) -> None:
    session = LessonSession(lesson, number, lang="vi", clock=lambda: 0.0)
    problems = [p for p in session.attach(name, store) if p.key.startswith("progress.")]
    if problems:
        raise RuntimeError(f"could not write the sample file of {name}: {problems}")
    _study(session, sure, rng)
    problem = session.save()
    if problem is not None:
        raise RuntimeError(f"could not write the sample file of {name}: {problem}")


def write_samples(folder: Path, lessons: Mapping[int, Lesson] | None = None) -> list[Path]:
    """Write the sample class into ``folder`` (which should be empty) and return the files written."""
    lessons = dict(sorted((lessons or load_lessons()).items()))
    rng = random.Random(SEED)
    ordered = list(lessons.items())
    for name, computer, opened, sure in LEARNERS:
        store = ProgressStore(folder / computer)
        for number, lesson in ordered[:opened]:
            _learn(store, name, lesson, number, sure, rng)
    name, computer, numbers = SECOND_COMPUTER
    sure = next(s for n, _, _, s in LEARNERS if n == name)
    for number in numbers:
        _learn(ProgressStore(folder / computer), name, lessons[number], number, sure, rng)
    complete = ProgressStore(folder / "may-01").path_for("Cô Lan").read_bytes()
    (folder / "may-02" / "co-lan-ban-sao.json").write_bytes(complete[: len(complete) // 3])
    foreign = {"lop": "Tập huấn VNeID thôn Đông", "ngay": "22/11/2026", "ghi_chu": "Mượn thêm 2 máy chiếu"}
    (folder / "ghi-chu-lop.json").write_text(
        json.dumps(foreign, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    for lock in folder.rglob(".*.lock"):
        lock.unlink()
    return sorted(path for path in folder.rglob("*") if path.is_file())


def main(argv: list[str] | None = None) -> int:
    """``python -m simkit.teach.samples FOLDER``: write the sample class into an empty or new FOLDER."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else sample_folder()
    if folder.exists() and any(folder.iterdir()):
        sys.stderr.write(f"{folder} is not empty; remove its files first\n")
        return 1
    write_samples(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
