"""The analysis@1 contract: the published JSON Schema matches the models, and every fixture's
analysis validates against it with every span pointing at its own text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from newsledger.analyze.pipeline import Analyzer
from newsledger.ingest import load_path
from newsledger.schema import (
    SCHEMA_ID,
    Analysis,
    Document,
    Span,
    document_id,
    iter_spans,
    json_schema,
    misplaced_spans,
    unstorable_strings,
)

from .conftest import REPO

SCHEMA_FILE = REPO / "docs" / "analysis.schema.json"
FIXTURES = sorted(
    [REPO / "examples" / "seed.txt"]
    + [path for path in (REPO / "tests").rglob("fixtures/*") if path.is_file()]
)


def test_published_schema_is_generated_from_the_models() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema(), (
        "docs/analysis.schema.json is stale: run `make schema`"
    )


def test_span_rejects_text_that_does_not_fit_its_offsets() -> None:
    with pytest.raises(ValueError):
        Span(start=3, end=5, text="abc")
    with pytest.raises(ValueError):
        Span(start=5, end=3, text="")
    assert Span.of("hello world", 6, 11).text == "world"


def test_document_id_ignores_spacing_but_not_words() -> None:
    assert document_id("Baghdad  summoned\nthe envoy") == document_id("Baghdad summoned the envoy")
    assert document_id("Baghdad summoned the envoy") != document_id("Paris summoned the envoy")


def test_empty_stages_are_present_in_the_json() -> None:
    analysis = Analysis(document=Document(id="x", text="Hello."))
    data = json.loads(analysis.to_json())
    assert data["schema"] == SCHEMA_ID
    assert data["statements"] == [] and data["events"] == []
    assert data["framing"]["techniques"] == [] and data["framing"]["labels"] == []
    assert data["framing"]["sourcing"]["statements"] == 0


@pytest.mark.parametrize("raw_text", [False, True], ids=["page", "raw"])
@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.name for path in FIXTURES])
def test_every_fixture_validates_and_every_span_fits(
    analyzer: Analyzer, fixture: Path, raw_text: bool
) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8")))
    documents = [item for item in load_path(str(fixture), raw_text=raw_text)]
    analyses = [item for item in analyzer.analyze_stream(documents) if isinstance(item, Analysis)]
    for analysis in analyses:
        validator.validate(json.loads(analysis.to_json()))
        assert misplaced_spans(analysis) == []
        assert all(
            0 <= span.start <= span.end <= len(analysis.document.text)
            for span in iter_spans(analysis)
        )


def test_unstorable_strings_are_those_with_nul_or_a_lone_surrogate() -> None:
    document = Document(
        id="d", text="fine", title="a\x00b", section=["ok", "lone \ud800"], removed=["fine"]
    )
    assert unstorable_strings(document) == ["a\x00b", "lone \ud800"]
    assert unstorable_strings(Document(id="d", text="café “quoted”")) == []
