from __future__ import annotations

import gzip
import io
import random
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from newsledger.config import Settings
from newsledger.errors import EmptyDocument, IngestError, TooLarge, UnsupportedFormat
from newsledger.ingest import expand_inputs, load_bytes, load_path, loader
from newsledger.schema import Document, document_id

from .conftest import SEED, article_html

ARTICLE = "Library stays open\n\nThe council voted on Monday to keep the library open on Sundays.\n"


def _one(items: Iterable[Document | IngestError]) -> Document | IngestError:
    found = list(items)
    assert len(found) == 1, found
    return found[0]


def _document(items: Iterable[Document | IngestError]) -> Document:
    item = _one(items)
    assert isinstance(item, Document), item
    return item


def _error(
    items: Iterable[Document | IngestError], kind: type[IngestError], message: str
) -> IngestError:
    item = _one(items)
    assert isinstance(item, kind), item
    assert message in item.message
    return item


def test_expand_inputs_walks_directories_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "b" / "a.txt").write_text("a")
    (tmp_path / "a.html").write_text("<p>a</p>")
    (tmp_path / ".hidden").write_text("h")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("c")
    missing = str(tmp_path / "missing.txt")
    assert expand_inputs([missing, str(tmp_path), "-"]) == [
        missing,
        str(tmp_path / "a.html"),
        str(tmp_path / "b" / "a.txt"),
        str(tmp_path / "b" / "z.txt"),
        "-",
    ]


def test_text_file_becomes_a_document_with_its_id(tmp_path: Path) -> None:
    path = tmp_path / "library.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    document = _document(load_path(str(path)))
    assert document.title == "Library stays open"
    assert document.text == "The council voted on Monday to keep the library open on Sundays."
    assert document.id == document_id(document.text)


def test_seed_example_loads_with_its_chrome_removed() -> None:
    document = _document(load_path(str(SEED)))
    assert document.section == ["Iraq"]
    assert document.removed[1:] == ["You may also like", "Leave a Comment"]
    assert document.title == "Iraq – France relations strained over MKO terrorists event in Paris"


def test_raw_text_is_the_file_verbatim(tmp_path: Path) -> None:
    content = "Home » Iraq\r\n\r\nTitle line  \r\nBody text.\n\n\nYou may also like\n"
    path = tmp_path / "raw.txt"
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    document = _document(load_path(str(path), raw_text=True))
    assert document.text == content
    assert document.title is None and document.subtitle is None
    assert document.section == [] and document.removed == []
    # The seed example gives the same text as reading it with newline="".
    with SEED.open(encoding="utf-8", newline="") as handle:
        assert _document(load_path(str(SEED), raw_text=True)).text == handle.read()


def test_raw_text_in_utf16_with_a_byte_order_mark() -> None:
    document = _document(load_bytes("Grüße aus Köln.\n".encode("utf-16"), name="x", raw_text=True))
    assert document.text == "Grüße aus Köln.\n"


def test_binary_data_behind_a_utf16_byte_order_mark_is_refused() -> None:
    rng = random.Random(5)
    # High bytes outside the surrogate range, so that every pair decodes as UTF-16.
    pairs = [bytes([rng.randrange(256), rng.randrange(0xE0, 0x100)]) for _ in range(4000)]
    data = b"\xff\xfe" + b"".join(pairs)
    _error(load_bytes(data, name="x"), UnsupportedFormat, "binary data behind a utf-16-le")
    greek = "Η βουλή ψήφισε τη Δευτέρα.\n" * 40
    assert _document(load_bytes(greek.encode("utf-16"), name="x", raw_text=True)).text == greek


def test_html_is_recognised_by_extension_markup_or_gzip(tmp_path: Path, ferry_page: Path) -> None:
    html = ferry_page.read_bytes()
    expected = _document(load_path(str(ferry_page)))
    assert expected.title == "Harbour council approves new ferry link"
    sniffed = tmp_path / "page"
    sniffed.write_bytes(html)
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(html))
    assert _document(load_path(str(sniffed))) == expected
    assert _document(load_path(str(packed))) == expected


def test_legacy_encodings_are_detected() -> None:
    declared = article_html("Café owners protest", "tax cafés “fairly”").replace(
        "charset='utf-8'", "charset='iso-8859-1'"
    )
    document = _document(load_bytes(declared.encode("cp1252"), name="page.html"))
    assert document.title == "Café owners protest"
    assert "tax cafés “fairly”" in document.text
    text = "Café owners protest\n\nThe owners of the cafés said the new tax was “unfair” to them."
    guessed = _document(load_bytes(text.encode("cp1252"), name="cafe.txt"))
    assert guessed.text == "The owners of the cafés said the new tax was “unfair” to them."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image), not an article"),
        (b"\x7fELF\x02\x01\x01\x00", "binary file (ELF executable), not an article"),
        (b"PK\x03\x04\x14\x00\x00\x00", "binary file (zip archive), not an article"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary file (PDF document), not an article"),
        (b"plain start\x00\x01\x02 then zeros", "binary file (contains NUL bytes)"),
        (random.Random(7).randbytes(3000).replace(b"\x00", b"\x01"), "text encoding"),
        (gzip.compress(b"half a page")[:-6], "truncated gzip data"),
    ],
)
def test_unreadable_inputs_give_one_error(data: bytes, reason: str) -> None:
    _error(load_bytes(data, name="input.bin"), UnsupportedFormat, reason)


def test_missing_path_and_directory_give_one_error(tmp_path: Path) -> None:
    missing = _error(load_path(str(tmp_path / "nope.txt")), IngestError, "No such file")
    assert missing.source == str(tmp_path / "nope.txt")
    _error(load_path(str(tmp_path)), IngestError, "is a directory, not a file")


def test_unreadable_file_gives_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(loader, "open", refuse, raising=False)  # chmod cannot stop root
    _error(load_path(str(path)), IngestError, "cannot read the file: Permission denied")


def test_html_page_without_an_article_gives_one_error() -> None:
    page = b"<html><body><footer>(c) 2020 Shop Inc.</footer></body></html>"
    error = _error(load_bytes(page, name="shop.html"), EmptyDocument, "no article text found")
    assert error.source == "shop.html"


def test_empty_inputs_give_one_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.touch()
    _error(load_path(str(path)), EmptyDocument, "the file is empty")
    _error(load_bytes(b" \n\n\t\n", name="blank.txt"), EmptyDocument, "no article text")
    _error(load_bytes(b"\n\n", name="blank.txt", raw_text=True), EmptyDocument, "holds no text")
    _error(load_bytes(b"Share this:\n\nTweet\n", name="c.txt"), EmptyDocument, "no article")


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: only stat can afford to look at it
    error = _error(load_path(str(path)), TooLarge, "50000000 bytes, over the limit of 10000000")
    assert error.source == str(path)


def test_limits_on_decompressed_size_and_text_length() -> None:
    settings = Settings(max_input_bytes=1_000, max_text_chars=20)
    bomb = gzip.compress(b"a" * 100_000)
    _error(load_bytes(bomb, name="x.gz", settings=settings), TooLarge, "decompresses to over")
    _error(load_bytes(ARTICLE.encode(), name="a.txt", settings=settings), TooLarge, "characters")


def test_standard_input_is_read_with_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    assert _document(load_path("-")).title == "Library stays open"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 2_000)))
    error = _error(load_path("-", settings=Settings(max_input_bytes=1_000)), TooLarge, "limit")
    assert error.source == "<stdin>"
