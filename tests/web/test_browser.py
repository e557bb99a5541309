"""The reader in a real browser: Playwright driving Debian's Chromium against a live server.

Skips, saying why, where `/usr/bin/chromium` or the playwright package is missing (`.ci/run`
installs Chromium with apt; Playwright's own browser downloads are never used).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.web.articles import quoted_article
from tests.web.conftest import PASSWORD, SECRET

if TYPE_CHECKING:
    from fastapi import FastAPI
    from playwright.sync_api import Page

    from newsledger.analyze.pipeline import Analyzer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (a dev dependency)"
)
uvicorn = pytest.importorskip("uvicorn")

pytestmark = pytest.mark.timeout(120)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served(app: FastAPI) -> Iterator[str]:
    """`app` served by uvicorn on a free loopback port, in a thread of this process."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live_url(store_path: Path, analyzer: Analyzer) -> Iterator[str]:
    """The reader served by uvicorn on a free loopback port, in a thread of this process."""
    from newsledger.web import WebSettings, create_app

    app = create_app(WebSettings(db=str(store_path), secret_key=SECRET), analyzer=analyzer)
    with served(app) as url:
        yield url


@pytest.fixture
def page(live_url: str) -> Iterator[Page]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=live_url, viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        problems: list[str] = []
        tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: problems.append(str(e)))
        yield tab
        browser.close()
        assert problems == [], "the browser reported errors (a CSP violation?)"


def test_read_toggle_follow_log_in_and_note(page: Page, seed_id: str) -> None:
    tab = page
    expect = sync_api.expect

    # The example article: a highlighted quote with its speaker (the government's statement),
    # explained on hover.
    tab.goto(f"/articles/{seed_id}")
    speaker = tab.locator(".seg.st-speaker", has_text="Iraqi government").first
    expect(speaker).to_be_visible()
    expect(speaker).to_have_attribute(
        "title", re.compile(r"Statement s\d+: .+ \((named|anonymous)")
    )
    statement = (speaker.get_attribute("data-st") or "").split()[0]
    quote = tab.locator(f'.seg.st-content[data-st~="{statement}"]').first
    expect(quote).to_be_visible()
    # A click on the quote opens its statement's details under the body.
    quote.click(position={"x": 2, "y": 2})
    expect(tab.locator(f"#statement-{statement}")).to_have_attribute("open", "")

    # Techniques: toggle one off and on, then lower the threshold, all without a reload.
    tab.goto(f"/articles/{quoted_article().document.id}")
    loaded = tab.locator(".seg.tech-1")
    expect(loaded).to_have_count(1)
    toggle = tab.locator('input[name="technique"][value="Loaded_Language"]')
    toggle.uncheck()
    expect(loaded).to_have_count(0)
    toggle.check()
    expect(loaded).to_have_count(1)
    doubt = tab.locator('.seg[data-tech="Doubt:0.45"]')
    expect(doubt).not_to_have_class(re.compile(r"\btech\b"))
    tab.locator("#threshold").fill("0.4")
    expect(doubt).to_have_class(re.compile(r"\btech tech-0\b"))
    expect(tab.locator("#threshold-value")).to_have_text("0.40")

    # From a mention of the MKO in the example article to its entity page.
    tab.goto(f"/articles/{seed_id}")
    tab.locator("#body a.mention", has_text=re.compile(r"^MKO$")).first.click()
    expect(tab).to_have_url(re.compile(r"/entities/Mojahedin-e%20Khalq%20Organization$"))
    expect(tab.locator("h1")).to_contain_text("Mojahedin-e Khalq Organization")
    expect(tab.locator(".aliases-list")).to_contain_text("PMOI")

    # Log in, and come back to the article.
    tab.goto(f"/articles/{seed_id}")
    tab.get_by_role("link", name="Log in").first.click()
    tab.get_by_label("Name").fill("alice")
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    expect(tab).to_have_url(re.compile(rf"/articles/{seed_id}$"))
    expect(tab.locator(".account .who")).to_have_text("alice")

    # A note on a statement, there after a reload.
    form = tab.locator("form.note-form")
    form.locator('select[name="target"]').select_option(statement)
    form.locator('textarea[name="text"]').fill("Check this against the ministry's own statement.")
    form.get_by_role("button", name="Add note").click()
    note = tab.locator("#notes .note").last
    expect(note).to_contain_text("Check this against the ministry's own statement.")
    tab.reload()
    expect(note).to_contain_text("alice")
    expect(note).to_contain_text(f"statement {statement}")
    expect(note.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))


def test_analyse_a_pasted_text_then_log_in_and_store_it(page: Page) -> None:
    tab = page
    expect = sync_api.expect

    tab.goto("/")
    tab.get_by_role("link", name="Analyse").click()
    tab.get_by_label("Text").fill(
        "The foreign ministry said on Monday that “talks had stalled”.\n\n"
        "<script>document.title = 'ran'</script> Rebels shelled the town, witnesses said."
    )
    tab.get_by_role("button", name="Analyse").click()
    expect(tab).to_have_url(re.compile(r"/analyse/[0-9a-f]{16}$"))
    expect(tab.locator(".seg.st-speaker").first).to_have_text("The foreign ministry")
    expect(tab.locator("#body")).to_contain_text("<script>document.title = 'ran'</script>")
    assert tab.title() != "ran"
    preview = tab.url

    tab.locator("#store").get_by_role("link", name="Log in").click()
    tab.get_by_label("Name").fill("alice")
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    expect(tab).to_have_url(preview)
    tab.get_by_role("button", name="Store in the ledger").click()
    expect(tab).to_have_url(re.compile(r"/articles/[0-9a-f]{16}$"))
    expect(tab.locator("#notes form.note-form")).to_be_visible()
