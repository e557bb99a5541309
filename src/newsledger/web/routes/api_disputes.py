"""Disputes: claims with the statements that assert them and those that deny them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from newsledger.corpus import store
from newsledger.corpus.results import Dispute
from newsledger.web.deps import SessionDep, require_reader
from newsledger.web.errors import ERROR_RESPONSES

router = APIRouter(
    prefix="/api/disputes",
    tags=["disputes"],
    dependencies=[Depends(require_reader)],
    responses=ERROR_RESPONSES,
)


@router.get("", summary="Disputed claims, newest first; optionally about one entity")
def list_disputes(
    session: SessionDep,
    entity: Annotated[str | None, Query(max_length=255)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[Dispute]:
    return store.disputes(session=session, entity=entity or None, limit=limit)
