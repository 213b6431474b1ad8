"""Export: result tables (CSV) and figures (PNG) into a folder the planner names, and a one-file HTML report.

Why a self-contained report: it is read on office computers without internet, attached to an e-mail or
printed for a meeting, so it carries its figures inline (base64 PNG) and its own styles, and refers to
nothing outside itself (sources are named by title; their addresses are in the ``scenario.yaml`` written
beside it). Every file is written atomically (``simkit.atomic``), so a full disk or a closed laptop never
leaves half a CSV behind.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path
from typing import Any

import pandas as pd

from simkit import atomic
from simkit.bilingual import check_lang
from simkit.errors import ConfigError
from simkit.output_folder import write_files
from simkit.plan.dashboard import FIGURES, PlanRun
from simkit.plan.inputs import FIELDS, KeyNumbers, PlanInputError, Problem, preset, shown
from simkit.plan.strings import PlanStrings
from simkit.sim.describe import scenario_facts
from simkit.sim.figures import png_bytes
from simkit.sim.labels import load_labels
from simkit.sim.report import output_files
from simkit.spreadsheet import csv_bytes

FORBIDDEN = '<>:"|?*'
"""Characters Windows refuses in file names; refused here too, so a folder made on Linux copies anywhere."""

EXTRA_FIGURES = ("online", "citizen_hours")
"""Figures of the dashboard that ``simkit.sim.report.output_files`` does not already make."""

_URL = re.compile(r"https?://([^/\s]+)\S*")


def export_folder(name: Any, root: Path) -> Path:
    """The folder a planner named: relative names go under ``root``; problems are friendly messages."""
    text = str(name or "").strip()
    if not text:
        raise PlanInputError([Problem("problem.folder_empty")])
    bad = sorted({c for c in text if c in FORBIDDEN or ord(c) < 32})
    if bad:
        raise PlanInputError([Problem("problem.folder_characters", {"chars": " ".join(bad)})])
    folder = Path(text).expanduser()
    folder = folder if folder.is_absolute() else root / folder
    if folder.exists() and not folder.is_dir():
        raise PlanInputError([Problem("problem.folder_is_file", {"folder": str(folder)})])
    return folder


def key_numbers_csv(run: PlanRun, strings: PlanStrings, lang: str) -> bytes:
    """The planner's inputs beside the preset's own, so the CSV files say what was asked."""
    was = KeyNumbers.of(preset(run.preset)).as_dict()
    now = run.numbers.as_dict()
    rows = [
        {
            "field": name,
            "label": strings.get(f"field.{name}.label", lang),
            "value": now[name],
            "preset": was[name],
        }
        for name in FIELDS
    ]
    return csv_bytes(pd.DataFrame(rows))


def export_files(run: PlanRun, folder: Path, strings: PlanStrings, lang: str) -> list[Path]:
    """Write the CSV tables, ``scenario.yaml`` and every dashboard figure into ``folder``."""
    labels = load_labels(check_lang(lang))
    try:
        files = output_files(run.results, labels)
        files.update({f"{name}.png": png_bytes(run.figure(name, lang)) for name in EXTRA_FIGURES})
        files["key_numbers.csv"] = key_numbers_csv(run, strings, lang)
        return write_files(folder, files)
    except (ConfigError, OSError) as exc:
        raise PlanInputError([Problem("problem.export_failed", {"reason": _reason(exc)})]) from None


def write_report(run: PlanRun, folder: Path, strings: PlanStrings, lang: str) -> Path:
    """Write ``report.html`` (see ``report_html``) into ``folder``, atomically."""
    text = report_html(run, strings, lang)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "report.html"
        atomic.write_text(path, text)
    except OSError as exc:
        raise PlanInputError([Problem("problem.export_failed", {"reason": _reason(exc)})]) from None
    return path


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def _text(value: Any) -> str:
    """Escaped text with any web address reduced to its host, so the report links to nothing."""
    return html.escape(_URL.sub(lambda m: f"({m.group(1)})", str(value)))


CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 960px; margin: 1.5em auto; color: #1b1b1b;
  line-height: 1.45; padding: 0 1em; }
h1 { color: #1a4d8f; font-size: 1.5em; } h2 { color: #1a4d8f; font-size: 1.2em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: .5em 0; } td, th { border: 1px solid #bbb; padding: 3px 8px;
  text-align: left; vertical-align: top; } th { background: #eef3fa; }
figure { margin: 1em 0; page-break-inside: avoid; } figure img { max-width: 100%; }
figcaption { font-size: .95em; } .muted { color: #555; font-size: .9em; }
@page { size: A4; margin: 15mm; } @media print { body { margin: 0; max-width: none; } }
"""


def report_html(run: PlanRun, strings: PlanStrings, lang: str) -> str:
    """A short report of one run: inputs, changes from the preset, key results, figures with captions,
    the scenario's assumptions and its sources (by title). One file, no external assets or links."""
    lang = check_lang(lang)
    scenario = run.scenario
    settings = run.results.settings

    def t(key: str, **params: Any) -> str:
        return _text(strings.get(key, lang, **params))

    was = KeyNumbers.of(preset(run.preset)).as_dict()
    now = run.numbers.as_dict()
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">',
        f"<title>{t('report.title', name=getattr(scenario.name, lang))}</title>",
        f"<style>{CSS}</style>\n</head>\n<body>",
        f"<h1>{t('report.title', name=getattr(scenario.name, lang))}</h1>",
        f"<p>{_text(getattr(scenario.description, lang))}</p>",
        f"<p><b>{_text(scenario_facts(scenario, load_labels(lang)))}</b></p>",
        "<p class='muted'>"
        + t(
            "report.settings",
            replications=settings.replications,
            seed=settings.seed,
            target=f"{settings.target_wait:g}",
        )
        + "</p>",
        f"<h2>{t('report.inputs_title')}</h2>",
        f"<table><tr><th>{t('report.col.input')}</th><th>{t('report.col.value')}</th>"
        f"<th>{t('report.col.preset')}</th></tr>",
    ]
    for name in FIELDS:
        mark = "" if now[name] == was[name] else " <b>*</b>"
        parts.append(
            f"<tr><td>{t(f'field.{name}.label')}</td><td>{_text(shown(now[name]) or '–')}{mark}</td>"
            f"<td>{_text(shown(was[name]) or '–')}</td></tr>"
        )
    parts.append(f"</table><p class='muted'>{t('report.changed_note')}</p>")
    parts.append(f"<h2>{t('report.results_title')}</h2>")
    parts.append(
        f"<table><tr><th>{t('dash.col.kpi')}</th><th>{t('dash.col.mean')}</th><th>{t('dash.col.ci')}</th></tr>"
    )
    for label, mean, interval in run.table(lang):
        parts.append(f"<tr><td>{_text(label)}</td><td>{_text(mean)}</td><td>{_text(interval)}</td></tr>")
    parts.append(f"</table>\n<h2>{t('report.figures_title')}</h2>")
    for name in FIGURES:
        caption = _text(run.caption(name, lang))
        image = base64.b64encode(png_bytes(run.figure(name, lang))).decode("ascii")
        parts.append(
            f'<figure><img alt="{caption}" src="data:image/png;base64,{image}">'
            f"<figcaption><b>{t(f'dash.tab.{name}')}.</b> {caption}</figcaption></figure>"
        )
    parts.append(f"<h2>{t('report.assumptions_title')}</h2><ul>")
    parts.append(f"<li>{t('report.model_assumption')}</li>")
    parts += [f"<li>{_text(getattr(a, lang))}</li>" for a in scenario.assumptions]
    parts.append(f"</ul>\n<h2>{t('report.sources_title')}</h2><ul>")
    for source in scenario.sources:
        checked = f" ({t('report.checked', date=source.checked)})" if source.checked else ""
        parts.append(f"<li>{_text(source.title)}{checked}</li>")
    parts.append(f"</ul><p class='muted'>{t('report.sources_note')}</p>")
    parts.append(f"<p class='muted'>{t('report.footer')}</p>\n</body>\n</html>\n")
    return "\n".join(parts)
