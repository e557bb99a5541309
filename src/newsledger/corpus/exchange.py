"""Files in and out of the store: analyses as JSON or JSON Lines; exports as JSON Lines, CSV or
Parquet.

`newsledger analyze` writes one indented JSON object for one document and JSON Lines for
several; `read_analyses` takes either, and a JSON array too, so its output can be stored without
analysing again. An export of `documents` as JSON Lines is exactly such a file: importing it
gives the same store.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, Literal

from pydantic import ValidationError

from newsledger.corpus.store.export import ColumnKind
from newsledger.errors import IngestError
from newsledger.schema import Analysis

ExportFormat = Literal["jsonl", "csv", "parquet"]
_STDIN = "-"
_PARQUET_ROWS = 10_000


def read_analyses(path: str) -> Iterator[Analysis | IngestError]:
    """The analyses in a file (`-` for standard input), or an error for each one that is not.

    JSON Lines are read line by line, so a large file is never held whole; a file whose first
    line is not a complete object (an indented object, an array) is read as JSON values.
    """
    try:
        handle = sys.stdin if path == _STDIN else open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        yield IngestError(f"cannot read the file: {exc.strerror or exc}", source=path)
        return
    name = "<stdin>" if path == _STDIN else path
    with handle:
        try:
            first = handle.readline()
            if _is_object(first):
                yield _parse(first, name, 1)
                for number, line in enumerate(handle, start=2):
                    if line.strip():
                        yield _parse(line, name, number)
            else:
                yield from _read_values(first + handle.read(), name)
        except (OSError, UnicodeDecodeError) as exc:
            yield IngestError(f"cannot read the file: {exc}", source=name)


def _is_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _parse(text: str, name: str, number: int) -> Analysis | IngestError:
    try:
        return Analysis.model_validate_json(text)
    except ValidationError as exc:
        return _invalid(exc, name, f"line {number}")


def _invalid(exc: ValidationError, name: str, where: str) -> IngestError:
    problem = exc.errors()[0]
    field = ".".join(str(part) for part in problem["loc"]) or "value"
    return IngestError(
        f"{where}: not a newsledger/analysis@1 object: {field}: {problem['msg']}", source=name
    )


def _read_values(text: str, name: str) -> Iterator[Analysis | IngestError]:
    decoder = json.JSONDecoder()
    position, number = 0, 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return
        try:
            value, position = decoder.raw_decode(text, position)
        except ValueError as exc:
            yield IngestError(f"not JSON: {exc}", source=name)
            return
        for item in value if isinstance(value, list) else [value]:
            number += 1
            try:
                yield Analysis.model_validate(item)
            except ValidationError as exc:
                yield _invalid(exc, name, f"value {number}")


def write_analyses(analyses: Iterable[Analysis], out: BinaryIO) -> int:
    """Analyses as JSON Lines; returns how many were written."""
    written = 0
    for analysis in analyses:
        out.write(analysis.to_json().encode("utf-8") + b"\n")
        written += 1
    return written


def write_rows(
    rows: Iterable[dict[str, Any]],
    *,
    columns: dict[str, ColumnKind],
    output_format: ExportFormat,
    out: BinaryIO,
) -> int:
    """Rows as JSON Lines, CSV (lists and objects as JSON text) or Parquet; returns the count."""
    if output_format == "parquet":
        return _write_parquet(rows, columns, out)
    written = 0
    if output_format == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.DictWriter(text, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v, columns[k]) for k, v in row.items()})
            written += 1
        text.flush()
        text.detach()
        return written
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        written += 1
    return written


def _cell(value: Any, kind: ColumnKind) -> Any:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False) if kind == "json" else value


def _write_parquet(
    rows: Iterable[dict[str, Any]], columns: dict[str, ColumnKind], out: BinaryIO
) -> int:
    # pyarrow takes a third of a second to import: only an export to Parquet pays for it.
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "json": pa.string(),
    }
    schema = pa.schema([(name, types[kind]) for name, kind in columns.items()])
    json_columns = [name for name, kind in columns.items() if kind == "json"]
    written = 0
    with pq.ParquetWriter(pa.PythonFile(out, mode="w"), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            for name in json_columns:
                row[name] = json.dumps(row[name], ensure_ascii=False)
            batch.append(row)
            if len(batch) == _PARQUET_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                written += len(batch)
                batch = []
        if batch or not written:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
    return written
