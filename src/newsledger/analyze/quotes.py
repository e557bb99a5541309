"""Quotations in a text: where each one opens and closes, whatever marks the writer used.

Rules:

- Marks. Curly “…”, guillemets «…» and low-high „…“ open and close unambiguously. A straight
  `"`, or two apostrophes `''` as some wire copy writes it, opens when it follows the start, a
  space or an opening bracket or dash and is followed by a non-space, and closes otherwise.
- Nesting. Inside a quotation, single marks (‘…’ or straight `'`) delimit an inner quotation,
  which is kept with its outer one; an apostrophe ("MKO’s", "don't") has letters on both sides
  and is never a mark.
- Paragraphs. A quotation still open at the end of a paragraph continues when the next
  paragraph opens with a quotation mark (the newspaper convention for a quote that runs over
  several paragraphs: no closing mark until its last one); otherwise it was unbalanced and
  closes at the end of its paragraph. A stray closing mark with nothing open is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = frozenset("“«„")
CLOSING = frozenset("”»")
STRAIGHT = frozenset({'"', "''"})
INNER_OPENING = frozenset("‘‚")
INNER_CLOSING = frozenset("’")
_BEFORE_OPENING = frozenset("([{—–-/")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_MARKS = re.compile(r"''|[“”«»„\"‘’‚']")


@dataclass(frozen=True)
class Quote:
    """A quotation's character range, end exclusive, marks included."""

    start: int
    end: int
    # The quotation's inner quotations, same convention.
    inner: tuple[tuple[int, int], ...] = field(default=())
    # True when its closing mark is missing (closed at a paragraph end).
    unbalanced: bool = False


def find_quotes(text: str) -> list[Quote]:
    """The quotations of `text` in order; they never overlap."""
    quotes: list[Quote] = []
    open_at: int | None = None
    inner: list[tuple[int, int]] = []
    inner_open: int | None = None
    paragraph_ends = [match.start() for match in _PARAGRAPH.finditer(text)] + [len(text)]
    paragraph = 0
    for match in _MARKS.finditer(text):
        i, mark = match.start(), match.group()
        continued = False
        # Quotations left open by the paragraphs this mark is beyond: continued when this mark
        # opens the very next paragraph, else unbalanced.
        while i >= paragraph_ends[paragraph]:
            end = paragraph_ends[paragraph]
            paragraph += 1
            if open_at is None:
                continue
            if _opens(text, i, mark) and not text[end:i].strip():
                continued = True
                break
            quotes.append(Quote(open_at, _trim_end(text, end), tuple(inner), unbalanced=True))
            open_at, inner, inner_open = None, [], None
        if continued:
            continue
        if open_at is None:
            if _opens(text, i, mark):
                open_at = i
        elif mark in INNER_OPENING or (mark == "'" and _inner_opens(text, i)):
            if inner_open is None:
                inner_open = i
        elif mark in INNER_CLOSING or mark == "'":
            if inner_open is not None and not _is_apostrophe(text, i):
                inner.append((inner_open, i + 1))
                inner_open = None
        elif mark in CLOSING or mark in STRAIGHT:
            quotes.append(Quote(open_at, match.end(), tuple(inner)))
            open_at, inner, inner_open = None, [], None
    if open_at is not None:
        # No mark after it continued the quotation, so it ends with its paragraph.
        end = next(end for end in paragraph_ends if end > open_at)
        quotes.append(Quote(open_at, _trim_end(text, end), tuple(inner), unbalanced=True))
    return quotes


def _opens(text: str, i: int, mark: str) -> bool:
    if mark in OPENING:
        return True
    if mark not in STRAIGHT:
        return False
    before = text[i - 1] if i else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if before.isspace() or before in _BEFORE_OPENING:
        return not after.isspace()
    # After a non-space a straight mark closes; with nothing open, it can only open.
    return not after.isspace() and not before.isalnum()


def _inner_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in '“"(') and not after.isspace()


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
