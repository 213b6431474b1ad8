"""`simkit workshop` mistakes and trainer actions: one line on stderr, exit status 2, nothing started."""

from __future__ import annotations

from pathlib import Path

import pytest

from simkit.cli import main
from simkit.workshop.claims import NameTaken, PhoneProgressStore


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


def test_release_name_frees_exactly_that_name_for_another_phone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lost = PhoneProgressStore(tmp_path, "a" * 32, "taken: {name}")
    lost.check("Chú Bảy")
    lost.check("Bà Tư")
    for other_spelling in ("chú bảy", "Chu Bay"):  # names are exact: these were never claimed
        assert main(["workshop", f"--progress-dir={tmp_path}", "--release-name", other_spelling]) == 0
        assert "was not held by any phone" in capsys.readouterr().out
    assert main(["workshop", f"--progress-dir={tmp_path}", "--release-name", "Chú Bảy"]) == 0
    assert "can now be used on another phone" in capsys.readouterr().out
    new_phone = PhoneProgressStore(tmp_path, "b" * 32, "taken: {name}")
    new_phone.check("Chú Bảy")  # the name and its file are free now
    with pytest.raises(NameTaken):
        new_phone.check("Bà Tư")  # still the lost phone's
    assert main(["workshop", f"--progress-dir={tmp_path}", "--release-name", "Út"]) == 0
    assert "was not held by any phone" in capsys.readouterr().out
