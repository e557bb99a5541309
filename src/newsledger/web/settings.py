"""What `create_app` needs to know: where the store is, and who may read."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class WebSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # A path or a postgresql:// URL, as `--db` takes; None: $NEWSLEDGER_DB, else the default file.
    db: str | None = None
    # Reading needs a login too; `serve` turns this on for any address but loopback.
    require_login: bool = False
    # Cookies get `Secure` when the request came over HTTPS; True forces it (behind a proxy
    # that does not say so), False never sets it.
    secure_cookies: bool | None = None
    # Signs the CSRF tokens; None: the key in `secret_key_file`.
    secret_key: str | None = Field(default=None, min_length=16)
    # Where that key is kept, made if absent; None: `reader-secret` in the store's folder.
    secret_key_file: Path | None = None
    login_days: int = Field(default=14, gt=0)
    # After this many failed logins in the window, from one address or at one name, 429.
    login_attempts: int = Field(default=5, gt=0)
    login_window_seconds: int = Field(default=300, gt=0)
    # Request bodies over this are refused before they are read (forms are small).
    max_body_bytes: int = Field(default=65_536, gt=0)
    # What the analyse page and `POST /api/analyse` take: a page or text up to 2 MiB.
    max_upload_bytes: int = Field(default=2 * 1024 * 1024, gt=0)
    max_note_chars: int = Field(default=10_000, gt=0)
