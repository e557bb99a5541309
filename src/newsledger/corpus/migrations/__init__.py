"""Alembic migrations of the store, run by `corpus.database.upgrade` whenever a store opens.

`HEAD` names the newest revision, so that opening an up-to-date store costs one query and no
Alembic import; a test checks it against the revision files. Bump it with each new migration.
"""

HEAD = "0007"
