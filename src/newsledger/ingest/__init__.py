"""Ingest: files, standard input and WARC archives in; `Document`s or `IngestError`s out."""

from newsledger.ingest.loader import expand_inputs, load_bytes, load_path, load_warc

__all__ = ["expand_inputs", "load_bytes", "load_path", "load_warc"]
