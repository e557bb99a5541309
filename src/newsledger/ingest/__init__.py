"""Ingest: files, standard input and WARC archives in; `Document`s or `IngestError`s out."""

from newsledger.ingest.loader import (
    archive_responses,
    expand_inputs,
    is_archive,
    load_bytes,
    load_path,
    load_response,
    load_warc,
)
from newsledger.ingest.warc import Response

__all__ = [
    "Response",
    "archive_responses",
    "expand_inputs",
    "is_archive",
    "load_bytes",
    "load_path",
    "load_response",
    "load_warc",
]
