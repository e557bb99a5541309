"""Login hardening: failures counted per address and per name, a new session id at every login,
and cookies that scripts cannot read, other sites do not get, and plain HTTP never carries."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsledger.web import WebSettings, create_app
from newsledger.web.security import CSRF_COOKIE, SESSION_COOKIE
from newsledger.web.throttle import LoginThrottle
from tests.web.conftest import PASSWORD, SECRET
from tests.web.helpers import csrf, log_in


def attempt(client: TestClient, name: str, password: str) -> httpx.Response:
    token = csrf(client.get("/login").text)
    return client.post(
        "/login",
        data={"csrf_token": token, "name": name, "password": password},
        follow_redirects=False,
    )


def from_address(app: FastAPI, address: str) -> TestClient:
    return TestClient(app, client=(address, 40000))


def reader_app(store_path: Path) -> FastAPI:
    return create_app(WebSettings(db=str(store_path), secret_key=SECRET))


def test_the_throttle_counts_failures_in_a_window() -> None:
    now = [1000.0]
    throttle = LoginThrottle(attempts=3, window=60, clock=lambda: now[0], max_keys=3)
    for _ in range(2):
        throttle.failed(["a", "b"])
    assert throttle.retry_after(["a"]) == 0
    now[0] += 10
    throttle.failed(["a"])
    assert throttle.retry_after(["a"]) == 50  # the first of the three leaves the window then
    assert throttle.retry_after(["b", "c"]) == 0
    assert throttle.retry_after(["c", "a"]) == 50
    now[0] += 50
    assert throttle.retry_after(["a"]) == 0
    throttle.failed(["a", "a"])
    throttle.forget("a")
    assert throttle.retry_after(["a"]) == 0
    throttle.failed(["x", "x", "x"])
    assert throttle.retry_after(["x"]) == 60
    throttle.failed(["y", "z", "w"])  # past `max_keys`: the least recently failed goes first
    assert throttle.retry_after(["x"]) == 0


def test_five_failures_from_one_address_lock_it_out(store_path: Path) -> None:
    app = reader_app(store_path)
    guesser = from_address(app, "203.0.113.7")
    for index in range(5):
        assert attempt(guesser, f"user{index}", "guess").status_code == 401
    # The right password now changes nothing: it is not even checked.
    locked = attempt(guesser, "alice", PASSWORD)
    assert locked.status_code == 429
    assert 0 < int(locked.headers["retry-after"]) <= 300
    assert "too many failed logins" in locked.text
    assert SESSION_COOKIE not in guesser.cookies
    assert attempt(from_address(app, "198.51.100.2"), "alice", PASSWORD).status_code == 303


def test_five_failures_at_one_name_lock_it_from_everywhere(store_path: Path) -> None:
    app = reader_app(store_path)
    for index in range(5):
        client = from_address(app, f"203.0.113.{index + 1}")
        assert attempt(client, "alice", "guess").status_code == 401
    elsewhere = from_address(app, "198.51.100.2")
    assert attempt(elsewhere, "alice", PASSWORD).status_code == 429
    assert attempt(elsewhere, "bob", "whatever").status_code == 401


def test_logging_in_clears_the_names_count(client: TestClient) -> None:
    for _ in range(4):
        assert attempt(client, "alice", "guess").status_code == 401
    assert attempt(client, "alice", PASSWORD).status_code == 303
    # The name's count starts again; the address's goes on (4 of 5), so one more try is left.
    assert attempt(client, "alice", "guess").status_code == 401
    assert attempt(client, "alice", PASSWORD).status_code == 429


def test_each_login_gets_a_new_session_id_and_ends_the_last(client: TestClient) -> None:
    log_in(client)
    first = client.cookies.get(SESSION_COOKIE)
    log_in(client)
    second = client.cookies.get(SESSION_COOKIE)
    assert first and second and first != second
    client.cookies.delete(SESSION_COOKIE)
    client.cookies.set(SESSION_COOKIE, first)
    assert ">alice</span>" not in client.get("/").text


def test_every_cookie_is_httponly_and_samesite_and_secure_over_https(store_path: Path) -> None:
    app = reader_app(store_path)
    for scheme in ("http", "https"):
        client = TestClient(app, base_url=f"{scheme}://testserver")
        first = client.get("/login")
        response = attempt(client, "alice", PASSWORD)
        logout = client.post("/logout", data={"csrf_token": csrf(client.get("/").text)})
        cookies = [
            *first.headers.get_list("set-cookie"),
            *response.headers.get_list("set-cookie"),
            *logout.history[0].headers.get_list("set-cookie"),
        ]
        names = {cookie.split("=", 1)[0] for cookie in cookies}
        assert names == {CSRF_COOKIE, SESSION_COOKIE}
        for cookie in cookies:
            flags = [flag.strip().lower() for flag in cookie.split(";")[1:]]
            assert "httponly" in flags and "samesite=lax" in flags, cookie
            assert ("secure" in flags) is (scheme == "https"), cookie
