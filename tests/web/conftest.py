"""A store for the reader's tests: the seed example ingested once per run, plus hand-made
articles; each test that writes gets its own copy."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsledger.analyze.pipeline import Analyzer
from newsledger.cli import main
from newsledger.corpus import open_database
from newsledger.corpus.store import accounts
from newsledger.web import WebSettings, create_app
from newsledger.web.auth import hash_password
from tests.conftest import SEED
from tests.web.articles import dated_article, hostile_article, quoted_article

SECRET = "test-secret-key-0123456789"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed example analysed and stored, and the hand-made articles stored beside it."""
    folder = tmp_path_factory.mktemp("reader-store")
    path = folder / "ledger.db"
    fill_store(str(path), folder)
    return path


def fill_store(db: str, folder: Path) -> None:
    """Ingest the seed and the hand-made articles into the store at `db` (a path or a URL) and
    add the user alice; `folder` takes the hand-made articles' file."""
    assert main(["ingest", str(SEED), "--db", db]) == 0
    analysed = folder / "hand-made.jsonl"
    analysed.write_text(
        "".join(a.to_json() + "\n" for a in (hostile_article(), dated_article(), quoted_article())),
        encoding="utf-8",
    )
    assert main(["ingest", "--analysed", str(analysed), "--db", db]) == 0
    with open_database(db) as database, database.transaction() as session:
        accounts.add_user(session=session, name="alice", password_hash=hash_password(PASSWORD))


@pytest.fixture(scope="session")
def seed_id(seed_store: Path) -> str:
    from newsledger.corpus import store

    with open_database(str(seed_store)) as database, database.reading() as session:
        hits = store.search(session=session, query="Iraqi Gov’t Summons", facets=False).hits
    return hits[0].document.id


@pytest.fixture
def store_path(seed_store: Path, tmp_path: Path) -> Path:
    """A copy of the seeded store that this test may write to."""
    copy = tmp_path / "ledger.db"
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(seed_store) + suffix)
        if source.exists():
            shutil.copy(source, str(copy) + suffix)
    return copy


def make_client(
    path: Path | str, *, analyzer: Analyzer | None = None, **settings: object
) -> Iterator[TestClient]:
    settings = {"db": str(path), "secret_key": SECRET, **settings}
    app = create_app(WebSettings(**settings), analyzer=analyzer)  # type: ignore[arg-type]
    with TestClient(app) as client:
        yield client


@pytest.fixture
def client(store_path: Path) -> Iterator[TestClient]:
    yield from make_client(store_path)


@pytest.fixture
def locked_client(store_path: Path) -> Iterator[TestClient]:
    """A reader started with `--require-login`."""
    yield from make_client(store_path, require_login=True)


@pytest.fixture
def analysing_client(store_path: Path, analyzer: Analyzer) -> Iterator[TestClient]:
    """A reader whose analyse page uses the run's one analyzer instead of loading its own."""
    yield from make_client(store_path, analyzer=analyzer)
