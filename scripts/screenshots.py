"""Screenshots of the reader for the docs: the example article and the MKO's entity page.

    .venv/bin/python scripts/screenshots.py [--db STORE] [--out docs]

Without `--db`, the bundled example is ingested into a temporary store first. The app runs on a
free loopback port in this process; Playwright drives Debian's Chromium (`apt-get install
chromium`), never a browser of its own.
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from newsledger.cli import main as cli_main
from newsledger.corpus import open_database, store
from newsledger.web import WebSettings, create_app

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "seed.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 1000}


def seed_store(folder: Path) -> str:
    path = folder / "ledger.db"
    if cli_main(["ingest", str(SEED), "--db", str(path)]) != 0:
        raise SystemExit("screenshots: could not ingest the example")
    return str(path)


def seed_document(db: str) -> str:
    with open_database(db) as database, database.reading() as session:
        hits = store.search(session=session, query='"Iraqi Gov’t Summons"', facets=False).hits
    if not hits:
        raise SystemExit("screenshots: the store does not hold the bundled example")
    return hits[0].document.id


def serve(db: str) -> tuple[uvicorn.Server, threading.Thread, int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(WebSettings(db=db)), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit("screenshots: the reader did not start")
        time.sleep(0.05)
    return server, thread, port


def shoot(port: int, document_id: str, out: Path) -> list[Path]:
    base = f"http://127.0.0.1:{port}"
    shots = [
        (f"{base}/articles/{document_id}", out / "reader-article.png"),
        (f"{base}/entities/MKO", out / "reader-entity.png"),
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
        for url, path in shots:
            page.goto(url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(path))
        browser.close()
    return [path for _, path in shots]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", help="a store holding the example (default: a fresh one)")
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"screenshots: {CHROMIUM} is missing (apt-get install chromium)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or seed_store(Path(folder))
        server, thread, port = serve(db)
        try:
            paths = shoot(port, seed_document(db), args.out)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    for path in paths:
        print(f"screenshots: wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
