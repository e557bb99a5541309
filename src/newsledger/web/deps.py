"""What routes ask for: store sessions, the logged-in user, a checked CSRF token, the page frame."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Form, Query, Request
from pydantic import ValidationError
from sqlalchemy.orm import Session

from newsledger.corpus import Database, SearchFilters
from newsledger.corpus.results import ISO_DATE
from newsledger.corpus.store.accounts import Account
from newsledger.web import auth
from newsledger.web.analysing import Analyses
from newsledger.web.contexts import Chrome
from newsledger.web.errors import BadRequest, CsrfFailed, LoginRequired
from newsledger.web.security import CSRF_FIELD, SESSION_COOKIE, csrf_token, csrf_valid
from newsledger.web.settings import WebSettings
from newsledger.web.throttle import LoginThrottle


@dataclass(frozen=True)
class Reader:
    """What `create_app` keeps on `app.state.reader`: the open store, the settings, the key
    that signs forms, the count of failed logins, and the analyzer for uploads."""

    database: Database
    settings: WebSettings
    secret: bytes
    throttle: LoginThrottle
    analyses: Analyses


def get_reader(request: Request) -> Reader:
    reader: Reader = request.app.state.reader
    return reader


ReaderDep = Annotated[Reader, Depends(get_reader)]


def reading_session(reader: ReaderDep) -> Iterator[Session]:
    with reader.database.reading() as session:
        yield session


def writing_session(reader: ReaderDep) -> Iterator[Session]:
    with reader.database.transaction() as session:
        yield session


# Scoped to the route function: a write commits before its response leaves, so the browser's
# next request (after a redirect) sees it, and connections go back before the response is sent.
SessionDep = Annotated[Session, Depends(reading_session, scope="function")]
WriteSessionDep = Annotated[Session, Depends(writing_session, scope="function")]


def current_user(request: Request, session: SessionDep) -> Account | None:
    return auth.logged_in(session=session, token=request.cookies.get(SESSION_COOKIE))


UserDep = Annotated[Account | None, Depends(current_user)]


def require_reader(reader: ReaderDep, user: UserDep) -> None:
    """Router dependency: with `require_login`, reading needs a login too."""
    if reader.settings.require_login and user is None:
        raise LoginRequired("log in to read")


def require_user(user: UserDep) -> Account:
    if user is None:
        raise LoginRequired("log in to write notes")
    return user


LoggedInDep = Annotated[Account, Depends(require_user)]


def check_csrf(
    request: Request,
    reader: ReaderDep,
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> None:
    """Every form posts the token its page was given; without it, the post is refused."""
    verify_csrf(request, reader.secret, csrf_token)


def verify_csrf(request: Request, secret: bytes, token: str) -> None:
    """`check_csrf` for a route that parses its form itself (an upload, with its own limits)."""
    if not csrf_valid(request, secret, token):
        raise CsrfFailed("the form's security token is missing or stale: reload the page")
    # Defence in depth where the browser says where the form came from (a proxy may change
    # the scheme, so only the host is compared).
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise CsrfFailed("the form was posted from another site")


CsrfDep = Depends(check_csrf)


def chrome(request: Request, reader: ReaderDep, user: UserDep) -> Chrome:
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Chrome(
        user=user.name if user else None,
        csrf_token=csrf_token(request, reader.secret),
        require_login=reader.settings.require_login,
        path=path,
    )


ChromeDep = Annotated[Chrome, Depends(chrome)]


def search_filters(
    entity: Annotated[str | None, Query(description="Any alias of an entity mentioned")] = None,
    speaker: Annotated[str | None, Query(description="An entity or a speaker's words")] = None,
    category: Annotated[str | None, Query(description="An event category, e.g. ASSAULT")] = None,
    technique: Annotated[str | None, Query(description="A technique, e.g. Doubt")] = None,
    site: Annotated[str | None, Query()] = None,
    section: Annotated[str | None, Query(description="Any breadcrumb level")] = None,
    since: Annotated[
        str | None, Query(pattern=ISO_DATE, description="ISO date or prefix, inclusive")
    ] = None,
    until: Annotated[
        str | None, Query(pattern=ISO_DATE, description="ISO date or prefix, inclusive")
    ] = None,
) -> SearchFilters:
    values = {
        "entity": entity,
        "speaker": speaker,
        "category": category,
        "technique": technique,
        "site": site,
        "section": section,
        "since": since,
        "until": until,
    }
    try:
        return SearchFilters(**{k: v.strip() or None if v else None for k, v in values.items()})
    except ValidationError as exc:
        fields = ", ".join(str(error["loc"][0]) for error in exc.errors())
        raise BadRequest(f"dates are ISO days or their prefixes (2011, 2011-04): {fields}") from exc


FiltersDep = Annotated[SearchFilters, Depends(search_filters)]

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class TechniqueView:
    """How an article page shows techniques: the score threshold, and the techniques left on
    (None: all of them)."""

    threshold: float
    shown: list[str] | None


def technique_view(
    threshold: Annotated[float, Query(ge=0.0, le=1.0)] = DEFAULT_THRESHOLD,
    technique: Annotated[list[str] | None, Query(max_length=50)] = None,
    techniques_form: bool = False,
) -> TechniqueView:
    # The toggles' form sends the techniques left on; a plain visit shows them all.
    return TechniqueView(threshold=threshold, shown=(technique or []) if techniques_form else None)


TechniqueViewDep = Annotated[TechniqueView, Depends(technique_view)]


_CONTROL = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r")


def search_words(
    q: Annotated[str, Query(max_length=500, description='Words, "phrases", OR, -word')] = "",
) -> str:
    """The search words without control characters: SQLite's FTS5 cannot take a NUL."""
    return q.translate(_CONTROL)


WordsDep = Annotated[str, Depends(search_words)]
