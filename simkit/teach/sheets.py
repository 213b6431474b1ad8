"""Printable A4 pages: one self-contained HTML page per sheet, and saving it without half-written files.

Why HTML and not PDF: every computer in a commune hall has a browser, none needs a PDF library, and a page
that prints well is just HTML with print styles. Each sheet is a single file with its stylesheet inside: no
fonts, images or scripts are fetched from anywhere (workshops run offline), the paper size is set with CSS
``@page`` to A4 with margins most office printers can reach, headings are kept with what follows them and
table rows are not split across pages. The only script is the inline "print" button, which is hidden on
paper.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from simkit import atomic

A4_CSS = """
@page { size: A4 portrait; margin: 15mm 14mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 12pt;
  line-height: 1.3; color: #000; background: #fff; margin: 0; }
.sheet { max-width: 182mm; margin: 0 auto; }
header { border-bottom: 3px solid #1a4d8f; margin-bottom: 8pt; padding-bottom: 4pt; }
.kit { font-size: 9.5pt; color: #333; }
h1 { font-size: 19pt; margin: 2pt 0 4pt; color: #1a4d8f; }
h2 { font-size: 14pt; margin: 8pt 0 2pt; color: #1a4d8f; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12.5pt; margin: 8pt 0 3pt; break-after: avoid; page-break-after: avoid; }
p { margin: 3pt 0; }
ul, ol { margin: 2pt 0 4pt; padding-left: 16pt; }
li { margin: 1pt 0; break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
th, td { border: 1px solid #555; padding: 3pt 5pt; text-align: left; vertical-align: top; font-size: 11pt; }
th { background: #e8eef7; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td ul { margin: 1pt 0; font-size: 10pt; }
.box { border: 1.5pt solid #1a4d8f; border-radius: 4pt; padding: 5pt 8pt; margin: 6pt 0;
  break-inside: avoid; page-break-inside: avoid; }
.callout-warning { border-color: #b3261e; background: #fdeeee; }
.callout-tip { border-color: #2e7d32; background: #eef7ee; }
.callout-note { border-color: #1a4d8f; background: #eef3fa; }
.practice-note { border: 1.5pt dashed #a07800; background: #fffbe8; }
.warn { border-color: #b3261e; }
.time { white-space: nowrap; width: 28mm; }
.num { text-align: right; width: 18mm; }
.tick { width: 14mm; text-align: center; font-size: 14pt; }
.kind-break td, .kind-lunch td { background: #f3f3f3; font-style: italic; }
.lines div { border-bottom: 1px solid #777; height: 8mm; }
.muted { color: #333; font-size: 10pt; }
.toolbar { text-align: center; margin: 8pt; }
.toolbar button { font-size: 13pt; padding: 6pt 14pt; cursor: pointer; }
@media screen { body { background: #eceff3; } .sheet { background: #fff; padding: 12mm 14mm; margin: 8pt auto;
  box-shadow: 0 1px 6px rgba(0,0,0,.25); } }
@media print { .toolbar { display: none; } a { color: #000; text-decoration: none; } }
"""

_ASSET = re.compile(
    r"""(?:\b(?:src|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)|(?:<link\b)|(?:<script\b[^>]*\bsrc\b)""",
    re.IGNORECASE,
)


LARGE_PRINT_CSS = """
body.large { font-size: 15pt; line-height: 1.4; }
body.large h1 { font-size: 22pt; } body.large h2 { font-size: 17pt; } body.large h3 { font-size: 15pt; }
body.large th, body.large td { font-size: 14pt; } body.large .muted { font-size: 13pt; }
body.large .kit { font-size: 12pt; }
"""
"""Large print: the body at 15 pt (within the 14–16 pt large-print guidance), every other size up with it."""


LARGE_CLASS = ' class="large"'


def a4_page(title: str, body: str, lang: str, print_label: str, *, large: bool = False, css: str = "") -> str:
    """A complete HTML page around ``body`` (already safe HTML), with the A4 print styles inside;
    ``large`` for large print, ``css`` for the rules of one kind of sheet (after the common ones, so it
    can override them)."""
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{A4_CSS}{css}{LARGE_PRINT_CSS}</style></head>"
        f"<body{LARGE_CLASS if large else ''}>"
        f'<div class="toolbar"><button type="button" onclick="window.print()">{html.escape(print_label)}'
        f'</button></div><div class="sheet">{body}</div></body></html>\n'
    )


def external_assets(page: str) -> list[str]:
    """Anything in ``page`` that would make a browser fetch a file from another host (should be empty)."""
    return [match.group(0) for match in _ASSET.finditer(page)]


def save_sheet(folder: Path, file_name: str, page: str) -> Path:
    """Write ``page`` to ``folder/file_name`` atomically (creating the folder) and return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    atomic.write_text(path, page)
    return path
