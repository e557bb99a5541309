"""The corpus commands end to end through `cli.main`, on an SQLite store."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newsledger.cli import main
from newsledger.cli_corpus import rate_text
from newsledger.corpus import open_database
from newsledger.schema import Analysis
from tests.corpus.sample import WIRE
from tests.corpus.test_exchange import exported

SEED = Path(__file__).parents[2] / "examples" / "seed.txt"


@pytest.fixture
def analysed(tmp_path: Path, sample: list[Analysis]) -> Path:
    path = tmp_path / "sample.jsonl"
    path.write_text("".join(analysis.to_json() + "\n" for analysis in sample), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    # Every command must honour --db: an unset default would write to the real user store.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "nowhere"))
    monkeypatch.delenv("NEWSLEDGER_DB", raising=False)
    return str(tmp_path / "ledger.db")


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def stored(analysed: Path, db: str, capsys: pytest.CaptureFixture[str]) -> str:
    run_json(capsys, "ingest", "--analysed", str(analysed), "--db", db)
    return db


def test_ingest_is_idempotent(analysed: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    first = run_json(capsys, "ingest", "--analysed", str(analysed), "--db", db)
    again = run_json(capsys, "ingest", "--analysed", str(analysed), "--db", db)
    replaced = run_json(capsys, "ingest", "--analysed", "--reanalyse", str(analysed), "--db", db)
    summary = ("stored", "skipped", "replaced", "failed")
    assert [first[key] for key in summary] == [7, 0, 0, 0]
    assert [again[key] for key in summary] == [0, 7, 0, 0]
    assert [replaced[key] for key in summary] == [0, 0, 7, 0]
    assert not (Path(db).parent / "nowhere").exists()


def test_ingest_reads_paths_from_stdin(
    analysed: Path, db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{analysed}\n\n"))
    assert run_json(capsys, "ingest", "--analysed", "-", "--db", db)["stored"] == 7


def test_ingest_reports_bad_inputs(
    analysed: Path, tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n")
    assert main(["ingest", "--analysed", str(analysed), str(bad), "--db", db]) == 1
    err = capsys.readouterr().err
    assert f"newsledger: {bad}: line 1: not a newsledger/analysis@1 object" in err
    assert "stored 7, replaced 0, skipped 0 (already stored), failed 1" in err
    assert main(["ingest", "--analysed", str(bad), "--db", db]) == 2


@pytest.mark.parametrize(
    ("rate", "shown"), [(0.29, "0.29"), (1.5, "1.5"), (0.0, "0"), (12.4, "12"), (159.2, "159")]
)
def test_ingest_rate_is_shown_in_what_it_is(rate: float, shown: str) -> None:
    assert rate_text(rate) == shown


def test_ingest_analyses_pages_once(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    first = run_json(capsys, "ingest", str(SEED), "--db", db)
    again = run_json(capsys, "ingest", str(SEED), "--db", db)
    assert (first["stored"], again["stored"], again["skipped"]) == (1, 0, 1)
    found = run_json(capsys, "search", "ambassador", "--db", db)
    assert found["total"] == 1


def test_ingest_with_jobs_stores_what_one_process_stores(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for number in range(6):
        (pages / f"{number:02d}.txt").write_text(
            f"Council vote {number}\n\nThe mayor said on Monday that the library {number} would"
            " stay open, and protesters gathered outside the town hall.\n",
            encoding="utf-8",
        )
    (pages / "03b.txt").write_bytes(b"")
    serial = str(tmp_path / "serial.db")
    assert main(["ingest", str(pages), "--db", serial, "--json"]) == 1
    capsys.readouterr()
    assert main(["ingest", "--jobs", "2", str(pages), "--db", db, "--json"]) == 1
    first = json.loads(capsys.readouterr().out)
    assert main(["ingest", "-j", "2", str(pages), "--db", db, "--json"]) == 1
    again = json.loads(capsys.readouterr().out)
    summary = ("stored", "skipped", "replaced", "failed")
    assert [first[key] for key in summary] == [6, 0, 0, 1]
    assert [again[key] for key in summary] == [0, 6, 0, 1]
    with open_database(serial) as one, open_database(db) as two:
        assert exported(two) == exported(one)
    assert main(["ingest", "-j", "2", "--reanalyse", str(pages / "00.txt"), str(pages / "01.txt"),
                 "--db", db, "--json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out)["replaced"] == 2


def test_ingest_jobs_need_analysis(
    analysed: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", "--analysed", "--jobs", "2", str(analysed), "--db", db]) == 2
    assert "--analysed stores without it" in capsys.readouterr().err


def test_search_with_filters(stored: str, capsys: pytest.CaptureFixture[str]) -> None:
    found = run_json(
        capsys, "search", "Camp Ashraf", "--entity", "PMOI", "--site", WIRE, "--db", stored
    )
    assert [hit["document"]["site"] for hit in found["hits"]] == [WIRE]
    assert found["facets"]["category"] == [{"value": "ASSAULT", "count": 1}]
    assert main(["search", "--since", "yesterday", "--db", stored]) == 2
    assert capsys.readouterr().err.startswith("newsledger: ")


def test_entity_disputes_and_related(
    stored: str, sample: list[Analysis], capsys: pytest.CaptureFixture[str]
) -> None:
    page = run_json(capsys, "entity", "MEK", "--db", stored)
    assert page["entity"]["name"] == "Mojahedin-e Khalq Organization"
    found = run_json(capsys, "disputes", "PMOI", "--db", stored)
    assert {d["claim"] for d in found} >= {"the MKO attacked Iraqi forces at Camp Ashraf on Friday"}
    related = run_json(capsys, "related", sample[0].document.id, "--db", stored)
    assert related[0]["document"]["site"] == WIRE
    assert main(["entity", "Nobody", "--db", stored]) == 2
    assert capsys.readouterr().err == "newsledger: no entity called 'Nobody' in the store\n"


def test_tables_for_people(
    stored: str, sample: list[Analysis], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "Ashraf", "--db", stored]) == 0
    assert "3 documents match" in capsys.readouterr().out
    assert main(["entity", "PMOI", "--db", stored]) == 0
    out = capsys.readouterr().out
    assert "labels by site" in out and "event timeline" in out
    assert main(["disputes", "--db", stored]) == 0
    assert "2 disputed claims" in capsys.readouterr().out
    assert main(["related", sample[0].document.id, "--db", stored]) == 0
    assert "3 related documents" in capsys.readouterr().out


def test_export_formats(
    stored: str, analysed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--what", "documents", "--db", stored]) == 0
    assert capsys.readouterr().out == analysed.read_text(encoding="utf-8")
    target = tmp_path / "statements.parquet"
    assert (
        main(
            [
                "export",
                "--what",
                "statements",
                "--format",
                "parquet",
                "-o",
                str(target),
                "--db",
                stored,
            ]
        )
        == 0
    )
    assert pq.read_table(target).num_rows == 8
    assert capsys.readouterr().err == "exported 8 statements\n"
    assert main(["export", "--what", "entities", "--format", "csv", "--db", stored]) == 0
    assert capsys.readouterr().out.startswith("entity_id,name,type,aliases,documents,mentions\r\n")


def test_a_bad_store_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_store = tmp_path / "notes.txt"
    not_a_store.write_text("hello")
    assert main(["search", "x", "--db", str(not_a_store)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsledger: ") and err.count("\n") == 1
    assert "cannot open the store" in err
