"""The corpus commands of the command line: ingest, search, entity, disputes, related, export.

Registered on `cli.app` by `register`, so `cli.main` handles their errors like every other
command's. Each command parses its options, calls `newsledger.corpus`, and prints: Rich tables
for a person, JSON with `--json`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.progress import Progress

from newsledger.analyze.parallel import analyze_files, workers_needed
from newsledger.cli_tables import (
    disputes_table,
    entity_tables,
    progress_bar,
    related_table,
    search_tables,
)
from newsledger.config import Settings, load_settings
from newsledger.corpus import (
    SearchFilters,
    open_database,
    read_analyses,
    store,
    write_analyses,
    write_rows,
)
from newsledger.corpus.database import database_url
from newsledger.corpus.exchange import ExportFormat
from newsledger.corpus.intake import IngestReport, StoredIds, ingest, unstored
from newsledger.corpus.store import ExportKind
from newsledger.errors import NewsledgerError
from newsledger.ingest import expand_inputs, load_path
from newsledger.schema import Analysis, Document

EXIT_OK, EXIT_SOME_FAILED, EXIT_ALL_FAILED = 0, 1, 2
_STDIN = "-"

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store: a file path or a postgresql:// URL. Default: $NEWSLEDGER_DB, else "
        "$XDG_DATA_HOME/newsledger/ledger.db.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
LimitOption = Annotated[int, typer.Option("--limit", min=1, help="At most this many items.")]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="TOML file with a \\[newsledger] table.")
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes that analyse; files and the records of WARC archives are spread"
        " over them.",
    ),
]


class ExportTable(StrEnum):
    statements = "statements"
    events = "events"
    entities = "entities"
    documents = "documents"


class ExportFileFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


_EXPORT_KINDS: dict[ExportTable, ExportKind] = {
    ExportTable.statements: "statements",
    ExportTable.events: "events",
    ExportTable.entities: "entities",
    ExportTable.documents: "documents",
}
_FILE_FORMATS: dict[ExportFileFormat, ExportFormat] = {
    ExportFileFormat.jsonl: "jsonl",
    ExportFileFormat.csv: "csv",
    ExportFileFormat.parquet: "parquet",
}


def _print_json(value: BaseModel | Sequence[BaseModel] | dict[str, Any]) -> None:
    if isinstance(value, BaseModel):
        data: Any = value.model_dump(mode="json")
    elif isinstance(value, dict):
        data = value
    else:
        data = [item.model_dump(mode="json") for item in value]
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _paths(paths: Sequence[str]) -> list[str]:
    """The inputs, where `-` stands for a list of paths on standard input, one per line."""
    if list(paths) == [_STDIN]:
        return [line.strip() for line in sys.stdin if line.strip()]
    return list(paths)


def ingest_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or directories (HTML, text, WARC); '-' reads paths from stdin."),
    ],
    db: DbOption = None,
    reanalyse: Annotated[
        bool, typer.Option("--reanalyse", help="Replace documents already stored.")
    ] = False,
    analysed: Annotated[
        bool,
        typer.Option(
            "--analysed",
            help="The files hold analyses (newsledger analyze's JSON or JSON Lines, or an "
            "export of documents): store them without analysing.",
        ),
    ] = False,
    raw_text: Annotated[
        bool, typer.Option("--raw-text", help="Take each file as the body verbatim.")
    ] = False,
    as_json: JsonOption = False,
    config: ConfigOption = None,
    jobs: JobsOption = 1,
) -> int:
    """Analyse articles and store them, linked to the rest of the corpus."""
    if analysed and jobs > 1:
        raise typer.BadParameter("--jobs spreads the analysis; --analysed stores without it")
    settings = load_settings(config)
    files = expand_inputs(_paths(paths))
    stderr = Console(stderr=True, highlight=False)
    progress = progress_bar(stderr, shown=stderr.is_terminal)
    started = time.perf_counter()
    report = IngestReport()
    with open_database(db) as database, progress:
        task = progress.add_task("storing" if analysed else "analysing", total=len(files))
        items = (
            _analysed(files, progress, task)
            if analysed
            else _analyse(
                database, files, raw_text, reanalyse, settings, report, progress, task, jobs
            )
        )

        def show(error: NewsledgerError) -> None:
            progress.console.print(f"newsledger: {error}", markup=False, soft_wrap=True)

        batch_size = settings.store_batch_size if analysed else settings.batch_size
        linker = store.Linker(claim_similarity=settings.claim_similarity)
        ingest(
            database,
            items,
            linker=linker,
            batch_size=batch_size,
            reanalyse=reanalyse,
            on_error=show,
            report=report,
        )
    seconds = time.perf_counter() - started
    summary = {**report.__dict__, "seconds": round(seconds, 3), "store": _shown(db)}
    if as_json:
        _print_json(summary)
    else:
        rate = (report.stored + report.replaced) / seconds if seconds else 0.0
        stderr.print(
            f"stored {report.stored}, replaced {report.replaced}, skipped {report.skipped} "
            f"(already stored), failed {report.failed} in {seconds:.1f} s ({rate_text(rate)} "
            f"documents/s) into {summary['store']}",
            markup=False,
        )
    done = report.stored + report.replaced + report.skipped
    if done == 0:
        if report.failed == 0:
            stderr.print("newsledger: no documents found in the given inputs", markup=False)
        return EXIT_ALL_FAILED
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def _shown(db: str | None) -> str:
    url = database_url(db)
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url.split("@")[-1]


def _analysed(
    files: list[str], progress: Progress, task: Any
) -> Iterator[Analysis | NewsledgerError]:
    for path in files:
        yield from read_analyses(path)
        progress.advance(task)


def _analyse(
    database: Any,
    files: list[str],
    raw_text: bool,
    reanalyse: bool,
    settings: Settings,
    report: IngestReport,
    progress: Progress,
    task: Any,
    jobs: int,
) -> Iterator[Analysis | NewsledgerError]:
    workers = workers_needed(files, jobs=jobs, raw_text=raw_text)
    if workers > 1:

        def skipped(count: int) -> None:
            report.skipped += count

        return analyze_files(
            files,
            jobs=workers,
            raw_text=raw_text,
            settings=settings,
            on_files_done=lambda count: progress.advance(task, count),
            skip=None if reanalyse else StoredIds(database.url),
            on_skipped=skipped,
        )

    def documents() -> Iterator[Document | NewsledgerError]:
        for path in files:
            yield from load_path(path, raw_text=raw_text, settings=settings)
            progress.advance(task)

    pending = documents()
    if not reanalyse:
        pending = unstored(database, pending, batch_size=settings.batch_size, report=report)
    # Imported here: spaCy takes seconds to import, and `--analysed` never needs it.
    from newsledger.analyze.pipeline import Analyzer

    return Analyzer(settings).analyze_stream(pending)


def _filters(**values: str | None) -> SearchFilters:
    try:
        return SearchFilters(**values)
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise typer.BadParameter(
            f"--{problem['loc'][0]} must be an ISO date such as 2011-04-08, 2011-04 or 2011"
        ) from exc


def search_command(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", OR, -excluded.')] = "",
    entity: Annotated[str | None, typer.Option(help="Mentions this entity (any name).")] = None,
    speaker: Annotated[str | None, typer.Option(help="Quotes this speaker.")] = None,
    category: Annotated[str | None, typer.Option(help="Has an event of this category.")] = None,
    technique: Annotated[str | None, typer.Option(help="Uses this PTC technique.")] = None,
    site: Annotated[str | None, typer.Option(help="From this site.")] = None,
    section: Annotated[str | None, typer.Option(help="In this section.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (ISO date).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (ISO date).")] = None,
    limit: LimitOption = 20,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many results.")] = 0,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> int:
    """Search the stored articles, with filters and facet counts."""
    filters = _filters(
        entity=entity,
        speaker=speaker,
        category=category,
        technique=technique,
        site=site,
        section=section,
        since=since,
        until=until,
    )
    with open_database(db) as database, database.reading() as session:
        results = store.search(
            session=session, query=query, filters=filters, limit=limit, offset=offset
        )
    if as_json:
        _print_json(results)
    else:
        Console().print(*search_tables(results))
    return EXIT_OK


def entity_command(
    name: Annotated[str, typer.Argument(help="Any name of the entity: MKO, PMOI, ...")],
    limit: LimitOption = 20,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> int:
    """An actor across the corpus: aliases, labels by site, statements, event timeline."""
    with open_database(db) as database, database.reading() as session:
        page = store.entity_page(session=session, name=name, limit=limit)
    if as_json:
        _print_json(page)
    else:
        Console().print(*entity_tables(page))
    return EXIT_OK


def disputes_command(
    entity: Annotated[
        str | None, typer.Argument(help="Only claims by, about or denied by it.")
    ] = None,
    limit: LimitOption = 50,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> int:
    """Claims and the statements that deny them, across outlets."""
    with open_database(db) as database, database.reading() as session:
        found = store.disputes(session=session, entity=entity, limit=limit)
    if as_json:
        _print_json(found)
    else:
        Console().print(disputes_table(found))
    return EXIT_OK


def related_command(
    document_id: Annotated[str, typer.Argument(help="A stored document's id.")],
    limit: LimitOption = 10,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> int:
    """Articles related to a stored one: shared actors, claims and events, then words."""
    with open_database(db) as database, database.reading() as session:
        found = store.related_documents(session=session, document_id=document_id, limit=limit)
    if as_json:
        _print_json(found)
    else:
        Console().print(related_table(found))
    return EXIT_OK


def export_command(
    what: Annotated[ExportTable, typer.Option("--what", help="Which table.")],
    output_format: Annotated[
        ExportFileFormat, typer.Option("--format", help="File format.")
    ] = ExportFileFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
    ] = None,
    db: DbOption = None,
) -> int:
    """Export a table. `--what documents --format jsonl` writes analyses that
    `ingest --analysed` reads back into the same store."""
    if output_format is ExportFileFormat.parquet and output is None and sys.stdout.isatty():
        raise typer.BadParameter("Parquet is binary: give --output FILE or redirect stdout")
    with open_database(db) as database, database.reading() as session, _open_output(output) as out:
        if what is ExportTable.documents and output_format is ExportFileFormat.jsonl:
            written = write_analyses(store.iter_analyses(session=session), out)
        else:
            kind = _EXPORT_KINDS[what]
            written = write_rows(
                store.export_rows(session=session, what=kind),
                columns=store.COLUMNS[kind],
                output_format=_FILE_FORMATS[output_format],
                out=out,
            )
    Console(stderr=True).print(f"exported {written} {what.value}", markup=False)
    return EXIT_OK


def _open_output(output: Path | None) -> Any:
    if output is None:
        return _KeepOpen(sys.stdout.buffer)
    try:
        return output.open("wb")
    except OSError as exc:
        raise NewsledgerError(f"cannot write: {exc.strerror or exc}", source=str(output)) from exc


class _KeepOpen:
    """Standard output as a context manager that flushes instead of closing."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def __enter__(self) -> Any:
        return self.stream

    def __exit__(self, *_: object) -> None:
        self.stream.flush()


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the `newsledger` command line."""
    app.command("ingest")(ingest_command)
    app.command("search")(search_command)
    app.command("entity")(entity_command)
    app.command("disputes")(disputes_command)
    app.command("related")(related_command)
    app.command("export")(export_command)


def rate_text(rate: float) -> str:
    """A rate for people: whole numbers from 10 up, two significant digits below, since one
    article analysed takes seconds and "0 documents/s" would read as nothing done."""
    return f"{rate:.0f}" if rate >= 10 else f"{rate:.2g}"
