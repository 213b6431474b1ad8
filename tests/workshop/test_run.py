"""What the trainer's screen shows (address, code, QR code, poster) — without starting any server."""

from __future__ import annotations

from pathlib import Path

from simkit.workshop.plan import make_plan
from simkit.workshop.run import banner, qr_text, write_poster


def test_lan_banner_shows_address_code_qr_folder_and_how_to_stop(tmp_path: Path) -> None:
    plan = make_plan(lan="10.42.0.1", code="482913", port=8868, progress=tmp_path)
    shown = banner(plan, ["10.42.0.1"])
    assert "http://10.42.0.1:8868/" in shown
    assert "482 913" in shown
    assert qr_text("http://10.42.0.1:8868/?token=482913") in shown
    assert str(tmp_path) in shown and "Ctrl+C" in shown and "simkit workshop --stop" in shown


def test_loopback_banner_says_only_this_laptop_and_has_no_code(tmp_path: Path) -> None:
    shown = banner(make_plan(progress=tmp_path), ["127.0.0.1"])
    assert "only this laptop" in shown and "http://127.0.0.1:8868/" in shown
    assert "workshop code" not in shown


def test_qr_code_is_drawn_with_blocks_and_grows_with_the_address() -> None:
    short, long = qr_text("http://10.42.0.1:8868/"), qr_text("http://10.42.0.1:8868/?token=482913" + "0" * 40)
    assert set(short) <= set("█▀▄ \n\xa0")
    assert len(long.splitlines()) > len(short.splitlines())


def test_poster_is_one_page_with_the_code_and_an_inline_qr(tmp_path: Path) -> None:
    plan = make_plan(lan="10.42.0.1", code="482913", progress=tmp_path)
    plan.state.mkdir(parents=True)
    page = write_poster(plan, ["10.42.0.1"]).read_text(encoding="utf-8")
    assert "482 913" in page and "<svg" in page and "http://10.42.0.1:8868/" in page
    assert "<script" not in page and "https://" not in page
