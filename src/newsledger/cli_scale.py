"""The scale commands: `spark run` (the analysis as a Spark job over WARC archives) and `load`
(a run's Parquet output into the store).

Registered on `cli.app` by `register`. PySpark is an optional extra (`.[spark]`) and is only
imported inside `spark run`; `load` needs only pyarrow.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsledger.cli_corpus import (
    EXIT_ALL_FAILED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    ConfigOption,
    DbOption,
    JsonOption,
)
from newsledger.config import load_settings
from newsledger.corpus import open_database, store
from newsledger.corpus.intake import ingest
from newsledger.errors import NewsledgerError

spark_app = typer.Typer(help="Run the analysis as an Apache Spark job.", no_args_is_help=True)


class SparkUnavailable(NewsledgerError):
    """PySpark or the Java runtime it drives is not installed."""


def spark_run_command(
    input_list: Annotated[
        Path,
        typer.Option(
            "--input",
            help="Text file of WARC paths or URIs (local, file://, s3a://, gs://, hdfs://), "
            "one a line.",
        ),
    ],
    output: Annotated[
        str, typer.Option("--output", help="Directory or URI for the Parquet tables.")
    ],
    master: Annotated[
        str | None,
        typer.Option("--master", help="Spark master, e.g. local[2]. Default: spark-submit's."),
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option("--partitions", min=1, help="Partitions. Default: one per archive."),
    ] = None,
    as_json: JsonOption = False,
    config: ConfigOption = None,
) -> int:
    """Analyse every HTML page of the listed WARC archives on Spark; write Parquet tables."""
    settings = load_settings(config)
    try:
        text = input_list.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NewsledgerError(
            f"cannot read the archive list: {exc}", source=str(input_list)
        ) from exc
    try:
        from newsledger.scale.job import read_archive_list, run_job, spark_session
    except ImportError as exc:
        raise SparkUnavailable(
            f"PySpark is not installed ({exc}); install the spark extra: pip install "
            "'newsledger[spark]'"
        ) from exc
    archives = read_archive_list(text)
    if not archives:
        raise NewsledgerError("the archive list names no archives", source=str(input_list))
    try:
        spark = spark_session(master)
    except Exception as exc:
        # PySpark raises plain exceptions when it cannot start its JVM (no Java installed).
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SparkUnavailable(f"cannot start Spark: {first}") from exc
    try:
        report = run_job(spark, archives, output, settings=settings, partitions=partitions)
    finally:
        spark.stop()
    if as_json:
        print(json.dumps(asdict(report)))
    else:
        Console(stderr=True, highlight=False).print(
            f"{report.records} documents from {report.archives} archives in "
            f"{report.seconds:.1f} s; failed: {report.failed_records} records, "
            f"{report.failed_archives} archives; peak worker memory {report.peak_worker_mb} MB; "
            f"tables in {report.output}",
            markup=False,
        )
    if report.records == 0:
        return EXIT_ALL_FAILED
    return EXIT_SOME_FAILED if report.failed_records or report.failed_archives else EXIT_OK


def load_command(
    directory: Annotated[str, typer.Argument(help="Output directory of `newsledger spark run`.")],
    db: DbOption = None,
    as_json: JsonOption = False,
    config: ConfigOption = None,
) -> int:
    """Store the documents of a Spark run's output; those already stored are skipped."""
    from newsledger.scale.load import read_output

    settings = load_settings(config)
    stderr = Console(stderr=True, highlight=False)
    started = time.perf_counter()

    def show(error: NewsledgerError) -> None:
        stderr.print(f"newsledger: {error}", markup=False, soft_wrap=True)

    with open_database(db) as database:
        report = ingest(
            database,
            read_output(directory),
            linker=store.Linker(claim_similarity=settings.claim_similarity),
            batch_size=settings.store_batch_size,
            on_error=show,
        )
    summary = {**report.__dict__, "seconds": round(time.perf_counter() - started, 3)}
    if as_json:
        print(json.dumps(summary))
    else:
        print(
            f"stored {report.stored}, skipped {report.skipped} (already stored), "
            f"failed {report.failed} in {summary['seconds']:.1f} s",
            file=sys.stderr,
        )
    if report.stored + report.skipped == 0:
        return EXIT_ALL_FAILED
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def register(app: typer.Typer) -> None:
    """Add `spark run` and `load` to the `newsledger` command line."""
    spark_app.command("run")(spark_run_command)
    app.add_typer(spark_app, name="spark")
    app.command("load")(load_command)
