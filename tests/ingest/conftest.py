"""Builders for the small inputs the ingest tests feed the loader."""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parents[2] / "examples" / "seed.txt"

_PARAGRAPHS = (
    "The regional assembly voted on Monday to {topic}, after a debate that lasted most of the"
    " afternoon and drew a crowd of residents to the public gallery.",
    "Supporters said the decision had been delayed for too long and that the cost would be"
    " covered by savings elsewhere in the budget over the next three years.",
    "Critics warned that the plan had not been tested and asked the assembly to publish the"
    " studies on which it had based its estimates before any money was spent.",
)


def article_html(title: str, topic: str, *, extra_head: str = "") -> str:
    """A plain news page, long enough for trafilatura to take it for an article."""
    paragraphs = "".join(f"<p>{text.format(topic=topic)}</p>" for text in _PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{extra_head}"
        f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def warc_record(
    uri: str,
    payload: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    http_extra: str = "",
    record_type: str = "response",
    date: str = "2011-06-20T10:00:00Z",
    declared_length: int | None = None,
) -> bytes:
    """One WARC/1.0 record; `declared_length` lies about the block size to fake truncation."""
    block = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{http_extra}\r\n".encode() + payload
    )
    length = len(block) if declared_length is None else declared_length
    header = (
        f"WARC/1.0\r\nWARC-Type: {record_type}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uri)}>\r\n"
        f"Content-Type: application/http; msgtype={record_type}\r\nContent-Length: {length}\r\n\r\n"
    )
    return header.encode() + block + b"\r\n\r\n"


def warcinfo_record() -> bytes:
    body = b"software: newsledger-tests\r\nformat: WARC File Format 1.0\r\n"
    return (
        b"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2011-06-20T10:00:00Z\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000000000000000000000000001>\r\n"
        b"Content-Type: application/warc-fields\r\nContent-Length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
        + body
        + b"\r\n\r\n"
    )


def gzip_members(*records: bytes) -> bytes:
    """A .warc.gz: one gzip member per record, as crawlers write them."""
    return b"".join(gzip.compress(record) for record in records)


@pytest.fixture
def ferry_page() -> Path:
    return FIXTURES / "article.html"
