"""How `analyze --jobs` cuts its inputs into tasks (the end-to-end check is in test_cli.py)."""

from __future__ import annotations

from pathlib import Path

from newsledger.analyze.parallel import RECORDS_PER_TASK, _tasks
from newsledger.config import Settings
from newsledger.errors import IngestError
from newsledger.ingest import Response
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
