"""`create_app(settings)`: the reader's FastAPI app, its store opened here and nowhere earlier.

JSON under /api/ (OpenAPI at /api/openapi.json, described at /api/docs), HTML pages elsewhere,
static files from the package. One handler turns every error into the status its class carries:
the JSON body of `errors.error_body` under /api/, an error page (or the login form) elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from newsledger import __version__
from newsledger.corpus import open_database
from newsledger.errors import NewsledgerError
from newsledger.web.analysing import Analyses
from newsledger.web.contexts import Chrome, ErrorPage
from newsledger.web.deps import Reader
from newsledger.web.errors import LoginRequired, error_body, status_of
from newsledger.web.rendering import render
from newsledger.web.routes import ROUTERS
from newsledger.web.secret import default_secret_file, load_secret
from newsledger.web.security import ReaderMiddleware, csrf_token
from newsledger.web.settings import WebSettings
from newsledger.web.throttle import LoginThrottle

if TYPE_CHECKING:
    from newsledger.analyze.pipeline import Analyzer

API_PREFIX = "/api/"
UPLOAD_PATHS = frozenset({"/analyse", "/api/analyse"})


def create_app(settings: WebSettings, *, analyzer: Analyzer | None = None) -> FastAPI:
    """The reader over the store `settings` name; `analyzer` spares the first upload loading
    one (tests share theirs), else it is built when first needed."""
    database = open_database(settings.db)
    try:
        secret = app_secret(settings)
    except NewsledgerError:
        database.close()
        raise

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(
        title="newsledger reader",
        version=__version__,
        description="Articles with their statements, events and framing; entities, disputes.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    throttle = LoginThrottle(attempts=settings.login_attempts, window=settings.login_window_seconds)
    app.state.reader = Reader(
        database=database,
        settings=settings,
        secret=secret,
        throttle=throttle,
        analyses=Analyses(analyzer),
    )
    for router in ROUTERS:
        app.include_router(router)
    static = resources.files("newsledger").joinpath("web/static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for error in (NewsledgerError, HTTPException, RequestValidationError):
        app.add_exception_handler(error, handle_error)
    app.add_middleware(
        ReaderMiddleware,
        max_body_bytes=settings.max_body_bytes,
        max_upload_bytes=settings.max_upload_bytes,
        upload_paths=UPLOAD_PATHS,
        secure=settings.secure_cookies,
    )
    return app


def app_secret(settings: WebSettings) -> bytes:
    """The key given, else the one in the key file; a random one for an in-memory store."""
    if settings.secret_key:
        return settings.secret_key.encode()
    path = settings.secret_key_file or default_secret_file(settings.db)
    return os.urandom(32) if path is None else load_secret(path)


def describe(error: Exception) -> tuple[int, str]:
    """The HTTP status and one-line message of any error a request can raise."""
    if isinstance(error, NewsledgerError):
        return status_of(error), error.message
    if isinstance(error, HTTPException):
        return error.status_code, str(error.detail)
    if isinstance(error, RequestValidationError):
        problems = [
            f"{'.'.join(str(part) for part in e['loc'][1:]) or e['loc'][0]}: {e['msg']}"
            for e in error.errors()
        ]
        return 422, "; ".join(problems) or "invalid request"
    return 500, "internal error"


async def handle_error(request: Request, error: Exception) -> Response:
    """The single error handler: JSON under /api/, the login form or an error page elsewhere."""
    status, message = describe(error)
    if request.url.path.startswith(API_PREFIX) and request.url.path != "/api/docs":
        return JSONResponse(error_body(status, message), status_code=status)
    if isinstance(error, LoginRequired) and request.method == "GET":
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    reader: Reader = request.app.state.reader
    chrome = Chrome(
        user=None,
        csrf_token=csrf_token(request, reader.secret),
        require_login=reader.settings.require_login,
        path=request.url.path,
    )
    return render("error.html", chrome, ErrorPage(status=status, message=message), status=status)
