"""Bulk writes and lookups the store's writers share: IN lists in chunks, plain executemany."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Insert, Table, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

# Bound parameters per IN list: SQLite allows 32,766 per statement.
CHUNK = 5000
# The longest name or key a String(255) key column takes.
KEY_CHARS = 255


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def table_of(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


def insert_rows(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    executemany(session, insert(table_of(model)), rows)


def insert_new(
    session: Session, model: type[Any], rows: list[dict[str, Any]], key: list[str]
) -> None:
    """Insert rows, leaving out those whose `key` columns another writer stored meanwhile."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    executemany(
        session, dialect.insert(table_of(model)).on_conflict_do_nothing(index_elements=key), rows
    )


def executemany(session: Session, statement: Insert, rows: list[dict[str, Any]]) -> None:
    """One INSERT for many rows, compiled by SQLAlchemy and handed to the driver as it is.

    The rows hold plain values (JSON is already text), so SQLAlchemy's per-row parameter
    processing, a fifth of a batch's time, has nothing to do; its ORM bulk path would even
    split a batch into one statement per pattern of None values.
    """
    if not rows:
        return
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect, column_keys=list(rows[0]))
    order = compiled.positiontup
    parameters = rows if order is None else [tuple(row[key] for key in order) for row in rows]
    connection.exec_driver_sql(str(compiled), parameters)


def ids_by_key(session: Session, model: type[Any], keys: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(list(keys)):
        for row in session.execute(select(model.id, model.key).where(model.key.in_(chunk))):
            found[row.key] = row.id
    return found
