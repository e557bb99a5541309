"""Entities: one actor across the corpus, found by any of its names (MKO, MEK, PMOI)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from newsledger.corpus import store
from newsledger.corpus.results import EntityPage
from newsledger.web.deps import SessionDep, require_reader
from newsledger.web.errors import ERROR_RESPONSES

router = APIRouter(
    prefix="/api/entities",
    tags=["entities"],
    dependencies=[Depends(require_reader)],
    responses=ERROR_RESPONSES,
)


@router.get("/{name:path}", summary="Names, labels by site, statements by and about, events")
def read_entity(
    session: SessionDep, name: str, limit: Annotated[int, Query(ge=1, le=200)] = 20
) -> EntityPage:
    return store.entity_page(session=session, name=name, limit=limit)
