"""Where the store lives and how it is opened: an SQLite file by default, or PostgreSQL.

`--db` or `NEWSLEDGER_DB` takes a path or a `postgresql://` URL; without either, the store is
`$XDG_DATA_HOME/newsledger/ledger.db` (`~/.local/share/newsledger/ledger.db`). Opening a store
brings its schema up to date with the shipped Alembic migrations, so a new release never needs
a separate upgrade step. Nothing here runs at import time: callers open a `Database` and pass its
sessions to the functions of `corpus.store`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    column,
    create_engine,
    event,
    inspect,
    select,
    table,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from newsledger.corpus.migrations import HEAD
from newsledger.errors import StoreError

DB_ENV = "NEWSLEDGER_DB"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
_WRITE_OPTION = "newsledger_write"
# The PostgreSQL advisory lock every write transaction holds (see `_on_postgres_begin`): any
# fixed number, the same in every process (these are the bytes of "nl-wrt").
_WRITER_LOCK = 0x6E6C2D777274


def default_path() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "newsledger" / "ledger.db"


def database_url(target: str | None = None) -> str:
    """The SQLAlchemy URL of `target`, else of `$NEWSLEDGER_DB`, else of the default file."""
    chosen = target or os.environ.get(DB_ENV) or str(default_path())
    for scheme in _POSTGRES_SCHEMES:
        if chosen.startswith(scheme):
            return "postgresql+psycopg://" + chosen.removeprefix(scheme)
    if chosen.startswith("sqlite:"):
        return chosen
    return f"sqlite:///{Path(chosen).expanduser()}"


def _on_sqlite_connect(connection: Any, _record: Any) -> None:
    """Per-connection SQLite settings: WAL (readers never wait for the writer), foreign keys
    (children go with their document), and a busy wait instead of an immediate "locked" error.

    `synchronous=NORMAL` under WAL keeps every committed batch through a killed process; only a
    power cut can lose the last commits, never leave half of one.
    """
    # Autocommit at the driver, so that SQLAlchemy's BEGIN (see `_on_sqlite_begin`) is the
    # only transaction control: pysqlite's own would start transactions late, after reads.
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # 64 MiB of page cache instead of 2: a large store's indexes stay in memory while a batch
    # inserts into them, and searches reread fewer pages.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    """Writers take the write lock when they begin, so two ingests queue instead of failing
    halfway through a batch when the second tries to upgrade its read lock."""
    write = connection.get_execution_options().get(_WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _on_postgres_begin(connection: Any) -> None:
    """Writers take one store-wide lock when they begin, as SQLite's do: two ingests at once
    would otherwise both find a document missing and both insert it (or both create a new
    store's tables, or the same canonical entity). Reads never wait for it."""
    if connection.get_execution_options().get(_WRITE_OPTION, False):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_WRITER_LOCK})")


class Database:
    """An open store: its engine, and sessions that each run in one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._readers = sessionmaker(engine, expire_on_commit=False)
        self._writers = sessionmaker(
            engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )

    @property
    def backend(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        """The URL that opens this store again, password included: for worker processes."""
        return self.engine.url.render_as_string(hide_password=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose writes commit as one transaction at the end, or none of them do."""
        with self._failures(), self._writers() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries: one consistent snapshot, and it never blocks a writer."""
        with self._failures(), self._readers() as session, session.begin():
            yield session

    @contextmanager
    def _failures(self) -> Iterator[None]:
        """The database's own failures (server gone, disk full, file locked past the timeout, a
        table missing) as a `StoreError`, which the edge prints as one line."""
        try:
            yield
        except OperationalError as exc:
            raise StoreError(f"the store failed: {_reason(exc)}", source=_redact(self.url)) from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_database(target: str | None = None, *, migrate: bool = True) -> Database:
    """Open (creating it if needed) the store at `target`, its schema at the latest version."""
    url = database_url(target)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database path or URL: {exc}", source=target) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        try:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store's folder: {exc}", source=target) from exc
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _on_postgres_begin)
    database = Database(engine)
    if migrate:
        try:
            upgrade(database)
        except SQLAlchemyError as exc:
            database.close()
            raise StoreError(f"cannot open the store: {_reason(exc)}", source=_redact(url)) from exc
    return database


def _reason(exc: SQLAlchemyError) -> str:
    # Drivers' messages run over several lines: the edge prints one.
    return " ".join(str(getattr(exc, "orig", None) or exc).split())


def _redact(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _revision(connection: Connection) -> str | None:
    """The schema revision Alembic recorded in the store, None for a new store."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    versions = table("alembic_version", column("version_num"))
    return connection.scalar(select(versions.c.version_num))


def upgrade(database: Database) -> None:
    """Run the migrations the store lacks; a store already at `HEAD` costs one query."""
    writer = database.engine.execution_options(**{_WRITE_OPTION: True})
    with writer.begin() as connection:
        if _revision(connection) == HEAD:
            return
        # Imported here: Alembic takes half a second to import, and is needed once per release.
        from alembic import command
        from alembic.config import Config

        config = Config()
        location = resources.files("newsledger").joinpath("corpus/migrations")
        config.set_main_option("script_location", str(location))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
