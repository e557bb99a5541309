"""Logging in, CSRF on every form, notes with author and time, and `--require-login`."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsledger.cli import main
from newsledger.cli_web import is_loopback
from newsledger.web.security import CSRF_COOKIE, SESSION_COOKIE
from tests.web.articles import quoted_article
from tests.web.conftest import PASSWORD
from tests.web.helpers import csrf, log_in


def replace_cookie(client: TestClient, name: str, value: str) -> None:
    client.cookies.delete(name)
    client.cookies.set(name, value)


def test_forms_without_the_right_token_are_refused(client: TestClient, seed_id: str) -> None:
    token = csrf(client.get("/login").text)
    form = {"name": "alice", "password": PASSWORD, "next": "/"}
    assert client.post("/login", data=form).status_code == 403
    assert client.post("/login", data={**form, "csrf_token": "0" * 64}).status_code == 403
    other_site = client.post(
        "/login", data={**form, "csrf_token": token}, headers={"origin": "https://evil.example"}
    )
    assert other_site.status_code == 403
    log_in(client)
    note = {"text": "hello", "target": "article"}
    assert client.post(f"/articles/{seed_id}/notes", data=note).status_code == 403
    # A token is worth nothing with another browser's cookie.
    replace_cookie(client, CSRF_COOKIE, "x" * 43)
    page_token = csrf(client.get(f"/articles/{seed_id}").text)
    replace_cookie(client, CSRF_COOKIE, "y" * 43)
    response = client.post(f"/articles/{seed_id}/notes", data={**note, "csrf_token": page_token})
    assert response.status_code == 403


def test_login_failure_and_success(client: TestClient) -> None:
    token = csrf(client.get("/login").text)
    wrong = client.post(
        "/login", data={"csrf_token": token, "name": "alice", "password": "nope", "next": "/"}
    )
    assert wrong.status_code == 401 and "wrong name or password" in wrong.text
    unknown = client.post(
        "/login", data={"csrf_token": token, "name": "mallory", "password": PASSWORD}
    )
    assert unknown.status_code == 401
    replace_cookie(client, SESSION_COOKIE, "planted-before-login")
    response = client.post(
        "/login",
        data={"csrf_token": token, "name": "alice", "password": PASSWORD, "next": "//evil.example"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith(SESSION_COOKIE + "="))
    assert "planted-before-login" not in session
    assert "HttpOnly" in session and "SameSite=lax" in session and "Secure" not in session
    assert any(c.startswith(CSRF_COOKIE + "=") for c in cookies), "the CSRF nonce is rotated"
    assert ">alice</span>" in client.get("/").text


def test_cookies_are_secure_over_https(store_path: Path) -> None:
    from tests.web.conftest import make_client

    for client in make_client(store_path):
        client.base_url = client.base_url.copy_with(scheme="https")
        token = csrf(client.get("/login").text)
        response = client.post(
            "/login",
            data={"csrf_token": token, "name": "alice", "password": PASSWORD},
            follow_redirects=False,
        )
        assert all("Secure" in c for c in response.headers.get_list("set-cookie"))


def test_a_note_on_a_statement_with_author_and_time(client: TestClient) -> None:
    seed_id = quoted_article().document.id
    anonymous = client.post(
        f"/articles/{seed_id}/notes",
        data={"csrf_token": csrf(client.get("/login").text), "text": "x"},
    )
    assert anonymous.status_code == 401
    log_in(client)
    page = client.get(f"/articles/{seed_id}", params={"note": "s2"}).text
    assert '<option value="s2" selected>' in page
    response = client.post(
        f"/articles/{seed_id}/notes",
        data={"csrf_token": csrf(page), "target": "s2", "text": "Check <this> denial."},
        follow_redirects=False,
    )
    assert response.status_code == 303
    html = client.get(response.headers["location"]).text
    assert '<strong class="author">alice</strong>' in html
    assert "Check &lt;this&gt; denial." in html
    assert 'href="#statement-s2">statement s2</a>' in html
    notes = client.get(f"/api/documents/{seed_id}/notes").json()
    assert [(n["author"], n["target_kind"], n["target_id"]) for n in notes] == [
        ("alice", "statement", "s2")
    ]
    assert notes[0]["created"].endswith("Z")
    for bad in ({"target": "s999", "text": "x"}, {"target": "article", "text": "   "}):
        refused = client.post(f"/articles/{seed_id}/notes", data={"csrf_token": csrf(html), **bad})
        assert refused.status_code == 400


def test_logout_ends_the_session(client: TestClient) -> None:
    log_in(client)
    token = client.cookies.get(SESSION_COOKIE)
    html = client.get("/").text
    client.post("/logout", data={"csrf_token": csrf(html)})
    assert ">alice</span>" not in client.get("/").text
    replace_cookie(client, SESSION_COOKIE, token or "")
    assert ">alice</span>" not in client.get("/").text


def test_require_login_protects_reading(locked_client: TestClient, seed_id: str) -> None:
    page = locked_client.get(f"/articles/{seed_id}", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == f"/login?next=%2Farticles%2F{seed_id}"
    api = locked_client.get("/api/counts")
    assert api.status_code == 401 and api.json()["ok"] is False
    assert locked_client.get("/login").status_code == 200
    log_in(locked_client)
    assert locked_client.get(f"/articles/{seed_id}").status_code == 200
    assert locked_client.get("/api/counts").status_code == 200


def test_user_add_from_the_command_line(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO("a long password\n"))
    assert main(["user", "add", "bob", "--db", str(store_path), "--password-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long password\n"))
    assert main(["user", "add", "bob", "--db", str(store_path), "--password-stdin"]) == 2
    assert "already exists" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["user", "add", "carol", "--db", str(store_path), "--password-stdin"]) == 2
    assert main(["user", "add", "bad name!", "--db", str(store_path), "--password-stdin"]) == 2


def test_loopback_addresses() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"]))
    assert not any(map(is_loopback, ["0.0.0.0", "192.168.1.5", "example.com", "::"]))
