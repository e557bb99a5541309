"""Shared fixtures of the analysis tests: the spaCy model and the data tables, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsledger.analyze.aliases import AliasTable, load_alias_table
from newsledger.analyze.entities import EntityFinder
from newsledger.analyze.nlp import load_nlp

SEED = Path(__file__).parents[2] / "examples" / "seed.txt"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def aliases() -> AliasTable:
    return load_alias_table()


@pytest.fixture(scope="session")
def finder(aliases: AliasTable) -> EntityFinder:
    return EntityFinder(aliases)


@pytest.fixture(scope="session")
def seed_body() -> str:
    """The seed article's body: from its first sentence to before the page's closing chrome."""
    raw = SEED.read_text(encoding="utf-8")
    start = raw.index("The Iraqi government summoned")
    return raw[start : raw.index("You may also like")].rstrip()
