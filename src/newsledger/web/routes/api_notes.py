"""Notes: what analysts wrote about a document and its statements and events."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from newsledger.corpus import store
from newsledger.corpus.store import accounts
from newsledger.corpus.store.accounts import Note
from newsledger.errors import NotFound
from newsledger.web.deps import SessionDep, require_reader
from newsledger.web.errors import ERROR_RESPONSES

router = APIRouter(
    prefix="/api/documents",
    tags=["notes"],
    dependencies=[Depends(require_reader)],
    responses=ERROR_RESPONSES,
)


@router.get("/{document_id}/notes", summary="Notes on a document, oldest first")
def list_notes(session: SessionDep, document_id: str) -> list[Note]:
    # Checked first, so an unknown document is a 404 rather than an empty list.
    if not store.stored_ids(session=session, ids=[document_id]):
        raise NotFound(f"no document with id {document_id!r} in the store")
    return accounts.notes_on(session=session, document_id=document_id)
