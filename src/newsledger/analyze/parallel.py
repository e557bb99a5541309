"""`analyze --jobs N`: the files analysed by N worker processes, results in input order.

Each worker builds its own `Analyzer` once (spaCy and the taggers hold state that threads
would contend for, and the GIL would serialise them). Files go to the workers in small groups,
so that each group still runs through `nlp.pipe` in batches and no worker waits long at the
end; a WARC archive is one file, so it is analysed by one worker (`newsledger spark run`
spreads archives over a cluster).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING

from newsledger.config import Settings
from newsledger.errors import NewsledgerError
from newsledger.ingest import load_path
from newsledger.schema import Analysis

if TYPE_CHECKING:
    from newsledger.analyze.pipeline import Analyzer

FILES_PER_TASK = 8
GROUPS_PER_WORKER = 4
# An error crosses the process boundary as its class, message and source: exceptions with
# keyword-only arguments do not survive pickling whole.
_Failure = tuple[type[NewsledgerError], str, str | None]
_Result = Analysis | _Failure

_worker_analyzer: Analyzer | None = None


def analyze_files(
    paths: Sequence[str],
    *,
    jobs: int,
    raw_text: bool,
    settings: Settings,
    on_files_done: Callable[[int], None] = lambda _: None,
) -> Iterator[Analysis | NewsledgerError]:
    """Every document of `paths`, analysed by `jobs` processes, in the order of `paths`."""
    # Small enough that every worker gets several groups (a few WARC archives are a few
    # files), large enough that `nlp.pipe` batches well when the files are single pages.
    size = max(1, min(FILES_PER_TASK, len(paths) // (jobs * GROUPS_PER_WORKER)))
    groups = [list(group) for group in _groups(paths, size)]
    # "spawn": a fresh interpreter, never a fork of a parent whose threads hold locks.
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_start_worker, initargs=(settings,)) as pool:
        work = partial(_analyse_group, raw_text=raw_text, settings=settings)
        for group, results in zip(groups, pool.imap(work, groups), strict=True):
            for result in results:
                if isinstance(result, Analysis):
                    yield result
                else:
                    kind, message, source = result
                    yield kind(message, source=source)
            on_files_done(len(group))


def _groups(paths: Sequence[str], size: int) -> Iterator[tuple[str, ...]]:
    iterator = iter(paths)
    while group := tuple(islice(iterator, size)):
        yield group


def _start_worker(settings: Settings) -> None:
    # Imported by the workers only: the parent hands out paths and gathers results, and
    # importing spaCy would cost it a second and about 70 MB for nothing.
    from newsledger.analyze.pipeline import Analyzer

    global _worker_analyzer
    _worker_analyzer = Analyzer(settings)


def _analyse_group(paths: list[str], *, raw_text: bool, settings: Settings) -> list[_Result]:
    assert _worker_analyzer is not None, "the pool's initializer builds the analyzer"
    documents = (
        item for path in paths for item in load_path(path, raw_text=raw_text, settings=settings)
    )
    return [
        (type(item), item.message, item.source) if isinstance(item, NewsledgerError) else item
        for item in _worker_analyzer.analyze_stream(documents)
    ]
