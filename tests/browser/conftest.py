"""Fixtures of the browser suite: a JupyterLab server, the Voilà dashboard app, one headless Chromium.

Everything runs on 127.0.0.1, on free ports, in a temporary folder: JupyterLab serves a *copy* of
``notebooks/`` (so running cells never writes outputs, checkpoints or progress files into the repository),
its Jupyter config/data/runtime folders and lab settings are temporary too (news and update pop-ups are
switched off there, nothing is written into the virtualenv or the home folder), and learners' progress
files go to a temporary ``SIMKIT_PROGRESS_DIR``. Every process this suite starts is stopped by its PID in
the fixture's teardown (``finally``), also when a test fails.

Offline: Chromium sends every non-loopback request to a dead local proxy, so nothing can load
from the internet, and every page's requests are recorded; a test fails on any request to a host other
than 127.0.0.1/localhost (``Offline.check``), naming the URL and the page that asked for it.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("SIMKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-default-browser-check",
    "--mute-audio",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SERVER_START_SECONDS = 60
VIEWPORT = {"width": 1366, "height": 900}

# JupyterLab user settings for the test server: no "Jupyter news" question or update check (the toast
# would cover part of the page and the check would try to reach the internet).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": (
        '{"fetchNews": "false", "checkForUpdates": false}'
    ),
}


# --- small helpers ------------------------------------------------------------------------------------
def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_loopback(url: str) -> bool:
    """True for URLs that stay on this machine (loopback hosts, or no network at all: data:, blob:…)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss", "ftp"):
        return True
    return (parts.hostname or "") in LOOPBACK_HOSTS


def stop_process(proc: subprocess.Popen, name: str) -> None:
    """Stop one process we started, by its PID: SIGTERM, wait; SIGKILL only if it does not exit."""
    if proc.poll() is not None:
        return
    os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        print(f"{name} (pid {proc.pid}) did not stop on SIGTERM; killed")


def log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def keep_log(log: Path) -> None:
    """Copy a server's log next to the screenshots, for a person looking into a failure."""
    if ARTIFACTS.is_dir() and log.exists():
        shutil.copy(log, ARTIFACTS / log.name)


def wait_for_http(
    url: str, proc: subprocess.Popen, log: Path, what: str, *, any_status: bool = False
) -> None:
    """Poll ``url`` until it answers 200 (any HTTP answer with ``any_status``); fail at once, with the
    log's tail, if the process exits."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with status {proc.returncode} while starting:\n{log_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError:
            if any_status:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    pytest.fail(f"{what} did not answer {url} within {SERVER_START_SECONDS} s:\n{log_tail(log)}")


# --- the temporary workspace ------------------------------------------------------------------------
@dataclass
class Workspace:
    """Temporary folders shared by the servers of one test session."""

    root: Path
    notebooks: Path
    progress: Path
    env: dict[str, str]
    lab_settings: Path
    lab_workspaces: Path
    logs: Path


def notebook_paths() -> list[str]:
    """Every notebook under ``notebooks/``, relative (``learn/01_getting_vneid.ipynb``), sorted."""
    return sorted(
        p.relative_to(NOTEBOOKS).as_posix()
        for p in NOTEBOOKS.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/browser/`` (git-ignored), emptied of the previous run's screenshots."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in [*ARTIFACTS.glob("*.png"), ARTIFACTS / "console.txt"]:
        old.unlink(missing_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("simkit-browser")
    notebooks = root / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    folders = {
        name: root / name
        for name in (
            "progress",
            "jupyter-config",
            "jupyter-data",
            "runtime",
            "ipython",
            "lab-settings",
            "lab-workspaces",
            "logs",
        )
    }
    for folder in folders.values():
        folder.mkdir()
    for relative, text in LAB_SETTINGS.items():
        target = folders["lab-settings"] / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    env = dict(os.environ)
    # A learner's or planner's JupyterLab draws matplotlib figures inline; .ci/run exports MPLBACKEND=Agg
    # for the kernel-side tests, which would turn every figure into "<Figure size …>" text here.
    env.pop("MPLBACKEND", None)
    env.update(
        JUPYTER_CONFIG_DIR=str(folders["jupyter-config"]),
        JUPYTER_DATA_DIR=str(folders["jupyter-data"]),
        JUPYTER_RUNTIME_DIR=str(folders["runtime"]),
        IPYTHONDIR=str(folders["ipython"]),
        SIMKIT_PROGRESS_DIR=str(folders["progress"]),
        PYTHONUNBUFFERED="1",
    )
    return Workspace(
        root=root,
        notebooks=notebooks,
        progress=folders["progress"],
        env=env,
        lab_settings=folders["lab-settings"],
        lab_workspaces=folders["lab-workspaces"],
        logs=folders["logs"],
    )


# --- JupyterLab ----------------------------------------------------------------------------------------
@dataclass
class LabServer:
    """A running JupyterLab: its address, token and the REST calls the tests need."""

    url: str
    token: str
    root: Path
    pid: int

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Delete every session (and so its kernel): each test starts from fresh kernels."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")


@pytest.fixture(scope="session")
def lab_server(workspace: Workspace) -> Iterator[LabServer]:
    port, token = free_port(), secrets.token_hex(16)
    log = workspace.logs / "jupyterlab.log"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={workspace.notebooks}",
        f"--LabApp.user_settings_dir={workspace.lab_settings}",
        f"--LabApp.workspaces_dir={workspace.lab_workspaces}",
        # window.jupyterapp, read only to know when the notebook's kernel is connected (see jupyter.py)
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            command, cwd=workspace.notebooks, env=workspace.env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_http(f"{url}/api/status?token={token}", proc, log, "JupyterLab")
        yield LabServer(url=url, token=token, root=workspace.notebooks, pid=proc.pid)
    finally:
        stop_process(proc, "JupyterLab")
        keep_log(log)


# --- Voilà, started as `make dashboard` starts it ------------------------------------------------------
def dashboard_command(port: int, target: str = "dashboard") -> tuple[dict[str, str], list[str]]:
    """The environment assignments and the command of the Makefile's ``dashboard`` recipe (via make -n);
    ``target="replay"`` reads the replay app's recipe (both take ``PORT=``).

    Why ask make: the test starts the app exactly as planners do, and follows the Makefile when it changes.
    ``BIN`` is set to the folder of the interpreter running the tests, so the recipe's programs are this
    environment's (whichever virtualenv it is), never a ``.venv`` of the checkout.
    """
    if shutil.which("make") is None:
        pytest.fail("`make` is needed to read the Makefile's dashboard recipe (make -n dashboard)")
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", target, f"PORT={port}", f"BIN={Path(sys.executable).parent}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if dry.returncode != 0:
        pytest.fail(f"`make -n {target}` failed:\n{dry.stdout}\n{dry.stderr}")
    script = dry.stdout.replace("\\\n", " ")
    lines = [line for line in script.splitlines() if "voila" in line and not line.lstrip().startswith("echo")]
    if len(lines) != 1:
        pytest.fail(f"cannot find the voila command in `make -n {target}`:\n{dry.stdout}")
    words = shlex.split(lines[0])
    env: dict[str, str] = {}
    while words and "=" in words[0] and not words[0].startswith("-"):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    if not Path(words[0]).is_absolute():
        pytest.fail(f"the dashboard recipe's program is not taken from $(BIN): {words[0]}")
    return env, words


@dataclass
class VoilaServer:
    url: str
    pid: int
    command: list[str]


@pytest.fixture(scope="session")
def voila_server(workspace: Workspace) -> Iterator[VoilaServer]:
    port = free_port()
    extra_env, command = dashboard_command(port)
    # The recipe's notebook path is relative to the repository; run it from a folder that holds the copy
    # of notebooks/ under the same name, so nothing the dashboard writes lands in the repository.
    log = workspace.logs / "voila.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            command,
            cwd=workspace.root,
            env={**workspace.env, **extra_env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        # Not "/": each request for the app's page starts a kernel and runs the notebook; a 404 is enough.
        wait_for_http(f"{url}/simkit-readiness-probe", proc, log, "Voilà", any_status=True)
        yield VoilaServer(url=url, pid=proc.pid, command=command)
    finally:
        stop_process(proc, "Voilà")
        keep_log(log)


# --- the browser -------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Debian Chromium for the session, started by us (PID known) and driven over CDP."""
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (scripts/ensure_chromium.sh)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    log = profile.parent / "chromium.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [
                CHROMIUM,
                *CHROMIUM_FLAGS,
                # Offline by construction: everything not on loopback goes through a "proxy" on a port
                # nothing listens on, and fails at once (the page's "request" event still records it).
                f"--proxy-server=http://127.0.0.1:{free_port()}",
                "--proxy-bypass-list=127.0.0.1;localhost;[::1]",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    playwright = None
    try:
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not (active.exists() and active.read_text().strip()):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Chromium did not start:\n{log_tail(log)}")
            time.sleep(0.05)
        port = int(active.read_text().split()[0])
        playwright = sync_playwright().start()
        cdp = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
        try:
            yield cdp
        finally:
            cdp.close()
    finally:
        if playwright is not None:
            playwright.stop()
        stop_process(proc, "Chromium")


@dataclass
class Offline:
    """Every request and web socket of a browser context; ``check`` fails on any off-loopback one."""

    requests: int = 0
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def on_request(self, request: Any) -> None:
        self.requests += 1
        if not is_loopback(request.url):
            try:
                origin = request.frame.url
            except Exception:  # noqa: BLE001 - a service-worker request has no frame
                origin = "?"
            self.outside.append(f"{request.resource_type} {request.url} (page {origin})")

    def on_websocket(self, socket_: Any) -> None:
        self.requests += 1
        if not is_loopback(socket_.url):
            self.outside.append(f"websocket {socket_.url}")

    def on_failed(self, request: Any) -> None:
        (self.failed if is_loopback(request.url) else self.blocked).append(
            f"{request.url}: {request.failure}"
        )

    def watch(self, context: Any) -> None:
        context.on("request", self.on_request)
        context.on("requestfailed", self.on_failed)
        context.on("page", lambda page: page.on("websocket", self.on_websocket))

    def check(self) -> None:
        assert not self.outside, (
            "requests to hosts other than loopback (workshops have no internet):\n  "
            + "\n  ".join(dict.fromkeys(self.outside))
        )


@dataclass
class Tab:
    """A page of a fresh browser context and the offline record of everything it loaded."""

    page: Any
    offline: Offline
    console_errors: list[str]


def keep_console(name: str, tab: Tab) -> None:
    """Browser console errors and failed local requests, for a person to read (not a test verdict)."""
    lines = [f"== {name}: {tab.offline.requests} requests"]
    lines += [f"console: {e}" for e in tab.console_errors] + [f"failed: {f}" for f in tab.offline.failed]
    with (ARTIFACTS / "console.txt").open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def new_tab(browser: Any) -> tuple[Any, Tab]:
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    offline = Offline()
    offline.watch(context)
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.set_default_timeout(30_000)
    return context, Tab(page=page, offline=offline, console_errors=errors)


@pytest.fixture
def tab(browser: Any, artifacts: Path, request: pytest.FixtureRequest) -> Iterator[Tab]:
    """A new browser context and page for one test; fails the test on any off-loopback request."""
    context, opened = new_tab(browser)
    try:
        yield opened
        opened.offline.check()
    finally:
        keep_console(request.node.name, opened)
        context.close()


@pytest.fixture(scope="session")
def lab_tab(browser: Any, lab_server: LabServer, artifacts: Path) -> Iterator[Tab]:
    """One JupyterLab page for the whole session (loading JupyterLab takes seconds on two cores).

    Tests open their notebook in it; the ``lab`` fixture closes it and shuts its kernel down after each
    test. Off-loopback requests are checked per test by ``lab`` and here for the whole session.
    """
    context, opened = new_tab(browser)
    try:
        yield opened
        opened.offline.check()
    finally:
        keep_console("JupyterLab page (whole session)", opened)
        context.close()


@pytest.fixture
def lab(lab_tab: Tab, lab_server: LabServer, artifacts: Path) -> Iterator[Any]:
    """The session's JupyterLab page for one test; afterwards every notebook is closed unsaved, every
    kernel shut down, and the test's requests checked (off-loopback ones fail it)."""
    from tests.browser.jupyter import Lab

    driver = Lab(lab_tab, lab_server, artifacts)
    try:
        yield driver
        driver.check_offline()
    finally:
        driver.close()
