"""Batches and kills: an ingest killed at any moment leaves whole documents, and a rerun
completes the store as if it had never been interrupted."""

from __future__ import annotations

import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsledger.corpus import Database, open_database
from newsledger.corpus.intake import IngestReport, StoredIds, ingest, unstored
from newsledger.corpus.store import Linker
from newsledger.errors import IngestError
from newsledger.schema import Analysis, Document, document_id
from tests.corpus.test_exchange import exported

BATCH = 25
COPIES = 1000
CHILD_TABLES = {
    "document_entities": "entities",
    "statements": "statements",
    "events": "events",
}


def copies(sample: list[Analysis], count: int) -> list[Analysis]:
    """`count` distinct documents: the sample's, each with a numbered sentence appended (the
    spans still hold, as they all come before it)."""
    made = []
    for index in range(count):
        analysis = sample[index % len(sample)]
        text = f"{analysis.document.text} Report {index}."
        document = analysis.document.model_copy(update={"text": text, "id": document_id(text)})
        made.append(analysis.model_copy(update={"document": document}))
    return made


def _rows(path: Path) -> dict[str, dict[str, int]]:
    """Per stored document id, how many rows of each kind it has."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        found: dict[str, dict[str, int]] = {
            row[0]: {} for row in connection.execute("SELECT id FROM documents")
        }
        for table in CHILD_TABLES:
            query = (
                "SELECT d.id, count(c.document_pk) FROM documents d"
                f" LEFT JOIN {table} c ON c.document_pk = d.pk GROUP BY d.id"  # names: CHILD_TABLES
            )
            for document, count in connection.execute(query):
                found[document][table] = count
    return found


def _stored(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet, or no tables yet
        return 0


def test_a_killed_ingest_leaves_whole_documents_and_a_rerun_completes_it(
    sample: list[Analysis], tmp_path: Path, linker: Linker
) -> None:
    analyses = copies(sample, COPIES)
    source = tmp_path / "analyses.jsonl"
    source.write_text("".join(a.to_json() + "\n" for a in analyses), encoding="utf-8")
    config = tmp_path / "settings.toml"
    config.write_text(f"[newsledger]\nstore_batch_size = {BATCH}\n")
    store = tmp_path / "killed.db"
    command = [
        sys.executable, "-m", "newsledger", "ingest", "--analysed", str(source),
        "--db", str(store), "--config", str(config),
    ]  # fmt: skip
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _stored(store) < 2 * BATCH and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"

    expected = {
        a.document.id: {
            "document_entities": len(a.entities),
            "statements": len(a.statements),
            "events": len(a.events),
        }
        for a in analyses
    }
    survived = _rows(store)
    assert 0 < len(survived) < COPIES
    assert len(survived) % BATCH == 0, "a batch was stored in part"
    assert all(rows == expected[document] for document, rows in survived.items())

    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {len(survived)} (already stored)" in rerun.stderr
    assert _rows(store) == expected

    with open_database(str(tmp_path / "whole.db")) as whole, open_database(str(store)) as killed:
        ingest(whole, analyses, linker=linker, batch_size=BATCH)
        assert exported(killed) == exported(whole)


def test_unstored_passes_errors_and_counts_what_it_skips(
    database: Database, sample: list[Analysis], linker: Linker
) -> None:
    ingest(database, sample[:3], linker=linker, batch_size=2)
    error = IngestError("broken", source="x.html")
    items: list[Document | IngestError] = [a.document for a in sample] + [error]
    report = IngestReport()
    left = list(unstored(database, items, batch_size=4, report=report))
    assert left == [*(a.document for a in sample[3:]), error]
    assert report.skipped == 3


def test_stored_ids_travel_to_another_process_as_the_stores_url(
    database: Database, sample: list[Analysis], linker: Linker
) -> None:
    ingest(database, sample[:2], linker=linker, batch_size=2)
    stored = pickle.loads(pickle.dumps(StoredIds(database.url)))
    asked = [a.document.id for a in sample[:4]]
    assert stored(asked) == set(asked[:2])
    assert stored([]) == set()


def test_ingest_counts_failures_and_saves_the_rest(
    database: Database, sample: list[Analysis], linker: Linker
) -> None:
    errors: list[str] = []
    error = IngestError("broken", source="x.html")
    report = ingest(
        database, [sample[0], error, *sample[1:]], linker=linker, batch_size=3,
        on_error=lambda e: errors.append(str(e)),
    )  # fmt: skip
    assert (report.stored, report.failed) == (len(sample), 1)
    assert errors == ["x.html: broken"]
