"""The sample class in ``content/samples/progress``: real progress files of fictional learners, one learner on
two computers, one damaged and one foreign file; regenerating it gives the same class."""

from __future__ import annotations

import json
from pathlib import Path

from simkit.learn.progress import ProgressFile, ProgressStore
from simkit.teach.cohort import read_cohort
from simkit.teach.results import lesson_rows
from simkit.teach.samples import LEARNERS, main, sample_folder, write_samples


def without_times(folder: Path) -> dict:
    """Every learner's lessons as saved, minus the save times (the only part that is not deterministic)."""
    cohort = read_cohort(folder)
    result = {}
    for learner in cohort.learners:
        result[learner.display_name] = {
            lesson_id: record.model_dump(exclude={"updated_at", "completed_at"})
            for lesson_id, record in learner.lessons.items()
        }
    return result


def test_the_shipped_sample_reads_as_a_class_with_two_bad_files() -> None:
    cohort = read_cohort(sample_folder())
    assert sorted(learner.display_name for learner in cohort.learners) == sorted(
        name for name, *_ in LEARNERS
    )
    assert {(s.path, s.reason.key) for s in cohort.skipped} == {
        ("ghi-chu-lop.json", "skip.foreign"),
        ("may-02/co-lan-ban-sao.json", "skip.not_json"),
    }
    assert [learner.display_name for learner in cohort.merged] == ["Bác Tư"]
    assert not list(sample_folder().rglob(".*"))  # no lock or temporary files shipped


def test_sample_files_hold_only_what_the_format_allows() -> None:
    for path in sample_folder().rglob("*.json"):
        if path.name in ("ghi-chu-lop.json", "co-lan-ban-sao.json"):
            continue
        raw = json.loads(path.read_text("utf-8"))
        ProgressFile.model_validate(raw)  # unknown keys (anything typed into a form) would be refused
        # named as the lessons name a learner's file: readable part + digest of the exact name
        assert path == ProgressStore(path.parent).path_for(raw["display_name"])


def test_regenerating_gives_the_same_class(tmp_path: Path, lessons) -> None:
    written = write_samples(tmp_path / "class", lessons)
    assert sorted(p.relative_to(tmp_path / "class").as_posix() for p in written) == sorted(
        p.relative_to(sample_folder()).as_posix() for p in sample_folder().rglob("*") if p.is_file()
    )
    assert without_times(tmp_path / "class") == without_times(sample_folder())
    rows = lesson_rows(read_cohort(tmp_path / "class"), lessons)
    assert rows[0].started == len(LEARNERS) and 0 < rows[0].completed < rows[0].started


def test_the_command_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x", "utf-8")
    assert main([str(tmp_path)]) == 1 and list(tmp_path.iterdir()) == [tmp_path / "keep.txt"]
    assert main([str(tmp_path / "new")]) == 0 and (
        ProgressStore(tmp_path / "new" / "may-01").path_for("Cô Lan").exists()
    )
