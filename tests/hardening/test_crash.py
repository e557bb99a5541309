"""Crash safety: an ingest killed with SIGKILL in the middle of 1,000 documents, then rerun,
stores every document exactly once with all its rows; so do two ingests of the same documents
running at once against PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsledger.corpus import open_database
from newsledger.corpus.models import DocumentRow, StatementRow
from newsledger.errors import StoreError
from newsledger.schema import Analysis
from tests.corpus.conftest import own_schema, pg_url
from tests.corpus.sample import sample_corpus

DOCUMENTS = 1000
BATCH = 20


def _corpus(count: int) -> list[Analysis]:
    """`count` distinct documents: the sample corpus's articles under new ids and titles."""
    sample = sample_corpus()
    copies = []
    for number in range(count):
        analysis = sample[number % len(sample)]
        document = analysis.document.model_copy(
            update={"id": f"crash-{number:05d}", "title": f"{analysis.document.title} #{number}"}
        )
        copies.append(analysis.model_copy(update={"document": document}))
    return copies


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Analysis]]:
    analyses = _corpus(DOCUMENTS)
    path = tmp_path_factory.mktemp("crash") / "analyses.jsonl"
    path.write_text("".join(a.to_json() + "\n" for a in analyses), encoding="utf-8")
    return path, analyses


def _command(source: Path, target: str, config: Path) -> list[str]:
    return [sys.executable, "-m", "newsledger", "ingest", "--analysed", str(source),
            "--db", target, "--config", str(config)]  # fmt: skip


def _counts(target: str) -> tuple[Counter[str], dict[str, int]]:
    """How many times each document id is stored, and each document's statement rows."""
    with open_database(target) as database, database.reading() as session:
        ids = Counter(session.scalars(select(DocumentRow.id)))
        query = (
            select(DocumentRow.id, func.count(StatementRow.local_id))
            .outerjoin(StatementRow, StatementRow.document_pk == DocumentRow.pk)
            .group_by(DocumentRow.id)
        )
        statements = {document: count for document, count in session.execute(query)}
    return ids, statements


def _assert_complete(target: str, analyses: list[Analysis]) -> None:
    ids, statements = _counts(target)
    assert set(ids) == {a.document.id for a in analyses}
    assert set(ids.values()) == {1}, "a document stored twice"
    assert statements == {a.document.id: len(a.statements) for a in analyses}


def _stored(target: str) -> int:
    try:
        with open_database(target, migrate=False) as database, database.reading() as session:
            return session.scalar(select(func.count()).select_from(DocumentRow)) or 0
    except StoreError:
        # Before the first migration has committed there is no table to count yet.
        return 0


def test_a_killed_ingest_of_1000_documents_completes_on_rerun(
    corpus_file: tuple[Path, list[Analysis]], tmp_path: Path
) -> None:
    source, analyses = corpus_file
    config = tmp_path / "settings.toml"
    config.write_text(f"[newsledger]\nstore_batch_size = {BATCH}\n")
    target = str(tmp_path / "ledger.db")
    child = subprocess.Popen(
        _command(source, target, config), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    while _stored(target) < 5 * BATCH and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    survived = _stored(target)
    assert 0 < survived < DOCUMENTS, "the kill did not land in the middle"
    assert survived % BATCH == 0, "a batch was stored in part"

    rerun = subprocess.run(
        _command(source, target, config), capture_output=True, text=True, check=False
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {survived} (already stored)" in rerun.stderr
    _assert_complete(target, analyses)


def test_two_ingests_at_once_on_postgresql_store_each_document_once(
    corpus_file: tuple[Path, list[Analysis]], tmp_path: Path
) -> None:
    url = own_schema(pg_url(), "crash")
    source, analyses = corpus_file
    config = tmp_path / "settings.toml"
    config.write_text(f"[newsledger]\nstore_batch_size = {BATCH}\n")
    runs = [
        subprocess.Popen(
            _command(source, url, config),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=600)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    _assert_complete(url, analyses)
