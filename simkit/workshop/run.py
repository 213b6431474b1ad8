"""Running a workshop server on the trainer's laptop: start Voilà, show the address and code, stop cleanly.

Why a parent process around Voilà: Ctrl+C in the trainer's terminal must end with one line, with the
server and every learner's kernel stopped. Voilà runs in its own process group (so Ctrl+C reaches only this
parent), its log goes to ``<progress>/.workshop/server.log``, and on Ctrl+C (or ``simkit workshop --stop``,
which signals the PID in ``server.pid``) the parent stops Voilà by its PID, then any kernel still alive by
its PID. Nothing here connects to any address: readiness is read from Voilà's log.
"""

from __future__ import annotations

import contextlib
import html
import io
import ipaddress
import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import TextIO

from simkit import atomic
from simkit.errors import ConfigError
from simkit.workshop.access import app_url, learner_addresses, this_laptops_addresses
from simkit.workshop.plan import WorkshopPlan

START_SECONDS = 120
STOP_SECONDS = 20
READY_LINE = "Voilà is running at"


class Interrupted(Exception):
    """Ctrl+C or SIGTERM arrived: stop everything and say so in one line."""


def check_port_free(host: str, port: int) -> None:
    """Bind the port for a moment (local only: nothing is sent) so a busy port is one clear line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ConfigError(
                f"cannot listen on {host}:{port} ({exc.strerror}); choose another port with --port, "
                "or with --lan ADDRESS an address of this laptop",
                field="--port",
            ) from None


def addresses_for(plan: WorkshopPlan) -> list[str]:
    if ipaddress.ip_address(plan.host).is_loopback:
        return [plan.host]
    return learner_addresses(plan.host, this_laptops_addresses())


def qr_text(url: str) -> str:
    """The address as a QR code drawn with block characters, for a phone's camera pointed at the screen."""
    import qrcode

    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    out = io.StringIO()
    code.print_ascii(out=out, invert=True)
    return out.getvalue()


def qr_svg(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return image.to_string(encoding="unicode")


def banner(plan: WorkshopPlan, addresses: list[str]) -> str:
    lines = ["", "simkit workshop — Học kỹ năng số / digital-skills lessons", ""]
    if not plan.on_lan:
        lines.append(
            f"  Chỉ máy này mở được / only this laptop can open it:  {app_url(plan.host, plan.port)}"
        )
        lines.append("  (cho điện thoại của học viên / for learners' phones: simkit workshop --lan)")
    elif not addresses:
        lines.append("  Không thấy mạng Wi-Fi nào / no network found: turn on the laptop's Wi-Fi hotspot")
    for address in addresses if plan.on_lan else []:
        lines.append(f"  Địa chỉ / address:  {app_url(address, plan.port)}")
    if plan.code is not None:
        lines.append(f"  Mã buổi học / workshop code:  {plan.code[:3]} {plan.code[3:]}")
    if plan.on_lan and addresses:
        lines += ["", qr_text(app_url(addresses[0], plan.port, plan.code))]
        lines.append(f"  Màn hình lớn / for the projector: {plan.state / 'poster.html'}")
    lines += [
        f"  Tiến độ lưu vào / progress saved in:  {plan.progress}",
        "  Dừng / stop:  Ctrl+C  (or, from another terminal: simkit workshop --stop)",
        "",
    ]
    return "\n".join(lines)


def write_poster(plan: WorkshopPlan, addresses: list[str]) -> Path:
    """A page for the projector: the address, the code in large digits, and the QR code (no scripts)."""
    path = plan.state / "poster.html"
    blocks = "".join(
        f"<div class='qr'>{qr_svg(app_url(a, plan.port, plan.code))}<p class='url'>"
        f"{html.escape(app_url(a, plan.port))}</p></div>"
        for a in addresses
    )
    code = html.escape(f"{plan.code[:3]} {plan.code[3:]}") if plan.code else ""
    atomic.write_text(
        path,
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>simkit workshop</title><style>"
        "body{font-family:'Noto Sans','Segoe UI',Arial,sans-serif;text-align:center;margin:2rem}"
        "h1{font-size:3rem;margin:.3rem}.code{font-size:6rem;font-weight:bold;letter-spacing:.2em}"
        ".qr svg{width:22rem;height:22rem}.url{font-size:2.4rem}</style></head><body>"
        "<h1>Học kỹ năng số <span lang='en'>/ Digital skills</span></h1>"
        "<p style='font-size:2rem'>1. Kết nối Wi-Fi của người hướng dẫn · 2. Quét mã QR hoặc gõ địa chỉ</p>"
        f"{blocks}<p style='font-size:2rem'>Mã buổi học / workshop code</p><p class='code'>{code}</p>"
        "</body></html>\n",
    )
    return path


def _descendants(pid: int) -> list[int]:
    import psutil

    with contextlib.suppress(psutil.Error):
        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    return []


def stop_tree(proc: subprocess.Popen, known: set[int]) -> int:
    """Stop Voilà by its PID (SIGTERM, then SIGKILL if it hangs), then every kernel still alive, by PID.
    Returns how many kernel processes were running when the stop began."""
    import psutil

    running = set(_descendants(proc.pid))
    known |= running
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=STOP_SECONDS)
    left = []
    for pid in sorted(known):
        with contextlib.suppress(psutil.Error):
            child = psutil.Process(pid)
            child.terminate()
            left.append(child)
    _gone, alive = psutil.wait_procs(left, timeout=STOP_SECONDS)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()
    return len(running)


def _raise_interrupted(_signum: int, _frame: object) -> None:
    raise Interrupted()


def _wait_ready(proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ConfigError(f"the server stopped while starting; see {log}:\n{_tail(log)}", field="server")
        with contextlib.suppress(OSError):
            if READY_LINE in log.read_text(encoding="utf-8", errors="replace"):
                return
        time.sleep(0.2)
    raise ConfigError(f"the server did not start within {START_SECONDS} s; see {log}", field="server")


def _tail(log: Path, lines: int = 8) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    return ""


def serve(plan: WorkshopPlan, out: TextIO) -> int:
    """Run the workshop until Ctrl+C or ``--stop``; returns the exit status (0 after a clean stop)."""
    check_port_free(plan.host, plan.port)
    plan.progress.mkdir(parents=True, exist_ok=True)
    plan.state.mkdir(parents=True, exist_ok=True)
    addresses = addresses_for(plan)
    if plan.on_lan and addresses:
        write_poster(plan, addresses)
    log = plan.state / "server.log"
    pid_file = plan.state / "server.pid"
    previous = {sig: signal.signal(sig, _raise_interrupted) for sig in (signal.SIGINT, signal.SIGTERM)}
    proc: subprocess.Popen | None = None
    known: set[int] = set()
    try:
        with log.open("w", encoding="utf-8") as stream:
            proc = subprocess.Popen(
                plan.voila_command(),
                cwd=plan.notebook.parent,
                env=plan.environment(dict(os.environ)),
                stdin=subprocess.DEVNULL,
                stdout=stream,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        atomic.write_text(pid_file, f"{os.getpid()}\n")
        _wait_ready(proc, log)
        out.write(banner(plan, addresses) + "\n")
        out.flush()
        while proc.poll() is None:
            known |= set(_descendants(proc.pid))
            time.sleep(1.0)
        out.write(f"simkit workshop: the server stopped by itself (status {proc.returncode}); see {log}\n")
        return 1
    except Interrupted:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        kernels = stop_tree(proc, known) if proc is not None else 0
        out.write(
            f"simkit workshop: stopped (server and {kernels} kernel process(es)); "
            f"progress is in {plan.progress}\n"
        )
        return 0
    finally:
        if proc is not None and proc.poll() is None:
            stop_tree(proc, known)
        with contextlib.suppress(OSError):
            if pid_file.read_text().strip() == str(os.getpid()):
                pid_file.unlink()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def stop_running(state: Path) -> str:
    """``simkit workshop --stop``: signal the workshop whose PID is in ``server.pid``, wait for it to end."""
    import psutil

    pid_file = state / "server.pid"
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        raise ConfigError(
            f"no workshop is running from this progress folder (no {pid_file})", field="--stop"
        ) from None
    try:
        process = psutil.Process(pid)
        if "workshop" not in " ".join(process.cmdline()):
            raise psutil.NoSuchProcess(pid)
    except psutil.Error:
        pid_file.unlink(missing_ok=True)
        raise ConfigError(f"the workshop (PID {pid}) is no longer running", field="--stop") from None
    os.kill(pid, signal.SIGTERM)
    with contextlib.suppress(psutil.TimeoutExpired):
        process.wait(timeout=STOP_SECONDS * 3)
        return f"simkit workshop: stopped the workshop (PID {pid})"
    raise ConfigError(f"the workshop (PID {pid}) did not stop within {STOP_SECONDS * 3} s", field="--stop")
