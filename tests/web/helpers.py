"""Small helpers the reader's tests share."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf(html: str) -> str:
    found = _TOKEN.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def log_in(client: TestClient, name: str = "alice", password: str = PASSWORD) -> None:
    token = csrf(client.get("/login").text)
    response = client.post(
        "/login",
        data={"csrf_token": token, "name": name, "password": password, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
