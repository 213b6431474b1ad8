"""The workshop server as `simkit workshop` starts it, on 127.0.0.1 only, with a code (as on the LAN):
the code page, the code check (typed and in the QR code's address), wrong codes limited, nothing but the
app reachable, and Ctrl+C ending server and kernels with one line. Every request goes to 127.0.0.1."""

from __future__ import annotations

import html
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from simkit.workshop.access import MAX_WRONG
from simkit.workshop.strings import load_workshop_strings
from tests.workshop.server import CODE, Server, start_workshop, stop


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_workshop(tmp_path_factory.mktemp("workshop"), f"--code={CODE}")
    try:
        yield running
    finally:
        stop(running.proc)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def client(follow: bool = False) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    ]
    if not follow:
        handlers.append(NoRedirect())
    return urllib.request.build_opener(*handlers)


def fetch(
    opener: urllib.request.OpenerDirector, url: str, form: dict[str, str] | None = None
) -> tuple[int, str, str]:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with opener.open(url, data=data, timeout=120) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode(errors="replace")


def send_code(opener: urllib.request.OpenerDirector, url: str, code: str) -> tuple[int, str, str]:
    """What the code page's form does: load it (with its anti-forgery field), then post the code."""
    status, _, page = fetch(opener, f"{url}/login?next=%2F")
    assert status in (200, 429), page
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page)
    assert xsrf, "the code page has no _xsrf field"
    return fetch(opener, f"{url}/login?next=%2F", {"password": code, "_xsrf": xsrf.group(1)})


def test_without_the_code_a_phone_sees_only_the_code_page(server: Server) -> None:
    strings = load_workshop_strings()
    status, location, _ = fetch(client(), f"{server.url}/")
    assert status == 302 and location.startswith("/login")
    status, _, page = fetch(client(), f"{server.url}/login?next=%2F")
    assert status == 200
    assert '<html lang="vi">' in page and 'name="password"' in page and 'inputmode="numeric"' in page
    for lang in ("vi", "en"):
        assert html.escape(strings.get("login.title", lang)) in page
        assert html.escape(strings.get("login.help", lang)) in page
    assert (
        "http://" not in page and "https://" not in page and "<script" not in page
    )  # nothing from elsewhere


def test_the_right_code_lets_the_phone_in_once_then_a_cookie(server: Server) -> None:
    phone = client()
    assert fetch(phone, f"{server.url}/login?next=%2F", {"password": CODE})[0] == 403  # no form: forged
    status, _, page = send_code(phone, server.url, "482 913")
    assert status == 302
    status, _, page = fetch(phone, f"{server.url}/")
    assert status == 200 and "voila" in page.lower()
    assert "show_workshop" not in page  # the code is hidden
    # the QR code's address: the code in the link logs the phone in
    scanned = client()
    status, _, _ = fetch(scanned, f"{server.url}/?token={CODE}")
    assert status == 200
    status, _, _ = fetch(scanned, f"{server.url}/")
    assert status == 200


def test_nothing_but_the_app_is_reachable_even_with_the_code(server: Server) -> None:
    phone = client()
    assert send_code(phone, server.url, CODE)[0] == 302
    (server.progress / "secret-learner.json").write_text("{}", encoding="utf-8")
    for path in (
        "/lab",
        "/tree",
        "/api/contents",
        "/api/kernels",
        "/api/sessions",
        "/api/terminals",
        "/terminals/1",
        "/voila/tree",
        "/voila/render/start.ipynb",
        "/voila/files/start.ipynb",
        "/voila/files/../../progress/secret-learner.json",
        "/files/start.ipynb",
    ):
        status, _, body = fetch(phone, f"{server.url}{path}")
        # single-notebook Voilà answers every other path with the app itself (the start page), never a
        # file, a listing, a notebook's source or a kernel list
        assert status != 200 or (
            "show_workshop" not in body and '"cells"' not in body and "[{" not in body[:2]
        ), path
        assert "secret-learner" not in body, path


def test_wrong_codes_are_refused_and_then_the_phone_must_wait(server: Server) -> None:
    strings = load_workshop_strings()
    phone = client()
    status, _, page = send_code(phone, server.url, "000000")
    assert status == 401 and html.escape(strings.get("login.wrong", "vi")) in page
    for _ in range(MAX_WRONG - 2):
        send_code(phone, server.url, "111111")
    status, _, _ = fetch(phone, f"{server.url}/?token=222222")  # a wrong code in the link counts too
    assert status == 302
    status, _, page = send_code(phone, server.url, CODE)
    assert status == 429 and html.escape(strings.get("login.wait", "vi", minutes=5)) in page
    assert fetch(client(), f"{server.url}/?token={CODE}")[0] == 302  # held up: not even the right code


def test_ctrl_c_stops_server_and_kernels_with_one_line(tmp_path: Path) -> None:
    running = start_workshop(tmp_path)
    try:
        assert "127.0.0.1" in running.output.read_text(encoding="utf-8")
        assert fetch(client(), f"{running.url}/")[0] == 200  # no code on loopback: the app at once
        tree = [p.pid for p in psutil.Process(running.proc.pid).children(recursive=True)]
        assert len(tree) >= 2  # Voilà and at least one kernel
    finally:
        stop(running.proc)
    assert running.proc.returncode == 0
    lines = running.output.read_text(encoding="utf-8").strip().splitlines()
    assert lines[-1].startswith("simkit workshop: stopped (server and ")
    assert "Traceback" not in running.output.read_text(encoding="utf-8")
    assert not [pid for pid in tree if psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie"]
    assert not (running.progress / ".workshop" / "server.pid").exists()
