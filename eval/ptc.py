"""Propaganda-technique spans on the PTC validation split: SemEval-2020 Task 11 metrics.

Usage: `.venv/bin/python eval/ptc.py [--data ../shared/data/ptc] [--split validation]`

The Propaganda Techniques Corpus (research use) has 371 training articles with gold technique
spans. `split()` divides them by article id with a fixed seed into `fit` (trains the tagger),
`tune` (picks the epoch and the P(inside) threshold) and `validation` (reported here, never used
for a decision). `scripts/train_encoder.py` imports this module for the same split and metric.

Each validation article is read with `newsledger.ingest.load_path(path, raw_text=True)`, so
offsets match the corpus, and analysed by `newsledger.analyze.Analyzer`. Scores:

- SI (span identification), as in the task: overlapping spans are merged per article, then
  precision = Σ over predicted spans of overlap/predicted length ÷ #predicted and
  recall = Σ over gold spans of overlap/gold length ÷ #gold, summed over all articles.
- Technique-aware: the same, where a predicted span counts only against gold spans of its own
  technique (spans of one technique merged per article); overall and per technique.
- Baseline: the same predicted spans, all labelled Loaded_Language.

Exits 2 when the shared data is absent.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc"
SEED = 20_200_911
N_VALIDATION = 71
N_TUNE = 30
TOP_TECHNIQUES = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
)

Interval = tuple[int, int]


@dataclass
class Article:
    id: str
    path: Path
    text: str
    spans: list[Interval] = field(default_factory=list)  # merged, for SI
    techniques: list[tuple[str, int, int]] = field(default_factory=list)  # as annotated


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping intervals joined into one; touching ones are kept apart."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def load_ptc(root: Path) -> dict[str, Article]:
    """Every training article with its merged SI spans and its technique spans."""
    articles: dict[str, Article] = {}
    for path in sorted((root / "train-articles").glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")
        articles[article_id] = Article(id=article_id, path=path, text=text)
    raw: dict[str, list[Interval]] = defaultdict(list)
    for line in (root / "train-task-flc-tc.labels").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        article_id, technique, start, end = line.split("\t")
        articles[article_id].techniques.append((technique, int(start), int(end)))
        raw[article_id].append((int(start), int(end)))
    for article_id, intervals in raw.items():
        articles[article_id].spans = merge(intervals)
    return articles


def split(ids: Iterable[str], seed: int = SEED) -> dict[str, list[str]]:
    """fit / tune / validation article ids, by a seeded shuffle of the sorted ids."""
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return {
        "validation": sorted(order[:N_VALIDATION]),
        "tune": sorted(order[N_VALIDATION : N_VALIDATION + N_TUNE]),
        "fit": sorted(order[N_VALIDATION + N_TUNE :]),
    }


@dataclass
class Score:
    precision_sum: float = 0.0
    predicted: int = 0
    recall_sum: float = 0.0
    gold: int = 0

    def add(self, gold: list[Interval], predicted: list[Interval]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        for p_start, p_end in predicted:
            for g_start, g_end in gold:
                overlap = min(p_end, g_end) - max(p_start, g_start)
                if overlap > 0:
                    self.precision_sum += overlap / (p_end - p_start)
                    self.recall_sum += overlap / (g_end - g_start)

    @property
    def precision(self) -> float:
        return self.precision_sum / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.recall_sum / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def by_technique(spans: Iterable[tuple[str, int, int]]) -> dict[str, list[Interval]]:
    grouped: dict[str, list[Interval]] = defaultdict(list)
    for technique, start, end in spans:
        grouped[technique].append((start, end))
    return {technique: merge(intervals) for technique, intervals in grouped.items()}


def si_score(gold: Mapping[str, list[Interval]], predicted: Mapping[str, list[Interval]]) -> Score:
    score = Score()
    for article_id, spans in gold.items():
        score.add(merge(spans), merge(predicted.get(article_id, [])))
    return score


def technique_scores(
    gold: Mapping[str, list[tuple[str, int, int]]],
    predicted: Mapping[str, list[tuple[str, int, int]]],
) -> dict[str, Score]:
    """Technique-aware scores: key "all" for every technique together, then one per technique."""
    scores: dict[str, Score] = defaultdict(Score)
    for article_id, spans in gold.items():
        gold_by = by_technique(spans)
        predicted_by = by_technique(predicted.get(article_id, []))
        for technique in set(gold_by) | set(predicted_by):
            g = gold_by.get(technique, [])
            p = predicted_by.get(technique, [])
            scores["all"].add(g, p)
            scores[technique].add(g, p)
    return scores


def _row(name: str, score: Score) -> str:
    return (
        f"| {name} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} "
        f"| {score.predicted} | {score.gold} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("validation", "tune", "fit"), default="validation")
    parser.add_argument("--threshold", type=float, default=None, help="technique threshold")
    args = parser.parse_args(argv)
    if not (args.data / "train-task-flc-tc.labels").is_file():
        print(f"ptc: no PTC data at {args.data}", file=sys.stderr)
        return 2

    from newsledger.analyze.pipeline import Analyzer
    from newsledger.config import load_settings
    from newsledger.errors import NewsledgerError
    from newsledger.ingest import load_path

    articles = load_ptc(args.data)
    ids = split(articles)[args.split]
    analyzer = Analyzer(load_settings(technique_threshold=args.threshold))
    predicted: dict[str, list[tuple[str, int, int]]] = {}
    documents = []
    shift: dict[str, int] = {}
    for article_id in ids:
        article = articles[article_id]
        (document,) = list(load_path(str(article.path), raw_text=True))
        # Ingest drops a byte-order mark; the corpus's offsets count it.
        shift[article_id] = len(article.text) - len(document.text)
        if article.text[shift[article_id] :] != document.text or shift[article_id] not in (0, 1):
            print(f"ptc: article {article_id}: raw text differs from the file", file=sys.stderr)
            return 1
        documents.append(document)
    failed = 0
    started = time.perf_counter()
    for article_id, result in zip(ids, analyzer.analyze_stream(documents), strict=True):
        if isinstance(result, NewsledgerError):
            # Scored as predicting nothing, and said.
            print(f"ptc: article {article_id}: {result}", file=sys.stderr)
            failed += 1
            continue
        offset = shift[article_id]
        predicted[article_id] = [
            (span.technique, span.span.start + offset, span.span.end + offset)
            for span in result.framing.techniques
        ]
    elapsed = time.perf_counter() - started

    gold_si = {i: articles[i].spans for i in ids}
    predicted_si = {i: [(s, e) for _, s, e in spans] for i, spans in predicted.items()}
    gold_tc = {i: articles[i].techniques for i in ids}
    baseline = {
        i: [("Loaded_Language", s, e) for s, e in spans] for i, spans in predicted_si.items()
    }
    aware = technique_scores(gold_tc, predicted)
    base = technique_scores(gold_tc, baseline)

    print(
        f"PTC {args.split} split: {len(ids)} articles ({failed} failed), "
        f"{elapsed:.1f} s analysis ({len(ids) / elapsed:.2f} articles/s)"
    )
    print()
    print("| score | P | R | F1 | predicted | gold |")
    print("|---|---|---|---|---|---|")
    print(_row("SI (span identification)", si_score(gold_si, predicted_si)))
    print(_row("technique-aware, all", aware["all"]))
    print(_row("baseline: same spans, all Loaded_Language", base["all"]))
    for technique in TOP_TECHNIQUES:
        print(_row(f"technique-aware, {technique}", aware[technique]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
