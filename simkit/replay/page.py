"""The replay as one self-contained HTML file: data, plotly.js (basic bundle), the player and its styles.

Why one file with everything inside: a trainer copies it to a USB stick and opens it on whatever laptop
the commune hall has, without Internet. Nothing is linked: the plotly.js basic bundle (MIT, shipped in
``simkit/replay/static`` with its licence), ``player.js`` and ``replay.css`` are embedded, and the frames
travel as compact runs (``simkit.replay.scene``) that the player expands. Both languages are in the
page, so its Tiếng Việt / English switch works offline too. Numbers a person reads (waits, shares) are
formatted here, in Python, the way the kit's other screens format them.
"""

from __future__ import annotations

import html
import json
import math
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from simkit.atomic import write_text
from simkit.bilingual import LANGS, check_lang
from simkit.formats import number, percent
from simkit.replay.build import LETTERS, PlanDay, Replay
from simkit.replay.hours import HourFigures
from simkit.replay.scene import Layout, encode_tracks
from simkit.replay.strings import STATE_NAMES, ReplayStrings, load_replay_strings
from simkit.sim.timetable import MINUTES_PER_DAY

FONT = '"Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif'
"""Every font named here has Vietnamese letters; the page uses no other."""
PALETTE = (
    "#56B4E9",  # arriving: sky blue
    "#0072B2",  # waiting: blue
    "#009E73",  # at a desk: green
    "#7FBF7B",  # served, leaving: light green
    "#E69F00",  # gave up: orange
    "#D55E00",  # turned away: vermilion
    "#CC79A7",  # sent home: purple
    "#8C6D00",  # dossier waiting: dark gold
    "#0072B2",  # dossier being processed: blue
    "#009E73",  # dossier finished: green
)
"""Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), one per state."""
EXIT_INK = ("#1e6b24", "#8a5a00", "#a33d00", "#8a3c6b")
"""Darker shades of the served / gave up / turned away / sent home colours, for the counts under the way
out: readable text on white (contrast ≥ 4.5:1), still matching their markers."""
SPEEDS = (2, 5, 10, 20, 30)
DEFAULT_SPEED = 10
"""Simulated minutes per second of playing: at 10, a day from 07:30 to 17:00 plays in about a minute."""


def page_data(replay: Replay, lang: str, strings: ReplayStrings | None = None) -> dict[str, Any]:
    """Everything the player needs, as plain JSON-ready values."""
    strings = strings or load_replay_strings()
    frames = len(replay.minutes)
    first_hour = replay.first_minute // 60  # the opening hour's button goes to the first frame
    last_hour = replay.last_minute // 60
    return {
        "lang": check_lang(lang),
        "strings": strings.table(),
        "font": FONT,
        "palette": list(PALETTE),
        "states": list(STATE_NAMES),
        "exit_ink": list(EXIT_INK),
        "first": replay.first_minute,
        "frames": frames,
        "hours": [h * 60 for h in range(first_hour, last_hour + 1)],
        "speeds": list(SPEEDS),
        "speed": DEFAULT_SPEED,
        "centre": {"vi": replay.centre.vi, "en": replay.centre.en},
        "run": {"day": replay.day + 1, "replication": replay.replication, "seed": replay.seed},
        "compare": len(replay.plans) > 1,
        "same_citizens": replay.same_citizens,
        "from_file": replay.from_file,
        "plans": [_plan_data(plan, LETTERS[i], replay, strings) for i, plan in enumerate(replay.plans)],
    }


def _plan_data(plan: PlanDay, letter: str, replay: Replay, strings: ReplayStrings) -> dict[str, Any]:
    log = plan.log
    layout = Layout(log.counters, log.assisted_desks, log.backoffice_desks)
    keys, runs, hidden = encode_tracks(plan.frames, layout)
    f = plan.frames
    live = {
        "queue": [x.queue_length for x in f],
        "assisted_queue": [len(x.queue[1]) for x in f],
        "counters_busy": [x.counters_busy for x in f],
        "counters_open": [x.counters_on_duty for x in f],
        "assisted_busy": [x.assisted_busy for x in f],
        "desks_open": [int(x.desks_open) for x in f],
        "backlog": [len(x.inbox) for x in f],
        "hidden_queue": [h[0] for h in hidden],
        "hidden_assisted": [h[1] for h in hidden],
        "hidden_inbox": [h[2] for h in hidden],
        "served": [x.left_today[0] for x in f],
        "gave_up": [x.left_today[1] for x in f],
        "turned_away": [x.left_today[2] for x in f],
        "sent_home": [x.left_today[3] for x in f],
        "online": [x.submitted_today for x in f],
        "done": [x.finished_today for x in f],
    }
    hours = {
        lang: {
            str(h.hour * 60): _hour_rows(h, log.assisted_desks > 0, replay.target_wait, lang, strings)
            for h in plan.hours
        }
        for lang in LANGS
    }
    return {
        "name": {lang: strings.get("plan.name", lang, letter=letter) for lang in LANGS},
        "caption": {"vi": plan.label.vi, "en": plan.label.en},
        "layout": layout.to_json(),
        "keys": keys,
        "runs": runs,
        "live": live,
        "hours": hours,
    }


def _hour_rows(
    h: HourFigures, assisted: bool, target: float, lang: str, strings: ReplayStrings
) -> dict[str, Any]:
    def t(key: str, **params: Any) -> str:
        return strings.get(key, lang, **params)

    def people(n: int) -> str:
        return t("hour.people", n=number(n, lang, 0))

    def minutes(value: float, decimals: int) -> str:
        return (
            t("hour.nobody") if math.isnan(value) else t("hour.minutes", value=number(value, lang, decimals))
        )

    rows = [[t("hour.walk_ins"), people(h.walk_ins)]]
    if assisted:
        rows.append([t("hour.assisted"), people(h.assisted)])
    rows += [
        [t("hour.online"), people(h.online)],
        [t("hour.wait_mean"), minutes(h.wait_mean, 1)],
        [t("hour.wait_max"), minutes(h.wait_max, 0)],
        [t("hour.over_target", target=number(target, lang, 0)), people(h.over_target)],
        [t("hour.not_served"), f"{h.gave_up} / {h.turned_away} / {h.sent_home}"],
        [t("hour.counter_busy"), percent(h.counter_busy_share, lang)],
    ]
    start = f"{h.hour % 24:02d}:00"
    end = f"{(h.hour + 1) % 24:02d}:00"
    return {"heading": t("hour.heading", start=start, end=end), "rows": rows}


@cache
def _static(name: str) -> str:
    return resources.files("simkit.replay").joinpath("static").joinpath(name).read_text(encoding="utf-8")


def _script_safe(text: str) -> str:
    """Text that cannot end the ``<script>`` element it is put in."""
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


PAGE = Template(
    """<!doctype html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="simkit replay">
<title>$title</title>
<style>
$css
</style>
</head>
<body>
<main id="replay" data-minute="">
<header class="top">
  <h1 id="title">$title</h1>
  <div class="langs" role="group" aria-labelledby="lang-label">
    <span id="lang-label" class="sr-only">$language</span>
    <button type="button" data-lang="vi" lang="vi">Tiếng Việt</button>
    <button type="button" data-lang="en" lang="en">English</button>
  </div>
</header>
<p id="intro"></p>
<noscript><p class="warn">$noscript</p></noscript>
<div class="controls" role="group" aria-label="">
  <button type="button" id="play" aria-pressed="false"></button>
  <output id="clock" for="slider">--:--</output>
  <input type="range" id="slider" min="0" max="0" step="1" value="0">
  <label class="speed"><span id="speed-label"></span> <select id="speed"></select></label>
  <div class="hours" role="group" aria-labelledby="jump-label">
    <span id="jump-label"></span>
  </div>
</div>
<div id="announce" class="sr-only" aria-live="polite"></div>
<div class="plans" id="plans"></div>
<section class="legend" aria-labelledby="legend-title">
  <h2 id="legend-title"></h2>
  <ul id="legend"></ul>
</section>
<p class="note" id="desk-note"></p>
<p class="note" id="run-note"></p>
</main>
<script type="application/json" id="simkit-replay-data">$data</script>
<script>$plotly</script>
<script>$player</script>
</body>
</html>
"""
)


def replay_html(replay: Replay, lang: str = "vi", strings: ReplayStrings | None = None) -> str:
    """The whole standalone page as text."""
    strings = strings or load_replay_strings()
    lang = check_lang(lang)
    data = json.dumps(page_data(replay, lang, strings), ensure_ascii=False, separators=(",", ":"))
    return PAGE.substitute(
        lang=lang,
        title=html.escape(strings.get("page.title", lang, centre=replay.centre.text(lang))),
        language=html.escape(strings.get("page.language", lang)),
        noscript=html.escape(strings.get("page.noscript", lang)),
        css=_static("replay.css"),
        data=_script_safe(data),
        plotly=_static("plotly-basic.min.js"),
        player=_script_safe(_static("player.js")),
    )


def write_replay_html(replay: Replay, path: Path, lang: str = "vi") -> int:
    """Write the page to ``path`` atomically (never half-written); returns its size in bytes."""
    text = replay_html(replay, lang)
    write_text(Path(path), text)
    return len(text.encode("utf-8"))


def clock(minute: float) -> str:
    """``570`` → ``09:30`` (minutes on the simulation clock, any day)."""
    of_day = int(minute % MINUTES_PER_DAY)
    return f"{of_day // 60:02d}:{of_day % 60:02d}"
