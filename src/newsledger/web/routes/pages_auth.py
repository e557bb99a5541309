"""Log in and out: a form with a CSRF token, argon2 checks, and a new session id each login.

Failed logins are counted per client address and per name (`throttle`); past the limit the
form answers 429 with `Retry-After`, without checking the password it was given.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from newsledger.web import auth
from newsledger.web.contexts import LoginPage
from newsledger.web.deps import ChromeDep, CsrfDep, ReaderDep, WriteSessionDep
from newsledger.web.rendering import render
from newsledger.web.security import SESSION_COOKIE, cookie_secure, rotate_csrf

router = APIRouter(include_in_schema=False)


def safe_next(target: str) -> str:
    """Only paths on this site: `//host` or `https://...` would send the browser elsewhere."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login")
def login_form(chrome: ChromeDep, next: str = "/") -> HTMLResponse:
    return render("login.html", chrome, LoginPage(next=safe_next(next), name="", error=None))


@router.post("/login", dependencies=[CsrfDep])
def login(
    request: Request,
    session: WriteSessionDep,
    reader: ReaderDep,
    chrome: ChromeDep,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    keys = (f"address:{request.client.host if request.client else ''}", f"name:{name}")
    wait = reader.throttle.retry_after(keys)
    if wait:
        error = f"too many failed logins: try again in {wait} seconds"
        page = LoginPage(next=safe_next(next), name=name, error=error)
        refused = render("login.html", chrome, page, status=429)
        refused.headers["retry-after"] = str(wait)
        return refused
    user = auth.authenticate(session=session, name=name, password=password)
    if user is None:
        reader.throttle.failed(keys)
        page = LoginPage(next=safe_next(next), name=name, error="wrong name or password")
        return render("login.html", chrome, page, status=401)
    reader.throttle.forget(keys[1])
    token = auth.start_login(
        session=session,
        user=user,
        days=reader.settings.login_days,
        previous=request.cookies.get(SESSION_COOKIE),
    )
    rotate_csrf(request)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=reader.settings.login_days * 86_400,
        httponly=True,
        samesite="lax",
        secure=cookie_secure(request, reader.settings.secure_cookies),
    )
    return response


@router.post("/logout", dependencies=[CsrfDep])
def logout(request: Request, session: WriteSessionDep, reader: ReaderDep) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        auth.end_login(session=session, token=token)
    rotate_csrf(request)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(
        SESSION_COOKIE,
        httponly=True,
        samesite="lax",
        secure=cookie_secure(request, reader.settings.secure_cookies),
    )
    return response
