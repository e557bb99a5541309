"""Analyse: paste text or upload a page, read its article page, store it if logged in.

POST /analyse reads the form itself, with the upload limit for its parts (FastAPI's own form
parsing would cap a pasted text at a megabyte), analyses, and redirects to GET
/analyse/{id}, the preview: a reload never analyses again. POST /analyse/{id}/store stores it.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import HTMLResponse, RedirectResponse

from newsledger.schema import Analysis
from newsledger.web.analysing import ACCEPTED, read_input
from newsledger.web.articles import article_page
from newsledger.web.contexts import AnalysePage
from newsledger.web.deps import (
    ChromeDep,
    CsrfDep,
    Reader,
    ReaderDep,
    TechniqueViewDep,
    require_reader,
    require_user,
    verify_csrf,
)
from newsledger.web.errors import BadRequest, PageNotFound
from newsledger.web.rendering import render, urlpath
from newsledger.web.security import CSRF_FIELD

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_reader)])


@router.get("/analyse")
def analyse_form(chrome: ChromeDep, reader: ReaderDep) -> HTMLResponse:
    page = AnalysePage(max_upload_bytes=reader.settings.max_upload_bytes, accepted=sorted(ACCEPTED))
    return render("analyse.html", chrome, page)


@router.post("/analyse")
async def analyse(request: Request, reader: ReaderDep) -> RedirectResponse:
    limit = reader.settings.max_upload_bytes
    async with request.form(max_files=1, max_fields=4, max_part_size=limit) as form:
        token = form.get(CSRF_FIELD)
        verify_csrf(request, reader.secret, token if isinstance(token, str) else "")
        text = form.get("text")
        part = form.get("file")
        # A form whose file input was left empty still sends the part, with no name or bytes.
        upload = part if isinstance(part, UploadFile) and (part.filename or part.size) else None
        pasted = text if isinstance(text, str) and text.strip() else None
        if pasted is not None and upload is not None:
            raise BadRequest("paste text or choose a file, not both")
        if upload is not None:
            data, content_type = await upload.read(), upload.content_type
        elif pasted is not None:
            data, content_type = pasted.encode("utf-8"), "text/plain"
        else:
            raise BadRequest("paste some text or choose a file to analyse")
    document = await run_in_threadpool(read_input, data, content_type=content_type)
    analysis = await run_in_threadpool(reader.analyses.analyse, document)
    return RedirectResponse(f"/analyse/{urlpath(analysis.document.id)}", status_code=303)


@router.get("/analyse/{document_id}")
def preview(
    chrome: ChromeDep, reader: ReaderDep, view: TechniqueViewDep, document_id: str
) -> HTMLResponse:
    page = article_page(
        recent_analysis(reader, document_id),
        related=[],
        notes=[],
        threshold=view.threshold,
        shown=view.shown,
        note_target="article",
        max_note_chars=reader.settings.max_note_chars,
        preview=True,
    )
    return render("article.html", chrome, page)


@router.post("/analyse/{document_id}/store", dependencies=[CsrfDep, Depends(require_user)])
def store(reader: ReaderDep, document_id: str) -> RedirectResponse:
    reader.analyses.store(reader.database, recent_analysis(reader, document_id))
    return RedirectResponse(f"/articles/{urlpath(document_id)}", status_code=303)


def recent_analysis(reader: Reader, document_id: str) -> Analysis:
    found = reader.analyses.recent(document_id)
    if found is None:
        raise PageNotFound(
            f"no recent analysis with id {document_id!r}: they are kept a short while, "
            "so analyse it again"
        )
    return found
