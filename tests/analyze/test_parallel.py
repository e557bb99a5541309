"""How `analyze --jobs` cuts its inputs into tasks, and what its skip filter leaves out (the
end-to-end checks are in test_cli.py and tests/corpus/test_cli_corpus.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsledger.analyze.parallel import RECORDS_PER_TASK, _tasks, analyze_files, workers_needed
from newsledger.config import Settings
from newsledger.errors import IngestError
from newsledger.ingest import Response
from newsledger.schema import Analysis, document_id
from tests.ingest.conftest import article_html, warc_record, warcinfo_record


def test_an_archive_is_cut_into_tasks_of_records_and_files_are_counted_once(
    tmp_path: Path,
) -> None:
    records = [warcinfo_record()]
    for number in range(RECORDS_PER_TASK * 2 + 3):
        page = article_html(f"Vote {number}", f"close road {number}").encode()
        records.append(warc_record(f"https://example.org/{number}", page))
    corrupt = "Content-Encoding: gzip\r\n"
    records.append(warc_record("https://example.org/bad", b"\x1f\x8bnot gzip", http_extra=corrupt))
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(b"".join(records))
    pages = [tmp_path / f"{name}.txt" for name in ("a", "b")]
    for page in pages:
        page.write_text("A title\n\nThe minister said so.\n", encoding="utf-8")
    paths = [str(pages[0]), str(archive), str(pages[1])]

    tasks = list(_tasks(paths, files_per_task=1, raw_text=False, settings=Settings()))

    units = [unit for task in tasks for unit in task.units]
    assert units[0] == paths[0] and units[-1] == paths[2]
    responses = [unit for unit in units if isinstance(unit, Response)]
    assert [r.url for r in responses] == [
        f"https://example.org/{n}" for n in range(RECORDS_PER_TASK * 2 + 3)
    ]
    kind, _, source = units[-2]
    assert issubclass(kind, IngestError) and source == f"{archive}#record-{len(records)}"
    assert max(len(task.units) for task in tasks) == RECORDS_PER_TASK
    assert sum(1 for task in tasks if any(isinstance(u, Response) for u in task.units)) >= 3
    assert sum(task.files_done for task in tasks) == len(paths)


def test_raw_text_reads_an_archive_as_one_file(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(warcinfo_record())
    tasks = list(_tasks([str(archive)], files_per_task=8, raw_text=True, settings=Settings()))
    assert [(task.units, task.files_done) for task in tasks] == [([str(archive)], 1)]


@dataclass(frozen=True)
class _Skip:
    """A skip filter that pickles into the workers, as `corpus.intake.StoredIds` does."""

    ids: frozenset[str]

    def __call__(self, ids: list[str]) -> set[str]:
        return set(ids) & self.ids


def test_the_skip_filter_leaves_documents_unanalysed_and_counts_them(tmp_path: Path) -> None:
    texts = [f"Vote {n}\n\nThe mayor said the library {n} would stay open.\n" for n in range(5)]
    paths = []
    for number, text in enumerate(texts):
        path = tmp_path / f"{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    left_out = frozenset(document_id(texts[n]) for n in (1, 2, 4))
    skipped: list[int] = []

    results = list(
        analyze_files(
            paths, jobs=2, raw_text=True, settings=Settings(), skip=_Skip(left_out),
            on_skipped=skipped.append,
        )
    )  # fmt: skip

    assert all(isinstance(result, Analysis) for result in results)
    assert [r.document.id for r in results if isinstance(r, Analysis)] == [
        document_id(texts[0]),
        document_id(texts[3]),
    ]
    assert sum(skipped) == 3


def test_workers_needed_by_files_and_archives(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(warcinfo_record())
    assert workers_needed(["a.txt", "b.txt"], jobs=4, raw_text=False) == 2
    assert workers_needed([str(archive)], jobs=4, raw_text=False) == 4
    assert workers_needed([str(archive)], jobs=4, raw_text=True) == 1
    assert workers_needed([f"{n}.txt" for n in range(9)], jobs=4, raw_text=False) == 4
