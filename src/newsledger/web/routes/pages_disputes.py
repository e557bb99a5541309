"""GET /disputes: each disputed claim beside the statements that assert and deny it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.responses import HTMLResponse

from newsledger.corpus import store
from newsledger.web.contexts import DisputesPage
from newsledger.web.deps import ChromeDep, SessionDep, require_reader
from newsledger.web.rendering import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_reader)])


@router.get("/disputes")
def disputes(
    session: SessionDep,
    chrome: ChromeDep,
    entity: Annotated[str | None, Query(max_length=255)] = None,
) -> HTMLResponse:
    entity = (entity or "").strip() or None
    found = store.disputes(session=session, entity=entity)
    return render("disputes.html", chrome, DisputesPage(entity=entity, disputes=found))
