"""Headers on every response, a limit on request bodies, and CSRF tokens for every form.

CSRF: each browser gets a random nonce in an HttpOnly cookie; its forms carry the HMAC of that
nonce under the app's secret key, which a page on another site can neither read nor compute.
Logging in or out replaces the nonce, so a token from before does not outlive the change.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import secrets
from http.cookies import SimpleCookie
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsledger.web.errors import error_body

CSRF_COOKIE = "nl_csrf"
CSRF_FIELD = "csrf_token"
SESSION_COOKIE = "nl_session"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
_NEW_NONCE = "csrf_new_nonce"
TOO_LARGE_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>413 · newsledger reader'
    '</title><link rel="stylesheet" href="/static/reader.css"></head><body><main><h1>413</h1>'
    '<p class="error">{message}</p><p><a href="/">Home</a></p></main></body></html>'
)


def csrf_nonce(request: Request) -> str:
    """This browser's nonce: its cookie's, or a new one the response will set."""
    new: str | None = getattr(request.state, _NEW_NONCE, None)
    if new is not None:
        return new
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if len(cookie) >= 32:
        return cookie
    return rotate_csrf(request)


def rotate_csrf(request: Request) -> str:
    """Give this browser a new nonce (at login and logout); returns it."""
    nonce = secrets.token_urlsafe(32)
    setattr(request.state, _NEW_NONCE, nonce)
    return nonce


def csrf_token(request: Request, secret: bytes) -> str:
    return _sign(secret, csrf_nonce(request))


def csrf_valid(request: Request, secret: bytes, token: str) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if len(cookie) < 32 or not token:
        return False
    return hmac.compare_digest(_sign(secret, cookie), token)


def _sign(secret: bytes, nonce: str) -> str:
    return hmac.new(secret, b"csrf:" + nonce.encode(), hashlib.sha256).hexdigest()


def cookie_secure(request: Request, setting: bool | None) -> bool:
    return request.url.scheme == "https" if setting is None else setting


def cookie_header(
    name: str, value: str, *, secure: bool, max_age: int | None = None
) -> tuple[bytes, bytes]:
    """A `Set-Cookie` header: HttpOnly, SameSite=Lax, path /, and Secure when asked."""
    cookie: SimpleCookie = SimpleCookie()
    cookie[name] = value
    morsel = cookie[name]
    morsel["path"] = "/"
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    if secure:
        morsel["secure"] = True
    if max_age is not None:
        morsel["max-age"] = max_age
    return b"set-cookie", morsel.OutputString().encode("latin-1")


class ReaderMiddleware:
    """Security headers on every response, bodies over their limit refused with 413, and the
    CSRF cookie set when a route handed out a new nonce.

    Bodies are limited to `max_body_bytes` (forms are small), and to `max_upload_bytes` on the
    `upload_paths`. A declared length over the limit is refused before anything is read; a
    chunked body is counted as it arrives and refused once it passes the limit.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        max_upload_bytes: int,
        upload_paths: frozenset[str],
        secure: bool | None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_upload_bytes = max_upload_bytes
        self.upload_paths = upload_paths
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = scope.setdefault("state", {})
        headers = dict(scope.get("headers", []))
        if scope["path"] in self.upload_paths:
            limit, message = self.max_upload_bytes, "the upload is over the limit of {} bytes"
        else:
            limit, message = self.max_body_bytes, "the request body is over the limit of {} bytes"
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > limit:
            await self._too_large(scope, send, message.format(limit))
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message_in = await receive()
            if message_in["type"] == "http.request":
                received += len(message_in.get("body", b""))
                if received > limit:
                    # A chunked body that lied by omission: stop reading it. The route's error
                    # handler answers, in the form the path calls for.
                    raise HTTPException(413, detail=message.format(limit))
            return message_in

        async def send_with_headers(message_out: Message) -> None:
            if message_out["type"] == "http.response.start":
                extra = list(SECURITY_HEADERS)
                nonce = state.get(_NEW_NONCE)
                if nonce is not None:
                    secure = self.secure if self.secure is not None else scope["scheme"] == "https"
                    extra.append(cookie_header(CSRF_COOKIE, nonce, secure=secure))
                message_out = {
                    **message_out,
                    "headers": [*message_out.get("headers", []), *extra],
                }
            await send(message_out)

        await self.app(scope, limited_receive, send_with_headers)

    async def _too_large(self, scope: Scope, send: Send, message: str) -> None:
        """413 before the app runs: JSON under /api/, a bare page saying why elsewhere."""
        if scope["path"].startswith("/api/"):
            body = json.dumps(error_body(413, message)).encode()
            kind = b"application/json"
        else:
            body = TOO_LARGE_PAGE.format(message=html.escape(message)).encode()
            kind = b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", kind),
                    (b"content-length", str(len(body)).encode()),
                    *SECURITY_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
