"""Analyses back out of a Spark run's Parquet output, for `newsledger load` to store.

Only the `analyses` table is read: it holds each document's whole analysis@1 JSON, so the
store gets exactly what `newsledger ingest` of the same archives would have stored, and the
store's own linking (entities, claims, incidents) runs as it does for `ingest`. Linking
depends on the order documents arrive in (where several canonical entities match, the oldest
wins), so they go in as the input listed them: the job writes one file per partition, in
archive-list order and sorted within, and the files are read in name order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from newsledger.errors import NewsledgerError, StoreError
from newsledger.schema import Analysis

_COLUMNS = ["archive_index", "document_index", "document_id", "analysis"]
# Rows per read: an analysis is tens of kilobytes, so a batch stays a few megabytes.
_BATCH_ROWS = 64


def read_output(directory: str) -> Iterator[Analysis | NewsledgerError]:
    """Each document of the run under `directory`, in input order; a row that is not a valid
    analysis comes out as an error in its place."""
    import pyarrow.parquet as pq

    table = Path(directory) / "analyses"
    if not table.is_dir():
        raise StoreError(
            "no analyses table here (is it a `newsledger spark run` output?)", source=directory
        )
    for path in sorted(table.glob("part-*.parquet")):
        try:
            batches = pq.ParquetFile(path).iter_batches(batch_size=_BATCH_ROWS, columns=_COLUMNS)
            for batch in batches:
                for row in batch.to_pylist():
                    yield _analysis(row, path)
        except (OSError, ValueError) as exc:
            # Arrow's errors (ArrowInvalid and friends) derive from these.
            raise StoreError(f"cannot read the Parquet file: {exc}", source=str(path)) from exc


def _analysis(row: dict[str, object], path: Path) -> Analysis | NewsledgerError:
    try:
        return Analysis.model_validate_json(str(row["analysis"] or ""))
    except ValidationError as exc:
        return StoreError(
            f"not an analysis@1 object: {exc.errors()[0]['msg']}",
            source=f"{path}#{row['document_id']}",
        )
