"""How much a projected slide holds, and cutting long lesson text into slide-sized pages.

Like a trainer copying a long explanation onto flip-chart sheets: write paragraph after paragraph until
the sheet is full, then take a new sheet; never cut a paragraph or a list item in the middle, and keep a
line that announces a list ("There are two levels:") with its list. The room on a slide is counted in
*body lines*: one line of slide text at the slide's font size. A text's height is estimated from its length
(characters per line at the slide's width), calibrated against the real slides measured in the browser
(``Room``), so that an estimate that fits is a slide that fits; the browser suite measures every real
slide at 1366×768 and 1920×1080 (tests/browser/test_presenter.py).

Both languages are cut at the same places (the lesson file gives each paragraph in both), so switching
language keeps the trainer on the same slide.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from simkit.learn.schema import Text

T = TypeVar("T")

_BLANK_LINE = re.compile(r"\n\s*\n")
_MARKS = re.compile(r"\*\*|^\s*(?:- |\d+\.\s+)", re.M)


@dataclass(frozen=True)
class Room:
    """The space on one slide: ``chars_per_line`` letters of body text across, ``lines`` body lines down.

    Calibrated in the browser on the smallest screen the presenter supports, 1366×768 in JupyterLab
    (the slide font follows the screen height, so a 1920×1080 projector holds the same number of lines,
    with wider lines): every slide of every lesson, in both languages, was measured in the presenter's
    own slide widget for several rooms (tests/browser/test_presenter.py's way of measuring), and this is
    the loosest room whose tallest slide still ends within 97% of the visible height (518 px of 536 at
    1366×768, 810 of 849 at 1920×1080), with ``simkit.teach.presenter.MEASURED_EXTRA`` for what the
    line count misses. The old 50 × 13 left the tallest slide at 93% and cut 587 slides; this cuts 527.
    """

    chars_per_line: int = 58
    lines: float = 14.5

    def __post_init__(self) -> None:
        if self.chars_per_line < 10:
            raise ValueError('"chars_per_line" must be at least 10.')
        if self.lines < 3:
            raise ValueError('"lines" must be at least 3.')


ROOM = Room()


def plain_length(text: str) -> int:
    """The number of letters a reader sees in one line of lesson text (markup marks left out)."""
    return len(_MARKS.sub("", text).strip())


def line_count(text: str, chars_per_line: float) -> int:
    """How many lines ``text`` (one paragraph or one list item) takes when wrapped at ``chars_per_line``.

    Wrapping happens between words, so a line holds a little less than ``chars_per_line`` on average;
    counting words onto lines (as the browser does) rather than dividing the length keeps long words honest.
    """
    words = _MARKS.sub("", text).split()
    if not words:
        return 0
    lines, used = 1, 0
    for word in words:
        need = len(word) if used == 0 else used + 1 + len(word)
        if need <= chars_per_line or used == 0:
            used = need
        else:
            lines += 1
            used = len(word)
    return lines + sum(max(0, math.ceil(len(w) / chars_per_line) - 1) for w in words)


def block_lines(text: str, chars_per_line: float, *, scale: float = 1.0) -> float:
    """Body lines taken by a block of lesson text (paragraphs and lists, ``simkit.learn.markup``).

    ``scale`` is the block's font size relative to the slide's body text (.75 for greyed steps): smaller
    letters fit more per line and take less height. Paragraphs and lists add the space around them.
    """
    across = chars_per_line / scale
    total = 0.0
    for chunk in _BLANK_LINE.split(text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        for line in lines:
            stripped = line.lstrip()
            listed = stripped.startswith("- ") or bool(re.match(r"\d+\.\s", stripped))
            total += line_count(stripped, across - 2 if listed else across) * scale
            total += 0.2 * scale if listed else 0.0
        total += 0.5 * scale  # the gap after a paragraph or a list
    return total


def text_lines(item: Text | None, chars_per_line: float, *, scale: float = 1.0) -> float:
    """``block_lines`` of the longer of a text's two languages (the slide must fit in both)."""
    if item is None:
        return 0.0
    return max(
        block_lines(item.vi, chars_per_line, scale=scale), block_lines(item.en, chars_per_line, scale=scale)
    )


def chunks(item: Text) -> list[Text]:
    """A text cut at its blank lines into paragraphs (a list stays with the line that announces it).

    Both languages give the same number of pieces: if a translation joined or split paragraphs, the
    language with more has its shortest neighbours joined (``_merged``), so each piece still pairs a
    paragraph with its translation or close to it.
    """
    vi = [c.strip() for c in _BLANK_LINE.split(item.vi.strip()) if c.strip()]
    en = [c.strip() for c in _BLANK_LINE.split(item.en.strip()) if c.strip()]
    count = min(len(vi), len(en))
    if count <= 1:
        return [item]
    vi, en = _merged(vi, count), _merged(en, count)
    return [Text(vi=v, en=e) for v, e in zip(vi, en, strict=True)]


def _merged(paragraphs: list[str], count: int) -> list[str]:
    """``paragraphs`` joined pairwise (the shortest neighbours first) until ``count`` are left.

    Why: a translation that splits one paragraph in two must still be cut at the same places as the
    other language, so the longer list gives up its smallest joins until both have as many pieces.
    """
    pieces = list(paragraphs)
    while len(pieces) > count:
        sizes = [len(pieces[i]) + len(pieces[i + 1]) for i in range(len(pieces) - 1)]
        at = sizes.index(min(sizes))
        pieces[at : at + 2] = [pieces[at] + "\n\n" + pieces[at + 1]]
    return pieces


def lines_of(item: Text) -> list[Text]:
    """A paragraph cut into its lines (list items), both languages alike; whole if they do not pair up."""
    vi = [line for line in item.vi.splitlines() if line.strip()]
    en = [line for line in item.en.splitlines() if line.strip()]
    if len(vi) != len(en) or len(vi) <= 1:
        return [item]
    return [Text(vi=v, en=e) for v, e in zip(vi, en, strict=True)]


def join(items: Sequence[Text], separator: str = "\n\n") -> Text:
    """Paragraphs (or lines, with ``separator="\\n"``) put back together into one text."""
    return Text(vi=separator.join(t.vi for t in items), en=separator.join(t.en for t in items))


def paginate(items: Sequence[T], fits: Callable[[Sequence[T]], bool]) -> list[list[T]]:
    """Cut ``items`` into consecutive pages, each as long as ``fits`` allows (at least one item each).

    Greedy, like filling flip-chart sheets in order. An item that does not fit even alone gets a page
    of its own (the caller splits such items further before, where it can).
    """
    pages: list[list[T]] = []
    page: list[T] = []
    for item in items:
        if page and not fits([*page, item]):
            pages.append(page)
            page = []
        page.append(item)
    if page:
        pages.append(page)
    return pages
