"""Hostile query strings and paths against the reader and the search command: SQL and FTS
syntax reach the database only as bound parameters, on SQLite and on PostgreSQL, and no file
outside the app's own static folder is served."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from newsledger.analyze.pipeline import Analyzer
from newsledger.cli import main
from newsledger.corpus import open_database
from newsledger.corpus.models import DocumentRow, UserRow
from tests.corpus.conftest import own_schema, pg_url
from tests.web.conftest import (  # noqa: F401 (fixtures)
    fill_store,
    make_client,
    seed_store,
    store_path,
)
from tests.web.helpers import csrf

INJECTIONS = (
    "' OR 1=1 --",
    "'; DROP TABLE documents; --",
    '" OR ""="',
    "%' UNION SELECT password_hash, 1, 1 FROM users --",
    "MKO') OR ('1'='1",
    "Iraq\\'; DELETE FROM users WHERE ''='",
    "NEAR(a b) OR * OR title:x",
    '"unbalanced',
    "-",
    "OR OR AND NOT",
    "%_%",
    "x" * 5000,
)
FILTERS = ("entity", "speaker", "category", "technique", "site", "section")
TRAVERSALS = (
    "/static/../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/static//etc/passwd",
    "/articles/..%2f..%2f..%2fetc%2fpasswd",
    "/entities/..%2f..%2f..%2fetc%2fpasswd",
    "/api/documents/..%2f..%2fetc%2fpasswd",
)


@pytest.fixture(scope="module")
def pg_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The reader's test store on PostgreSQL, in a schema of its own (skips without one)."""
    url = own_schema(pg_url(), "injection")
    fill_store(url, tmp_path_factory.mktemp("pg-store"))
    return url


@pytest.fixture(params=("sqlite", "postgresql"))
def store(request: pytest.FixtureRequest, store_path: Path) -> str:  # noqa: F811
    """The store at risk, on each backend, as `--db` takes it."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_store"))
    return str(store_path)


@pytest.fixture
def hostile_client(store: str, analyzer: Analyzer) -> Iterator[TestClient]:
    yield from make_client(store, analyzer=analyzer)


def _rows(db: str) -> tuple[int, int]:
    with open_database(db) as database, database.reading() as session:
        documents = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
        users = session.scalar(select(func.count()).select_from(UserRow)) or 0
    return documents, users


@pytest.mark.parametrize("value", INJECTIONS)
def test_search_takes_injections_as_words(
    hostile_client: TestClient, store: str, value: str
) -> None:
    before = _rows(store)
    answer = hostile_client.get("/api/documents", params={"q": value})
    if len(value) > 500:
        assert answer.status_code == 422 and "at most 500 characters" in answer.text
    else:
        assert answer.status_code == 200, answer.text
        # A condition that became SQL ("OR 1=1") would match every document.
        assert answer.json()["total"] < before[0]
    for name in FILTERS:
        filtered = hostile_client.get("/api/documents", params={"q": "Iraq", name: value})
        assert filtered.status_code in (200, 422), (name, filtered.text)
        if filtered.status_code == 200:
            assert filtered.json()["total"] == 0, name
    page = hostile_client.get("/search", params={"q": value, "entity": value})
    assert page.status_code == (422 if len(value) > 500 else 200)
    # A UNION that reached SQL would put the users' argon2 hashes on the page.
    assert "$argon2" not in page.text
    entity = hostile_client.get(f"/api/entities/{quote(value, safe='')}")
    assert entity.status_code in (200, 404)
    assert _rows(store) == before


@pytest.mark.parametrize("value", INJECTIONS[:6])
def test_the_search_command_takes_injections_as_words(
    store: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _rows(store)
    code = main(["search", value, "--entity", value, "--db", store, "--json"])
    captured = capsys.readouterr()
    assert code in (0, 1, 2), captured.err
    assert "Traceback" not in captured.err
    assert _rows(store) == before


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_reaches_outside_the_static_folder(hostile_client: TestClient, path: str) -> None:
    answer = hostile_client.get(path)
    assert answer.status_code in (400, 404), (path, answer.status_code)
    assert "root:" not in answer.text and "[project]" not in answer.text


def test_an_uploaded_file_name_is_never_opened(hostile_client: TestClient) -> None:
    """The upload's bytes are analysed; its name, even a path, is only a label."""
    token = csrf(hostile_client.get("/analyse").text)
    answer = hostile_client.post(
        "/analyse",
        data={"csrf_token": token},
        files={
            "file": ("../../../../etc/passwd", b"Minister quits\n\nHe said so.\n", "text/plain")
        },
        follow_redirects=True,
    )
    assert answer.status_code in (200, 400), answer.text
    assert "root:" not in answer.text
