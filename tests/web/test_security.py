"""Headers, escaping and limits: the source's text never becomes the page's markup."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsledger.web.security import CSP
from tests.web.articles import SCRIPT, hostile_article

HOSTILE = hostile_article().document.id


@pytest.mark.parametrize(
    "path", ["/", f"/articles/{HOSTILE}", "/api/counts", "/static/reader.css", "/nowhere", "/login"]
)
def test_every_response_has_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CSP
    for rule in (
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
    ):
        assert rule in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_article_text_is_text_never_markup(client: TestClient) -> None:
    html = client.get(f"/articles/{HOSTILE}").text
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for markup in ("<img src=x", "<iframe", "<b>World</b>", "<b>nothing</b>", "<i>regime</i>"):
        assert markup not in html
    assert "&lt;img src=x onerror=alert(3)&gt;" in html
    assert "javascript:" not in html  # the source's link is not http(s), so it is not linked
    # Pages carry no inline script or style for the CSP to block.
    assert "<script>" not in html and "<style" not in html and " style=" not in html


def test_hostile_names_are_escaped_on_every_page(client: TestClient) -> None:
    for path in (
        "/",
        "/search?q=ministry",
        "/entities/%3Cscript%3Ealert(1)%3C%2Fscript%3E%20Ministry",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert SCRIPT not in response.text
    entity = client.get("/api/entities/%3Cscript%3Ealert(1)%3C%2Fscript%3E%20Ministry").json()
    assert entity["entity"]["name"] == f"{SCRIPT} Ministry"  # JSON keeps the data as it is


def test_bodies_over_the_limit_are_refused(client: TestClient, seed_id: str) -> None:
    response = client.post(
        f"/articles/{seed_id}/notes",
        content=b"x" * 70_000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413
    assert "the request body is over the limit of 65536 bytes" in response.text
    api = client.post(
        "/api/documents", content=b"x" * 70_000, headers={"content-type": "application/json"}
    )
    assert api.status_code == 413 and api.json()["status"] == 413
