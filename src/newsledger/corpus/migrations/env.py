"""Alembic's entry point: migrate the connection `corpus.database.upgrade` hands over.

The store is only ever migrated from Python (no `alembic.ini`), so there is no offline mode.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from newsledger.corpus.models import Base

connection: Connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters a table by copying it; later migrations need batch mode there.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
