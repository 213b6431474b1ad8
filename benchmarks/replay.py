"""Size and build time of the replay of a busy provincial day — measured, never asserted.

Usage::

    .venv/bin/python benchmarks/replay.py [--repeats K]

The ``provincial_pasc`` preset (about 300 citizens on one Tuesday, 14 counters, assisted desk, back
office, impatience) at 40% and at 70% online, the two plans side by side as ``simkit replay
--scenario provincial_pasc --adoption 0.4 --compare-adoption 0.7`` shows them. Measured (best of K, wall
time):

1. **the simulation** of both plans (two one-day ``single_run`` calls on the same citizens): the
   baseline, the work any replay needs before drawing anything;
2. **frames built**: cutting the day out of both records with desk numbers, every one-minute frame of
   both plans, the hour figures, and the runs the page carries (``day_log`` → ``FrameMaker`` →
   ``encode_tracks``, i.e. ``replay_records`` plus the page's data). Target ≤ 2 s; shown also as a ratio
   to the simulation, since on a loaded machine both move together;
3. **the page**: the whole HTML text (``replay_html``), and its size in MB: plotly.js basic bundle,
   player, styles and data, with the data's share. Target ≤ 3 MB;
4. with ``--browser`` (needs Debian's ``/usr/bin/chromium`` and playwright): the page opened from disk in
   headless Chromium at 1366×768, played for 3 s at 10 simulated minutes a second from 08:30 — simulated
   minutes advanced (10 a second when the player keeps up), screen frames drawn per second and the
   longest gap between two (stutter shows as a long gap). Headless Chromium draws in software, so a
   laptop with a GPU does better; the figure is for comparison between versions.

Wall times on a shared machine vary; the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import time

from simkit.replay.build import adoption_label, replay_records
from simkit.replay.page import _static, page_data, replay_html
from simkit.sim.experiment import RunSettings, single_run
from simkit.sim.loading import load_scenario, scenario_with
from simkit.sim.population import LastDraws
from simkit.sim.timetable import build_timetable

PRESET = "provincial_pasc"
ADOPTIONS = (0.4, 0.7)
FRAMES_TARGET_S = 2.0
SIZE_TARGET_MB = 3.0


def best(repeats: int, work):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--browser", action="store_true", help="also time playback in headless Chromium")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    base = load_scenario(PRESET)
    settings = RunSettings.of(base, replications=1, warmup_days=0)
    timetable = build_timetable(base, settings.days)
    plans = [scenario_with(base, {"channel.adoption": a}) for a in ADOPTIONS]

    def simulate():
        draws = LastDraws()
        return [single_run(p, settings, 0, by_hour=False, last_draws=draws).records for p in plans]

    sim_s, records = best(args.repeats, simulate)
    labelled = [(adoption_label(a), p, r) for a, p, r in zip(ADOPTIONS, plans, records, strict=True)]

    def frames():
        replay = replay_records(labelled, timetable, seed=settings.seed, target_wait=settings.target_wait)
        return replay, page_data(replay, "vi")

    frames_s, (replay, data) = best(args.repeats, frames)
    page_s, page = best(args.repeats, lambda: replay_html(replay, "vi"))
    size = len(page.encode("utf-8"))
    bundle = len(_static("plotly-basic.min.js").encode("utf-8"))
    citizens = [len(r.population) for r in records]
    walk_ins = [int((p.log.visit_station == 0).sum()) for p in replay.plans]
    frames_n = len(replay.minutes)
    met = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    print(
        f"{PRESET}: {citizens[0]} citizens, walk-in visits {walk_ins[0]} (40%) / {walk_ins[1]} (70%), "
        f"{frames_n} one-minute frames per plan, best of {args.repeats}"
    )
    print(f"simulation of both plans (baseline)      {sim_s:7.3f} s")
    print(
        f"frames built, both plans                 {frames_s:7.3f} s   target ≤ {FRAMES_TARGET_S:.0f} s   "
        f"{met(frames_s <= FRAMES_TARGET_S)}   ({frames_s / sim_s:.1f}× the simulation)"
    )
    print(f"page written (HTML text)                 {page_s:7.3f} s")
    print(
        f"HTML size                                {size / 1e6:7.2f} MB  target ≤ {SIZE_TARGET_MB:.0f} MB  "
        f"{met(size / 1e6 <= SIZE_TARGET_MB)}   (plotly.js basic {bundle / 1e6:.2f} MB, "
        f"frames and text {(size - bundle) / 1e6:.2f} MB)"
    )
    if args.browser:
        playback(page)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    del data


PLAY = """() => new Promise(done => {
  let frames = 0, worst = 0, last = performance.now();
  const from = Number(document.querySelector('#replay').dataset.minute);
  const start = performance.now();
  function tick(t) {
    frames++; worst = Math.max(worst, t - last); last = t;
    if (t - start < 3000) { requestAnimationFrame(tick); return; }
    done({frames, worst, minutes: Number(document.querySelector('#replay').dataset.minute) - from,
          seconds: (t - start) / 1000});
  }
  document.querySelector('#play').click();
  requestAnimationFrame(tick);
})"""


def playback(page: str) -> None:
    """Play the page for 3 s in headless Chromium (loopback only: the page is a local file)."""
    import tempfile
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "replay.html"
        path.write_text(page, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--proxy-server=http://127.0.0.1:9"],
            )
            try:
                tab = browser.new_page(viewport={"width": 1366, "height": 768})
                start = time.perf_counter()
                tab.goto(path.as_uri())
                tab.wait_for_selector("#replay[data-ready='true']")
                opened = time.perf_counter() - start
                tab.evaluate("window.simkitReplay.show(60)")
                run = tab.evaluate(PLAY)
            finally:
                browser.close()
    print(f"page opened in Chromium                  {opened:7.3f} s")
    print(
        f"playing at 10 min/s for {run['seconds']:.1f} s: "
        f"{run['minutes'] / run['seconds']:.1f} simulated min/s, "
        f"{run['frames'] / run['seconds']:.0f} screen frames/s, longest gap {run['worst']:.0f} ms"
    )


if __name__ == "__main__":
    main()
