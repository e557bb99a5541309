"""Typed errors inside, one line at the edge: each carries what it is about and one sentence."""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base of every error newsledger reports to a person."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class IngestError(NewsledgerError):
    """An input could not be read as an article."""


class UnsupportedFormat(IngestError):
    """The bytes are not text, HTML or WARC (binary data, unknown encoding)."""


class EmptyDocument(IngestError):
    """The input holds no article text."""


class TooLarge(IngestError):
    """The input is over the configured size limit."""


class BadWarcRecord(IngestError):
    """A WARC file or record is truncated or malformed."""


class DataFileError(NewsledgerError):
    """A data file shipped with the package is missing or malformed."""


class AnalysisError(NewsledgerError):
    """A document could not be analysed."""


class StoreError(NewsledgerError):
    """The corpus store cannot be opened, read or written."""


class NotFound(NewsledgerError):
    """A document, entity or other item asked for by name is not in the store."""
