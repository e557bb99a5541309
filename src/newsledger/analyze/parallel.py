"""`analyze --jobs N`: the files analysed by N worker processes, results in input order.

Each worker builds its own `Analyzer` once (spaCy and the taggers hold state that threads
would contend for, and the GIL would serialise them). The work goes out in small tasks, so that
each still runs through `nlp.pipe` in batches and no worker waits long at the end: a few files,
or a few records of a WARC archive. This process reads archives itself and hands their HTML
responses out, so one large archive keeps every worker busy and the last archive does not run
alone. At most a few tasks per worker are out at once, so reading ahead of the workers never
holds more than that in memory, however large the archive.

`ingest --jobs N` runs the same workers with a `skip` filter: each worker reads its task's
documents, asks the filter which of their ids to leave out (those the store already holds), and
analyses only the rest, so a rerun costs no analysis for what is stored.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from types import FrameType
from typing import TYPE_CHECKING

from newsledger.config import Settings
from newsledger.errors import AnalysisError, NewsledgerError
from newsledger.ingest import Response, archive_responses, is_archive, load_path, load_response
from newsledger.schema import Analysis, Document

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from newsledger.analyze.pipeline import Analyzer

FILES_PER_TASK = 8
# An archive's records go out in fours of `nlp.pipe` batches (of 8 by default): within a task the
# worker encodes one batch while it parses the one before.
RECORDS_PER_TASK = 32
GROUPS_PER_WORKER = 4
# How often a wait for results checks that every worker is still alive.
WATCH_SECONDS = 1.0
# prctl(2): the signal a process gets when its parent ends.
PR_SET_PDEATHSIG = 1
# An error crosses the process boundary as its class, message and source: exceptions with
# keyword-only arguments do not survive pickling whole.
_Failure = tuple[type[NewsledgerError], str, str | None]
_Result = Analysis | _Failure
_TaskResult = tuple[list[_Result], int]
# A file to read, an archive's response to turn into a document, or an archive's bad record.
_Unit = str | Response | _Failure
# Which of a task's document ids to leave unanalysed; called in the worker, so it must pickle.
SkipFilter = Callable[[list[str]], set[str]]

_worker_analyzer: Analyzer | None = None


@dataclass
class _Task:
    units: list[_Unit] = field(default_factory=list)
    # The input files whose last unit is in this task: the progress bar counts files.
    files_done: int = 0


def analyze_files(
    paths: Sequence[str],
    *,
    jobs: int,
    raw_text: bool,
    settings: Settings,
    on_files_done: Callable[[int], None] = lambda _: None,
    skip: SkipFilter | None = None,
    on_skipped: Callable[[int], None] = lambda _: None,
) -> Iterator[Analysis | NewsledgerError]:
    """Every document of `paths`, analysed by `jobs` processes, in the order of `paths`; those
    `skip` names are left out and counted through `on_skipped`."""
    # Small enough that every worker gets several groups of single pages, large enough that
    # `nlp.pipe` batches well.
    size = max(1, min(FILES_PER_TASK, len(paths) // (jobs * GROUPS_PER_WORKER)))
    tasks = _tasks(paths, files_per_task=size, raw_text=raw_text, settings=settings)
    # "spawn": a fresh interpreter, never a fork of a parent whose threads hold locks.
    context = multiprocessing.get_context("spawn")
    others = _children()
    with (
        _terminate_exits(),
        context.Pool(jobs, initializer=_start_worker, initargs=(settings, os.getpid())) as pool,
    ):
        workers = _children() - others
        work = partial(_analyse_task, raw_text=raw_text, skip=skip)
        running: deque[tuple[_Task, AsyncResult[_TaskResult]]] = deque()

        def finish() -> Iterator[Analysis | NewsledgerError]:
            task, pending = running.popleft()
            results, skipped = _result(pending, workers)
            for result in results:
                yield result if isinstance(result, Analysis) else _error(result)
            on_skipped(skipped)
            on_files_done(task.files_done)

        for task in tasks:
            running.append((task, pool.apply_async(work, (task.units,))))
            if len(running) >= jobs * GROUPS_PER_WORKER:
                yield from finish()
        while running:
            yield from finish()


def _result(pending: AsyncResult[_TaskResult], workers: set[int | None]) -> _TaskResult:
    """The task's result, or an error once a worker has died: the pool starts another in its
    place, but the task it held is lost, and waiting for it would wait for ever."""
    while not pending.ready():
        pending.wait(WATCH_SECONDS)
        if workers - _children():
            raise AnalysisError(
                "a worker process died (the system may have killed it for lack of memory):"
                " run fewer --jobs, or lower batch_size in the --config file"
            )
    return pending.get()


def _children() -> set[int | None]:
    return {process.pid for process in multiprocessing.active_children()}


@contextmanager
def _terminate_exits() -> Iterator[None]:
    """While the workers run, SIGTERM leaves this process through Python, so that leaving the
    pool stops them: killed on the spot instead, it would leave each worker writing its results
    into a pipe no one reads, and printing the traceback of that."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _exit_on_terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_on_terminate(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def workers_needed(paths: Sequence[str], *, jobs: int, raw_text: bool) -> int:
    """`jobs`, or fewer for fewer files: no more workers than files, unless one is an archive,
    whose records are spread over the workers."""
    if len(paths) < jobs and not any(is_archive(path, raw_text=raw_text) for path in paths):
        return max(1, len(paths))
    return jobs


def _tasks(
    paths: Sequence[str], *, files_per_task: int, raw_text: bool, settings: Settings
) -> Iterator[_Task]:
    task = _Task()
    for path in paths:
        if is_archive(path, raw_text=raw_text):
            for item in archive_responses(path, settings=settings):
                task.units.append(item if isinstance(item, Response) else _failure(item))
                if len(task.units) >= RECORDS_PER_TASK:
                    yield task
                    task = _Task()
        else:
            task.units.append(path)
        task.files_done += 1
        if len(task.units) >= files_per_task:
            yield task
            task = _Task()
    if task.units or task.files_done:
        yield task


def _failure(error: NewsledgerError) -> _Failure:
    return (type(error), error.message, error.source)


def _error(failure: _Failure) -> NewsledgerError:
    kind, message, source = failure
    return kind(message, source=source)


def _start_worker(settings: Settings, parent: int) -> None:
    # Imported by the workers only: the parent hands out paths and gathers results, and
    # importing spaCy would cost it a second and about 70 MB for nothing.
    from newsledger.analyze.pipeline import Analyzer

    # Ctrl-C reaches every process of the terminal's group: the parent answers it and stops
    # the pool, where a worker interrupted mid-task would print its traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)
    global _worker_analyzer
    _worker_analyzer = Analyzer(settings)


def _die_with(parent: int) -> None:
    """Have Linux kill this worker when its parent ends (killed with SIGKILL, say), which it
    would otherwise outlive to finish its task and print the traceback of writing the result
    into a closed pipe. Elsewhere there is no such call, and it may."""
    if not sys.platform.startswith("linux"):
        return
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # gone before the call
        os._exit(1)


def _analyse_task(units: list[_Unit], *, raw_text: bool, skip: SkipFilter | None) -> _TaskResult:
    """The task's results in order, and how many of its documents `skip` left out."""
    assert _worker_analyzer is not None, "the pool's initializer builds the analyzer"
    settings = _worker_analyzer.settings
    documents: Iterable[Document | NewsledgerError] = _documents(units, raw_text, settings)
    skipped = 0
    if skip is not None:
        read = list(documents)
        left_out = skip([item.id for item in read if isinstance(item, Document)])
        documents = [
            item for item in read if not (isinstance(item, Document) and item.id in left_out)
        ]
        skipped = len(read) - len(documents)
    results = [
        _failure(item) if isinstance(item, NewsledgerError) else item
        for item in _worker_analyzer.analyze_stream(documents)
    ]
    return results, skipped


def _documents(
    units: list[_Unit], raw_text: bool, settings: Settings
) -> Iterator[Document | NewsledgerError]:
    for unit in units:
        if isinstance(unit, str):
            yield from load_path(unit, raw_text=raw_text, settings=settings)
        elif isinstance(unit, Response):
            yield load_response(unit, settings=settings)
        else:
            yield _error(unit)
