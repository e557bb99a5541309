"""The failures fuzzing found in the loader, kept as plain examples so they stay fixed."""

from __future__ import annotations

import pytest

from newsledger.errors import EmptyDocument, UnsupportedFormat
from newsledger.ingest import load_bytes
from newsledger.schema import Document
from tests.ingest.conftest import article_html, warc_record

# Past the 4 KB the loader sniffs for binary data.
PADDING = "The minister said on Monday that the talks had stalled, officials said.\n" * 60
WINDOWS_1252 = "The caf\u00e9 owner said \u201cno\u201d and left.\n".encode("cp1252")


@pytest.mark.parametrize(
    "label",
    ["base64", "hex", "zlib", "rot13", "undefined", "unicode_escape", "punycode", "utf7"],
)
def test_a_declared_python_codec_is_ignored_not_raised(label: str) -> None:
    """Was: LookupError or UnicodeError out of `load_bytes`, ending the run, for a page whose
    bytes are not UTF-8 and whose `<meta charset>` or HTTP header names a Python codec."""
    page = article_html("Assembly funds the bridge", "fund the bridge").encode()
    page = page.replace(b"<meta charset='utf-8'>", f"<meta charset='{label}'>".encode())
    page = page.replace(b"<article>", b"<article><p>" + WINDOWS_1252 + b"</p>")
    record = warc_record("https://news.example/a", page, content_type=f"text/html; charset={label}")
    for data, name in ((page, "page.html"), (record, "crawl.warc")):
        (document,) = load_bytes(data, name=name)
        assert isinstance(document, Document), document
        assert "fund the bridge" in document.text


def test_backslash_escapes_are_not_decoded_into_surrogates() -> None:
    """Was: UnicodeEncodeError from the document id, as `unicode_escape` made `\\ud800` a lone
    surrogate."""
    data = b"<meta charset=unicode_escape> " + PADDING.encode() + b"\\ud800 \\x00 " + WINDOWS_1252
    (document,) = load_bytes(data, name="page.txt")
    assert isinstance(document, Document), document
    assert "\\ud800 \\x00" in document.text


@pytest.mark.parametrize(
    ("data", "raw_text"),
    [
        ((PADDING + "The\x00 end.").encode(), False),
        ((PADDING + "The\x00 end.").encode(), True),
        (("The\x00 end. " + PADDING).encode("utf-16"), False),  # a BOM: no sniff for NUL
    ],
    ids=["text", "raw-text", "utf-16"],
)
def test_nul_anywhere_in_a_text_page_is_refused(data: bytes, raw_text: bool) -> None:
    """Was: a document holding NUL, which PostgreSQL refused mid-ingest with a traceback."""
    (refused,) = load_bytes(data, name="page.txt", raw_text=raw_text)
    assert isinstance(refused, UnsupportedFormat)
    assert str(refused) == "page.txt: the text contains NUL characters: binary data, not an article"


@pytest.mark.parametrize("opening", ["<audio src=x>", "<!DOCTYPx><video src=x>"])
def test_a_page_rooted_at_an_unclosed_media_element_is_refused_in_one_line(opening: str) -> None:
    """Was: AssertionError out of lxml's `drop_tree` (htmldate, inside trafilatura, removing
    the `<audio>` that the parse had made the root), a traceback that ended the whole run.
    Found by `make fuzz`. The paragraphs are the element's fallback content, which browsers do
    not show either; closed, the same element costs nothing."""
    paragraph = "<p>" + "The minister said on Monday that the talks had stalled. " * 4 + "</p>\n"
    (refused,) = load_bytes((opening + paragraph * 3).encode(), name="page.html")
    assert isinstance(refused, EmptyDocument)
    assert str(refused) == "page.html: no article text found in the HTML page"
    closed = opening + "</" + opening.rsplit("<", 1)[1].split()[0] + ">"
    (document,) = load_bytes((closed + paragraph * 3).encode(), name="page.html")
    assert isinstance(document, Document), document
    assert document.text.startswith("The minister said on Monday")


def test_nul_past_the_sniff_in_html_is_dropped_as_browsers_do() -> None:
    page = article_html(
        "Assembly funds the bridge", "fund the bridge", extra_head=f"<!-- {PADDING} -->"
    )
    data = page.replace("Supporters said", "Supporters\x00 said").encode()
    (document,) = load_bytes(data, name="page.html")
    assert isinstance(document, Document), document
    assert "Supporters said" in document.text
