"""The hostile inputs ingested once per run into an SQLite store, for the reader's checks."""

from __future__ import annotations

import io
from contextlib import redirect_stderr
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsledger.cli import main
from newsledger.errors import IngestError
from newsledger.ingest import load_path
from newsledger.schema import Document
from tests.hardening.hostile import hostile_inputs

SECRET = "hardening-secret-0123456789"


@dataclass(frozen=True)
class HostileStore:
    path: Path
    exit_code: int
    stderr: str
    # What the loader makes of each input, by name: its documents, or the reasons it refused.
    loaded: dict[str, list[Document | IngestError]]

    def documents(self) -> dict[str, Document]:
        """Each stored document by a name that says which input it came from."""
        found = {}
        for name, items in self.loaded.items():
            for number, item in enumerate(items):
                if isinstance(item, Document):
                    found[f"{name}#{number}" if len(items) > 1 else name] = item
        return found


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> HostileStore:
    """`newsledger ingest` over every hostile input, as a user would run it."""
    folder = tmp_path_factory.mktemp("hostile")
    inputs = hostile_inputs(folder)
    path = folder / "ledger.db"
    errors = io.StringIO()
    with redirect_stderr(errors):
        exit_code = main(["ingest", *map(str, inputs.values()), "--db", str(path)])
    loaded = {name: list(load_path(str(file))) for name, file in inputs.items()}
    return HostileStore(path=path, exit_code=exit_code, stderr=errors.getvalue(), loaded=loaded)
