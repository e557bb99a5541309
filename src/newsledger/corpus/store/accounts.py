"""Reader accounts: users, their login sessions, and the notes they attach to articles.

Keyword-only functions over a session, like the rest of `corpus.store`; every value is a bound
parameter. Passwords arrive already hashed (the web layer hashes with argon2) and login sessions
are stored by the SHA-256 of their token, so the store never holds a secret that logs anyone in.

The tables are the store's own (`corpus.models`, made by the migration `0002`), so opening a
store is all it takes to have them. Notes name their document by the contract's `document.id`,
not the row key, so they survive `--reanalyse`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from newsledger.corpus.models import LoginRow, NoteRow, UserRow
from newsledger.errors import StoreError

NoteTarget = Literal["article", "statement", "event"]


class Account(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    name: str


class Credentials(Account):
    password_hash: str


class Note(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    document_id: str
    target_kind: NoteTarget
    target_id: str
    author: str
    text: str
    created: str


def now_iso() -> str:
    """The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`, the form every account column keeps."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_user(*, session: Session, name: str, password_hash: str) -> Account:
    """A new user; a name already taken is a `StoreError`."""
    row = UserRow(name=name, password_hash=password_hash, created=now_iso())
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:
        raise StoreError(f"a user called {name!r} already exists") from exc
    return Account(id=row.id, name=row.name)


def set_password(*, session: Session, name: str, password_hash: str) -> None:
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    if row is None:
        raise StoreError(f"no user called {name!r}")
    row.password_hash = password_hash
    session.execute(delete(LoginRow).where(LoginRow.user_id == row.id))


def credentials(*, session: Session, name: str) -> Credentials | None:
    row = session.execute(
        select(UserRow.id, UserRow.name, UserRow.password_hash).where(UserRow.name == name)
    ).first()
    if row is None:
        return None
    return Credentials(id=row.id, name=row.name, password_hash=row.password_hash)


def start_login(*, session: Session, user_id: int, token_hash: str, expires: str) -> None:
    """Record a new login session, and drop every expired one while at it."""
    now = now_iso()
    session.execute(delete(LoginRow).where(LoginRow.expires <= now))
    session.add(LoginRow(token_hash=token_hash, user_id=user_id, created=now, expires=expires))


def end_login(*, session: Session, token_hash: str) -> None:
    session.execute(delete(LoginRow).where(LoginRow.token_hash == token_hash))


def logged_in(*, session: Session, token_hash: str) -> Account | None:
    """The user of an unexpired login session, or None."""
    row = session.execute(
        select(UserRow.id, UserRow.name)
        .join(LoginRow, LoginRow.user_id == UserRow.id)
        .where(LoginRow.token_hash == token_hash, LoginRow.expires > now_iso())
    ).first()
    return None if row is None else Account(id=row.id, name=row.name)


def add_note(
    *,
    session: Session,
    document_id: str,
    target_kind: NoteTarget,
    target_id: str,
    author: Account,
    text: str,
) -> Note:
    row = NoteRow(
        document_id=document_id,
        target_kind=target_kind,
        target_id=target_id,
        author_id=author.id,
        text=text,
        created=now_iso(),
    )
    session.add(row)
    session.flush()
    return Note(
        id=row.id,
        document_id=document_id,
        target_kind=target_kind,
        target_id=target_id,
        author=author.name,
        text=text,
        created=row.created,
    )


def notes_on(*, session: Session, document_id: str) -> list[Note]:
    """The notes on one document and its statements and events, oldest first."""
    query = (
        select(
            NoteRow.id,
            NoteRow.target_kind,
            NoteRow.target_id,
            UserRow.name,
            NoteRow.text,
            NoteRow.created,
        )
        .join(UserRow, UserRow.id == NoteRow.author_id)
        .where(NoteRow.document_id == document_id)
        .order_by(NoteRow.id)
    )
    return [
        Note(
            id=row.id,
            document_id=document_id,
            target_kind=row.target_kind,
            target_id=row.target_id,
            author=row.name,
            text=row.text,
            created=row.created,
        )
        for row in session.execute(query)
    ]
