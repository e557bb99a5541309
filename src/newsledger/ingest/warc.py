"""WARC archives: the HTML responses in a crawl, one payload each, with the bad records named.

fastwarc reads the records. Two of its options are deliberately not used:

- `auto_decode`: on a corrupt gzip body it either returns the first bytes as if they were the
  whole page or stops the iteration for the rest of the archive. The payload is read raw
  instead, its length checked against the header, and decoded here with the error named.
- strict parsing: one malformed header would end the iteration. `quirks_mode` skips forward
  to the next record, and the records it lets through are checked here.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsledger.errors import BadWarcRecord, EmptyDocument, IngestError, TooLarge, UnsupportedFormat

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Response:
    """An HTML page as the crawler received it, decoded from its transfer and content codings."""

    source: str
    url: str
    fetched: str | None
    charset: str | None
    body: bytes


def iter_responses(
    stream: BinaryIO, *, name: str, max_bytes: int
) -> Iterator[Response | IngestError]:
    """Each HTML response with status 200 in the archive, or the reason a record is unusable.

    Records are numbered from 1 over all records in the file, so `name#record-N` finds the
    record whatever its type. `max_bytes` bounds each payload, not the archive: a crawl file
    is expected to be far larger than any one page.
    """
    records = ArchiveIterator(stream, parse_http=True, quirks_mode=True, auto_decode="none")
    number = reported = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except (OSError, ValueError) as exc:
            yield BadWarcRecord(
                f"record {number + 1} cannot be read ({exc}); the rest of the archive is skipped",
                source=f"{name}#record-{number + 1}",
            )
            return
        number += 1
        if record.record_type != WarcRecordType.response:
            continue
        source = f"{name}#record-{number}"
        try:
            response = _response(record, source=source, max_bytes=max_bytes)
        except IngestError as exc:
            exc.source = source
            reported += 1
            yield exc
            continue
        if response is not None:
            reported += 1
            yield response
    if number == 0:
        yield BadWarcRecord("not a WARC archive: no records found", source=name)
    elif reported == 0:
        counted = f"{number} record{'s' if number > 1 else ''}"
        yield EmptyDocument(f"the archive holds no HTML pages ({counted})", source=name)


def _response(record: WarcRecord, *, source: str, max_bytes: int) -> Response | None:
    """The record's page, None for a record that is not a page, or an error naming the fault."""
    headers = record.headers
    where = headers.get("WARC-Target-URI")
    if headers.get("Content-Length") is None or where is None:
        raise BadWarcRecord("malformed WARC record header: no Content-Length or WARC-Target-URI")
    if not record.is_http:
        return None
    http = record.http_headers
    status = http.status_code
    if status is None:
        raise BadWarcRecord(f"malformed HTTP response header for {where}")
    content_type = (record.http_content_type or "").strip().lower()
    if status != 200 or content_type not in _HTML_TYPES:
        return None
    if truncated := headers.get("WARC-Truncated"):
        raise BadWarcRecord(f"the crawler truncated {where} (WARC-Truncated: {truncated})")
    expected = record.content_length
    if expected > max_bytes:
        raise TooLarge(
            f"{where} is {expected} bytes, over the limit of {max_bytes} (max_input_bytes)"
        )
    try:
        raw = record.reader.read(expected)
    except OSError as exc:
        raise BadWarcRecord(f"cannot read {where} ({exc})") from exc
    if len(raw) < expected:
        raise BadWarcRecord(f"{where} is truncated: {len(raw)} of {expected} payload bytes")
    if "chunked" in (http.get("Transfer-Encoding") or "").lower():
        raw = _dechunk(raw, where)
    coding = (http.get("Content-Encoding") or "").strip().lower()
    body = _decode_content(raw, coding, where, max_bytes)
    date = _DATE.match(headers.get("WARC-Date") or "")
    return Response(
        source=source,
        url=where,
        fetched=date.group(0) if date else None,
        charset=record.http_charset,
        body=body,
    )


def _dechunk(raw: bytes, where: str) -> bytes:
    """The body of a chunked transfer, joined.

    Some crawlers join the chunks but keep the header, so a body that does not open with a
    chunk size is returned as it is.
    """
    parts: list[bytes] = []
    position = 0
    while True:
        end = raw.find(b"\r\n", position)
        size_field = raw[position:end].split(b";")[0].strip() if end >= 0 else b""
        if not re.fullmatch(rb"[0-9a-fA-F]+", size_field):
            if position == 0:
                return raw
            raise BadWarcRecord(f"malformed chunked transfer encoding in {where}")
        size = int(size_field, 16)
        if size == 0:
            return b"".join(parts)
        start = end + 2
        if start + size > len(raw):
            raise BadWarcRecord(f"the chunked body of {where} ends inside a chunk")
        parts.append(raw[start : start + size])
        position = start + size + 2


def _decode_content(body: bytes, coding: str, where: str, max_bytes: int) -> bytes:
    """The body without its Content-Encoding, refused past `max_bytes` (a compression bomb)."""
    if coding in ("", "identity"):
        return body
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise UnsupportedFormat(f"{where} uses an unsupported content encoding ({coding})")
    if coding != "deflate" and not body.startswith(b"\x1f\x8b"):
        return body  # some crawlers store the page decoded but keep the header
    # gzip has its own header; "deflate" is meant to be zlib but is sometimes raw deflate.
    wbits = 31 if coding != "deflate" else (15 if body[:1] == b"\x78" else -15)
    inflater = zlib.decompressobj(wbits)
    try:
        decoded = inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise BadWarcRecord(f"cannot decode the {coding} body of {where} ({exc})") from exc
    if len(decoded) > max_bytes:
        raise TooLarge(f"{where} decompresses to over {max_bytes} bytes (max_input_bytes)")
    if not inflater.eof:
        raise BadWarcRecord(f"the {coding} body of {where} is cut short")
    return decoded
