"""The replay page in a real browser: the exported HTML file opened from disk, and the `make replay` app.

The file must load nothing from any host (every request off loopback fails the test), play (the clock
moves after pressing play, and stops on pause), draw at a minute exactly the people the Python frame
places there, switch language with the words from ``content/ui/replay.yaml``, and fit a 1366×768 laptop
and a 1920×1080 projector without sideways scrolling, with no text under 16 px (SVG text included).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import (
    ARTIFACTS,
    Tab,
    Workspace,
    dashboard_command,
    free_port,
    keep_log,
    stop_process,
    wait_for_http,
)

pytestmark = pytest.mark.browser

READY_MS = 60_000
SCREENS = ((1366, 768), (1920, 1080))
READY = "#replay[data-ready='true']"

LAYOUT = """() => {
  const root = document.documentElement;
  const small = [];
  const seen = new Set();
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (r.width <= 1 || r.height <= 1 || style.visibility === 'hidden' || style.display === 'none') continue;
    const size = parseFloat(style.fontSize);
    if (size < 15.95) {
      const key = el.tagName + ' ' + size + 'px: ' + el.textContent.trim().slice(0, 40);
      if (!seen.has(key)) { seen.add(key); small.push(key); }
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, small: small,
          svgText: document.querySelectorAll('.main-svg text').length};
}"""


@pytest.fixture(scope="module")
def replay_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The provincial day (about 300 citizens) at 40% and 70% online, written as `simkit replay` does."""
    from simkit.replay import replay_adoptions, write_replay_html

    replay = replay_adoptions("provincial_pasc", [0.4, 0.7])
    path = tmp_path_factory.mktemp("replay") / "replay.html"
    write_replay_html(replay, path, "vi")
    return path, replay


def open_file(tab: Tab, path: Path, width: int, height: int) -> None:
    tab.page.set_viewport_size({"width": width, "height": height})
    tab.page.goto(path.as_uri())
    tab.page.wait_for_selector(READY, timeout=READY_MS)


def test_exported_replay_plays_offline_and_draws_the_frames(tab: Tab, replay_file) -> None:
    from simkit.replay.scene import Layout, place
    from simkit.replay.strings import load_replay_strings

    path, replay = replay_file
    strings = load_replay_strings()
    page = tab.page
    open_file(tab, path, *SCREENS[0])
    assert page.locator("#play").inner_text().strip() == strings.get("control.play", "vi")
    start = int(page.get_attribute("#replay", "data-minute"))
    clock = page.locator("#clock").inner_text()
    page.click("#play")
    page.wait_for_function(
        f"() => Number(document.querySelector('#replay').dataset.minute) >= {start + 3}", timeout=20_000
    )
    assert page.locator("#clock").inner_text() != clock, "the clock moves while playing"
    assert page.locator("#play").inner_text().strip() == strings.get("control.pause", "vi")
    page.click("#play")
    stopped = page.get_attribute("#replay", "data-minute")
    page.wait_for_timeout(600)
    assert page.get_attribute("#replay", "data-minute") == stopped, "pause stops the clock"

    # Jump to 9 o'clock: both plans draw exactly the people and dossiers the Python frame places there.
    page.locator(".hours button", has_text=strings.get("control.hour", "vi", hour=9)).click()
    assert page.locator("#clock").inner_text() == "09:00"
    frame_index = 9 * 60 - replay.first_minute
    for i, plan in enumerate(replay.plans):
        layout = Layout(plan.log.counters, plan.log.assisted_desks, plan.log.backoffice_desks)
        expected = place(plan.frames[frame_index], layout)[0]
        people = sorted(k for k in expected if k[0] == "c")
        page.wait_for_function(
            "([i, want]) => JSON.stringify(window.simkitReplay.drawn(i).people.slice().sort())"
            " === JSON.stringify(want)",
            arg=[i, people],
            timeout=10_000,
        )
        drawn = page.evaluate(f"window.simkitReplay.drawn({i})")
        spots = {k: layout.spots[s] for k, (s, _) in expected.items()}
        for key, x, y in zip(drawn["people"], drawn["x"], drawn["y"], strict=True):
            assert (round(x, 2), round(y, 2)) == spots[key], key
        assert sorted(drawn["dossiers"]) == sorted(k for k in expected if k[0] == "d")
        queue = plan.frames[frame_index].queue_length
        live = page.locator(f"#live-{i}").inner_text()
        assert strings.get("live.people", "vi", n=queue) in live
        heading = page.locator(f"#hour-title-{i}").inner_text()
        assert heading == strings.get("hour.heading", "vi", start="09:00", end="10:00")

    page.get_by_role("button", name="English").click()
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("#play").inner_text().strip() == strings.get("control.play", "en")
    assert page.locator("#hour-title-0").inner_text() == strings.get(
        "hour.heading", "en", start="09:00", end="10:00"
    )
    page.screenshot(path=str(ARTIFACTS / "replay-file-1366.png"), full_page=True)
    assert not tab.console_errors, tab.console_errors


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_exported_replay_fits_the_screen_with_text_of_16px_or_more(
    tab: Tab, replay_file, width, height
) -> None:
    path, _ = replay_file
    open_file(tab, path, width, height)
    for lang in ("Tiếng Việt", "English"):
        tab.page.get_by_role("button", name=lang).click()
        tab.page.locator(".hours button").nth(2).click()
        shown = tab.page.evaluate(LAYOUT)
        assert shown["scrollWidth"] <= shown["clientWidth"], f"{lang}: scrolls sideways at {width}px: {shown}"
        assert shown["svgText"] > 10, "the floor plan's labels are drawn"
        assert not shown["small"], f"{lang}: text under 16 px at {width}×{height}: {shown['small']}"
    tab.page.screenshot(path=str(ARTIFACTS / f"replay-file-{width}.png"), full_page=True)


# --- the `make replay` app (Voilà, offline template) ----------------------------------------------------
@pytest.fixture(scope="module")
def replay_app(workspace: Workspace) -> Iterator[str]:
    port = free_port()
    extra_env, command = dashboard_command(port, target="replay")
    log = workspace.logs / "voila-replay.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            command,
            cwd=workspace.root,
            env={**workspace.env, **extra_env, "SIMKIT_REPLAY_DIR": str(workspace.root / "saved")},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_http(f"{url}/simkit-readiness-probe", proc, log, "Voilà (replay)", any_status=True)
        yield url
    finally:
        stop_process(proc, "Voilà (replay)")
        keep_log(log)


def test_replay_app_shows_and_plays_the_animation_offline(
    tab: Tab, replay_app: str, workspace: Workspace
) -> None:
    from simkit.replay.strings import load_replay_strings

    strings = load_replay_strings()
    page = tab.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{replay_app}/", timeout=READY_MS * 2)
    page.locator(".simkit-replay iframe").wait_for(timeout=READY_MS * 2)
    inner = page.frame_locator(".simkit-replay iframe")
    inner.locator(READY).wait_for(timeout=READY_MS)
    start = int(inner.locator("#replay").get_attribute("data-minute"))
    inner.locator("#play").click()
    page.wait_for_function(
        f"""() => Number(document.querySelector('.simkit-replay iframe').contentDocument
              .querySelector('#replay').dataset.minute) >= {start + 3}""",
        timeout=20_000,
    )
    assert page.locator(".jp-CodeCell .jp-InputArea:visible, .cm-editor:visible").count() == 0, (
        "no code shown"
    )
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.get_by_role("button", name=strings.get("view.save", "vi")).click()
    page.get_by_text(str(workspace.root / "saved"), exact=False).wait_for(timeout=20_000)
    saved = list((workspace.root / "saved").glob("replay-*.html"))
    assert len(saved) == 1 and saved[0].stat().st_size > 1_000_000
    page.screenshot(path=str(ARTIFACTS / "replay-voila.png"), full_page=True)
    assert os.environ.get("SIMKIT_REPLAY_DIR") is None, "the app's save folder was set for it alone"
