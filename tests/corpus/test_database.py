from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from newsledger.corpus import Database, database_url, default_path, open_database
from newsledger.corpus.migrations import HEAD
from newsledger.corpus.models import Base
from newsledger.errors import StoreError

# Search is made by the migrations alone, differently per backend (see `models`): FTS5's table
# and its shadow tables on SQLite, a column and its index on PostgreSQL.
SEARCH_OBJECTS = ("document_fts", "search", "ix_documents_search")


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
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("newsledger").joinpath("corpus/migrations"))
    )
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_the_migrations_make_the_models_tables(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_name": lambda name, kind, _: not (name or "").startswith(SEARCH_OBJECTS),
                "compare_type": True,
            },
        )
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == HEAD


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
