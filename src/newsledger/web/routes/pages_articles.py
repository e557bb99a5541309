"""GET /articles/{id}: the article with its evidence marked; POST .../notes: add a note."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query
from starlette.responses import HTMLResponse, RedirectResponse

from newsledger.corpus import store
from newsledger.corpus.store import accounts
from newsledger.web.articles import article_page, note_target_kind
from newsledger.web.deps import (
    ChromeDep,
    CsrfDep,
    LoggedInDep,
    ReaderDep,
    SessionDep,
    TechniqueViewDep,
    WriteSessionDep,
    require_reader,
)
from newsledger.web.errors import BadRequest
from newsledger.web.rendering import render, urlpath

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_reader)])


@router.get("/articles/{document_id}")
def article(
    session: SessionDep,
    chrome: ChromeDep,
    reader: ReaderDep,
    view: TechniqueViewDep,
    document_id: str,
    note: Annotated[str, Query(max_length=64)] = "article",
) -> HTMLResponse:
    analysis = store.load_analysis(session=session, document_id=document_id)
    page = article_page(
        analysis,
        related=store.related_documents(session=session, document_id=document_id),
        notes=accounts.notes_on(session=session, document_id=document_id),
        threshold=view.threshold,
        shown=view.shown,
        note_target=note,
        max_note_chars=reader.settings.max_note_chars,
    )
    return render("article.html", chrome, page)


@router.post("/articles/{document_id}/notes", dependencies=[CsrfDep])
def add_note(
    session: WriteSessionDep,
    reader: ReaderDep,
    user: LoggedInDep,
    document_id: str,
    text: Annotated[str, Form()],
    target: Annotated[str, Form(max_length=64)] = "article",
) -> RedirectResponse:
    text = text.strip()
    if not text:
        raise BadRequest("a note needs some text")
    if len(text) > reader.settings.max_note_chars:
        raise BadRequest(f"a note holds at most {reader.settings.max_note_chars} characters")
    analysis = store.load_analysis(session=session, document_id=document_id)
    found = note_target_kind(analysis, target)
    if found is None:
        raise BadRequest(f"the article has no statement or event {target!r}")
    kind, local = found
    accounts.add_note(
        session=session,
        document_id=document_id,
        target_kind=kind,
        target_id=local,
        author=user,
        text=text,
    )
    return RedirectResponse(f"/articles/{urlpath(document_id)}#notes", status_code=303)
