"""PolNeAR's attribution annotations (BRAT standoff), for training and evaluating attribution.

A split folder holds `text/<article>.txt` and `attributions/<article>_<annotator>.ann`. Rules:

- Annotator. Some articles were annotated by several annotators (up to six, to measure
  agreement); the alphabetically first `.ann` file of an article is its annotation, so every
  article counts once and the choice does not depend on the file system's order.
- Lines. Only `T` lines of the kinds Source, Cue and Content and `E` lines (one attribution
  each: `Attribution:T4 Source:T1 Cue:T2 Content:T3`, or `Attribution-no-source:...` without a
  source) are read. Discuss and Discard spans, annotator notes (`#` lines) and the text field
  of a `T` line (which may run over several lines) are ignored: offsets index the `.txt` file.
- Pieces. A discontinuous span (`Content 10 40;60 90`) keeps its pieces; most such contents
  are a quotation interrupted by its own source and cue.

The corpus is research-use only (no licence file); it is read from `../shared/data`, never
copied into the repository.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsledger.errors import DataFileError

ROLES = ("Source", "Cue", "Content")
_SPAN_LINE = re.compile(r"^(T\d+)\t(Source|Cue|Content) ([\d ;]+)\t")
_EVENT_LINE = re.compile(r"^E\d+\t(Attribution(?:-no-source)?:T\d+(?: \w+:T\d+)*)\s*$")
_ANNOTATOR_SUFFIX = re.compile(r"_[0-9a-f]+\.ann$")

Pieces = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: each role as character pieces, end exclusive."""

    source: Pieces
    cue: Pieces
    content: Pieces


@dataclass(frozen=True)
class Article:
    name: str
    text: Path
    annotation: Path


def split_articles(split: Path) -> list[Article]:
    """The articles of a split folder with their chosen annotation file, in name order."""
    chosen: dict[str, Path] = {}
    for path in sorted((split / "attributions").glob("*.ann")):
        name = _ANNOTATOR_SUFFIX.sub("", path.name)
        chosen.setdefault(name, path)
    articles = []
    for name, annotation in sorted(chosen.items()):
        text = split / "text" / f"{name}.txt"
        if not text.exists():
            raise DataFileError("annotation without its text file", source=str(annotation))
        articles.append(Article(name, text, annotation))
    return articles


def read_attributions(path: Path) -> list[GoldAttribution]:
    """The attributions of one `.ann` file, in the file's order."""
    spans: dict[str, Pieces] = {}
    links: list[dict[str, str]] = []
    for line in _lines(path):
        if match := _SPAN_LINE.match(line):
            pieces = tuple(
                (int(start), int(end))
                for start, end in (piece.split() for piece in match.group(3).split(";"))
            )
            spans[match.group(1)] = pieces
        elif match := _EVENT_LINE.match(line):
            links.append(dict(arg.split(":") for arg in match.group(1).split()))
    found = []
    for link in links:
        roles = {role: spans.get(link.get(role, ""), ()) for role in ROLES}
        if roles["Cue"] and roles["Content"]:
            found.append(GoldAttribution(roles["Source"], roles["Cue"], roles["Content"]))
    return found


def _lines(path: Path) -> Iterator[str]:
    try:
        with path.open(encoding="utf-8") as handle:
            yield from handle
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read the annotation: {exc}", source=str(path)) from exc
