"""The key that signs forms: kept beside the store, or in the file `serve --secret-key-file`
names, so that a restart does not turn every open form's token stale."""

from __future__ import annotations

import socket
import stat
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsledger.cli import main
from newsledger.web import WebSettings, create_app
from newsledger.web.deps import Reader
from newsledger.web.secret import SECRET_FILE, default_secret_file
from tests.web.conftest import PASSWORD
from tests.web.helpers import csrf


def test_a_form_from_before_a_restart_still_posts(store_path: Path) -> None:
    with TestClient(create_app(WebSettings(db=str(store_path)))) as before:
        token = csrf(before.get("/login").text)
        cookies = dict(before.cookies)
    key_file = store_path.parent / SECRET_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    first_key = key_file.read_bytes()
    with TestClient(create_app(WebSettings(db=str(store_path))), cookies=cookies) as after:
        response = after.post(
            "/login",
            data={"csrf_token": token, "name": "alice", "password": PASSWORD},
            follow_redirects=False,
        )
        assert response.status_code == 303
    assert key_file.read_bytes() == first_key


def test_where_the_key_is_kept_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("NEWSLEDGER_DB", raising=False)
    assert default_secret_file(str(tmp_path / "a" / "ledger.db")) == tmp_path / "a" / SECRET_FILE
    assert default_secret_file(None) == tmp_path / "data" / "newsledger" / SECRET_FILE
    assert (
        default_secret_file("postgresql://db/news")
        == tmp_path / "data" / "newsledger" / SECRET_FILE
    )
    assert default_secret_file("sqlite://") is None


def test_serve_takes_a_key_file(
    store_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    served = _served(monkeypatch)
    serve = ["serve", "--db", str(store_path), "--port", str(_free_port())]
    key_file = tmp_path / "key"
    key_file.write_text("k" * 40 + "\n")
    assert main([*serve, "--secret-key-file", str(key_file)]) == 0
    reader: Reader = served[0].state.reader
    assert reader.secret == b"k" * 40
    assert not (store_path.parent / SECRET_FILE).exists()
    made = tmp_path / "new-key"
    assert main([*serve, "--secret-key-file", str(made)]) == 0
    assert served[1].state.reader.secret == made.read_text().strip().encode()
    key_file.write_text("short")
    assert main([*serve, "--secret-key-file", str(key_file)]) == 2
    assert "not the 16 or more a key needs" in capsys.readouterr().err


def test_a_port_in_use_is_one_line_before_any_announcement(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served = _served(monkeypatch)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--db", str(store_path), "--port", str(port)]) == 2
    assert capsys.readouterr().err == (
        f"newsledger: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    )
    assert served == []


def _served(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The apps `serve` would run, which are not run: their sockets are closed instead."""
    import uvicorn

    served: list[Any] = []

    def run(server: uvicorn.Server, sockets: list[socket.socket]) -> None:
        served.append(server.config.app)
        for listening in sockets:
            listening.close()

    monkeypatch.setattr(uvicorn.Server, "run", run)
    return served


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return int(probe.getsockname()[1])
