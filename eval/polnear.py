"""Attribution on PolNeAR: source, cue and content spans against the annotators'.

Usage: `.venv/bin/python eval/polnear.py [--data ../shared/data/polnear] [--split dev]`

Each article's `.txt` goes through the `--raw-text` path (`load_path(path, raw_text=True)` and
`Analyzer.analyze_stream`), so `document.text` is the file and offsets are the corpus's. The
gold side is read by `newsledger.analyze.attribution_corpus` (the alphabetically first
annotator file of an article; Source, Cue and Content spans of its attributions).

Scoring, per role (source, cue, content):

- A span is compared by its extent: a discontinuous gold content ("“A,” she said. “B.”") runs
  from its first piece to its last, as the statement's single content span does. Leading and
  trailing whitespace is not part of a span. Within an article each role's spans form a set
  (two attributions that share a source count it once).
- PolNeAR annotates only the outermost attribution, so statements that another statement
  `reports` (a claim quoted inside a statement) are left out of the predictions.
- Exact: a predicted span matches a gold span with the same offsets. Overlap: the two spans'
  tokens (`\\w+` runs and single punctuation marks) have F1 >= 0.5. Precision is the share of
  predicted spans that match some gold span, recall the share of gold spans that some
  predicted span matches, both summed over all articles; F1 is their harmonic mean.

The test split is held out for independent evaluation and is never read here.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.analyze.attribution_corpus import GoldAttribution, read_attributions, split_articles
from newsledger.analyze.pipeline import Analyzer
from newsledger.ingest import load_path
from newsledger.schema import Analysis, Statement

_DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
_TOKEN = re.compile(r"\w+|[^\w\s]")
ROLES = ("source", "cue", "content")
# The extra row: contents compared piece by piece, as BIO taggers' outputs are.
PIECES = "content pieces"
ROWS = (*ROLES, PIECES)
# Characters that do not start or end a content piece of a statement's content split around
# its own speaker and cue ("“A,” she said. “B.”" -> "“A,”", "“B.”").
_PIECE_EDGE = " \t\n,.;:–—-"
OVERLAP_F1 = 0.5
PUBLISHED = (
    ("CRF (published)", (50.6, 53.4, 28.6)),
    ("BiLSTM-CRF (published)", (69.6, 66.7, 59.0)),
    ("BERT-CRF (published)", (82.2, 74.9, 71.0)),
)

Extent = tuple[int, int]


@dataclass
class Tally:
    """Matched predictions, matched gold spans and the totals of each, for one role and mode."""

    predicted_hits: int = 0
    gold_hits: int = 0
    predicted: int = 0
    gold: int = 0

    def scores(self) -> tuple[float, float, float]:
        precision = self.predicted_hits / self.predicted if self.predicted else 0.0
        recall = self.gold_hits / self.gold if self.gold else 0.0
        total = precision + recall
        return precision, recall, (2 * precision * recall / total if total else 0.0)


@dataclass
class Scores:
    exact: dict[str, Tally] = field(default_factory=lambda: {row: Tally() for row in ROWS})
    overlap: dict[str, Tally] = field(default_factory=lambda: {row: Tally() for row in ROWS})

    def add(
        self, text: str, gold: dict[str, set[Extent]], predicted: dict[str, set[Extent]]
    ) -> None:
        for role in ROWS:
            g, p = gold[role], predicted[role]
            exact, overlap = self.exact[role], self.overlap[role]
            for tally in (exact, overlap):
                tally.predicted += len(p)
                tally.gold += len(g)
            exact.predicted_hits += len(p & g)
            exact.gold_hits += len(p & g)
            overlap.predicted_hits += sum(1 for x in p if any(_overlap(text, x, y) for y in g))
            overlap.gold_hits += sum(1 for y in g if any(_overlap(text, x, y) for x in p))


def _stripped(text: str, start: int, end: int) -> Extent:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _tokens(text: str, extent: Extent) -> set[int]:
    start, end = extent
    return {start + match.start() for match in _TOKEN.finditer(text[start:end])}


def _overlap(text: str, predicted: Extent, gold: Extent) -> bool:
    p, g = _tokens(text, predicted), _tokens(text, gold)
    shared = len(p & g)
    if not shared:
        return False
    precision, recall = shared / len(p), shared / len(g)
    return 2 * precision * recall / (precision + recall) >= OVERLAP_F1


def gold_extents(text: str, attributions: Iterable[GoldAttribution]) -> dict[str, set[Extent]]:
    extents: dict[str, set[Extent]] = {row: set() for row in ROWS}
    for attribution in attributions:
        for role, pieces in zip(
            ROLES, (attribution.source, attribution.cue, attribution.content), strict=True
        ):
            if pieces:
                extents[role].add(_stripped(text, pieces[0][0], pieces[-1][1]))
        extents[PIECES].update(_stripped(text, start, end) for start, end in attribution.content)
    return extents


def predicted_extents(analysis: Analysis) -> dict[str, set[Extent]]:
    text = analysis.document.text
    reported = {
        relation.statement
        for statement in analysis.statements
        for relation in statement.relations
        if relation.type == "reports"
    }
    return statement_extents(text, [s for s in analysis.statements if s.id not in reported])


def statement_extents(text: str, statements: Iterable[Statement]) -> dict[str, set[Extent]]:
    extents: dict[str, set[Extent]] = {row: set() for row in ROWS}
    for statement in statements:
        spans = (statement.speaker.span, statement.cue, statement.content)
        for role, span in zip(ROLES, spans, strict=True):
            if span is not None:
                extents[role].add(_stripped(text, span.start, span.end))
        extents[PIECES].update(content_pieces(text, statement))
    return extents


def content_pieces(text: str, statement: Statement) -> list[Extent]:
    """The content without the statement's own speaker and cue, cut where they were."""
    cuts = sorted(
        (span.start, span.end)
        for span in (statement.speaker.span, statement.cue)
        if span is not None
        and statement.content.start < span.start
        and span.end < statement.content.end
    )
    pieces, start = [], statement.content.start
    for cut_start, cut_end in [*cuts, (statement.content.end, statement.content.end)]:
        piece_start, piece_end = start, cut_start
        while piece_start < piece_end and text[piece_start] in _PIECE_EDGE:
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1] in _PIECE_EDGE:
            piece_end -= 1
        if any(char.isalnum() for char in text[piece_start:piece_end]):
            pieces.append((piece_start, piece_end))
        start = max(start, cut_end)
    return pieces


def evaluate(split: Path, analyzer: Analyzer) -> tuple[Scores, int, float]:
    articles = split_articles(split)
    documents = [
        item for article in articles for item in load_path(str(article.text), raw_text=True)
    ]
    scores = Scores()
    started = time.perf_counter()
    results = list(analyzer.analyze_stream(documents))
    seconds = time.perf_counter() - started
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, Exception):
            raise result
        text = result.document.text
        scores.add(
            text,
            gold_extents(text, read_attributions(article.annotation)),
            predicted_extents(result),
        )
    return scores, len(articles), seconds


def table(scores: Scores) -> str:
    lines = [
        "| role | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for role in ROWS:
        cells = [*scores.exact[role].scores(), *scores.overlap[role].scores()]
        lines.append(f"| {role} | " + " | ".join(f"{100 * value:.1f}" for value in cells) + " |")
    return "\n".join(lines)


def comparison(scores: Scores) -> str:
    lines = ["| system | source | cue | content |", "|---|---|---|---|"]
    ours = [100 * scores.exact[role].scores()[2] for role in ROLES]
    lines.append("| newsledger (dev) | " + " | ".join(f"{value:.1f}" for value in ours) + " |")
    for name, values in PUBLISHED:
        lines.append(f"| {name} | " + " | ".join(f"{value:.1f}" for value in values) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=_DEFAULT_DATA, help="the PolNeAR folder")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    args = parser.parse_args(argv)
    split = args.data / args.split
    if not (split / "attributions").is_dir():
        print(
            f"polnear: no PolNeAR split at {split} (expected attributions/ and text/);"
            " pass --data PATH to the PolNeAR folder",
            file=sys.stderr,
        )
        return 2
    scores, articles, seconds = evaluate(split, Analyzer())
    print(f"PolNeAR {args.split}, {articles} articles, {articles / seconds:.2f} articles/s\n")
    print(table(scores))
    print()
    print("Exact F1 next to the published rows (those are on PolNeAR test):\n")
    print(comparison(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
