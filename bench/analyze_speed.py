"""Throughput and peak memory of `analyze` next to bare spaCy `nlp.pipe`, in one run.

    .venv/bin/python bench/analyze_speed.py [--articles DIR] [--rounds 2]

Each measurement runs in a fresh child process, so its peak RSS is its own and neither pass
warms the other's caches; passes alternate (bare, bare with the table, full, bare, ...) and the
best round of each is reported, so background load hits all sides alike. Bare spaCy is the model as
shipped (`spacy.load`), its own attribute ruler included; `analyze` loads it through `load_nlp`,
which puts an equivalent table in the ruler's place, so the model `analyze` runs is timed bare
as well: the second ratio is what the stages after spaCy cost.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import resource
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from install import install_kind, warn_if_training_install

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_ARTICLES = Path(__file__).resolve().parents[1] / "../shared/data/ptc/train-articles"


def _texts(folder: Path) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]


def _bare(folder: Path, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    import spacy

    from newsledger.analyze.nlp import MODEL_NAME

    _time_spacy(spacy.load(MODEL_NAME), folder, queue)


def _bare_with_table(folder: Path, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from newsledger.analyze.nlp import load_nlp

    _time_spacy(load_nlp(), folder, queue)


def _time_spacy(
    nlp: Language,
    folder: Path,
    queue: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:
    texts = _texts(folder)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    elapsed = time.perf_counter() - started
    queue.put((elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, {}))


def _full(folder: Path, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from newsledger.analyze.pipeline import Analyzer
    from newsledger.ingest import load_path

    paths = sorted(folder.glob("*.txt"))
    analyzer = Analyzer()
    started = time.perf_counter()
    documents = [item for path in paths for item in load_path(str(path), raw_text=True)]
    ingest_done = time.perf_counter()
    results = list(analyzer.analyze_stream(documents))
    elapsed = time.perf_counter() - started
    stages = {"ingest": ingest_done - started, **analyzer.timings}
    assert all(not isinstance(item, Exception) for item in results), "an article failed"
    queue.put((elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, stages))


def _measure(target: object, folder: Path) -> tuple[float, int, dict[str, float]]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(folder, queue))
    process.start()
    result = queue.get()
    process.join()
    return result  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    warn_if_training_install()
    if not args.articles.is_dir():
        print(f"bench: {args.articles} not found (it lives in ../shared/data)", file=sys.stderr)
        return 2
    texts = _texts(args.articles)
    words = sum(len(text.split()) for text in texts)
    bare_runs, table_runs, full_runs = [], [], []
    for _ in range(args.rounds):
        bare_runs.append(_measure(_bare, args.articles))
        table_runs.append(_measure(_bare_with_table, args.articles))
        full_runs.append(_measure(_full, args.articles))
    bare = min(bare_runs, key=lambda run: run[0])
    table = min(table_runs, key=lambda run: run[0])
    full = min(full_runs, key=lambda run: run[0])
    print(
        f"{len(texts)} articles, {words} words; {platform.processor() or platform.machine()}, "
        f"best of {args.rounds} rounds, one process each; {install_kind()}\n"
    )
    print("| pipeline | seconds | articles/s | words/s | peak RSS (MB) |")
    print("|---|---|---|---|---|")
    passes = (
        ("bare spaCy nlp.pipe", bare),
        ("bare spaCy, attribute table (`load_nlp`)", table),
        ("newsledger analyze", full),
    )
    for name, (elapsed, rss_kb, _) in passes:
        print(
            f"| {name} | {elapsed:.1f} | {len(texts) / elapsed:.1f} | {words / elapsed:,.0f} "
            f"| {rss_kb / 1024:.0f} |"
        )
    print(f"\nanalyze / bare spaCy throughput: {bare[0] / full[0]:.2f}x")
    print(f"analyze / the spaCy it runs (attribute table): {table[0] / full[0]:.2f}x\n")
    print("| stage | seconds | share |")
    print("|---|---|---|")
    for stage, seconds in full[2].items():
        print(f"| {stage} | {seconds:.2f} | {seconds / full[0]:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
