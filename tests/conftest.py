from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.analyze.pipeline import Analyzer

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SEED = REPO / "examples" / "seed.txt"


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """One analyzer for the whole run: loading spaCy once is what users get too."""
    return Analyzer()


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or a skip that says why (a user's clone has no shared/)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: benchmark data lives in ../shared/data beside the repo")
    return path
