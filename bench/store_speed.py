"""Store speed: ingest rate, and query latency on a generated corpus, on SQLite and PostgreSQL.

    .venv/bin/python bench/store_speed.py [--documents 100000] [--pg URL] [--queries 300]

1. The PTC articles' analyses (`bench/out/ptc-analyses.jsonl`, made by analysing the 461
   articles of ../shared/data/ptc the first time) are the seed.
2. A corpus of `--documents` analyses is generated from them, each a copy of a seed article
   perturbed: another site, section and date; a sentence of corpus words appended, so every
   copy's text and id differ; a third of its entities renamed, so canonical entities keep
   growing with the corpus. Where the seed has no statements or techniques (stages not built
   yet), they are synthesised: each quotation with a reporting verb in its sentence becomes a
   statement, and two technique spans per article are drawn at random.
3. The corpus is stored in batches of `store_batch_size`; the time of each `save_analyses`
   transaction gives the store's ingest rate (parsing excluded). `newsledger ingest --analysed`
   on a JSON Lines file of 5,000 of the documents gives the rate end to end, parsing included.
4. On the full store: `--queries` searches (words, phrases, filters, facets included), entity
   pages and related-article queries; their p50 and p95 latencies.

Prints a Markdown table. `--keep-sqlite PATH` stores the SQLite corpus at PATH instead of a
temporary folder and leaves it there (for `bench/load.py`). PostgreSQL runs where `--pg` or
`NEWSLEDGER_TEST_PG_URL` names a database (its schema `bench` is dropped and rebuilt);
`.ci/with-postgres` starts one.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from newsledger.corpus import Database, SearchFilters, open_database, read_analyses
from newsledger.corpus.models import DocumentEntityRow, DocumentRow, EntityRow
from newsledger.corpus.store import Linker, entity_page, related_documents, save_analyses, search
from newsledger.schema import Analysis, Span, Speaker, Statement, TechniqueSpan, document_id

REPO = Path(__file__).resolve().parents[1]
PTC = REPO.parent / "shared" / "data" / "ptc"
OUT = REPO / "bench" / "out"
SITES = [f"outlet{number:02d}.example" for number in range(24)]
SECTIONS = [["World"], ["World", "Middle East"], ["US", "Politics"], ["Opinion"], ["Europe"], []]
FIRST_DAY, DAYS = date(2010, 1, 1), 3650
QUOTE = re.compile(r"[“\"]([^”\"]{20,400})[”\"]")
CUE = re.compile(r"\b(said|says|told|added|claimed|denied|insisted|warned)\b")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]")
WORD = re.compile(r"[A-Za-z]{4,}")
BATCH = 500
END_TO_END_DOCUMENTS = 5000


def seed_analyses() -> list[Analysis]:
    path = OUT / "ptc-analyses.jsonl"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        folders = [str(PTC / "train-articles"), str(PTC / "unlabeled-articles")]
        print(f"analysing the PTC articles once into {path} ...", file=sys.stderr)
        with path.open("w", encoding="utf-8") as out:
            subprocess.run(
                [sys.executable, "-m", "newsledger", "analyze", "--format", "jsonl", *folders],
                stdout=out,
                check=False,
            )
    return [item for item in read_analyses(str(path)) if isinstance(item, Analysis)]


def _techniques() -> list[str]:
    listed = PTC / "techniques.txt"
    return listed.read_text(encoding="utf-8").split() if listed.exists() else ["Loaded_Language"]


def _synthetic_statements(analysis: Analysis) -> list[Statement]:
    """Each quotation whose sentence has a reporting verb, spoken by a person named there."""
    text = analysis.document.text
    persons = [
        (mention.start, entity.id)
        for entity in analysis.entities
        if entity.type == "PERSON"
        for mention in entity.mentions
    ]
    statements = []
    for sentence in SENTENCE.finditer(text):
        found, cue = QUOTE.search(sentence[0]), CUE.search(sentence[0])
        if not found or not cue:
            continue
        base = sentence.start()
        speaker = next((e for start, e in persons if base <= start < sentence.end()), None)
        statements.append(
            Statement(
                id=f"s{len(statements) + 1}",
                speaker=Speaker(entity=speaker, kind="named" if speaker else "unattributed"),
                cue=Span.of(text, base + cue.start(), base + cue.end()),
                content=Span.of(text, base + found.start(1), base + found.end(1)),
            )
        )
    return statements


def _synthetic_techniques(analysis: Analysis, rng: random.Random) -> list[TechniqueSpan]:
    text, names = analysis.document.text, _techniques()
    words = list(WORD.finditer(text))
    spans = []
    for _ in range(min(2, len(words))):
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + rng.randrange(4))
        span = Span.of(text, words[first].start(), words[last].end())
        spans.append(TechniqueSpan(technique=rng.choice(names), span=span, score=0.8))
    return spans


class Corpus:
    """Perturbed copies of the seed analyses, generated on demand, the same for every seed."""

    def __init__(self, seeds: list[Analysis]) -> None:
        rng = random.Random(7)
        self.seeds = [
            seed.model_copy(
                update={
                    "statements": seed.statements or _synthetic_statements(seed),
                    "framing": seed.framing.model_copy(
                        update={
                            "techniques": seed.framing.techniques
                            or _synthetic_techniques(seed, rng)
                        }
                    ),
                }
            )
            for seed in seeds
        ]
        self.vocabulary = sorted({w.lower() for s in seeds for w in WORD.findall(s.document.text)})

    def copy(self, number: int) -> Analysis:
        rng = random.Random(number)
        seed = self.seeds[number % len(self.seeds)]
        extra = " ".join(rng.choice(self.vocabulary) for _ in range(12))
        body = f"{seed.document.text}\n\n{extra.capitalize()}, report {number}."
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        document = seed.document.model_copy(
            update={
                "id": document_id(body),
                "text": body,
                "site": rng.choice(SITES),
                "section": rng.choice(SECTIONS),
                "published": day.isoformat(),
            }
        )
        variant = number // len(self.seeds) % 50
        entities = [
            entity.model_copy(update={"name": f"{entity.name} {variant}", "aliases": []})
            if variant and rng.random() < 0.33
            else entity
            for entity in seed.entities
        ]
        return seed.model_copy(update={"document": document, "entities": entities})

    def analyses(self, count: int) -> Iterator[Analysis]:
        return (self.copy(number) for number in range(count))


def store_corpus(database: Database, corpus: Corpus, count: int) -> float:
    """Store `count` documents; returns documents per second of the store transactions."""
    linker, spent, done = Linker(), 0.0, 0
    stream = corpus.analyses(count)
    while done < count:
        batch = [next(stream) for _ in range(min(BATCH, count - done))]
        started = time.perf_counter()
        with database.transaction() as session:
            save_analyses(session=session, analyses=batch, linker=linker)
        spent += time.perf_counter() - started
        done += len(batch)
        if done % 10_000 == 0:
            print(f"  stored {done} ({done / spent:.0f} documents/s)", file=sys.stderr)
    return count / spent


def end_to_end(corpus: Corpus, target: str, count: int) -> float:
    """`newsledger ingest --analysed` on a fresh store, timed from the outside."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "analyses.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for analysis in corpus.analyses(count):
                out.write(analysis.to_json() + "\n")
        started = time.perf_counter()
        command = [sys.executable, "-m", "newsledger", "ingest", "--analysed", str(source)]
        subprocess.run([*command, "--db", target], check=True, capture_output=True)
        return count / (time.perf_counter() - started)


def most_mentioned(session: Session, count: int) -> list[str]:
    """The names of the `count` canonical entities in the most documents (the heaviest pages)."""
    return list(
        session.scalars(
            select(EntityRow.name)
            .join(DocumentEntityRow, DocumentEntityRow.entity_id == EntityRow.id)
            .group_by(EntityRow.id, EntityRow.name)
            .order_by(func.count().desc())
            .limit(count)
        )
    )


def _search_cases(
    corpus: Corpus, database: Database, count: int
) -> list[tuple[str, SearchFilters]]:
    rng = random.Random(11)
    titles = [WORD.findall(seed.document.title or "") for seed in corpus.seeds]
    titles = [words for words in titles if len(words) >= 2]
    with database.reading() as session:
        entities = most_mentioned(session, 50)
    categories = sorted({e.category for s in corpus.seeds for e in s.events if e.category})
    techniques = _techniques()

    def one_filter() -> dict[str, str]:
        kind = rng.choice(["site", "section", "entity", "technique", "category", "dates"])
        if kind == "dates":
            year = rng.randrange(2010, 2020)
            return {"since": f"{year}-01-01", "until": f"{year}-06"}
        choices = {
            "site": SITES,
            "section": ["Middle East", "Politics", "World", "Opinion"],
            "entity": entities,
            "technique": techniques,
            "category": categories or ["ASSAULT"],
        }[kind]
        return {kind: rng.choice(choices)}

    cases = []
    for _ in range(count):
        words = rng.choice(titles)
        roll = rng.random()
        if roll < 0.4:
            cases.append((rng.choice(words), SearchFilters()))
        elif roll < 0.6:
            start = rng.randrange(len(words) - 1)
            cases.append((f'"{words[start]} {words[start + 1]}"', SearchFilters()))
        elif roll < 0.8:
            cases.append((rng.choice(words), SearchFilters(**one_filter())))
        elif roll < 0.9:
            cases.append(("", SearchFilters(**one_filter())))
        else:
            cases.append((rng.choice(words), SearchFilters(**{**one_filter(), **one_filter()})))
    return cases


def _latencies(calls: list[Callable[[], object]]) -> tuple[float, float]:
    for call in calls[:10]:  # warm the caches, as a running server's would be
        call()
    spent = []
    for call in calls:
        started = time.perf_counter()
        call()
        spent.append((time.perf_counter() - started) * 1000)
    return statistics.median(spent), statistics.quantiles(spent, n=20)[18]


def query_latencies(
    database: Database, corpus: Corpus, count: int
) -> dict[str, tuple[float, float]]:
    rng = random.Random(13)

    def reading(function: Callable[..., object], **arguments: object) -> Callable[[], object]:
        def call() -> object:
            with database.reading() as session:
                return function(session=session, **arguments)

        return call

    searches = [
        reading(search, query=query, filters=filters)
        for query, filters in _search_cases(corpus, database, count)
    ]
    with database.reading() as session:
        names = list(session.scalars(select(EntityRow.name).order_by(EntityRow.id).limit(20_000)))
        frequent = most_mentioned(session, 100)
        total = session.scalar(select(func.count()).select_from(DocumentRow)) or 1
        ids = list(
            session.scalars(
                select(DocumentRow.id).where(
                    DocumentRow.pk.in_([rng.randrange(1, total) for _ in range(count)])
                )
            )
        )
    pages = [
        reading(entity_page, name=rng.choice(frequent if rng.random() < 0.5 else names))
        for _ in range(count)
    ]
    related = [reading(related_documents, document_id=document) for document in ids]
    return {
        "search": _latencies(searches),
        "entity page": _latencies(pages),
        "related": _latencies(related),
    }


def _size(database: Database) -> str:
    with database.engine.connect() as connection:
        if database.backend == "sqlite":
            pages = connection.execute(text("PRAGMA page_count")).scalar() or 0
            size = pages * (connection.execute(text("PRAGMA page_size")).scalar() or 0)
        else:
            size = (
                connection.execute(text("SELECT pg_database_size(current_database())")).scalar()
                or 0
            )
    return f"{size / 2**30:.1f} GiB"


def _postgres_target(url: str) -> str:
    with open_database(url, migrate=False) as bare, bare.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS bench CASCADE"))
        connection.execute(text("CREATE SCHEMA bench"))
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote('-csearch_path=bench')}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--pg", default=os.environ.get("NEWSLEDGER_TEST_PG_URL"))
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--keep-sqlite", type=Path, help="store the SQLite corpus here and keep it")
    args = parser.parse_args()
    if args.keep_sqlite is not None and args.keep_sqlite.exists():
        parser.error(f"--keep-sqlite: {args.keep_sqlite} exists already")
    corpus = Corpus(seed_analyses())
    print(f"{len(corpus.seeds)} seed analyses", file=sys.stderr)
    rows: list[str] = []
    for backend in args.backends.split(","):
        if backend == "postgresql" and not args.pg:
            print("no PostgreSQL URL (--pg): PostgreSQL skipped", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory(dir=OUT if OUT.exists() else None) as folder:
            quick = _postgres_target(args.pg) if backend == "postgresql" else f"{folder}/quick.db"
            sample = min(END_TO_END_DOCUMENTS, args.documents)
            print(f"{backend}: end-to-end ingest of {sample}", file=sys.stderr)
            rate_end_to_end = end_to_end(corpus, quick, sample)
            print(f"{backend}: {rate_end_to_end:.0f} documents/s", file=sys.stderr)
            if backend == "postgresql":
                target = _postgres_target(args.pg)
            else:
                target = str(args.keep_sqlite or f"{folder}/bench.db")
            with open_database(target) as database:
                print(f"{backend}: storing {args.documents} documents", file=sys.stderr)
                rate = store_corpus(database, corpus, args.documents)
                print(f"{backend}: {rate:.0f} documents/s", file=sys.stderr)
                if backend == "postgresql":
                    with database.engine.connect() as connection:
                        connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                            text("ANALYZE")
                        )
                print(f"{backend}: queries", file=sys.stderr)
                latency = query_latencies(database, corpus, args.queries)
                cells = [f"{p50:.0f} / {p95:.0f}" for p50, p95 in latency.values()]
                row = f"| {backend} | {rate:.0f} | {rate_end_to_end:.0f} | {' | '.join(cells)} |"
                rows.append(f"{row} {_size(database)} |")
                print(rows[-1], file=sys.stderr)  # a later backend's failure keeps this one
    print(f"\n{args.documents:,} documents, {args.queries} queries of each kind (p50 / p95, ms)\n")
    columns = ["store ingest (docs/s)", "`ingest --analysed` (docs/s)", "search", "entity page"]
    print("| backend | " + " | ".join([*columns, "related", "size"]) + " |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
