"""Main-text extraction on the Article Extraction Benchmark: our HTML ingest against trafilatura.

Usage: `.venv/bin/python eval/aeb.py [--data ../shared/data/aeb]`

The benchmark (Zyte/Scrapinghub, MIT) has 91 news and blog pages, `html/<id>.html.gz`, and
`ground-truth.json` mapping each id to its `articleBody`. Both systems are scored the way the
benchmark's own `evaluate.py` scores them, so our numbers sit next to the published ones
(trafilatura 2.0: F1 0.958):

- Text is tokenised into `\\w+` runs. Shingle F1 compares the multisets of word 4-shingles
  (a text shorter than four tokens is one shingle); token F1 compares the multisets of tokens.
- Per page, true positives, false positives and false negatives are divided by their sum, so
  that long pages weigh no more than short ones.
- Precision and recall are averaged over pages (precision over pages where the system output
  something, recall over pages with a reference), and F1 is their harmonic mean. A page where
  a system outputs nothing therefore costs recall, not precision.

"Ours" is `newsledger.ingest.load_bytes` on the gzip file as it is, so it measures the whole
gate (gzip, encoding detection, HTML sniffing), scored on `document.text`. "trafilatura" is
`trafilatura.extract` with its default settings on the decompressed bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import trafilatura

from newsledger.ingest import load_bytes
from newsledger.schema import Document

_DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "aeb"
_TOKEN = re.compile(r"\w+")
_SHINGLE = 4

Counts = tuple[float, float, float]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, size: int = _SHINGLE) -> Counter[tuple[str, ...]]:
    words = tokens(text)
    return Counter(
        tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)) if words
    )


def counts(reference: Counter[tuple[str, ...]], output: Counter[tuple[str, ...]]) -> Counts:
    """True positives, false positives and false negatives as shares of their sum."""
    tp = sum((reference & output).values())
    fp = sum((output - reference).values())
    fn = sum((reference - output).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(pages: Iterable[Counts]) -> tuple[float, float, float]:
    """Precision, recall and F1, averaged over pages as the benchmark does."""
    rows = list(pages)
    precision = statistics.mean(
        1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in rows if tp + fp > 0
    )
    recall = statistics.mean(
        1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in rows if tp + fn > 0
    )
    return precision, recall, 2 * precision * recall / (precision + recall)


def ours(compressed: bytes, page_id: str) -> str:
    for item in load_bytes(compressed, name=f"{page_id}.html.gz"):
        return item.text if isinstance(item, Document) else ""
    return ""


def trafilatura_default(compressed: bytes, page_id: str) -> str:
    return trafilatura.extract(gzip.decompress(compressed)) or ""


def evaluate(data: Path) -> str:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    systems: dict[str, Callable[[bytes, str], str]] = {
        "newsledger ingest": ours,
        "trafilatura.extract (defaults)": trafilatura_default,
    }
    lines = [
        f"AEB, {len(truth)} pages ({data})",
        "",
        "| system | shingle P | shingle R | shingle F1 | token P | token R | token F1"
        " | empty | seconds |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, extract in systems.items():
        started = time.perf_counter()
        by_shingle: list[Counts] = []
        by_token: list[Counts] = []
        empty = 0
        for page_id, entry in sorted(truth.items()):
            reference = entry.get("articleBody", "")
            output = extract((data / "html" / f"{page_id}.html.gz").read_bytes(), page_id)
            empty += not output.strip()
            by_shingle.append(counts(shingles(reference), shingles(output)))
            by_token.append(counts(shingles(reference, 1), shingles(output, 1)))
        cells = [f"{value:.3f}" for value in (*scores(by_shingle), *scores(by_token))]
        seconds = time.perf_counter() - started
        lines.append(f"| {name} | {' | '.join(cells)} | {empty} | {seconds:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=_DEFAULT_DATA, help="the AEB folder")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(
            f"aeb: no benchmark at {args.data} (expected ground-truth.json and html/);"
            " pass --data PATH to the Article Extraction Benchmark folder",
            file=sys.stderr,
        )
        return 2
    print(evaluate(args.data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
