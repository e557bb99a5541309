"""GET /search: the corpus search with facets, each facet value a link that adds a filter."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.responses import HTMLResponse

from newsledger.corpus import store
from newsledger.web.contexts import FacetGroup, SearchPage
from newsledger.web.deps import ChromeDep, FiltersDep, SessionDep, WordsDep, require_reader
from newsledger.web.rendering import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_reader)])
PAGE_SIZE = 20


@router.get("/search")
def search(
    session: SessionDep,
    chrome: ChromeDep,
    filters: FiltersDep,
    q: WordsDep,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> HTMLResponse:
    results = store.search(
        session=session, query=q, filters=filters, limit=PAGE_SIZE, offset=offset
    )
    facets = [
        FacetGroup(name=name, values=values)
        for name, values in results.facets.items()
        if values and name != "year"
    ]
    page = SearchPage(
        query=q, filters=filters, results=results, facets=facets, offset=offset, limit=PAGE_SIZE
    )
    return render("search.html", chrome, page)
