"""Passwords (argon2id) and login sessions (a random token in a cookie, its hash in the store)."""

from __future__ import annotations

import functools
import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from newsledger.corpus.store import accounts
from newsledger.corpus.store.accounts import Account

MIN_PASSWORD_CHARS = 8
NAME_PATTERN = r"^[A-Za-z0-9_.@-]{1,64}$"


@functools.cache
def hasher() -> PasswordHasher:
    return PasswordHasher()


@functools.cache
def _decoy_hash() -> str:
    """Checked against when a name is unknown, so a wrong name costs what a wrong password does."""
    return hasher().hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return hasher().hash(password)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(*, session: Session, name: str, password: str) -> Account | None:
    """The user whose name and password these are, or None (either may be the wrong one)."""
    found = accounts.credentials(session=session, name=name)
    try:
        hasher().verify(found.password_hash if found else _decoy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    return None if found is None else Account(id=found.id, name=found.name)


def start_login(*, session: Session, user: Account, days: int, previous: str | None) -> str:
    """A new login session for `user`, replacing the browser's `previous` one; returns its token.

    A new token at every login, so a token planted in a browser before login is worth nothing.
    """
    if previous:
        accounts.end_login(session=session, token_hash=token_hash(previous))
    token = secrets.token_urlsafe(32)
    expires = (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    accounts.start_login(
        session=session, user_id=user.id, token_hash=token_hash(token), expires=expires
    )
    return token


def logged_in(*, session: Session, token: str | None) -> Account | None:
    if not token:
        return None
    return accounts.logged_in(session=session, token_hash=token_hash(token))


def end_login(*, session: Session, token: str) -> None:
    accounts.end_login(session=session, token_hash=token_hash(token))
