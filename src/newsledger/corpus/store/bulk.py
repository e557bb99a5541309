"""Bulk writes and lookups the store's writers share: IN lists as one parameter, executemany."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import ARRAY, ColumnElement, Insert, Table, any_, bindparam, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute, Session

# The longest name or key a String(255) key column takes.
KEY_CHARS = 255


def one_of(
    session: Session, column: InstrumentedAttribute[Any], values: Iterable[Any]
) -> ColumnElement[bool]:
    """`column IN values`, the values bound as one parameter however many there are: a JSON
    array that SQLite's `json_each` reads, an array for PostgreSQL's `ANY`.

    SQLAlchemy's expanding IN names and binds each value itself, which cost a batch more time
    than running its lookups; and SQLite caps the parameters of one statement.
    """
    listed = list(values)
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, listed, type_=ARRAY(column.type)))
    text = json.dumps(listed, ensure_ascii=False)
    return column.in_(select(func.json_each(text).table_valued("value").c.value))


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
    if order is None:
        parameters: list[Any] = rows
    else:
        values = itemgetter(*order)
        parameters = (
            [values(row) for row in rows] if len(order) > 1 else [(values(row),) for row in rows]
        )
    connection.exec_driver_sql(str(compiled), parameters)


def ids_by_key(session: Session, model: type[Any], keys: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for row in session.execute(select(model.id, model.key).where(one_of(session, model.key, keys))):
        found[row.key] = row.id
    return found
