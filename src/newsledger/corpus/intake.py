"""Streams into the store: documents not yet stored out, analyses in, one transaction per batch.

`ingest` is how `newsledger ingest` stores, and the one place that decides what a batch is: a
kill between two commits leaves whole documents only, and a rerun skips what is stored.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from newsledger.corpus.database import Database, open_database
from newsledger.corpus.store import Linker, SaveReport, save_analyses, stored_ids
from newsledger.errors import NewsledgerError
from newsledger.schema import Analysis, Document


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0
    replaced: int = 0
    failed: int = 0

    def add(self, saved: SaveReport) -> None:
        self.stored += saved.stored
        self.skipped += saved.skipped
        self.replaced += saved.replaced


def unstored(
    database: Database,
    items: Iterable[Document | NewsledgerError],
    *,
    batch_size: int,
    report: IngestReport,
) -> Iterator[Document | NewsledgerError]:
    """The documents of `items` that the store lacks (errors pass through), so that a rerun
    analyses only what the last run did not store; what is left out counts as skipped."""
    iterator = iter(items)
    while batch := list(islice(iterator, batch_size)):
        ids = [item.id for item in batch if isinstance(item, Document)]
        with database.reading() as session:
            stored = stored_ids(session=session, ids=ids)
        for item in batch:
            if isinstance(item, Document) and item.id in stored:
                report.skipped += 1
            else:
                yield item


@dataclass(frozen=True)
class StoredIds:
    """Which of some document ids the store at `url` holds, asked from any process: the skip
    filter of `ingest --jobs`, whose workers leave stored documents unanalysed. It pickles as
    its URL and opens the store once per process, for reading only."""

    url: str

    def __call__(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        with _reader(self.url).reading() as session:
            return stored_ids(session=session, ids=ids)


@functools.cache
def _reader(url: str) -> Database:
    # The process that runs `ingest` has brought the schema up to date before any worker asks.
    return open_database(url, migrate=False)


def ingest(
    database: Database,
    items: Iterable[Analysis | NewsledgerError],
    *,
    linker: Linker,
    batch_size: int,
    reanalyse: bool = False,
    on_error: Callable[[NewsledgerError], None] = lambda _: None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Store every analysis of `items`, `batch_size` per transaction; errors go to `on_error`."""
    report = report if report is not None else IngestReport()
    batch: list[Analysis] = []
    for item in items:
        if isinstance(item, NewsledgerError):
            report.failed += 1
            on_error(item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            _save(database, batch, linker, reanalyse, report)
            batch = []
    if batch:
        _save(database, batch, linker, reanalyse, report)
    return report


def _save(
    database: Database, batch: list[Analysis], linker: Linker, reanalyse: bool, report: IngestReport
) -> None:
    with database.transaction() as session:
        report.add(
            save_analyses(session=session, analyses=batch, linker=linker, reanalyse=reanalyse)
        )
