"""POST /api/analyse: the analysis of a page or text sent as the body, not stored."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from newsledger.schema import Analysis
from newsledger.web.analysing import ACCEPTED, read_input
from newsledger.web.deps import ReaderDep, require_reader
from newsledger.web.errors import ERROR_RESPONSES, ErrorBody

router = APIRouter(
    prefix="/api",
    tags=["analyse"],
    dependencies=[Depends(require_reader)],
    responses=ERROR_RESPONSES,
)

# The body is the page itself, so FastAPI cannot describe it from a parameter.
BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            media: {"schema": {"type": "string", "minLength": 1}} for media in sorted(ACCEPTED)
        },
    }
}


@router.post(
    "/analyse",
    summary="Analyse a page (text/html) or text (text/plain); nothing is stored",
    openapi_extra=BODY,
    responses={415: {"model": ErrorBody, "description": "Neither HTML nor plain text"}},
)
async def analyse(request: Request, reader: ReaderDep) -> Analysis:
    body = await request.body()
    content_type = request.headers.get("content-type")
    document = await run_in_threadpool(read_input, body, content_type=content_type)
    return await run_in_threadpool(reader.analyses.analyse, document)
