"""One module per schema version, oldest first; Alembic reads them, nothing imports them."""
