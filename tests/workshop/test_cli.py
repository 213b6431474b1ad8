"""`simkit workshop` mistakes and trainer actions: one line on stderr, exit status 2, nothing started."""

from __future__ import annotations

from pathlib import Path

import pytest

from simkit.cli import main
from simkit.learn.progress import ProgressStore
from simkit.workshop.claims import PhoneClaims


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (
            ["--port", "80"],
            "simkit workshop: error: --port: must be a whole number from 1024 to 65535 (got 80)",
        ),
        (["--code", "12ab"], "simkit workshop: error: --code: must be 4 to 12 digits"),
        (["--lan", "hotspot"], "simkit workshop: error: --lan: 'hotspot' is not an IP address"),
        (["--pool", "99"], "simkit workshop: error: --pool: must be a whole number from 0 to 10 (got 99)"),
        (["--stop"], "simkit workshop: error: --stop: no workshop is running from this progress folder"),
    ],
)
def test_mistakes_are_one_line(
    argv: list[str], says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["workshop", f"--progress-dir={tmp_path}", *argv])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(says) and err.count("\n") == 1


def test_a_busy_port_is_one_line_before_anything_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        if port < 1024:
            pytest.skip("the system gave a privileged port")
        status = main(["workshop", f"--progress-dir={tmp_path}", f"--port={port}"])
    err = capsys.readouterr().err
    assert status == 2 and f"cannot listen on 127.0.0.1:{port}" in err and err.count("\n") == 1
    assert not (tmp_path / ".workshop" / "server.pid").exists()


def test_release_name_frees_a_name_for_another_phone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = ProgressStore(tmp_path).path_for("Chú Bảy").stem
    PhoneClaims(tmp_path).owner_matches(key, "a" * 32)
    assert main(["workshop", f"--progress-dir={tmp_path}", "--release-name", "chú bảy"]) == 0
    assert "can now be used on another phone" in capsys.readouterr().out
    assert PhoneClaims(tmp_path).owner_matches(key, "b" * 32)
    assert main(["workshop", f"--progress-dir={tmp_path}", "--release-name", "Út"]) == 0
    assert "was not held by any phone" in capsys.readouterr().out
