from __future__ import annotations

import gzip
from pathlib import Path

from newsledger.config import Settings
from newsledger.errors import BadWarcRecord, EmptyDocument, IngestError, TooLarge
from newsledger.ingest import load_bytes, load_path
from newsledger.schema import Document

from .conftest import article_html, gzip_members, warc_record, warcinfo_record

BRIDGE = article_html("Assembly funds the bridge", "fund the bridge").encode()
TUNNEL = article_html("Assembly rejects the tunnel", "reject the tunnel").encode()


def _archive() -> list[bytes]:
    """warcinfo, two pages, a request, an image, a 404 and a truncated page: records 1 to 7."""
    return [
        warcinfo_record(),
        warc_record("https://news.example/bridge", BRIDGE),
        warc_record("https://news.example/tunnel", TUNNEL),
        warc_record("https://news.example/bridge", b"", record_type="request"),
        warc_record("https://news.example/logo.png", b"\x89PNG\r\n", content_type="image/png"),
        warc_record("https://news.example/gone", BRIDGE, status="404 Not Found"),
        warc_record("https://news.example/cut", TUNNEL, declared_length=len(TUNNEL) + 500),
    ]


def _kinds(items: list[Document | IngestError]) -> list[str]:
    return [type(item).__name__ for item in items]


def _error(item: Document | IngestError) -> IngestError:
    assert isinstance(item, IngestError), item
    return item


def test_archive_gives_each_html_page_and_names_the_truncated_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(_archive()))
    items = list(load_path(str(path)))
    assert _kinds(items) == ["Document", "Document", "BadWarcRecord"]
    bridge, tunnel, bad = items
    assert isinstance(bridge, Document) and isinstance(tunnel, Document)
    assert bridge.title == "Assembly funds the bridge"
    assert bridge.url == "https://news.example/bridge"
    assert bridge.published == "2011-06-20"
    assert tunnel.url == "https://news.example/tunnel"
    assert "reject the tunnel" in tunnel.text
    assert isinstance(bad, BadWarcRecord)
    assert bad.source == f"{path}#record-7"
    assert "https://news.example/cut is truncated" in bad.message


def test_gzip_archive_is_read_by_its_magic_whatever_its_name() -> None:
    data = gzip_members(*_archive())
    items = list(load_bytes(data, name="download.bin"))
    assert _kinds(items) == ["Document", "Document", "BadWarcRecord"]
    assert _error(items[2]).source == "download.bin#record-7"


def test_malformed_record_in_the_middle_is_reported_and_reading_goes_on() -> None:
    broken = b"WARC/1.0\r\nWARC-Type: response\r\nnot a header line\r\n\r\nxx\r\n\r\n"
    records = _archive()[:3]
    data = records[1] + broken + records[2]
    items = list(load_bytes(data, name="mixed.warc"))
    assert _kinds(items) == ["Document", "BadWarcRecord", "Document"]
    assert _error(items[1]).source == "mixed.warc#record-2"
    assert "malformed WARC record header" in _error(items[1]).message


def test_corrupt_gzip_member_stops_the_archive_after_saying_so() -> None:
    records = _archive()
    data = (
        gzip.compress(records[1]) + b"\x1f\x8b\x08\x00garbage-garbage" + gzip.compress(records[2])
    )
    items = list(load_bytes(data, name="bad.warc.gz"))
    assert _kinds(items) == ["Document", "BadWarcRecord"]
    assert _error(items[1]).source == "bad.warc.gz#record-2"
    assert "the rest of the archive is skipped" in _error(items[1]).message


def test_archive_cut_inside_a_gzip_member_reports_the_cut_record() -> None:
    data = gzip_members(*_archive()[:3])[:-40]
    items = list(load_bytes(data, name="short.warc.gz"))
    assert _kinds(items) == ["Document", "BadWarcRecord"]
    assert _error(items[1]).source == "short.warc.gz#record-3"


def test_chunked_and_gzip_encoded_payloads_are_decoded() -> None:
    parts = (BRIDGE[:100], BRIDGE[100:], b"")
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts)
    data = warc_record(
        "https://news.example/a", chunked, http_extra="Transfer-Encoding: chunked\r\n"
    ) + warc_record(
        "https://news.example/b", gzip.compress(TUNNEL), http_extra="Content-Encoding: gzip\r\n"
    )
    items = list(load_bytes(data, name="coded.warc"))
    assert _kinds(items) == ["Document", "Document"]
    assert [item.title for item in items if isinstance(item, Document)] == [
        "Assembly funds the bridge",
        "Assembly rejects the tunnel",
    ]


def test_record_the_crawler_cut_short_is_reported() -> None:
    record = warc_record("https://news.example/long", BRIDGE).replace(
        b"Content-Length:", b"WARC-Truncated: length\r\nContent-Length:", 1
    )
    items = list(load_bytes(record, name="cut.warc"))
    assert _kinds(items) == ["BadWarcRecord"]
    assert _error(items[0]).message == (
        "the crawler truncated https://news.example/long (WARC-Truncated: length)"
    )


def test_record_over_the_size_limit_is_refused_alone() -> None:
    big = BRIDGE.replace(b"</article>", b"<p>" + b"word " * 4000 + b"</p></article>")
    data = warc_record("https://news.example/big", big) + warc_record(
        "https://news.example/small", TUNNEL
    )
    items = list(load_bytes(data, name="c.warc", settings=Settings(max_input_bytes=15_000)))
    assert _kinds(items) == ["TooLarge", "Document"]
    assert isinstance(items[0], TooLarge)
    assert _error(items[0]).source == "c.warc#record-1"


def test_archive_without_html_pages_says_so_once() -> None:
    data = warcinfo_record() + warc_record(
        "https://news.example/logo.png", b"\x89PNG", content_type="image/png"
    )
    items = list(load_bytes(data, name="images.warc"))
    assert len(items) == 1
    assert isinstance(items[0], EmptyDocument)
    assert _error(items[0]).message == "the archive holds no HTML pages (2 records)"


def test_file_named_warc_that_is_not_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("just some notes\n", encoding="utf-8")
    items = list(load_path(str(path)))
    assert len(items) == 1
    assert isinstance(items[0], BadWarcRecord)
    assert _error(items[0]).message == "not a WARC archive: no records found"
