"""Hostile pages: each is stored or refused in one line, and the reader shows what is stored as
inert text, never as markup the page's author wrote."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from newsledger.errors import EmptyDocument, TooLarge, UnsupportedFormat
from newsledger.schema import Document
from newsledger.web import WebSettings, create_app
from tests.hardening.conftest import SECRET, HostileStore
from tests.hardening.hostile import BUILT, KEPT, PAYLOAD

# The inputs refused, and why; every other input gives at least one document.
REFUSED = {
    "huge-page.html": TooLarge,  # 50 MB, over max_input_bytes
    "bom-lies.html": UnsupportedFormat,  # a UTF-16 mark on bytes that are not UTF-16
    "deep-nesting.html": EmptyDocument,  # libxml2 stops at depth 256 and drops what follows
}
# Elements the reader never writes around article text, and which would be live if it did.
FORBIDDEN_TAGS = frozenset(
    {
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "math",
        "img",
        "style",
        "foreignobject",
        "animate",
        "set",
        "use",
        "image",
        "video",
        "audio",
        "source",
        "template",
        "noscript",
    }
)
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "ping", "srcset"}
)
OWN_SCRIPT = '<script src="/static/reader.js" defer>'


class Markup(HTMLParser):
    """The tags of a page as a browser's tokenizer splits them, and its text unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs, self.get_starttag_text() or ""))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def live_markup(page: str) -> list[str]:
    """What in `page` a browser would run, load or follow that the reader did not write."""
    parser = Markup()
    parser.feed(page)
    parser.close()
    found = []
    for tag, attrs, source in parser.tags:
        if tag in FORBIDDEN_TAGS:
            found.append(source)
        if tag == "script" and source != OWN_SCRIPT:
            found.append(source)
        if tag == "svg" and dict(attrs).get("class") != "chart":
            found.append(source)
        if tag == "meta" and dict(attrs).get("http-equiv"):
            found.append(source)
        for name, value in attrs:
            if name.startswith("on"):
                found.append(source)
            if name in URL_ATTRIBUTES and urlsplit(value or "").scheme not in ("", "http", "https"):
                found.append(source)
    if page.lower().count("<script") != 1:
        found.append("a <script beside the reader's own")
    return found


def visible_text(page: str) -> str:
    parser = Markup()
    parser.feed(page)
    parser.close()
    return " ".join("".join(parser.text).split())


def test_the_check_finds_markup_a_browser_would_run() -> None:
    page = f"<html><head>{OWN_SCRIPT}</script></head><body>{{}}</body></html>"
    for live in (
        f"<script>{PAYLOAD}</script>",
        f"<img src=x onerror={PAYLOAD}>",
        f"<p onmouseover='{PAYLOAD}'>",
        f'<a href=" javascript:{PAYLOAD}">',
        "<svg><animate>",
        '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
    ):
        assert live_markup(page.format(live)) != [], live
    inert = str(escape(f"<script>{PAYLOAD}</script><img src=x onerror={PAYLOAD}>"))
    assert live_markup(page.format(f"<p title='javascript:{PAYLOAD}'>{inert}</p>")) == []


@pytest.fixture(scope="module")
def client(hostile_store: HostileStore) -> Iterator[TestClient]:
    app = create_app(WebSettings(db=str(hostile_store.path), secret_key=SECRET))
    with TestClient(app) as test_client:
        yield test_client


def test_the_corpus_holds_every_kind_of_hostile_input() -> None:
    kept = {path.name for path in KEPT.iterdir()}
    assert len(kept) >= 15 and all(path.stat().st_size < 1_000_000 for path in KEPT.iterdir())
    assert set(BUILT) == {
        "deep-nesting.html",
        "giant-attributes.html",
        "huge-page.html",
        "lying-headers.warc",
    }


def test_each_input_is_stored_or_refused_in_one_line(hostile_store: HostileStore) -> None:
    for name, items in hostile_store.loaded.items():
        assert items, name
        if name in REFUSED:
            assert len(items) == 1 and isinstance(items[0], REFUSED[name]), (name, items)
        else:
            assert all(isinstance(item, Document) for item in items), (name, items)
    assert hostile_store.exit_code == 1  # some inputs failed, the rest were stored
    # One line per refused input, then the run's summary.
    lines = [line for line in hostile_store.stderr.splitlines() if line.startswith("newsledger:")]
    assert len(lines) == len(REFUSED), hostile_store.stderr
    for name in REFUSED:
        assert sum(name in line for line in lines) == 1, (name, lines)
    assert "over the limit of 10000000 (max_input_bytes)" in hostile_store.stderr
    assert "Traceback" not in hostile_store.stderr


def test_payloads_are_stored_as_words_never_expanded_or_decoded(
    hostile_store: HostileStore,
) -> None:
    documents = hostile_store.documents()
    escaped = documents["escaped-markup.html"]
    assert "“<script>window.pwned=1</script>”" in escaped.text
    assert escaped.site == "<script>window.pwned=1</script>"
    # Neither the billion laughs nor the external entity expands.
    expanded = documents["entity-expansion.xhtml"]
    assert "&lol9; and &xxe;" in expanded.text and "lollol" not in expanded.text
    assert "root:" not in expanded.text
    # A declared codec that is no web encoding is ignored: its escapes stay as written.
    assert "\\u003cscript\\u003e" in documents["says-unicode-escape.html"].text
    assert "+ADw-script+AD4-" in documents["says-utf7.html"].text
    assert "café the mayor said “no more delays”" in documents["says-base64.html"].text
    # UTF-8 bytes under a windows-1251 label: UTF-8 is tried first.
    assert "café the mayor said “no more delays” — and the crowd cheered. Москва." in (
        documents["says-cp1251-is-utf8.html"].text
    )
    archived = [documents[f"lying-headers.warc#{number}"] for number in range(3)]
    assert [document.url for document in archived] == [
        "https://news.example/base64",
        "https://news.example/koi8",
        f"javascript:{PAYLOAD}",
    ]
    assert "the café “bridge”," in archived[0].text


def test_reader_shows_every_hostile_article_as_inert_text(
    hostile_store: HostileStore, client: TestClient
) -> None:
    for name, document in hostile_store.documents().items():
        response = client.get(f"/articles/{document.id}")
        assert response.status_code == 200, name
        assert live_markup(response.text) == [], name
        shown = visible_text(response.text)
        # Every paragraph reaches the reader as words, markup included.
        for paragraph in document.text.split("\n\n"):
            assert " ".join(paragraph.split()) in shown, (name, paragraph)


def test_markup_in_the_text_is_escaped_where_the_reader_shows_it(
    hostile_store: HostileStore, client: TestClient
) -> None:
    escaped = hostile_store.documents()["escaped-markup.html"]
    page = client.get(f"/articles/{escaped.id}").text
    for payload in (
        f"<script>{PAYLOAD}</script>",
        f'<img src=x onerror="{PAYLOAD}">',
        f"<iframe src=javascript:{PAYLOAD}></iframe>",
        f"<img src=x onerror={PAYLOAD}>",
    ):
        assert payload not in page
        assert str(escape(payload)) in page, payload


@pytest.mark.parametrize("path", ["/", "/search?q=bridge", "/search?q=script", "/disputes"])
def test_pages_listing_hostile_articles_carry_no_live_markup(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert live_markup(response.text) == []
    assert PAYLOAD in response.text or path == "/disputes"
