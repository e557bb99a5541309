"""Documents: search them, read one's analysis (the analysis@1 contract), find related ones."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from newsledger.corpus import store
from newsledger.corpus.results import Related, SearchResults
from newsledger.schema import Analysis
from newsledger.web.deps import FiltersDep, SessionDep, WordsDep, require_reader
from newsledger.web.errors import ERROR_RESPONSES

router = APIRouter(
    prefix="/api/documents",
    tags=["documents"],
    dependencies=[Depends(require_reader)],
    responses=ERROR_RESPONSES,
)


@router.get("", summary="Search documents: words, filters and facets")
def search_documents(
    session: SessionDep,
    filters: FiltersDep,
    q: WordsDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    facets: bool = True,
) -> SearchResults:
    return store.search(
        session=session, query=q, filters=filters, limit=limit, offset=offset, facets=facets
    )


@router.get("/{document_id}", summary="One document's stored analysis (newsledger/analysis@1)")
def read_document(session: SessionDep, document_id: str) -> Analysis:
    return store.load_analysis(session=session, document_id=document_id)


@router.get("/{document_id}/related", summary="Documents about the same actors, claims, events")
def related(
    session: SessionDep,
    document_id: str,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[Related]:
    return store.related_documents(session=session, document_id=document_id, limit=limit)
