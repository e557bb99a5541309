"""The single gate for input: size, compression, binary data, encoding and format.

Every input passes here before an extractor sees it, so each refusal is worded once, and the
extractors only ever receive text. Bad input is expected (a crawl holds images, truncated
records and pages in forgotten encodings), so nothing here raises for it: each problem becomes
one `IngestError` in the stream, naming the input, and the next input goes on.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import sys
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from newsledger.config import Settings
from newsledger.errors import EmptyDocument, IngestError, TooLarge, UnsupportedFormat
from newsledger.ingest.html import parse_html
from newsledger.ingest.text import Page, parse_text
from newsledger.ingest.warc import Response, iter_responses
from newsledger.schema import Document, document_id

_STDIN = "-"
_STDIN_NAME = "<stdin>"
_DEFAULT_SETTINGS = Settings()

_SNIFF_BYTES = 4096
_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/"
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body)\b")
_DECLARED_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)",
    re.IGNORECASE,
)
# Browsers read these labels as windows-1252, and so do the pages that declare them.
_WINDOWS_1252_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}
)
# Python's own codecs, which are no page's encoding and which browsers do not know: transforms
# (`bytes.decode` refuses them with LookupError), `undefined` (always UnicodeError), and escapes
# that turn a page's `\ud800` or `\x00` into lone surrogates and NUL. UTF-7 is left out of
# the Encoding Standard for the markup it smuggles. A page that declares one of these is read as
# if it declared nothing.
_NOT_PAGE_CODECS = frozenset(
    {
        "base64",
        "bz2",
        "hex",
        "quopri",
        "rot-13",
        "uu",
        "zlib",
        "idna",
        "palmos",
        "punycode",
        "raw-unicode-escape",
        "undefined",
        "unicode-escape",
        "utf-7",
    }
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NOT_TEXT_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})
_LAYOUT = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x85")
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"(\xb5/\xfd", "zstd archive"),
    (b"7z\xbc\xaf'\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"\x1aE\xdf\xa3", "Matroska video"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF font"),
)


def expand_inputs(paths: Sequence[str]) -> list[str]:
    """The files to read, in the order given, each directory replaced by its files.

    Hidden files and folders (`.git`, `.DS_Store`) are skipped, since no one keeps articles
    there. A path that does not exist stays, so that the loader reports it in its turn.
    """
    files: list[str] = []
    for path in paths:
        if path == _STDIN or not os.path.isdir(path):
            files.append(path)
            continue
        found: list[str] = []
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            found.extend(os.path.join(folder, name) for name in names if not name.startswith("."))
        files.extend(sorted(found))
    return files


def load_path(
    path: str, *, raw_text: bool = False, settings: Settings = _DEFAULT_SETTINGS
) -> Iterator[Document | IngestError]:
    """The documents in one file (`-` for standard input): one for a page, many for a WARC.

    The size limit is checked on `stat`, before more than the first few kilobytes are read
    (enough to recognise a WARC archive). An archive is streamed instead and the limit applies
    to each of its records, as a crawl file holds thousands of pages.
    """
    if path == _STDIN:
        data = sys.stdin.buffer.read(settings.max_input_bytes + 1)
        if len(data) > settings.max_input_bytes:
            limit = settings.max_input_bytes
            message = f"the input is over the limit of {limit} bytes (max_input_bytes)"
            yield TooLarge(message, source=_STDIN_NAME)
            return
        yield from load_bytes(data, name=_STDIN_NAME, raw_text=raw_text, settings=settings)
        return
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            yield IngestError("is a directory, not a file", source=path)
            return
        with open(path, "rb") as handle:
            if not raw_text and _opens_warc(handle, path):
                yield from load_warc(handle, name=path, settings=settings)
                return
            if stat.S_ISREG(info.st_mode) and info.st_size > settings.max_input_bytes:
                yield _too_large(info.st_size, path, settings)
                return
            data = handle.read(settings.max_input_bytes + 1)
    except OSError as exc:
        yield _unreadable(exc, path)
        return
    yield from load_bytes(data, name=path, raw_text=raw_text, settings=settings)


def load_bytes(
    data: bytes, *, name: str, raw_text: bool = False, settings: Settings = _DEFAULT_SETTINGS
) -> Iterator[Document | IngestError]:
    """The documents in one input already in memory; `name` is its path or URL, for reports.

    As with files, the size limit bounds each record of a WARC archive, not the archive.
    """
    if not raw_text and _is_warc(data[:_SNIFF_BYTES], name):
        yield from load_warc(io.BytesIO(data), name=name, settings=settings)
    elif len(data) > settings.max_input_bytes:
        yield _too_large(len(data), name, settings)
    else:
        yield _load_page(data, name=name, raw_text=raw_text, settings=settings)


def _decode(data: bytes, *, declared: Sequence[str | None] = ()) -> str:
    """The text of `data`: a byte-order mark, then UTF-8, then a declared charset, then a guess.

    UTF-8 goes first because a page that decodes as UTF-8 almost never is anything else, while
    declared charsets are often wrong. `declared` holds charsets from outside the bytes, such
    as an HTTP header; a `<meta charset>` in the bytes is tried after them.
    """
    for mark, codec in _BOMS:
        if data.startswith(mark):
            try:
                text = data[len(mark) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise UnsupportedFormat(
                    f"the text is not valid {codec} despite its byte-order mark"
                ) from exc
            if _looks_binary(text):
                raise UnsupportedFormat(
                    f"binary data behind a {codec} byte-order mark, not an article"
                )
            return text
    kind = _binary_kind(data)
    if kind is not None:
        raise UnsupportedFormat(f"binary file ({kind}), not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    found = _DECLARED_CHARSET.search(data[:_SNIFF_BYTES])
    in_page = (found[1] or found[2]).decode("ascii") if found else None
    candidates: tuple[str | None, ...] = (*declared, in_page)
    for charset in candidates:
        label = _codec(charset)
        if label is not None:
            try:
                return data.decode(label)
            except UnicodeDecodeError:
                continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnsupportedFormat("cannot determine the text encoding")
    return str(best)


def _looks_binary(text: str) -> bool:
    """Whether decoded text is binary data in disguise: unassigned, private-use or control
    characters, which no written text holds, in more than 1% of its first characters.

    Behind a UTF-16 byte-order mark almost any bytes decode, into characters drawn from the
    whole of Unicode, a tenth of which are private-use or unassigned.
    """
    head = text[:_SNIFF_BYTES]
    odd = sum(
        1
        for character in head
        if unicodedata.category(character) in _NOT_TEXT_CATEGORIES and character not in _LAYOUT
    )
    return odd > len(head) / 100


def _codec(charset: str | None) -> str | None:
    if not charset:
        return None
    label = charset.strip().strip("\"'").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return None if name in _NOT_PAGE_CODECS else name


def _binary_kind(data: bytes) -> str | None:
    """What binary data is, by its magic number or, failing that, by the NUL bytes text lacks."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "MP4 or QuickTime media"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP image"
    if b"\x00" in data[:_SNIFF_BYTES]:
        return "contains NUL bytes"
    return None


def _opens_warc(handle: io.BufferedReader, name: str) -> bool:
    """Whether the file open in `handle` is a WARC archive, from its name or first bytes,
    which stay unread."""
    return _is_warc(handle.peek(_SNIFF_BYTES)[:_SNIFF_BYTES], name)


def _unreadable(exc: OSError, path: str) -> IngestError:
    return IngestError(f"cannot read the file: {exc.strerror or exc}", source=path)


def _is_warc(head: bytes, name: str) -> bool:
    if name.lower().endswith((".warc", ".warc.gz")) or head.startswith(_WARC_MAGIC):
        return True
    return head.startswith(_GZIP_MAGIC) and _gunzip_head(head).startswith(_WARC_MAGIC)


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(31).decompress(head, len(_WARC_MAGIC))
    except zlib.error:
        return b""


def _gunzip(data: bytes, limit: int) -> bytes:
    """The content of gzip data, refused past `limit` so that a small file cannot explode."""
    inflater = zlib.decompressobj(31)
    try:
        content = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise UnsupportedFormat(f"corrupt gzip data ({exc})") from exc
    if len(content) > limit:
        raise TooLarge(f"the content decompresses to over {limit} bytes (max_input_bytes)")
    if not inflater.eof:
        raise UnsupportedFormat("truncated gzip data")
    return content


def _too_large(size: int, name: str, settings: Settings) -> TooLarge:
    limit = settings.max_input_bytes
    message = f"the input is {size} bytes, over the limit of {limit} (max_input_bytes)"
    return TooLarge(message, source=name)


def load_warc(
    stream: BinaryIO, *, name: str, settings: Settings = _DEFAULT_SETTINGS
) -> Iterator[Document | IngestError]:
    """The documents of a WARC archive read from a stream (plain or gzip), record by record."""
    for item in iter_responses(stream, name=name, max_bytes=settings.max_input_bytes):
        yield item if isinstance(item, IngestError) else load_response(item, settings=settings)


def is_archive(path: str, *, raw_text: bool = False) -> bool:
    """Whether `load_path` would stream `path` as a WARC archive (by its name or first bytes)."""
    if raw_text or path == _STDIN:
        return False
    try:
        with open(path, "rb") as handle:
            return _opens_warc(handle, path)
    except OSError:
        return False


def archive_responses(
    path: str, *, settings: Settings = _DEFAULT_SETTINGS
) -> Iterator[Response | IngestError]:
    """The responses of the archive at `path`, not yet turned into documents, so that
    `load_response` can do that elsewhere: `analyze --jobs` spreads one archive's records over
    its workers."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed when the records run out
    except OSError as exc:
        yield _unreadable(exc, path)
        return
    with handle:
        yield from iter_responses(handle, name=path, max_bytes=settings.max_input_bytes)


def load_response(response: Response, *, settings: Settings) -> Document | IngestError:
    """The document of one HTML response of an archive, or why there is none."""
    try:
        page = parse_html(
            _decode(response.body, declared=(response.charset,)),
            url=response.url,
            fallback_date=response.fetched,
        )
        return _document(page, raw_text=False, settings=settings)
    except IngestError as exc:
        exc.source = response.source
        return exc


def _load_page(
    data: bytes, *, name: str, raw_text: bool, settings: Settings
) -> Document | IngestError:
    """One page: raw text verbatim, or an HTML or text page with its chrome removed.

    A gzip file is unpacked first in either mode: the compression is transport, not content.
    """
    base = name.removesuffix(".gz")
    try:
        if not data:
            raise EmptyDocument("the file is empty")
        if data.startswith(_GZIP_MAGIC):
            data = _gunzip(data, settings.max_input_bytes)
        content = _decode(data)
        if raw_text:
            page = Page(text=content)
        elif Path(base).suffix.lower() in _HTML_SUFFIXES or _looks_like_html(content):
            page = parse_html(content)
        else:
            page = parse_text(content)
        return _document(page, raw_text=raw_text, settings=settings)
    except IngestError as exc:
        exc.source = name
        return exc


def _looks_like_html(content: str) -> bool:
    head = content[:_SNIFF_BYTES].lstrip("\ufeff \t\r\n").lower()
    return head.startswith("<") and _HTML_SNIFF.search(head) is not None


def _document(page: Page, *, raw_text: bool, settings: Settings) -> Document:
    """The contract's Document for a page, once its text passes the configured limits."""
    if len(page.text.strip()) < settings.min_text_chars:
        reason = (
            "holds no text" if raw_text else "holds no article text once page chrome is removed"
        )
        raise EmptyDocument(f"the input {reason}")
    if len(page.text) > settings.max_text_chars:
        raise TooLarge(
            f"the article text is {len(page.text)} characters, over the limit of"
            f" {settings.max_text_chars} (max_text_chars)"
        )
    if _holds_nul(page):
        raise UnsupportedFormat("the text contains NUL characters: binary data, not an article")
    return Document(
        id=document_id(page.text),
        url=page.url,
        site=page.site,
        title=page.title,
        subtitle=page.subtitle,
        section=list(page.section),
        published=page.published,
        text=page.text,
        removed=list(page.removed),
    )


def _holds_nul(page: Page) -> bool:
    """Whether any of the page's strings holds NUL, which no text has and PostgreSQL refuses.

    `_binary_kind` finds NUL only in the first 4 KB, and not at all in a page with a UTF-16 or
    UTF-32 byte-order mark, so a text page could carry one further on into the store.
    """
    fields = (page.text, page.title, page.subtitle, page.url, page.site, page.published)
    strings = [*(value for value in fields if value), *page.section, *page.removed]
    return any("\x00" in value for value in strings)
