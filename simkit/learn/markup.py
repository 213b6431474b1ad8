"""Turn lesson text into safe HTML: paragraphs, bullet and numbered lists, **bold**, and web links.

Why not Markdown: a trainer editing a lesson should not be able to break the page, and a lesson must never
inject HTML or scripts into a learner's notebook. So lesson text is plain text with four documented kinds
of markup (content/README.md §5.1); everything else is escaped. No library is needed and nothing is fetched.
"""

from __future__ import annotations

import html
import re

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_URL = re.compile(r"https?://[^\s<>\"*]+[^\s<>\".,;:!?)\]*]")
_NUMBERED = re.compile(r"^\d+\.\s+")


def inline(text: str, links: bool = True) -> str:
    """One line or short text: escaped, with ``**bold**`` and links; line breaks become ``<br>``.

    ``links=False`` for messages a learner is judging (practice SMS, safe-or-scam drills): a scam
    address in an exercise must stay plain text, never a link one tap away.
    """
    escaped = html.escape(text, quote=False)
    if links:
        escaped = _URL.sub(
            lambda m: f'<a href="{m.group(0)}" target="_blank" rel="noopener">{m.group(0)}</a>', escaped
        )
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return escaped.replace("\n", "<br>")


def to_html(text: str, links: bool = True) -> str:
    """A block of lesson text as HTML paragraphs and lists (``links`` as in ``inline``)."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.rstrip() for line in chunk.splitlines() if line.strip()]
        paragraph: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index].lstrip()
            kind = "ul" if line.startswith("- ") else "ol" if _NUMBERED.match(line) else None
            if kind is None:
                paragraph.append(line)
                index += 1
                continue
            if paragraph:
                blocks.append(f"<p>{inline(chr(10).join(paragraph), links)}</p>")
                paragraph = []
            items: list[str] = []
            while index < len(lines):
                current = lines[index].lstrip()
                if kind == "ul" and current.startswith("- "):
                    items.append(current[2:])
                elif kind == "ol" and _NUMBERED.match(current):
                    items.append(_NUMBERED.sub("", current, count=1))
                else:
                    break
                index += 1
            listed = "".join(f"<li>{inline(item, links)}</li>" for item in items)
            blocks.append(f"<{kind}>{listed}</{kind}>")
        if paragraph:
            blocks.append(f"<p>{inline(chr(10).join(paragraph), links)}</p>")
    return "".join(blocks)
