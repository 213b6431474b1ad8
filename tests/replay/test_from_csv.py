"""A replay from a `simkit run` folder shows the same day as a replay of the same run in memory."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from simkit.errors import ConfigError
from simkit.replay import replay_adoptions
from simkit.replay.from_csv import replay_folders
from tests.replay.test_cli import run


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = []
    for rate in ("0.4", "0.7"):
        folder = tmp_path_factory.mktemp(f"a{rate}")
        status, _, stderr = run(
            [
                "run",
                "--scenario",
                "commune_pasc",
                "--adoption",
                rate,
                "--reps",
                "2",
                "--seed",
                "4",
                "--warmup-days",
                "0",  # as the in-memory replay runs: the same days from the same first day
                "--out",
                str(folder),
            ]
        )
        assert status == 0, stderr
        out.append(folder)
    return out


def who(plan, visits) -> list[tuple[int, int]]:
    return [(int(plan.log.visit_citizen[v]), int(plan.log.visit_number[v])) for v in visits]


def test_a_run_folder_replays_as_the_run_itself(folders: list[Path]) -> None:
    from_files = replay_folders(folders, replication=1)
    in_memory = replay_adoptions("commune_pasc", [0.4, 0.7], seed=4, replication=1)
    assert from_files.same_citizens and from_files.from_file and not in_memory.from_file
    assert list(from_files.minutes) == list(in_memory.minutes)
    for a, b in zip(from_files.plans, in_memory.plans, strict=True):
        for fa, fb in zip(a.frames, b.frames, strict=True):
            assert who(a, fa.queue[0]) == who(b, fb.queue[0]), fa.minute
            assert sorted(who(a, fa.at_desk[0].values())) == sorted(who(b, fb.at_desk[0].values()))
            assert fa.left_today == fb.left_today and fa.counters_busy == fb.counters_busy
            # citizens.csv does not keep when a dossier was opened: waiting and being processed together
            assert len(fa.inbox) + len(fa.processing) == len(fb.inbox) + len(fb.processing)
            assert not fa.processing and fa.finished_today == fb.finished_today
        assert [h.wait_mean for h in a.hours] == pytest.approx([h.wait_mean for h in b.hours], nan_ok=True)
        assert np.array_equal(a.log.visit_desk, b.log.visit_desk)


def test_runs_with_other_citizens_are_not_called_the_same(folders: list[Path], tmp_path: Path) -> None:
    other = tmp_path / "other"
    status, _, _ = run(
        [
            "run",
            "--scenario",
            "commune_pasc",
            "--reps",
            "1",
            "--seed",
            "9",
            "--warmup-days",
            "0",
            "--out",
            str(other),
        ]
    )
    assert status == 0
    assert not replay_folders([folders[0], other]).same_citizens


def test_folder_mistakes_are_one_line(folders: list[Path], tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="citizens.csv: not found"):
        replay_folders([tmp_path])
    with pytest.raises(ConfigError, match="has no replication 7"):
        replay_folders(folders[:1], replication=7)
    status, _, stderr = run(
        ["replay", "--from", str(folders[0]), "--seed", "3", "--out", str(tmp_path / "x.html")]
    )
    assert status == 2 and "--seed cannot change a run's records" in stderr and stderr.count("\n") == 1
    status, stdout, stderr = run(
        ["replay", "--from", str(folders[0]), "--from", str(folders[1]), "--out", str(tmp_path / "x.html")]
    )
    assert status == 0, stderr
    assert '"from_file":true' in (tmp_path / "x.html").read_text(encoding="utf-8")
