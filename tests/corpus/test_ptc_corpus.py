"""The store on a real corpus: the 461 PTC articles, analysed by the current pipeline.

Analysing them costs minutes, so it happens once and the analyses are kept in pytest's cache,
keyed by the analysis code and the articles: a rerun with the same code reads them back. The
claim and dispute tests skip, saying why, while the pipeline finds no statements.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import spacy
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

import newsledger
from newsledger.analyze.parallel import analyze_files
from newsledger.config import Settings
from newsledger.corpus import Database, SearchFilters, open_database, read_analyses
from newsledger.corpus.intake import ingest
from newsledger.corpus.models import DocumentEntityRow, DocumentRow, StatementRow
from newsledger.corpus.store import (
    Linker,
    counts,
    disputes,
    entities_named,
    related_documents,
    search,
)
from newsledger.ingest import load_path
from newsledger.schema import Analysis, Document
from tests.conftest import shared_data
from tests.corpus.conftest import BACKENDS, pg_url
from tests.corpus.test_exchange import documents_jsonl, exported

PTC_FOLDERS = ("train-articles", "unlabeled-articles")
ANALYSIS_CODE = ("schema.py", "config.py", "ingest", "analyze")
KILLED_FILES = 16
KILLED_BATCH = 4


@pytest.fixture(scope="session")
def ptc_files() -> list[Path]:
    root = shared_data("ptc")
    return sorted(path for folder in PTC_FOLDERS for path in (root / folder).glob("*.txt"))


def _analysis_key(files: list[Path]) -> str:
    """What the analyses depend on: the analysis code, the spaCy version, the articles."""
    digest = hashlib.sha256(spacy.__version__.encode())
    package = Path(newsledger.__file__).parent
    for name in ANALYSIS_CODE:
        found = [package / name] if (package / name).is_file() else (package / name).rglob("*")
        for path in sorted(p for p in found if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(package)).encode() + path.read_bytes())
    for path in files:
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return digest.hexdigest()[:20]


@pytest.fixture(scope="session")
def ptc_analyses(request: pytest.FixtureRequest, ptc_files: list[Path]) -> list[Analysis]:
    cache = Path(request.config.cache.mkdir("newsledger-ptc-analyses"))
    path = cache / f"{_analysis_key(ptc_files)}.jsonl"
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
        return [Analysis.model_validate_json(line) for line in lines]
    # Two processes, as `newsledger analyze --jobs 2` runs: a clean checkout (CI) analyses the
    # whole corpus on every run, and one process leaves spaCy on a single core.
    found = analyze_files([str(f) for f in ptc_files], jobs=2, raw_text=False, settings=Settings())
    analyses = [item for item in found if isinstance(item, Analysis)]
    for old in cache.glob("*.jsonl"):
        old.unlink()
    path.write_text("".join(a.to_json() + "\n" for a in analyses), encoding="utf-8")
    return analyses


def _ptc_schema_url() -> str:
    """The test database with its own schema, so the PTC store outlives the per-test stores."""
    url = pg_url()
    with open_database(url, migrate=False) as bare, bare.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS ptc CASCADE"))
        connection.execute(text("CREATE SCHEMA ptc"))
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote('-csearch_path=ptc')}"


@pytest.fixture(scope="session", params=BACKENDS)
def ptc_store(
    request: pytest.FixtureRequest,
    ptc_analyses: list[Analysis],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Database]:
    if request.param == "postgresql":
        target = _ptc_schema_url()
    else:
        target = str(tmp_path_factory.mktemp("ptc") / "ledger.db")
    with open_database(target) as database:
        ingest(database, ptc_analyses, linker=Linker(), batch_size=100)
        yield database


def test_every_article_is_stored_once(ptc_store: Database, ptc_analyses: list[Analysis]) -> None:
    assert len(ptc_analyses) >= 450  # a stage may fail on a strange article; the rest go on
    with ptc_store.reading() as session:
        assert counts(session=session)["documents"] == len({a.document.id for a in ptc_analyses})


def test_names_from_different_articles_meet(ptc_store: Database) -> None:
    with ptc_store.reading() as session:
        for short, full in (("Trump", "Donald Trump"), ("Mueller", "Robert Mueller")):
            by_short, by_full = (entities_named(session=session, name=n) for n in (short, full))
            assert by_short and by_full and by_short[0].id == by_full[0].id
            assert by_full[0].documents >= 10
        spellings = func.count(func.distinct(DocumentEntityRow.name))
        documents = func.count(func.distinct(DocumentEntityRow.document_pk))
        merged = session.scalar(
            select(func.count()).select_from(
                select(DocumentEntityRow.entity_id)
                .group_by(DocumentEntityRow.entity_id)
                .having(spellings >= 2, documents >= 2)
                .subquery()
            )
        )
    assert merged is not None and merged >= 20


def _documents_of(session: Session, entity_ids: list[int]) -> int:
    documents = func.count(func.distinct(DocumentEntityRow.document_pk))
    return session.scalar(select(documents).where(DocumentEntityRow.entity_id.in_(entity_ids))) or 0


def test_filters_and_facets_agree(ptc_store: Database) -> None:
    with ptc_store.reading() as session:
        # A name filter keeps every entity of that name ("Trump" is also an ORG somewhere).
        named = [entity.id for entity in entities_named(session=session, name="Trump")]
        by_entity = search(session=session, filters=SearchFilters(entity="TRUMP"), limit=1)
        assert by_entity.total == _documents_of(session, named) > 0
        words = search(session=session, query="investigation", limit=1)
        both = search(
            session=session, query="investigation", filters=SearchFilters(entity="Trump"), limit=1
        )
        assert 0 < both.total <= min(words.total, by_entity.total)
        for name, values in words.facets.items():
            if name in ("site", "section", "year") or not values:
                continue  # PTC articles have no site, section or date; some stages may be missing
            top = values[0]
            filtered = search(
                session=session, query="investigation", filters=SearchFilters(**{name: top.value})
            )
            if (
                name in ("entity", "speaker")
                and len(entities_named(session=session, name=top.value)) > 1
            ):
                assert filtered.total >= top.count
            else:
                assert filtered.total == top.count, name


def test_a_near_duplicate_is_related(ptc_store: Database, ptc_analyses: list[Analysis]) -> None:
    def titled(start: str) -> Analysis:
        return next(a for a in ptc_analyses if (a.document.title or "").startswith(start))

    leak = titled("Leaked Doc Reveals White House Planning")
    again = titled("Here We Go Again - Leaked Documents")
    with ptc_store.reading() as session:
        related = related_documents(session=session, document_id=leak.document.id, limit=5)
    assert again.document.id in [item.document.id for item in related[:3]]
    assert all(item.shared_entities or item.shared_claims for item in related)


def test_claims_seen_in_two_articles(ptc_store: Database) -> None:
    with ptc_store.reading() as session:
        if not counts(session=session)["statements"]:
            pytest.skip("the analysis pipeline finds no statements yet")
        documents = func.count(func.distinct(StatementRow.document_pk))
        shared = session.scalar(
            select(func.count()).select_from(
                select(StatementRow.claim_id)
                .group_by(StatementRow.claim_id)
                .having(documents >= 2)
                .subquery()
            )
        )
    # 86 quotations of 40 characters or more appear in two PTC articles or more.
    assert shared is not None and shared >= 1


def test_disputes_name_both_sides(ptc_store: Database) -> None:
    with ptc_store.reading() as session:
        found = disputes(session=session, limit=200)
    if not found:
        pytest.skip("the analysis pipeline finds no denials yet")
    assert all(dispute.denied_by for dispute in found)


def test_json_lines_round_trip(ptc_store: Database, tmp_path: Path) -> None:
    dump = tmp_path / "ptc.jsonl"
    dump.write_bytes(documents_jsonl(ptc_store))
    with open_database(str(tmp_path / "copy.db")) as copy:
        analyses = [item for item in read_analyses(str(dump)) if isinstance(item, Analysis)]
        ingest(copy, analyses, linker=Linker(), batch_size=500)
        assert exported(copy) == exported(ptc_store)


def _stored(path: Path) -> set[str]:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            return {row[0] for row in connection.execute("SELECT id FROM documents")}
    except sqlite3.OperationalError:
        return set()


def test_a_killed_analysing_ingest_completes_on_rerun(
    ptc_files: list[Path], ptc_analyses: list[Analysis], tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in ptc_files[:KILLED_FILES]:
        (folder / path.name).write_bytes(path.read_bytes())
    config = tmp_path / "settings.toml"
    config.write_text(f"[newsledger]\nbatch_size = {KILLED_BATCH}\n")
    store = tmp_path / "ledger.db"
    command = [sys.executable, "-m", "newsledger", "ingest", str(folder), "--db", str(store),
               "--config", str(config)]  # fmt: skip
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not _stored(store) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    survived = _stored(store)
    assert 0 < len(survived) < KILLED_FILES and len(survived) % KILLED_BATCH == 0

    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {len(survived)} (already stored)" in rerun.stderr
    query = (
        select(DocumentRow.id, func.count(DocumentEntityRow.local_id))
        .outerjoin(DocumentEntityRow, DocumentEntityRow.document_pk == DocumentRow.pk)
        .group_by(DocumentRow.id)
    )
    with open_database(str(store)) as database, database.reading() as session:
        entities = {document: count for document, count in session.execute(query)}
    expected = {a.document.id: len(a.entities) for a in ptc_analyses}
    loaded = {
        item.id
        for path in ptc_files[:KILLED_FILES]
        for item in load_path(str(path))
        if isinstance(item, Document)
    }
    assert set(entities) == loaded & set(expected)
    assert all(count == expected[document] for document, count in entities.items())
