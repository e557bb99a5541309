from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Inspector, inspect, select, text

from newsledger.corpus import Database, database_url, default_path, open_database
from newsledger.corpus.claims import BAND_COUNT, band_keys
from newsledger.corpus.migrations import HEAD
from newsledger.corpus.models import Base, ClaimBandRow, ClaimRow, DocumentRow, FacetSetRow
from newsledger.corpus.store import Linker, accounts, save_analyses
from newsledger.errors import StoreError
from newsledger.schema import Analysis

# Search is made by the migrations alone, differently per backend (see `models`): FTS5's table
# and its shadow tables on SQLite, a column and its index on PostgreSQL.
SEARCH_OBJECTS = ("document_fts", "search", "ix_documents_search")
ACCOUNT_TABLES = {"users", "login_sessions", "notes"}
# What the reader ran on stores at 0001, before migration 0002 made its tables.
READER_MADE_ACCOUNTS = (
    "CREATE TABLE users (id INTEGER NOT NULL, name VARCHAR(64) NOT NULL,"
    " password_hash TEXT NOT NULL, created VARCHAR(32) NOT NULL, PRIMARY KEY (id), UNIQUE (name))",
    "CREATE TABLE login_sessions (token_hash VARCHAR(64) NOT NULL, user_id INTEGER NOT NULL,"
    " created VARCHAR(32) NOT NULL, expires VARCHAR(32) NOT NULL, PRIMARY KEY (token_hash),"
    " FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE)",
    "CREATE INDEX ix_login_sessions_expires ON login_sessions (expires)",
    "CREATE INDEX ix_login_sessions_user_id ON login_sessions (user_id)",
    "CREATE TABLE notes (id INTEGER NOT NULL, document_id VARCHAR(64) NOT NULL,"
    " target_kind VARCHAR(16) NOT NULL, target_id VARCHAR(64) NOT NULL,"
    " author_id INTEGER NOT NULL, text TEXT NOT NULL, created VARCHAR(32) NOT NULL,"
    " PRIMARY KEY (id), FOREIGN KEY(author_id) REFERENCES users (id) ON DELETE CASCADE)",
    "CREATE INDEX ix_notes_document ON notes (document_id, id)",
    "INSERT INTO users VALUES (1, 'alice', 'hash', '2024-01-01T00:00:00Z')",
    "INSERT INTO notes VALUES (1, 'doc', 'article', '', 1, 'kept', '2024-01-01T00:00:00Z')",
)


def migrations_config() -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("newsledger").joinpath("corpus/migrations"))
    )
    return config


def store_at(path: Path, revision: str, *extra: str) -> None:
    """A store as releases at `revision` left it, plus `extra` statements."""
    bare = open_database(str(path), migrate=False)
    with bare.engine.begin() as connection:
        config = migrations_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        for statement in extra:
            connection.execute(text(statement))
    bare.close()


def stored(path: Path, analyses: list[Analysis], linker: Linker) -> Database:
    """A store at `path` holding `analyses`, open."""
    database = open_database(str(path))
    with database.transaction() as session:
        save_analyses(session=session, analyses=analyses, linker=linker)
    return database


def migrated_again(
    path: Path, revision: str, query: str, *, undone: Callable[[Inspector], bool]
) -> dict[Any, Any]:
    """The rows of `query` (key, value) after the store at `path` went down to `revision`,
    where `undone` holds, and up to the head again."""
    bare = open_database(str(path), migrate=False)
    with bare.engine.begin() as connection:
        config = migrations_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
        assert undone(inspect(connection))
        command.upgrade(config, "head")
        rows = dict(connection.execute(text(query)).all())
    bare.close()
    return rows


def differences(database: Database) -> list[object]:
    """What `compare_metadata` finds between the store and the models (search aside)."""
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_name": lambda name, kind, _: not (name or "").startswith(SEARCH_OBJECTS),
                "compare_type": True,
            },
        )
        assert context.get_current_revision() == HEAD
        return list(compare_metadata(context, Base.metadata))


def test_urls_and_the_default_place(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSLEDGER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_path() == tmp_path / "newsledger" / "ledger.db"
    assert database_url() == f"sqlite:///{tmp_path}/newsledger/ledger.db"
    monkeypatch.setenv("NEWSLEDGER_DB", "/srv/news.db")
    assert database_url() == "sqlite:////srv/news.db"
    assert database_url("postgresql://u:p@db/news") == "postgresql+psycopg://u:p@db/news"
    assert database_url("postgres://db/news") == "postgresql+psycopg://db/news"
    assert database_url("sqlite://") == "sqlite://"


def test_head_names_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(migrations_config()).get_current_head() == HEAD


def test_the_migrations_make_the_models_tables(database: Database) -> None:
    assert differences(database) == []
    assert set(Base.metadata.tables) >= ACCOUNT_TABLES


def test_a_store_at_0001_gains_the_account_tables_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    store_at(path, "0001")
    with open_database(str(path)) as database:
        with database.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) >= ACCOUNT_TABLES
        assert differences(database) == []
        with database.transaction() as session:
            accounts.add_user(session=session, name="alice", password_hash="hash")


def test_account_tables_the_reader_made_before_0002_keep_their_rows(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    store_at(path, "0001", *READER_MADE_ACCOUNTS)
    with open_database(str(path)) as database:
        assert differences(database) == []
        with database.reading() as session:
            assert accounts.credentials(session=session, name="alice") is not None
            assert [
                note.text for note in accounts.notes_on(session=session, document_id="doc")
            ] == ["kept"]


def test_claim_bands_of_stores_before_0003_are_computed_again(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    store_at(
        path,
        "0002",
        "INSERT INTO claims VALUES (1, 'Iraqi troops raided Camp Ashraf', 'ashraf camp iraqi raid"
        " troop', '', 0)",
        "INSERT INTO claims VALUES (2, 'No comment', 'comment', '', 0)",
        "INSERT INTO claim_bands VALUES (4242, 1)",
    )
    with open_database(str(path)) as database, database.engine.connect() as connection:
        stored = connection.execute(text("SELECT band, claim_id FROM claim_bands")).all()
    [expected] = band_keys([frozenset({"ashraf", "camp", "iraqi", "raid", "troop"})])
    assert len(expected) == BAND_COUNT
    assert sorted(stored) == sorted((band, 1) for band in expected)


def test_downgrading_from_0003_writes_the_bands_releases_before_it_read(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    store_at(
        path,
        "0003",
        "INSERT INTO claims VALUES (1, 'Iraqi troops raided Camp Ashraf', 'ashraf camp iraqi raid"
        " troop', '', 0)",
    )
    bare = open_database(str(path), migrate=False)
    with bare.engine.begin() as connection:
        config = migrations_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        stored = connection.execute(text("SELECT band FROM claim_bands")).scalars().all()
    bare.close()
    # What release 0002's `claims.bands` gave for these terms.
    assert sorted(stored) == [
        3132075922,
        5336025243,
        9413707449,
        15685040052,
        19359539991,
        24718691503,
        25893494325,
        30823353579,
    ]


def test_sqlite_settings(tmp_path: Path) -> None:
    with open_database(str(tmp_path / "ledger.db")) as database, database.engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_new_folder_is_made_and_reopening_keeps_the_store(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "ledger.db"
    open_database(str(path)).close()
    assert path.exists()
    with open_database(str(path)) as again, again.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD


def test_stores_that_cannot_open_say_why_in_one_line(tmp_path: Path) -> None:
    not_a_store = tmp_path / "notes.txt"
    not_a_store.write_text("these are notes, not a database")
    with pytest.raises(StoreError, match="cannot open the store: file is not a database"):
        open_database(str(not_a_store))
    with pytest.raises(StoreError, match="cannot open the store") as caught:
        open_database("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(caught.value)
    assert "\n" not in str(caught.value).strip()


def test_the_stores_own_failures_say_why_in_one_line(tmp_path: Path) -> None:
    bare = open_database(str(tmp_path / "bare.db"), migrate=False)
    missing = "the store failed: no such table: documents"
    with pytest.raises(StoreError, match=missing), bare.reading() as session:
        session.execute(select(DocumentRow.id))
    with pytest.raises(StoreError, match=missing) as caught, bare.transaction() as session:
        session.execute(text("INSERT INTO documents (id) VALUES ('x')"))
    assert caught.value.source is not None and caught.value.source.endswith("bare.db")
    bare.close()


def test_facet_sets_of_stores_before_0005_are_built_from_their_facets(
    tmp_path: Path, sample: list[Analysis], linker: Linker
) -> None:
    path = tmp_path / "ledger.db"
    with stored(path, sample, linker) as database, database.reading() as session:
        documents = session.execute(select(DocumentRow.pk)).scalars().all()
        written = dict(session.execute(select(FacetSetRow.document_pk, FacetSetRow.codes)).all())
    rebuilt = migrated_again(
        path,
        "0004",
        "SELECT document_pk, codes FROM facet_sets",
        undone=lambda store: "facet_sets" not in store.get_table_names(),
    )
    assert sorted(written) == sorted(documents) and len(documents) == len(sample)
    assert rebuilt == written


def test_claim_vectors_of_stores_before_0006_are_computed_from_their_texts(
    tmp_path: Path, sample: list[Analysis], linker: Linker
) -> None:
    path = tmp_path / "ledger.db"
    with stored(path, sample, linker) as database, database.reading() as session:
        written = dict(session.execute(select(ClaimRow.id, ClaimRow.vector)).all())
        banded = set(session.execute(select(ClaimBandRow.claim_id)).scalars())
    rebuilt = migrated_again(
        path,
        "0005",
        "SELECT id, vector FROM claims",
        undone=lambda store: "vector" not in {c["name"] for c in store.get_columns("claims")},
    )
    assert banded and {claim for claim, vector in written.items() if vector} == banded
    assert rebuilt == written


def test_postgres_stores_gain_the_newest_first_index_at_0007(database: Database) -> None:
    if database.backend != "postgresql":
        pytest.skip("PostgreSQL's alone: SQLite reads that order from its date index")

    def indexed(connection: Connection) -> bool:
        names = {index["name"] for index in inspect(connection).get_indexes("documents")}
        return "ix_documents_search_newest" in names

    with database.engine.begin() as connection:
        config = migrations_config()
        config.attributes["connection"] = connection
        assert indexed(connection)
        command.downgrade(config, "0006")
        assert not indexed(connection)
        command.upgrade(config, "head")
        assert indexed(connection)
