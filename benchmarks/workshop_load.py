"""Capacity of workshop mode: 30 simulated phones driving a lesson on one laptop, over loopback only.

Starts ``simkit workshop`` on a free 127.0.0.1 port (a temporary progress folder), then each simulated learner
does what the phone's browser does: loads the page (Voilà starts or hands over a kernel and runs the start
page), opens the kernel's web socket, asks for the widgets' state, reports the phone's memory, types a
display name, opens lesson 1 and taps "Next" through its pages with a pause to read. It sends the same
widget messages the page sends (ipywidgets' comm protocol); the phone's own drawing time is not included.

Measured: join time (page request until the widgets' state has arrived, i.e. the page could be drawn),
action response (a message sent until the kernel is idle again, its answer sent), and the memory of the
server and all kernels (sum of RSS over the process tree, sampled every second). First one learner alone
(the baseline), then ``--learners`` joining over ``--spread`` seconds; the report gives both and their ratio.
Bounded: at most 60 learners, everything stops after ``--timeout`` seconds, the server is stopped by PID.

    .venv/bin/python benchmarks/workshop_load.py            # 30 learners
    .venv/bin/python benchmarks/workshop_load.py --learners 10 --pages 3
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.cookiejar import CookieJar
from pathlib import Path

import psutil
import websocket
from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)

from simkit.learn.strings import load_ui_strings
from simkit.workshop.strings import load_workshop_strings

MAX_LEARNERS = 60
V1 = "v1.kernel.websocket.jupyter.org"
"""The kernel web-socket protocol Voilà's page (JupyterLab's services) asks for; the server then relays
each message without parsing it. The older JSON protocol makes the server parse and re-encode each one."""
READ_SECONDS = 1.5
"""Pause between two taps (a real learner reads for longer; shorter is the harder test)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PARTS = ("header", "parent_header", "metadata", "content")


def _decode(frame: str | bytes) -> dict:
    if isinstance(frame, str):
        return json.loads(frame)
    _channel, parts = deserialize_msg_from_ws_v1(frame)
    return {part: json.loads(raw) for part, raw in zip(PARTS, parts, strict=False)}


@dataclass
class Learner:
    """One simulated phone: its cookies, kernel socket and the widgets it knows."""

    url: str
    name: str
    protocol: str = V1
    read: float = READ_SECONDS
    """``V1`` (binary frames the server passes on unparsed, as a phone's browser asks for) or ``""`` (JSON)"""
    models: dict[str, dict] = field(default_factory=dict)
    join: float | None = None
    actions: list[tuple[str, float, float]] = field(default_factory=list)
    """(what, when it began on the monotonic clock, seconds until the kernel was idle again)"""
    joined_at: float | None = None
    error: str | None = None

    def run(self, pages: int, deadline: float) -> None:
        try:
            self._run(pages, deadline)
        except Exception as exc:  # noqa: BLE001 - reported, never hidden
            self.error = f"{type(exc).__name__}: {exc}"[:300]

    def _run(self, pages: int, deadline: float) -> None:
        words, lesson_words = load_workshop_strings(), load_ui_strings()
        start = time.monotonic()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        with opener.open(self.url + "/", timeout=max(1.0, deadline - time.monotonic())) as response:
            page = response.read().decode()
        kernel = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page).group(1)
        self.session = uuid.uuid4().hex
        ws_url = (
            self.url.replace("http://", "ws://") + f"/api/kernels/{kernel}/channels?session_id={self.session}"
        )
        protocols = [self.protocol] if self.protocol else None
        self.ws = websocket.create_connection(ws_url, timeout=60, origin=self.url, subprotocols=protocols)
        try:
            self._request("kernel_info_request", {}, deadline)
            control = uuid.uuid4().hex
            self._request(
                "comm_open",
                {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                deadline,
                {"version": "1.0.0"},  # ipywidgets' control protocol, as the page's widget manager says
            )
            self._request("comm_msg", {"comm_id": control, "data": {"method": "request_states"}}, deadline)
            self.joined_at = time.monotonic()
            self.join = self.joined_at - start
            memory = self._find("AnyModel")
            self._update(memory, {"phone_key": uuid.uuid4().hex, "name": "", "lang": "vi", "ready": True})
            self._timed("memory", lambda: None, deadline)
            name_box = self._find("TextModel")
            self._timed("name", lambda: self._update(name_box, {"value": self.name}), deadline)
            open_first = self._button(words.get("start.open", "vi", number=1))
            self._timed("open lesson", lambda: self._click(open_first), deadline)
            for _ in range(pages):
                time.sleep(self.read)
                self._timed(
                    "next", lambda: self._click(self._button(lesson_words.get("nav.next", "vi"))), deadline
                )
        finally:
            self.ws.close()

    # --- the comm protocol ------------------------------------------------------------------------------
    def _send(self, msg_type: str, content: dict, metadata: dict | None = None) -> str:
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "username": "bench",
            "session": self.session,
            "msg_type": msg_type,
            "version": "5.3",
            "date": datetime.now(timezone.utc).isoformat(),
        }
        message = {
            "header": header,
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "buffers": [],
        }
        if self.protocol == V1:
            parts = [json.dumps(message[part]).encode() for part in PARTS]
            self.ws.send_binary(serialize_msg_to_ws_v1(parts, "shell"))
        else:
            self.ws.send(json.dumps({**message, "channel": "shell"}))
        self._pending = msg_id
        return msg_id

    def _request(self, msg_type: str, content: dict, deadline: float, metadata: dict | None = None) -> None:
        self._wait_idle(self._send(msg_type, content, metadata), deadline)

    def _wait_idle(self, msg_id: str, deadline: float) -> None:
        """Read the socket until the kernel says idle for ``msg_id``, keeping every widget's state."""
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError("benchmark time is up")
            message = _decode(self.ws.recv())
            kind, content = message["header"]["msg_type"], message["content"]
            if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
                self.models[content["comm_id"]] = dict(content["data"].get("state", {}))
            elif kind == "comm_msg":
                data = content.get("data", {})
                if data.get("method") == "update" and content["comm_id"] in self.models:
                    self.models[content["comm_id"]].update(data.get("state", {}))
                elif data.get("method") == "update_states":
                    for model_id, entry in data["states"].items():
                        self.models.setdefault(model_id, {}).update(entry.get("state", {}))
            parent = message.get("parent_header", {}).get("msg_id")
            if kind == "status" and parent == msg_id and content.get("execution_state") == "idle":
                return

    def _timed(self, what: str, act: object, deadline: float) -> None:
        begun = time.monotonic()
        act()  # type: ignore[operator]
        self._wait_idle(self._pending, deadline)
        self.actions.append((what, begun, time.monotonic() - begun))

    def _update(self, model_id: str, state: dict) -> None:
        self.models[model_id].update(state)
        data = {"method": "update", "state": state, "buffer_paths": []}
        self._send("comm_msg", {"comm_id": model_id, "data": data})

    def _click(self, model_id: str) -> None:
        self._send(
            "comm_msg", {"comm_id": model_id, "data": {"method": "custom", "content": {"event": "click"}}}
        )

    def _find(self, model_name: str) -> str:
        for model_id, state in self.models.items():
            if state.get("_model_name") == model_name:
                return model_id
        raise LookupError(f"no {model_name} on the page")

    def _button(self, label: str) -> str:
        for model_id, state in reversed(list(self.models.items())):
            if state.get("_model_name") == "ButtonModel" and state.get("description") == label:
                if not state.get("disabled"):
                    return model_id
        raise LookupError(f"no button '{label}'")


@dataclass(frozen=True)
class Memory:
    """One look at the workshop's process tree (server, Voilà, kernels), in bytes.

    ``rss`` counts a shared library page once in every process that maps it, so thirty kernels count the
    Python runtime, ipykernel and ipywidgets thirty times over; ``pss`` shares each such page out among the
    processes using it, so the sum of ``pss`` is the physical memory the workshop occupies (what a 4 GB
    laptop runs out of); ``uss`` is what stopping that process would give back.
    """

    rss: int = 0
    pss: int = 0
    uss: int = 0
    kernels: int = 0
    kernel_rss: int = 0
    kernel_pss: int = 0
    kernel_uss: int = 0


def look(pid: int, *, full: bool) -> Memory:
    """Sum the tree's memory; ``full`` also reads PSS and USS (``/proc/PID/smaps_rollup``, slower)."""
    totals = dict.fromkeys(("rss", "pss", "uss", "kernels", "kernel_rss", "kernel_pss", "kernel_uss"), 0)
    with contextlib.suppress(psutil.Error):
        root = psutil.Process(pid)
        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                info = proc.memory_full_info() if full else proc.memory_info()
                sizes = {"rss": info.rss, "pss": getattr(info, "pss", 0), "uss": getattr(info, "uss", 0)}
                kernel = "ipykernel" in " ".join(proc.cmdline())
                totals["kernels"] += kernel
                for what, size in sizes.items():
                    totals[what] += size
                    if kernel:
                        totals[f"kernel_{what}"] += size
    return Memory(**totals)


HEAVY = ("numpy", "scipy", "pandas", "matplotlib")


def heavy_libraries(pid: int) -> dict[str, int]:
    """How many kernels have each heavy library loaded, read from the files they map (``/proc/PID/maps``)."""
    counts = dict.fromkeys(HEAVY, 0)
    with contextlib.suppress(psutil.Error):
        for proc in psutil.Process(pid).children(recursive=True):
            with contextlib.suppress(psutil.Error, OSError):
                if "ipykernel" not in " ".join(proc.cmdline()):
                    continue
                mapped = Path(f"/proc/{proc.pid}/maps").read_text()
                for name in HEAVY:
                    counts[name] += f"/site-packages/{name}/" in mapped
    return counts


class MemorySampler(threading.Thread):
    """The tree's memory once a second (RSS), with PSS and USS every fifth second; the peaks of each."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stop = pid, threading.Event()
        self.peak_rss = self.peak_pss = self.kernels_peak = 0

    def run(self) -> None:
        tick = 0
        while not self.stop.wait(1.0):
            seen = look(self.pid, full=tick % 5 == 0)
            tick += 1
            self.peak_rss = max(self.peak_rss, seen.rss)
            self.peak_pss = max(self.peak_pss, seen.pss)
            self.kernels_peak = max(self.kernels_peak, seen.kernels)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def drive(
    url: str, count: int, spread: float, pages: int, deadline: float, tag: str, protocol: str, read: float
) -> list[Learner]:
    learners = [Learner(url, f"{tag} {i + 1:02d}", protocol, read) for i in range(count)]
    threads = []
    for i, learner in enumerate(learners):
        thread = threading.Thread(target=learner.run, args=(pages, deadline), daemon=True)
        thread.start()
        threads.append(thread)
        if i + 1 < count:
            time.sleep(spread / max(count - 1, 1))
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return learners


def summary(learners: list[Learner]) -> dict[str, float]:
    joins = [x.join for x in learners if x.join is not None]
    taps = [t for x in learners for what, _, t in x.actions if what != "open lesson"]
    opens = [t for x in learners for what, _, t in x.actions if what == "open lesson"]
    last_join = max((x.joined_at for x in learners if x.joined_at is not None), default=0.0)
    settled = [t for x in learners for what, at, t in x.actions if what == "next" and at > last_join]
    return {
        "joined": len(joins),
        "errors": sum(x.error is not None for x in learners),
        "join_p50": statistics.median(joins) if joins else float("nan"),
        "join_p95": percentile(joins, 0.95),
        "action_p50": statistics.median(taps) if taps else float("nan"),
        "action_p95": percentile(taps, 0.95),
        "actions": len(taps),
        "open_p95": percentile(opens, 0.95),
        "settled_p95": percentile(settled, 0.95),
        "settled": len(settled),
    }


def start_server(progress: Path, port: int, pool: int) -> tuple[subprocess.Popen, Path]:
    output = progress.parent / "workshop.out"
    simkit = Path(sys.executable).parent / "simkit"
    command = [str(simkit), "workshop", f"--port={port}", f"--progress-dir={progress}", f"--pool={pool}"]
    with output.open("w") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while "Ctrl+C" not in output.read_text():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"workshop server did not start:\n{output.read_text()}")
        time.sleep(0.2)
    wait_for_pool(proc.pid, pool, deadline)
    return proc, output


def wait_for_pool(pid: int, pool: int, deadline: float) -> None:
    """Until the kernels started ahead have run the start page (they go quiet), as before a workshop."""
    server = psutil.Process(pid)
    while time.monotonic() < deadline:
        kernels = [
            child for child in server.children(recursive=True) if "ipykernel" in " ".join(child.cmdline())
        ]
        if len(kernels) >= pool:
            busy = 0.0
            for kernel in kernels:
                with contextlib.suppress(psutil.Error):
                    busy += kernel.cpu_percent(interval=0.5)
            if busy < 5.0 * len(kernels):
                return
        time.sleep(0.5)
    raise SystemExit("the workshop's kernels started ahead did not settle within 180 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument(
        "--spread", type=float, default=120.0, help="seconds over which learners join (the target: 120)"
    )
    parser.add_argument("--pages", type=int, default=6, help="'Next' taps per learner")
    parser.add_argument("--read", type=float, default=READ_SECONDS, help="seconds between two taps")
    parser.add_argument(
        "--protocol",
        choices=("v1", "json"),
        default="v1",
        help="kernel web-socket protocol: v1 (what the phone's browser uses) or the older JSON one",
    )
    parser.add_argument("--pool", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    if not 1 <= args.learners <= MAX_LEARNERS:
        raise SystemExit(f"--learners: must be 1 to {MAX_LEARNERS}")
    with tempfile.TemporaryDirectory(prefix="simkit-workshop-bench-") as tmp:
        progress = Path(tmp) / "progress"
        port = free_port()
        proc, _ = start_server(progress, port, args.pool)
        url = f"http://127.0.0.1:{port}"
        sampler = MemorySampler(proc.pid)
        sampler.start()
        try:
            idle = look(proc.pid, full=True)
            load_before = os.getloadavg()
            deadline = time.monotonic() + args.timeout
            how = (V1 if args.protocol == "v1" else "", args.read)
            alone = summary(drive(url, 1, 0, args.pages, deadline, "Một mình", *how))
            room = drive(url, args.learners, args.spread, args.pages, deadline, "Học viên", *how)
            crowd = summary(room)
            time.sleep(2)
            busy = look(proc.pid, full=True)
            heavy = heavy_libraries(proc.pid)
            saved = len(list(progress.glob("*.json")))
        finally:
            sampler.stop.set()
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGINT)  # what Ctrl+C does: server and kernels stopped
                try:
                    proc.wait(timeout=120)
                except subprocess.TimeoutExpired:
                    os.kill(proc.pid, signal.SIGKILL)
    load = os.getloadavg()
    mib = 1024 * 1024
    print(
        f"workshop load benchmark: {args.learners} learners joining over {args.spread:.0f} s, "
        f"{args.pages} 'Next' taps each {args.read:g} s apart, pool {args.pool}, "
        f"{args.protocol} web-socket protocol, loopback only"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
        "(1/5/15 min, at the end, counting this benchmark's own kernels; "
        f"1 min before it: {load_before[0]:.1f}; the machine is shared with other work)"
    )
    for label, s in (("1 learner alone (baseline)", alone), (f"{args.learners} learners", crowd)):
        print(
            f"{label}: joined {s['joined']:.0f}, errors {s['errors']:.0f}; join p50 {s['join_p50']:.2f} s, "
            f"p95 {s['join_p95']:.2f} s; tap p50 {s['action_p50']:.3f} s, p95 {s['action_p95']:.3f} s "
            f"({s['actions']:.0f} taps); opening the lesson p95 {s['open_p95']:.2f} s; "
            f"'Next' after everyone had joined p95 {s['settled_p95']:.3f} s ({s['settled']:.0f} taps)"
        )
    print(
        f"ratio {args.learners} learners / alone: join p95 ×{crowd['join_p95'] / alone['join_p95']:.1f}, "
        f"tap p95 ×{crowd['action_p95'] / alone['action_p95']:.1f}"
    )
    each = max(busy.kernels, 1)
    print(
        f"memory before anyone joined: RSS {idle.rss / mib:.0f} MiB, PSS {idle.pss / mib:.0f} MiB "
        f"({idle.kernels} kernels started ahead)"
    )
    print(
        f"memory with everyone in a lesson ({busy.kernels} kernels + server): "
        f"PSS {busy.pss / mib:.0f} MiB (physical memory used; the target), USS {busy.uss / mib:.0f} MiB, "
        f"RSS summed {busy.rss / mib:.0f} MiB (shared pages counted in every process); per kernel "
        f"PSS {busy.kernel_pss / each / mib:.0f}, USS {busy.kernel_uss / each / mib:.0f}, "
        f"RSS {busy.kernel_rss / each / mib:.0f} MiB; server PSS {(busy.pss - busy.kernel_pss) / mib:.0f} MiB"
    )
    print(
        f"peaks (sampled): RSS summed {sampler.peak_rss / mib:.0f} MiB, "
        f"PSS {sampler.peak_pss / mib:.0f} MiB, {sampler.kernels_peak} kernels"
    )
    print(
        "kernels with numpy / scipy / pandas / matplotlib loaded: "
        + ", ".join(f"{name} {count}" for name, count in heavy.items())
    )
    print(f"progress files written: {saved}")
    for learner in room:
        if learner.error:
            print(f"  {learner.name}: {learner.error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
