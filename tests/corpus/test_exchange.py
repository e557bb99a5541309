"""Export in every format, and the round trip: documents out as JSON Lines, in again, same store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newsledger.corpus import Database, open_database, read_analyses, write_analyses, write_rows
from newsledger.corpus.store import (
    COLUMNS,
    EXPORT_KINDS,
    ExportKind,
    Linker,
    export_rows,
    iter_analyses,
    save_analyses,
)
from newsledger.errors import IngestError
from newsledger.schema import Analysis

ID_COLUMNS = (
    "claim_id",
    "incident_id",
    "entity_id",
    "speaker_entity_id",
    "actor_entity_id",
    "target_entity_id",
)


def exported(database: Database) -> dict[ExportKind, list[dict[str, Any]]]:
    """Every export table, with store-assigned ids renumbered in order of first appearance:
    two stores built from the same documents in the same order then compare equal."""
    numbering: dict[tuple[str, Any], int] = {}
    tables: dict[ExportKind, list[dict[str, Any]]] = {}
    with database.reading() as session:
        for kind in EXPORT_KINDS:
            rows = list(export_rows(session=session, what=kind))
            for row in rows:
                for column in ID_COLUMNS:
                    if row.get(column) is not None:
                        family = "entity" if "entity" in column else column
                        key = (family, row[column])
                        row[column] = numbering.setdefault(key, len(numbering))
            tables[kind] = rows
    return tables


def documents_jsonl(database: Database) -> bytes:
    out = io.BytesIO()
    with database.reading() as session:
        write_analyses(iter_analyses(session=session), out)
    return out.getvalue()


def test_json_lines_back_in_gives_the_same_store(
    sample_store: Database, tmp_path: Path, linker: Linker
) -> None:
    dump = tmp_path / "documents.jsonl"
    dump.write_bytes(documents_jsonl(sample_store))
    read = list(read_analyses(str(dump)))
    assert all(isinstance(item, Analysis) for item in read)
    with open_database(str(tmp_path / "copy.db")) as copy:
        with copy.transaction() as session:
            save_analyses(session=session, analyses=read, linker=linker)  # type: ignore[arg-type]
        assert exported(copy) == exported(sample_store)
        assert documents_jsonl(copy) == dump.read_bytes()


def test_export_tables_in_csv_and_parquet(sample_store: Database, tmp_path: Path) -> None:
    for kind in EXPORT_KINDS:
        with sample_store.reading() as session:
            rows = list(export_rows(session=session, what=kind))
        assert rows and all(list(row) == list(COLUMNS[kind]) for row in rows)
        text = io.BytesIO()
        assert write_rows(rows, columns=COLUMNS[kind], output_format="csv", out=text) == len(rows)
        parsed = list(csv.DictReader(io.StringIO(text.getvalue().decode("utf-8"))))
        assert len(parsed) == len(rows) and list(parsed[0]) == list(COLUMNS[kind])
        path = tmp_path / f"{kind}.parquet"
        with path.open("wb") as out:
            write_rows(
                [dict(row) for row in rows], columns=COLUMNS[kind], output_format="parquet", out=out
            )
        table = pq.read_table(path)
        assert table.column_names == list(COLUMNS[kind]) and table.num_rows == len(rows)
    entities = {row["name"]: row for row in parsed_entities(sample_store)}
    mko = entities["Mojahedin-e Khalq Organization"]
    assert mko["documents"] == 4 and "PMOI" in mko["aliases"]


def parsed_entities(database: Database) -> list[dict[str, Any]]:
    out = io.BytesIO()
    with database.reading() as session:
        rows = export_rows(session=session, what="entities")
        write_rows(rows, columns=COLUMNS["entities"], output_format="jsonl", out=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_an_empty_table_still_writes_its_columns(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    with database.reading() as session, path.open("wb") as out:
        rows = export_rows(session=session, what="events")
        assert write_rows(rows, columns=COLUMNS["events"], output_format="parquet", out=out) == 0
    assert pq.read_table(path).column_names == list(COLUMNS["events"])


def test_read_analyses_takes_json_arrays_and_reports_bad_lines(
    sample: list[Analysis], tmp_path: Path
) -> None:
    pretty = tmp_path / "one.json"
    pretty.write_text(sample[0].model_dump_json(by_alias=True, indent=2))
    array = tmp_path / "all.json"
    array.write_text(json.dumps([a.model_dump(mode="json", by_alias=True) for a in sample[:2]]))
    lines = tmp_path / "some.jsonl"
    lines.write_text(
        sample[0].to_json()
        + "\n\n"
        + '{"schema": "newsledger/analysis@1"}\n'
        + sample[1].to_json()
        + "\n"
    )
    assert list(read_analyses(str(pretty))) == sample[:1]
    assert list(read_analyses(str(array))) == sample[:2]
    first, bad, second = read_analyses(str(lines))
    assert (first, second) == (sample[0], sample[1])
    assert isinstance(bad, IngestError)
    assert str(bad).startswith(f"{lines}: line 3: not a newsledger/analysis@1 object: document")
    (missing,) = read_analyses(str(tmp_path / "missing.jsonl"))
    assert isinstance(missing, IngestError) and "cannot read the file" in str(missing)
    broken = tmp_path / "broken.json"
    broken.write_text('[{"schema": ')
    (error,) = read_analyses(str(broken))
    assert isinstance(error, IngestError) and "not JSON" in str(error)


@pytest.mark.parametrize("output_format", ["jsonl", "csv"])
def test_json_columns_are_json_text_in_csv_only(output_format: str, sample_store: Database) -> None:
    out = io.BytesIO()
    with sample_store.reading() as session:
        rows = export_rows(session=session, what="documents")
        write_rows(rows, columns=COLUMNS["documents"], output_format=output_format, out=out)  # type: ignore[arg-type]
    text = out.getvalue().decode("utf-8")
    if output_format == "csv":
        first = next(csv.DictReader(io.StringIO(text)))
        assert json.loads(first["section"]) == ["Middle East"]
    else:
        assert json.loads(text.splitlines()[0])["section"] == ["Middle East"]
