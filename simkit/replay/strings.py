"""The words of the replay, read from ``content/ui/replay.yaml`` and checked like every bilingual file.

Why its own file and key list: the replay is shown to commune leaders and learners who read no tables, so
every word on it is a translator's to change; the page carries both languages so its switch works offline,
and a missing or misspelt key is a one-line error naming the file before any page is written.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simkit.bilingual import Text, check_lang, checked_entries, read_when_changed
from simkit.content import content_dir, read_yaml
from simkit.errors import ConfigError

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

UI_FILE = Path("ui") / "replay.yaml"

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
    **{
        f"state.{name}": ()
        for name in STATE_NAMES
    },
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


@dataclass(frozen=True)
class ReplayStrings:
    """Every replay string in both languages."""

    entries: Mapping[str, Text]
    path: Path

    def get(self, key: str, lang: str, **params: Any) -> str:
        """The string ``key`` in ``lang`` with its placeholders filled in."""
        entry = self.entries.get(key)
        if entry is None:
            raise ConfigError(f"no replay string '{key}'", where=str(self.path), field=key)
        text = entry.text(check_lang(lang))
        return text.format(**params) if params else text

    def table(self) -> dict[str, dict[str, str]]:
        """``{key: {"vi": …, "en": …}}`` for the page, which switches language by itself."""
        return {key: {"vi": text.vi, "en": text.en} for key, text in self.entries.items()}


def load_replay_strings() -> ReplayStrings:
    """The replay strings of the content folder, read and checked once per file version."""
    return read_when_changed(content_dir() / UI_FILE, _read)


@functools.lru_cache(maxsize=8)
def _read(path: Path, mtime: float) -> ReplayStrings:
    raw = read_yaml(path)
    if not isinstance(raw, dict) or set(raw) != {"strings"} or not isinstance(raw["strings"], dict):
        raise ConfigError("must be a mapping with one key, 'strings'", where=str(path))
    pairs = checked_entries(raw["strings"], KEYS, path, prefix="strings.")
    return ReplayStrings({key: Text(vi=vi, en=en) for key, (vi, en) in pairs.items()}, path)
