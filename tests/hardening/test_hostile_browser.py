"""The hostile articles in a real browser: no script of theirs runs, no request leaves the machine.

Uses the reader's browser setup (Debian's Chromium driven by Playwright) and skips, saying why,
where either is missing. The payloads set `window.pwned`, call `alert`, redirect by meta
refresh and load from `evil.example`; a route on the browser context sees every request.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.hardening.conftest import SECRET, HostileStore
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, served

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (a dev dependency)"
)
pytestmark = pytest.mark.timeout(120)
CONTROL_URL = "http://evil.example/control"


@pytest.fixture
def live_url(hostile_store: HostileStore) -> Iterator[str]:
    """The reader on the hostile store, served by uvicorn on a free loopback port."""
    from newsledger.web import WebSettings, create_app

    app = create_app(WebSettings(db=str(hostile_store.path), secret_key=SECRET))
    with served(app) as url:
        yield url


def test_no_hostile_article_runs_a_script_or_reaches_off_the_machine(
    hostile_store: HostileStore, live_url: str
) -> None:
    ids = sorted({document.id for document in hostile_store.documents().values()})
    paths = [f"/articles/{id_}" for id_ in ids] + ["/", "/search?q=script"]
    requests: list[str] = []
    dialogs: list[str] = []
    problems: list[str] = []
    navigations: list[str] = []

    def route(route: sync_api.Route) -> None:
        requests.append(route.request.url)
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    def dialog(opened: sync_api.Dialog) -> None:
        dialogs.append(opened.message)
        opened.dismiss()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(base_url=live_url)
            context.route("**/*", route)
            tab = context.new_page()
            tab.on("dialog", dialog)
            tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: problems.append(str(e)))
            tab.on(
                "framenavigated",
                lambda frame: navigations.append(frame.url) if frame == tab.main_frame else None,
            )
            for path in paths:
                tab.goto(path, wait_until="load")
                assert tab.evaluate("typeof window.pwned") == "undefined", path
            tab.wait_for_timeout(1500)  # past the one-second meta refresh, had it been live
            assert navigations == [live_url + path for path in paths]
            assert dialogs == [] and problems == []

            # The listeners themselves work: a dialog and an off-machine request are seen.
            tab.evaluate("alert('control')")
            with pytest.raises(sync_api.Error):
                tab.goto(CONTROL_URL)
        finally:
            browser.close()
    assert dialogs == ["control"]
    assert len(paths) > 15
    assert [url for url in requests if urlsplit(url).hostname != "127.0.0.1"] == [CONTROL_URL]
