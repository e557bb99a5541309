"""GET /api/counts: how many of each thing the store holds."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from newsledger.corpus import store
from newsledger.web.deps import SessionDep, require_reader
from newsledger.web.errors import ERROR_RESPONSES

router = APIRouter(
    prefix="/api",
    tags=["corpus"],
    dependencies=[Depends(require_reader)],
    responses=ERROR_RESPONSES,
)


@router.get("/counts", summary="How many documents, entities, statements ... the store holds")
def counts(session: SessionDep) -> dict[str, int]:
    return store.counts(session=session)
