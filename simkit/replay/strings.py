"""The words of the replay, read from ``content/ui/replay.yaml`` and checked like every bilingual file.

Why its own file and key list: the replay is shown to commune leaders and learners who read no tables, so
every word on it is a translator's to change; the page carries both languages so its switch works offline,
and a missing or misspelt key is a one-line error naming the file before any page is written.
"""

from __future__ import annotations

from pathlib import Path

from simkit.bilingual import Text
from simkit.ui_strings import StringTable, UiFile, load_ui_file

STATE_NAMES = (
    "arriving",
    "waiting",
    "at_desk",
    "served",
    "gave_up",
    "turned_away",
    "sent_home",
    "dossier_waiting",
    "dossier_worked",
    "dossier_done",
)
"""The states a person or dossier is drawn in, by their number in the frames; each has a ``state.<name>``
string."""


KEYS: dict[str, tuple[str, ...]] = {
    "page.title": ("centre",),
    "page.intro": (),
    "page.single_intro": (),
    "page.intro_different": (),
    "page.file_note": (),
    "page.run_note": ("day", "replication", "seed"),
    "page.desk_note": (),
    "page.noscript": (),
    "page.language": (),
    "page.legend": (),
    "plan.name": ("letter",),
    "plan.adoption": ("percent",),
    "control.play": (),
    "control.pause": (),
    "control.speed": (),
    "control.speed_option": ("n",),
    "control.jump": (),
    "control.hour": ("hour",),
    "control.slider": (),
    "live.clock": (),
    "live.queue": (),
    "live.counters_busy": (),
    "live.busy_of": ("busy", "open"),
    "live.closed": (),
    "live.assisted_queue": (),
    "live.backlog": (),
    "live.people": ("n",),
    "live.dossiers": ("n",),
    "live.so_far": (),
    "live.so_far_text": ("served", "gave_up", "turned_away", "sent_home", "online", "done"),
    "scene.counters": (),
    "scene.assisted": (),
    "scene.entrance": (),
    "scene.exit": (),
    "scene.line": (),
    "scene.backoffice": (),
    "scene.online": (),
    "scene.done": (),
    "scene.more_people": ("n",),
    "scene.more_dossiers": ("n",),
    **{f"state.{name}": () for name in STATE_NAMES},
    "hour.heading": ("start", "end"),
    "hour.walk_ins": (),
    "hour.assisted": (),
    "hour.online": (),
    "hour.wait_mean": (),
    "hour.wait_max": (),
    "hour.over_target": ("target",),
    "hour.not_served": (),
    "hour.counter_busy": (),
    "hour.minutes": ("value",),
    "hour.people": ("n",),
    "hour.nobody": (),
    "view.title": (),
    "view.intro": (),
    "view.scenario": (),
    "view.adoption_a": (),
    "view.adoption_b": (),
    "view.build": (),
    "view.save": (),
    "view.building": (),
    "view.saved": ("path", "size"),
    "view.problem": ("message",),
}
"""Every key the replay uses, with the placeholders the code fills in."""


class ReplayStrings(StringTable):
    """Every replay string in both languages (``table`` gives the page both, for its offline switch)."""


def load_replay_strings() -> ReplayStrings:
    """The replay strings of the content folder, read and checked once per file version."""
    return load_ui_file("replay", KEYS, UiFile, _make)


def _make(entries: dict[str, Text], data: UiFile, path: Path) -> ReplayStrings:
    return ReplayStrings(entries, path)
