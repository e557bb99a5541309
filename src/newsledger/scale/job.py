"""The analysis as an Apache Spark job: WARC archives in, the Parquet tables of `tables.py` out.

The driver spreads the archive paths over partitions (one archive a partition unless told
otherwise). Each Python worker builds the `Analyzer` once and keeps it for every partition it
runs, streams its archives record by record with fastwarc (through `ingest.load_warc`), and
analyses the HTML responses in batches. A record or an archive that cannot be read or
analysed is counted, logged on the worker and written to the `failures` table; it never fails
the job.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, BinaryIO, cast

from pyspark import Accumulator, AccumulatorParam, StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql.types import (
    BooleanType,
    DataType,
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from newsledger.analyze.pipeline import Analyzer
from newsledger.config import Settings
from newsledger.corpus.store.export import ColumnKind
from newsledger.errors import NewsledgerError
from newsledger.ingest import load_warc
from newsledger.scale.tables import (
    TABLES,
    Row,
    TableName,
    analysis_rows,
    failure_row,
)

log = logging.getLogger("newsledger.scale")

_SPARK_TYPES: dict[ColumnKind, DataType] = {
    "str": StringType(),
    "int": LongType(),
    "float": DoubleType(),
    "bool": BooleanType(),
}
# Hadoop's names for object stores, as Spark users write them, and the ones Arrow knows.
_ARROW_SCHEMES = {"s3a": "s3", "s3n": "s3", "gs": "gs", "gcs": "gs", "hdfs": "hdfs", "s3": "s3"}

# One per Python worker process: Spark reuses workers across tasks, so the pipeline (spaCy,
# the CRF taggers, the ONNX tagger; seconds to load) is built once, not once per archive.
_worker_analyzer: tuple[Settings, Analyzer] | None = None


class _Maximum(AccumulatorParam[int]):
    """An accumulator that keeps the largest value any task added (peak memory)."""

    def zero(self, value: int) -> int:
        return 0

    def addInPlace(self, value1: int, value2: int) -> int:
        return max(value1, value2)


@dataclass(frozen=True)
class Counters:
    """Spark accumulators the workers add to and the driver reads after the job."""

    records: Accumulator[int]
    failed_records: Accumulator[int]
    failed_archives: Accumulator[int]
    peak_worker_kb: Accumulator[int]


@dataclass(frozen=True)
class JobReport:
    archives: int
    records: int
    failed_records: int
    failed_archives: int
    peak_worker_mb: float
    seconds: float
    output: str


def run_job(
    spark: SparkSession,
    archives: list[str],
    output: str,
    *,
    settings: Settings | None = None,
    partitions: int | None = None,
) -> JobReport:
    """Analyse every HTML response in `archives` and write the tables under `output`."""
    started = time.perf_counter()
    settings = settings or Settings()
    context = spark.sparkContext
    counters = Counters(
        records=context.accumulator(0),
        failed_records=context.accumulator(0),
        failed_archives=context.accumulator(0),
        peak_worker_kb=context.accumulator(0, _Maximum()),
    )
    slices = partitions or max(1, len(archives))
    rows = (
        context.parallelize(list(enumerate(archives)), slices)
        .mapPartitions(partial(analyse_archives, settings=settings, counters=counters))
        # Each table is a separate Spark action over the same rows: analyse once, keep them.
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        for table, columns in TABLES.items():
            frame = spark.createDataFrame(
                rows.filter(partial(_in_table, table)).map(_values), _schema(columns)
            )
            if table == "analyses":
                # Part files follow the partitions, which follow the archive list: sorted
                # within each, the files read in name order give the input order back.
                frame = frame.sortWithinPartitions("archive_index", "document_index")
            writer = frame.write.mode("overwrite")
            if "day" in columns:
                writer = writer.partitionBy("day")
            writer.parquet(_joined(output, table))
    finally:
        rows.unpersist()
    return JobReport(
        archives=len(archives),
        records=counters.records.value,
        failed_records=counters.failed_records.value,
        failed_archives=counters.failed_archives.value,
        peak_worker_mb=round(counters.peak_worker_kb.value / 1024, 1),
        seconds=round(time.perf_counter() - started, 3),
        output=output,
    )


def analyse_archives(
    archives: Iterable[tuple[int, str]], *, settings: Settings, counters: Counters
) -> Iterator[tuple[TableName, Row]]:
    """A partition's work on a worker: the table rows of every document in its archives
    (each given with its line number in the archive list)."""
    analyzer = _analyzer(settings)
    for archive_index, archive in archives:
        try:
            with open_archive(archive) as stream:
                documents = 0
                for result in analyzer.analyze_stream(load_warc(stream, name=archive)):
                    if isinstance(result, NewsledgerError):
                        counters.failed_records.add(1)
                        log.warning("newsledger: %s", result)
                        yield failure_row(result.source, type(result).__name__, result.message)
                    else:
                        counters.records.add(1)
                        yield from analysis_rows(result, archive, archive_index, documents)
                        documents += 1
        except (OSError, ValueError, NewsledgerError) as exc:
            # The archive itself (missing, unreadable, not WARC): the job goes on without it.
            counters.failed_archives.add(1)
            log.warning("newsledger: %s: cannot read the archive: %s", archive, exc)
            yield failure_row(archive, type(exc).__name__, f"cannot read the archive: {exc}")
        counters.peak_worker_kb.add(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def open_archive(uri: str) -> BinaryIO:
    """A binary stream of a local path, a `file://` URI, or an object-store or HDFS URI
    (`s3a://`, `s3://`, `gs://`, `hdfs://`; read through Arrow's file systems)."""
    scheme, separator, rest = uri.partition("://")
    if not separator or scheme == "file":
        return open(rest if separator else uri, "rb")
    if scheme not in _ARROW_SCHEMES:
        raise ValueError(f"unsupported URI scheme {scheme!r}")
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(f"{_ARROW_SCHEMES[scheme]}://{rest}")
    return cast(BinaryIO, filesystem.open_input_stream(path))


def _analyzer(settings: Settings) -> Analyzer:
    global _worker_analyzer
    if _worker_analyzer is None or _worker_analyzer[0] != settings:
        _worker_analyzer = (settings, Analyzer(settings))
    return _worker_analyzer[1]


def _in_table(table: str, row: tuple[TableName, Row]) -> bool:
    return row[0] == table


def _values(row: tuple[TableName, Row]) -> Row:
    return row[1]


def _schema(columns: dict[str, ColumnKind]) -> StructType:
    return StructType([StructField(name, _SPARK_TYPES[kind]) for name, kind in columns.items()])


def _joined(output: str, table: str) -> str:
    return f"{output.rstrip('/')}/{table}"


def read_archive_list(text: str) -> list[str]:
    """The archive paths or URIs of a list file: one a line; blank lines and `#` comments out."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def spark_session(master: str | None, app_name: str = "newsledger") -> SparkSession:
    """The session: spark-submit's when the job runs under it, else a new local one."""
    builder: Any = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        # Local workers must run this interpreter (its environment has newsledger), not the
        # first `python3` on PATH, which is what PySpark starts unless told; on a cluster,
        # spark-submit's configuration says which Python to run.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return cast(SparkSession, builder.getOrCreate())
