"""The Spark job end to end on `local[2]`: WARC archives built from PTC articles (one record
corrupt, one archive missing) in, Parquet tables out, and those tables loaded into a store
that must equal `newsledger ingest` of the same archives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest

from newsledger.cli import main
from newsledger.corpus import open_database
from tests.conftest import shared_data
from tests.corpus.test_exchange import ID_COLUMNS, exported
from tests.ingest.conftest import warc_record, warcinfo_record

pytest.importorskip("pyspark", reason="PySpark is the optional spark extra: pip install .[spark]")
if shutil.which("java") is None:
    pytest.skip(
        "Spark needs a Java runtime (Debian: openjdk-17-jre-headless)", allow_module_level=True
    )

ARTICLES_PER_ARCHIVE = 3
TABLE_NAMES = (
    "documents",
    "analyses",
    "entities",
    "statements",
    "events",
    "techniques",
    "failures",
)


def _page(text: str) -> bytes:
    title, _, body = text.strip().partition("\n")
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two archives of PTC articles; the second ends with a record whose length lies."""
    articles = sorted(shared_data("ptc", "train-articles").glob("*.txt"))[
        : 2 * ARTICLES_PER_ARCHIVE
    ]
    folder = tmp_path_factory.mktemp("warc")
    paths = []
    for number in range(2):
        chunk = articles[number * ARTICLES_PER_ARCHIVE : (number + 1) * ARTICLES_PER_ARCHIVE]
        records = [warcinfo_record()] + [
            warc_record(f"https://example.org/{path.stem}", _page(path.read_text("utf-8")))
            for path in chunk
        ]
        if number == 1:
            records.append(
                warc_record("https://example.org/broken", b"<html>cut", declared_length=900)
            )
        path = folder / f"shard-{number}.warc"
        path.write_bytes(b"".join(records))
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def spark_output(
    archives: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("spark")
    listing = folder / "archives.txt"
    missing = folder / "missing.warc"
    listing.write_text(
        "# shards\n" + "".join(f"{path}\n" for path in archives) + f"file://{missing}\n",
        encoding="utf-8",
    )
    output = folder / "out"
    report_file = folder / "report.json"
    code = _run_capturing(
        [
            "spark",
            "run",
            "--input",
            str(listing),
            "--output",
            str(output),
            "--master",
            "local[2]",
            "--json",
        ],
        report_file,
    )
    report = json.loads(report_file.read_text())
    report["exit"] = code
    return output, report


def _run_capturing(argv: list[str], out: Path) -> int:
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(argv)
    out.write_text(buffer.getvalue())
    return code


def test_counts_each_record_and_each_failure(spark_output: tuple[Path, dict[str, Any]]) -> None:
    _, report = spark_output
    assert report["archives"] == 3
    assert report["records"] == 2 * ARTICLES_PER_ARCHIVE
    assert report["failed_records"] == 1  # the record whose declared length runs past the end
    assert report["failed_archives"] == 1  # the archive that does not exist
    assert report["exit"] == 1  # some inputs failed
    assert report["peak_worker_mb"] > 0


def test_tables_hold_every_document(spark_output: tuple[Path, dict[str, Any]]) -> None:
    output, _ = spark_output
    tables = {
        name: ds.dataset(output / name, format="parquet", partitioning="hive").to_table()
        for name in TABLE_NAMES
    }
    documents = tables["documents"].to_pylist()
    assert len(documents) == 2 * ARTICLES_PER_ARCHIVE
    analyses = {
        row["document_id"]: json.loads(row["analysis"]) for row in tables["analyses"].to_pylist()
    }
    assert analyses.keys() == {row["document_id"] for row in documents}
    for row in documents:
        analysis = analyses[row["document_id"]]
        assert row["statements"] == len(analysis["statements"])
        assert row["day"] == (analysis["document"]["published"] or "")[:10]
    assert tables["statements"].num_rows == sum(row["statements"] for row in documents)
    assert tables["events"].num_rows == sum(row["events"] for row in documents)
    assert tables["techniques"].num_rows == sum(row["techniques"] for row in documents)
    failures = tables["failures"].to_pylist()
    assert sorted(row["error"] for row in failures) == ["BadWarcRecord", "FileNotFoundError"]


def _without_ids(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[str]]:
    """Rows with the store's own ids left out (they follow insertion order), sorted."""
    return {
        kind: sorted(
            json.dumps({k: v for k, v in row.items() if k not in ID_COLUMNS}, sort_keys=True)
            for row in rows
        )
        for kind, rows in tables.items()
    }


def test_loaded_store_equals_ingest(
    spark_output: tuple[Path, dict[str, Any]], archives: list[Path], tmp_path: Path
) -> None:
    output, _ = spark_output
    loaded_db, ingested_db = tmp_path / "loaded.db", tmp_path / "ingested.db"
    assert main(["load", str(output), "--db", str(loaded_db)]) == 0
    assert main(["ingest", *map(str, archives), "--db", str(ingested_db)]) == 1  # the bad record
    with open_database(str(loaded_db)) as loaded, open_database(str(ingested_db)) as ingested:
        assert _without_ids(exported(loaded)) == _without_ids(exported(ingested))
    report_file = tmp_path / "again.json"
    assert _run_capturing(["load", str(output), "--db", str(loaded_db), "--json"], report_file) == 0
    again = json.loads(report_file.read_text())
    assert (again["stored"], again["skipped"]) == (0, 2 * ARTICLES_PER_ARCHIVE)
