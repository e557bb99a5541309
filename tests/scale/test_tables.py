"""The Parquet rows a Spark run writes for one document, and `load`'s refusals; no Spark."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsledger.analyze.pipeline import Analyzer
from newsledger.cli import main
from newsledger.errors import StoreError
from newsledger.ingest import load_path
from newsledger.scale.load import read_output
from newsledger.scale.tables import TABLES, analysis_rows
from newsledger.schema import Analysis, Document
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_analysis(analyzer: Analyzer) -> Analysis:
    document = next(iter(load_path(str(SEED))))
    assert isinstance(document, Document)
    return analyzer.analyze(document)


def test_every_row_fits_its_table(seed_analysis: Analysis) -> None:
    rows = analysis_rows(seed_analysis, "shard.warc", 4, 7)
    for table, values in rows:
        assert len(values) == len(TABLES[table]), table
    by_table: dict[str, list[tuple[object, ...]]] = {}
    for table, values in rows:
        by_table.setdefault(table, []).append(values)
    assert len(by_table["documents"]) == len(by_table["analyses"]) == 1
    assert len(by_table.get("statements", [])) == len(seed_analysis.statements) > 0
    assert len(by_table.get("events", [])) == len(seed_analysis.events) > 0
    assert len(by_table.get("entities", [])) == len(seed_analysis.entities) > 0
    document_id, archive_index, document_index, text = by_table["analyses"][0]
    assert (document_id, archive_index, document_index) == (seed_analysis.document.id, 4, 7)
    assert Analysis.model_validate_json(str(text)) == seed_analysis
    statement = dict(zip(TABLES["statements"], by_table["statements"][0], strict=True))
    first = seed_analysis.statements[0]
    body = seed_analysis.document.text
    assert body[statement["content_start"] : statement["content_end"]] == first.content.text


def _analyses_file(folder: Path, rows: list[dict[str, object]]) -> None:
    schema = pa.schema([(name, pa.string() if kind == "str" else pa.int64())
                        for name, kind in TABLES["analyses"].items()])  # fmt: skip
    folder.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), folder / "part-00000.parquet")


def test_load_reads_input_order_and_reports_bad_rows(
    seed_analysis: Analysis, tmp_path: Path
) -> None:
    good = seed_analysis.to_json()
    _analyses_file(
        tmp_path / "out" / "analyses",
        [
            {"document_id": "a", "archive_index": 0, "document_index": 0, "analysis": good},
            {"document_id": "b", "archive_index": 0, "document_index": 1, "analysis": "{}"},
        ],
    )
    first, second = list(read_output(str(tmp_path / "out")))
    assert first == seed_analysis
    assert isinstance(second, StoreError) and second.source is not None
    assert second.source.endswith("#b")


def test_load_of_a_folder_that_is_no_output_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(StoreError):
        list(read_output(str(tmp_path)))
    assert main(["load", str(tmp_path), "--db", str(tmp_path / "x.db")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("newsledger: ") and "no analyses table" in error
    assert len(error.splitlines()) == 1


def test_spark_run_with_an_empty_list_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "archives.txt"
    listing.write_text("# nothing yet\n\n", encoding="utf-8")
    assert main(["spark", "run", "--input", str(listing), "--output", str(tmp_path / "o")]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and error.startswith("newsledger: ")
