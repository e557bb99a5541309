"""The atheris target behind `make fuzz`: a short run over its seeds finds nothing, and what it
checks would catch a document that cannot be stored or an error that is not one line."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from newsledger.errors import IngestError
from newsledger.schema import Document
from tests.scripts import SCRIPTS, load_script

pytest.importorskip("atheris", reason="atheris (the `fuzz` extra) is not installed")

SCRIPT = SCRIPTS / "fuzz_ingest.py"
RUNS = 300


@pytest.fixture(scope="module")
def target() -> ModuleType:
    return load_script("fuzz_ingest")


def test_a_short_run_over_the_seeds_finds_no_crash(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--workdir",
            str(tmp_path),
            f"-runs={RUNS}",
            "-rss_limit_mb=2048",
            "-timeout=10",
            f"-artifact_prefix={tmp_path}/",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # libFuzzer may run one input past -runs before it stops.
    done = re.search(r"Done (\d+) runs", result.stderr)
    assert done and int(done.group(1)) >= RUNS, result.stderr[-3000:]
    seeds = sorted(path.name for path in (tmp_path / "seeds").iterdir())
    assert {"script-tags.html", "seed.txt", "article.warc"} <= set(seeds)
    assert not list(tmp_path.glob("crash-*"))


def test_every_seed_passes_the_check(target: ModuleType, tmp_path: Path) -> None:
    target.write_seeds(tmp_path)
    for seed in tmp_path.iterdir():
        target.check(seed.read_bytes())


def _yielding(item: Document | IngestError) -> object:
    def load_bytes(data: bytes, *, name: str, raw_text: bool) -> Iterator[object]:
        yield item

    return load_bytes


def test_a_document_holding_nul_is_a_crash(
    target: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = Document(id="d", text="a\x00b", title=None)
    monkeypatch.setattr(target, "load_bytes", _yielding(document))
    with pytest.raises(AssertionError, match="cannot be stored"):
        target.check(b"\x00page")


def test_an_error_over_two_lines_is_a_crash(
    target: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(target, "load_bytes", _yielding(IngestError("first\nsecond", source="x")))
    with pytest.raises(AssertionError):
        target.check(b"\x00page")
