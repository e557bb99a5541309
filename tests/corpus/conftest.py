"""Stores for the corpus tests, on both backends.

SQLite runs everywhere. PostgreSQL runs where `NEWSLEDGER_TEST_PG_URL` names a database the
tests may wipe (CI starts one: `.ci/with-postgres`); elsewhere those tests skip and say why.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import text

from newsledger.analyze.aliases import AliasTable, load_alias_table
from newsledger.corpus import Database, open_database
from newsledger.corpus.models import Base
from newsledger.corpus.store import Linker, save_analyses
from newsledger.schema import Analysis
from tests.corpus.sample import sample_corpus

PG_ENV = "NEWSLEDGER_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")


def pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is unset: no PostgreSQL to test against (CI starts one)")
    return url


def own_schema(url: str, schema: str) -> str:
    """The test database's URL with `schema`, emptied, first on the search path: the other
    PostgreSQL tests' store stays out of the way."""
    with open_database(url, migrate=False) as bare, bare.engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(scope="session")
def pg_database() -> Iterator[Database]:
    """The PostgreSQL test database, emptied and migrated once per run."""
    url = pg_url()
    bare = open_database(url, migrate=False)
    with bare.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    bare.close()
    database = open_database(url)
    yield database
    database.close()


def _empty(database: Database) -> None:
    """Delete every row, children first. Ids go on counting, so tests never assume them."""
    with database.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(scope="session")
def aliases() -> AliasTable:
    return load_alias_table()


@pytest.fixture(scope="session")
def linker(aliases: AliasTable) -> Linker:
    return Linker(aliases)


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty store on each backend."""
    if request.param == "postgresql":
        pg = request.getfixturevalue("pg_database")
        _empty(pg)
        yield pg
        return
    database = open_database(str(tmp_path / "ledger.db"))
    yield database
    database.close()


@pytest.fixture
def sample() -> list[Analysis]:
    return sample_corpus()


@pytest.fixture
def sample_store(database: Database, sample: list[Analysis], linker: Linker) -> Database:
    """The hand-made corpus, stored in order in one batch."""
    with database.transaction() as session:
        save_analyses(session=session, analyses=sample, linker=linker)
    return database
