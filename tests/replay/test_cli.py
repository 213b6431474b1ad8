"""``simkit replay``: writes the page; a mistake is one line and exit status 2, and nothing is written."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from simkit.cli import main
from simkit.formats import number
from simkit.replay.strings import load_replay_strings
from simkit.sim.labels import load_labels


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:
            status = int(exc.code)
    return status, out.getvalue(), err.getvalue()


def test_replay_writes_a_standalone_page_of_two_plans(tmp_path: Path) -> None:
    out = tmp_path / "replay.html"
    status, stdout, stderr = run(
        [
            "replay",
            "--scenario",
            "commune_pasc",
            "--adoption",
            "0.4",
            "--compare-adoption",
            "0.7",
            "--out",
            str(out),
        ]
    )
    assert status == 0, stderr
    page = out.read_text(encoding="utf-8")
    words = load_replay_strings()
    for share in ("40%", "70%"):
        caption = words.get("plan.adoption", "vi", percent=share)
        assert f'"caption":{{"vi":"{caption}"' in page
    assert (
        f"{words.get('plan.name', 'vi', letter='A')}: {words.get('plan.adoption', 'vi', percent='40%')}"
        not in page
    )
    line = load_labels("vi").figure("replay_written")  # what was written, in the chosen language
    said = line[: line.index("{frames}")].format(
        file=out, megabytes=number(out.stat().st_size / 1e6, "vi", 1)
    )
    assert stdout.startswith(said) and stdout.count("\n") == 1


def test_replay_in_english_of_one_plan_at_the_scenarios_own_adoption(tmp_path: Path) -> None:
    out = tmp_path / "one.html"
    status, _, stderr = run(["replay", "--scenario", "commune_pasc", "--lang", "en", "--out", str(out)])
    assert status == 0, stderr
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and page.count('"caption":') == 1


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--adoption", "1.5"], "--adoption: must be from 0 to 1"),
        (["--compare-adoption", "nan"], "--compare-adoption: must be a number from 0 to 1"),
        (["--day", "3"], "--day: must be a working day from 1 to 2"),  # the preset runs 2 days
        (["--set", "staffing.conters=2"], "staffing.conters"),
    ],
)
def test_mistakes_are_one_line_and_nothing_is_written(tmp_path: Path, extra: list[str], words: str) -> None:
    out = tmp_path / "replay.html"
    status, stdout, stderr = run(["replay", "--scenario", "commune_pasc", "--out", str(out), *extra])
    assert status == 2 and stdout == ""
    assert stderr.count("\n") == 1 and words in stderr, stderr
    assert not out.exists()


def test_out_must_be_a_file_in_an_existing_folder(tmp_path: Path) -> None:
    status, _, stderr = run(["replay", "--scenario", "commune_pasc", "--out", str(tmp_path)])
    assert status == 2 and "is a folder" in stderr
    status, _, stderr = run(
        ["replay", "--scenario", "commune_pasc", "--out", str(tmp_path / "no" / "r.html")]
    )
    assert status == 2 and "folder does not exist" in stderr
