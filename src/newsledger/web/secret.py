"""The key that signs CSRF tokens, kept in a file so that forms open before a restart still post.

By default the file is `reader-secret` beside an SQLite store (in the default store's folder for
PostgreSQL), made on first start with 32 random bytes that only its owner may read. `serve
--secret-key-file` names another; several readers behind one balancer share one that way.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url

from newsledger.corpus.database import database_url, default_path
from newsledger.errors import NewsledgerError

SECRET_FILE = "reader-secret"
MIN_SECRET_CHARS = 16


class SecretKeyError(NewsledgerError):
    """The secret key file cannot be read or made, or holds too short a key."""


def default_secret_file(db: str | None) -> Path | None:
    """Where the store at `db` keeps its reader's key; None for an in-memory store."""
    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite":
        return default_path().parent / SECRET_FILE
    if url.database in (None, "", ":memory:"):
        return None
    return Path(url.database).parent / SECRET_FILE


def load_secret(path: Path) -> bytes:
    """The key in `path`, which is made first if it does not exist."""
    try:
        _create(path)
        key = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretKeyError(f"cannot read or make the secret key file: {exc}") from exc
    if len(key) < MIN_SECRET_CHARS:
        raise SecretKeyError(
            f"the secret key file {path} holds {len(key)} characters, not the"
            f" {MIN_SECRET_CHARS} or more a key needs"
        )
    return key.encode()


def _create(path: Path) -> None:
    """Write a new key to `path` unless it exists, atomically: a reader started beside this one
    sees either no file or the whole key, and the first to link its file wins."""
    if path.exists():
        return
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink(missing_ok=True)
