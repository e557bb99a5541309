"""The reader's commands: `serve` (the web app and API) and `user add` (an account for notes).

Registered on `cli.app` by `register`, so `cli.main` handles their errors like every other
command's. The web stack is imported inside the commands: the other commands never need it.
"""

from __future__ import annotations

import getpass
import ipaddress
import os
import re
import socket
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsledger.cli_corpus import EXIT_OK, DbOption
from newsledger.errors import NewsledgerError

user_app = typer.Typer(
    help="Reader accounts: who may log in and write notes.", no_args_is_help=True
)


class CliUsageError(NewsledgerError):
    """Options that cannot work together, or a value they cannot take."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    require_login: Annotated[
        bool,
        typer.Option(
            "--require-login",
            help="Reading needs a login too (always so off loopback).",
        ),
    ] = False,
    secret_key_file: Annotated[
        Path | None,
        typer.Option(
            "--secret-key-file",
            help="The key that signs forms, made if absent. Default: reader-secret in the "
            "store's folder.",
        ),
    ] = None,
) -> int:
    """Serve the reader: articles with their evidence, entities, disputes, search, notes, and
    the analysis of any pasted text or uploaded page."""
    import uvicorn

    from newsledger.web import WebSettings, create_app

    protect = require_login or not is_loopback(host)
    app = create_app(WebSettings(db=db, require_login=protect, secret_key_file=secret_key_file))
    shown = f"[{host}]" if ":" in host else host
    listening = _listen(host, port, shown)
    print(f"newsledger: the reader is at http://{shown}:{port}/", file=sys.stderr, flush=True)
    if protect and not require_login:
        print("newsledger: not on loopback, so reading needs a login", file=sys.stderr)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", proxy_headers=True)
    uvicorn.Server(config).run(sockets=[listening])
    return EXIT_OK


def _listen(host: str, port: int, shown: str) -> socket.socket:
    """The listening socket, bound before the reader says where it is: a port in use or an
    unknown host is one line, not the server's log after the announcement."""
    address = host.strip("[]")
    try:
        family = socket.getaddrinfo(address, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as exc:
        raise NewsledgerError(f"cannot listen on {shown}:{port}: {exc.strerror}") from exc
    try:
        return socket.create_server((address, port), family=family)
    except OSError as exc:
        # Its own strerror repeats the address; the errno's text alone is the one line.
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise NewsledgerError(f"cannot listen on {shown}:{port}: {reason}") from exc


def user_add_command(
    name: Annotated[str, typer.Argument(help="Login name: letters, digits, _ . @ -")],
    db: DbOption = None,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="Read the password from standard input's first line."
        ),
    ] = False,
) -> int:
    """Add a user who can log in to the reader and write notes."""
    from newsledger.corpus import open_database
    from newsledger.corpus.store import accounts
    from newsledger.web.auth import MIN_PASSWORD_CHARS, NAME_PATTERN, hash_password

    if not re.fullmatch(NAME_PATTERN, name):
        raise CliUsageError(f"a user name is 1 to 64 of letters, digits, _ . @ -, not {name!r}")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {name}: ")
        if getpass.getpass("Again: ") != password:
            raise CliUsageError("the two passwords differ")
    if len(password) < MIN_PASSWORD_CHARS:
        raise CliUsageError(f"a password has at least {MIN_PASSWORD_CHARS} characters")
    with open_database(db) as database, database.transaction() as session:
        accounts.add_user(session=session, name=name, password_hash=hash_password(password))
    print(f"newsledger: added user {name}", file=sys.stderr)
    return EXIT_OK


def register(app: typer.Typer) -> None:
    """Add the reader's commands to the `newsledger` command line."""
    app.command("serve")(serve_command)
    user_app.command("add")(user_add_command)
    app.add_typer(user_app, name="user")
