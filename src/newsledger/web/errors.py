"""Errors at the web edge: each class carries its HTTP status, and one helper builds the body.

The library's own errors (`newsledger.errors`) get theirs from `STATUS`, looked up along the
class's ancestry, so a new subclass inherits its parent's status.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from newsledger.errors import (
    AnalysisError,
    IngestError,
    NewsledgerError,
    NotFound,
    StoreError,
    TooLarge,
    UnsupportedFormat,
)


class WebError(NewsledgerError):
    """A request the reader refuses; `status` is the HTTP status it answers with."""

    status = 400


class BadRequest(WebError):
    status = 400


class LoginRequired(WebError):
    status = 401


class Forbidden(WebError):
    status = 403


class CsrfFailed(Forbidden):
    """A form came without the token this browser was given, or with another one."""


class PageNotFound(WebError):
    status = 404


class BodyTooLarge(WebError):
    status = 413


class UnsupportedMediaType(WebError):
    """An upload that is neither HTML nor plain text."""

    status = 415


# Ingest and analysis errors reach the reader through its analyse page: what was sent is at fault.
STATUS: dict[type[BaseException], int] = {
    NotFound: 404,
    TooLarge: 413,
    UnsupportedFormat: 415,
    IngestError: 400,
    AnalysisError: 422,
    StoreError: 503,
    NewsledgerError: 500,
}


def status_of(error: BaseException) -> int:
    if isinstance(error, WebError):
        return error.status
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def error_body(status: int, message: str) -> dict[str, Any]:
    """The JSON body of every API error: `{"ok": false, "status": 404, "error": "..."}`."""
    return {"ok": False, "status": status, "error": message}


class ErrorBody(BaseModel):
    """What every API error answers (`error_body`), documented in the OpenAPI schema."""

    ok: Literal[False]
    status: int
    error: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A filter the store cannot take"},
    401: {"model": ErrorBody, "description": "The reader requires a login"},
    404: {"model": ErrorBody, "description": "No such document or entity"},
    413: {"model": ErrorBody, "description": "Request body over the limit"},
    422: {"model": ErrorBody, "description": "A parameter out of range or of the wrong type"},
}
