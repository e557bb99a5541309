"""The command line: parses arguments, calls the library, prints results and one-line errors."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import Progress

from newsledger import cli_corpus, cli_scale, cli_web
from newsledger.analyze.parallel import analyze_files, workers_needed
from newsledger.cli_tables import progress_bar
from newsledger.config import Settings, load_settings
from newsledger.errors import NewsledgerError
from newsledger.ingest import expand_inputs, load_path
from newsledger.report import render_markdown
from newsledger.schema import Analysis, Document, json_schema

EXIT_OK, EXIT_SOME_FAILED, EXIT_ALL_FAILED = 0, 1, 2

app = typer.Typer(
    name="newsledger",
    help="Turn news articles into a sourced ledger of who did and said what to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    auto = "auto"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


@app.callback()
def _root() -> None:
    """Turn news articles into a sourced ledger of who did and said what to whom."""


def _read_inputs(
    paths: Sequence[str], raw_text: bool, settings: Settings, progress: Progress | None
) -> Iterator[Document | NewsledgerError]:
    task = progress.add_task("analysing", total=len(paths)) if progress else None
    for path in paths:
        yield from load_path(path, raw_text=raw_text, settings=settings)
        if progress is not None and task is not None:
            progress.advance(task)


def _analysed(
    inputs: list[str], raw_text: bool, settings: Settings, progress: Progress, jobs: int
) -> Iterator[Analysis | NewsledgerError]:
    # The analysis pipeline is imported here: spaCy takes seconds to import, and the corpus
    # commands never need it. Standard input stays with this process.
    jobs = workers_needed(inputs, jobs=jobs, raw_text=raw_text)
    if jobs > 1 and "-" not in inputs:
        task = progress.add_task("analysing", total=len(inputs))
        yield from analyze_files(
            inputs,
            jobs=jobs,
            raw_text=raw_text,
            settings=settings,
            on_files_done=lambda count: progress.advance(task, count),
        )
        return
    from newsledger.analyze.pipeline import Analyzer

    yield from Analyzer(settings).analyze_stream(_read_inputs(inputs, raw_text, settings, progress))


def _write(out: TextIO, analysis: Analysis, output: OutputFormat) -> None:
    if output is OutputFormat.markdown:
        text = render_markdown(analysis) + "\n"
    elif output is OutputFormat.json:
        text = analysis.model_dump_json(by_alias=True, indent=2) + "\n"
    else:
        text = analysis.to_json() + "\n"
    # One write per document, so an interrupted run never leaves half a JSON line behind.
    out.write(text)
    out.flush()


def _resolve_format(output: OutputFormat, several: bool) -> OutputFormat:
    """Several documents always stream as JSON Lines, so the output stays machine-readable."""
    if output in (OutputFormat.markdown, OutputFormat.jsonl):
        return output
    return OutputFormat.jsonl if several else OutputFormat.json


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or directories (HTML, text, WARC); '-' reads standard input."),
    ],
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="json for one document, jsonl for several (the auto default), or markdown.",
        ),
    ] = OutputFormat.auto,
    raw_text: Annotated[
        bool,
        typer.Option(
            "--raw-text", help="Take each file as the body verbatim: offsets are file offsets."
        ),
    ] = False,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML file with a \\[newsledger] table.")
    ] = None,
    technique_threshold: Annotated[
        float | None,
        typer.Option(
            "--technique-threshold",
            min=0.0,
            max=1.0,
            help="Keep propaganda-technique spans scoring at least this (default 0.5).",
        ),
    ] = None,
    jobs: cli_corpus.JobsOption = 1,
) -> int:
    """Analyse news pages into newsledger/analysis@1 JSON or a readable report."""
    settings = load_settings(config, technique_threshold=technique_threshold)
    inputs = expand_inputs(paths)
    stderr = Console(stderr=True, highlight=False)
    show_progress = stderr.is_terminal and len(inputs) > 1
    progress = progress_bar(stderr, shown=show_progress)
    several = len(inputs) > 1 or any(Path(path).is_dir() for path in paths)
    succeeded = failed = 0
    # With one input, the first result waits until the stream shows whether it is alone
    # (one JSON object) or the first of several (a WARC: JSON Lines).
    pending: Analysis | None = None
    with progress:
        for item in _analysed(inputs, raw_text, settings, progress, jobs):
            if isinstance(item, NewsledgerError):
                failed += 1
                progress.console.print(f"newsledger: {item}", markup=False, soft_wrap=True)
                continue
            succeeded += 1
            if not several and pending is None and succeeded == 1:
                pending = item
                continue
            several = True
            if pending is not None:
                _write(sys.stdout, pending, _resolve_format(output, several))
                pending = None
            _write(sys.stdout, item, _resolve_format(output, several))
    if pending is not None:
        _write(sys.stdout, pending, _resolve_format(output, several))
    if succeeded == 0:
        if failed == 0:
            stderr.print("newsledger: no documents found in the given inputs", markup=False)
        return EXIT_ALL_FAILED
    return EXIT_SOME_FAILED if failed else EXIT_OK


@app.command()
def schema() -> int:
    """Print the JSON Schema of the newsledger/analysis@1 output."""
    sys.stdout.write(json_schema())
    return EXIT_OK


# The corpus commands (ingest, search, entity, disputes, related, export) have their own module.
cli_corpus.register(app)
# The reader's commands (serve, user add) too.
cli_web.register(app)
# The scale commands (spark run, load) too.
cli_scale.register(app)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on `argv` and return the exit code instead of exiting."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = app(args=args, prog_name="newsledger", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        # With no arguments at all the help has been shown already, which says more.
        if message:
            print(f"newsledger: {message}", file=sys.stderr)
        return EXIT_ALL_FAILED
    except typer.Abort:
        print("newsledger: interrupted", file=sys.stderr)
        return 130
    except NewsledgerError as exc:
        print(f"newsledger: {exc}", file=sys.stderr)
        return EXIT_ALL_FAILED
    except BrokenPipeError:
        # The reader went away (`| head`); stop quietly like other Unix tools.
        sys.stderr.close()
        return EXIT_OK
    return result if isinstance(result, int) else EXIT_OK


def run() -> None:
    sys.exit(main())
