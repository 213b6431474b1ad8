"""Display labels for results, in Vietnamese and English, read from ``content/labels/results.yaml``.

A label file is like the legend printed beside a map: the map (the result keys in ``simkit.sim.keys``)
never changes, while the legend can be reworded by a trainer without touching code. Keeping the words in
``content/`` rather than in Python is the reproducible-simulation habit of separating fixed result keys from
their display text (``RESULT_LABELS``), and lets translators work on one YAML file.

Why check everything on load: a table or figure that silently shows ``walkin_wait_p90`` instead of a
sentence is a bug a commune official will meet in front of an audience. So a missing label for any result
key, an empty translation, a misspelt field or a unit that is not defined is a ``ConfigError`` naming the
file and the key, raised when the labels are first loaded, before any figure is drawn.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, ValidationError

from simkit.bilingual import Strict, Text, one_line_error
from simkit.content import content_dir, read_yaml
from simkit.errors import ConfigError
from simkit.sim import keys

LANGS: tuple[str, ...] = ("vi", "en")
"""Languages every label must have; Vietnamese first, as in the rest of the content."""

CLI_KEYS: tuple[str, ...] = (
    "hours_am",
    "hours_noon",
    "hours_pm",
    "figure_plan",
    "hourly_heading",
    "answer_hour",
    "answer_hour_closed",
    "answer_saved",
    "answer_no_online",
    "ci_cut_mark",
    "ci_cut_note",
    "ci_cut_low",
    "ci_cut_high",
    "points_unit",
    "files_written",
    "file_written",
    "replay_written",
    "grid_done",
    "vary_counters",
    "vary_backoffice",
    "vary_assisted",
    "vary_adoption",
    "vary_other",
    "axis_counters",
    "axis_backoffice",
    "axis_assisted",
    "precision_target",
    "precision_line",
    "precision_undefined",
    "precision_short",
    "replications_found",
    "replications_short",
    "staff_adoption",
    "staff_needed",
    "staff_current",
    "staff_freed",
    "staff_found",
    "staff_check_kpi",
    "staff_check_mean",
    "staff_check_low",
    "staff_check_high",
    "staff_growth",
    "staff_growth_mean",
    "staff_growth_high",
    "staff_growth_limit",
    "staff_check",
    "staff_check_reps",
    "staff_passed",
    "staff_failed",
    "staff_wide",
    "staff_resource",
    *(f"staff_resource_{r}" for r in ("counters", "backoffice", "assisted_desk")),
    "staff_note",
    "staff_horizon_backoffice",
    "staff_horizon_same",
    "staff_precision_short",
    "staff_precision_met",
    "staff_sessions_note",
    "preset_line",
)
"""Words of the command-line outputs (tables, answer sentences, file lines, staffing table, hourly table) in
the figures section: every ``simkit`` command prints in the chosen language."""

FIGURE_KEYS: tuple[str, ...] = (
    "wait_by_hour_title",
    "wait_by_hour_x",
    "wait_by_hour_y",
    "wait_distribution_title",
    "wait_distribution_x",
    "wait_distribution_y",
    "utilisation_title",
    "utilisation_y",
    "resource_counters",
    "resource_backoffice",
    "resource_assisted",
    "mean_label",
    "p90_label",
    "target_label",
    "ci_label",
    "table_header",
    "sweep_wait_title",
    "sweep_share_title",
    "sweep_share_y",
    "sweep_adoption_x",
    "compare_header",
    "clear_mark",
    "facts",
    "facts_saturday",
    "facts_session_counters",
    *(f"weekday_{day}" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")),
    "facts_shared",
    "facts_changed",
    "finding_lost",
    "finding_no_loss",
    "finding_backlog",
    "finding_backoffice_busy",
    "finding_worst_closed",
    "finding_worst_arrivals",
    "finding_worst_earlier",
    "finding_worst_opening",
    "finding_worst_other",
    *CLI_KEYS,
)
"""Figure texts the standard figures need; the file may define more."""

KPI_KEYS: tuple[str, ...] = tuple(dict.fromkeys((*keys.SUMMARY_KEYS, *keys.HOURLY_KEYS)))
"""Every KPI key, summary and hourly, once each (a key in both lists shares one label)."""

LABELS_FILE = Path("labels") / "results.yaml"
"""Where the labels live, relative to the content folder."""


Label = Text
"""A result label in both languages (``simkit.bilingual.Text``)."""


class KpiLabel(Label):
    """A KPI's label plus the key of its unit in the ``units`` section."""

    unit: str = Field(min_length=1)


class LabelsFile(Strict):
    """The whole ``results.yaml``: five sections, nothing else."""

    kpis: dict[str, KpiLabel]
    channels: dict[str, Label]
    outcomes: dict[str, Label]
    units: dict[str, Label]
    figures: dict[str, Label]


_REQUIRED: dict[str, tuple[str, ...]] = {
    "kpis": KPI_KEYS,
    "channels": keys.CHANNELS,
    "outcomes": keys.OUTCOMES,
    "figures": FIGURE_KEYS,
}
_CLOSED_SECTIONS = ("kpis", "channels", "outcomes")
"""Sections that may hold only keys from ``simkit.sim.keys``: a stray key there is a stale or misspelt
label. ``units`` and ``figures`` may hold extra entries for new figures."""


@dataclass(frozen=True)
class Labels:
    """Labels in one language; every lookup returns display text ready for a table, axis or legend."""

    lang: str
    data: LabelsFile
    path: Path

    def kpi(self, key: str) -> str:
        """The label of a KPI key from ``SUMMARY_KEYS`` or ``HOURLY_KEYS``."""
        return self._entry("kpis", key).text(self.lang)

    def unit(self, key: str) -> str:
        """The localised unit of a KPI key (``walkin_wait_mean`` → ``phút``), or of a unit key itself."""
        if key in self.data.kpis:
            key = self.data.kpis[key].unit
        return self._entry("units", key).text(self.lang)

    def unit_key(self, key: str) -> str:
        """The unit identifier of a KPI key (``walkin_share_within_target`` → ``share``), for formatting."""
        return self._entry("kpis", key).unit  # type: ignore[attr-defined]

    def channel(self, key: str) -> str:
        """The label of a channel from ``CHANNELS``."""
        return self._entry("channels", key).text(self.lang)

    def outcome(self, key: str) -> str:
        """The label of an outcome from ``OUTCOMES``."""
        return self._entry("outcomes", key).text(self.lang)

    def figure(self, key: str) -> str:
        """A figure title, axis label or legend entry (see ``FIGURE_KEYS``)."""
        return self._entry("figures", key).text(self.lang)

    def _entry(self, section: str, key: str) -> Label:
        entries: dict[str, Label] = getattr(self.data, section)
        if key not in entries:
            raise ConfigError(f"no label for '{key}'", where=str(self.path), field=f"{section}.{key}")
        return entries[key]


def labels_path() -> Path:
    """The labels file inside the content folder (honours ``$SIMKIT_CONTENT``)."""
    return content_dir() / LABELS_FILE


def load_labels(lang: str = "vi") -> Labels:
    """Labels in ``lang`` (``"vi"`` or ``"en"``), read and checked once per file path."""
    if lang not in LANGS:
        raise ConfigError(f"must be 'vi' or 'en' (got {lang!r})", field="lang")
    path = labels_path()
    return Labels(lang=lang, data=_read_labels(path), path=path)


def clear_labels_cache() -> None:
    """Forget parsed label files, e.g. after a trainer edits ``results.yaml`` in a running notebook."""
    _read_labels.cache_clear()


@functools.lru_cache(maxsize=8)
def _read_labels(path: Path) -> LabelsFile:
    """Parse and check one labels file; cached because every figure and table asks for labels."""
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise ConfigError(f"must be a mapping with {', '.join(LabelsFile.model_fields)}", where=str(path))
    try:
        data = LabelsFile.model_validate(raw)
    except ValidationError as exc:
        raise one_line_error(exc, raw, path, model=LabelsFile) from None
    _check_complete(data, path)
    return data


def _check_complete(data: LabelsFile, path: Path) -> None:
    for section, required in _REQUIRED.items():
        entries = getattr(data, section)
        for key in required:
            if key not in entries:
                raise ConfigError(
                    f"no label for result key '{key}'", where=str(path), field=f"{section}.{key}"
                )
    for section in _CLOSED_SECTIONS:
        for key in getattr(data, section):
            if key not in _REQUIRED[section]:
                raise ConfigError(
                    f"'{key}' is not a result key in simkit/sim/keys.py",
                    where=str(path),
                    field=f"{section}.{key}",
                )
    for key, entry in data.kpis.items():
        if entry.unit not in data.units:
            units = ", ".join(sorted(data.units)) or "(none)"
            raise ConfigError(
                f"unknown unit '{entry.unit}'; units defined are: {units}",
                where=str(path),
                field=f"kpis.{key}.unit",
            )
