"""Property-based fuzzing of the input gate and the analysis behind it.

Three properties hold for every input: `load_bytes` lets no exception but a `NewsledgerError`
escape (bad input is reported in one line, never raised as a traceback); every document it
accepts can be stored (no NUL, no lone surrogate); and every such document is analysed with
every span pointing at its own words. Example counts are sized so that this folder runs in
about a minute on two busy cores; `NEWSLEDGER_FUZZ_SCALE=5` multiplies them for a longer hunt
(numbers in docs/reliability.md). Add `-p no:schemathesis` to see a failing example's values:
that plugin blanks them in hypothesis's report.
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsledger.analyze.pipeline import Analyzer
from newsledger.errors import NewsledgerError
from newsledger.ingest import load_bytes
from newsledger.schema import Document, iter_spans, misplaced_spans, unstorable_strings
from tests.hardening.strategies import codecs, encode, hostile_text, html_pages, warc_archives

SCALE = int(os.environ.get("NEWSLEDGER_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    """`examples` times the scale, each bounded in time.

    The deadline is far above a normal example (tens of milliseconds) so that a loaded machine
    does not fail the run, yet it catches the quadratic or exponential case that fuzzing is for.
    """
    return settings(
        max_examples=examples * SCALE,
        deadline=timedelta(seconds=10),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


_NAMES = st.sampled_from(
    ["page.html", "page.txt", "page", "-", "crawl.warc", "crawl.warc.gz", "page.html.gz"]
)


def _load(data: bytes, name: str, *, raw_text: bool = False) -> list[Document]:
    """The documents in `data`; anything but a document or an ingest error fails the property."""
    documents = []
    for item in load_bytes(data, name=name, raw_text=raw_text):
        event(type(item).__name__)  # counted by --hypothesis-show-statistics
        if isinstance(item, Document):
            _check_storable(item)
            documents.append(item)
        else:
            assert isinstance(item, NewsledgerError), item
            assert str(item).strip() and "\n" not in item.message, "not a one-line reason"
    return documents


def _check_storable(document: Document) -> None:
    """Every string a document holds can be written as UTF-8 text, which PostgreSQL refuses
    when it holds NUL and which Python refuses to encode when it holds a lone surrogate."""
    assert unstorable_strings(document) == []


def _check_analysis(analyzer: Analyzer, document: Document) -> None:
    try:
        analysis = analyzer.analyze(document)
    except NewsledgerError:
        return
    assert analysis.document.text == document.text
    for span in iter_spans(analysis):
        assert 0 <= span.start <= span.end <= len(document.text), span
    assert misplaced_spans(analysis) == []


@fuzz(1000)
@given(data=st.binary(max_size=2048), name=_NAMES)
def test_random_bytes_are_refused_or_loaded(data: bytes, name: str) -> None:
    _load(data, name)


@fuzz(150)
@given(page=html_pages(), codec=codecs, name=st.sampled_from(["page.html", "page", "page.txt"]))
def test_random_html_loads_and_analyses_with_valid_spans(
    analyzer: Analyzer, page: str, codec: str, name: str
) -> None:
    for document in _load(encode(page, codec), name):
        _check_analysis(analyzer, document)


@fuzz(200)
@given(archive=warc_archives(), name=st.sampled_from(["crawl.warc", "crawl.warc.gz", "x.bin"]))
def test_random_warc_records_load_and_analyse_with_valid_spans(
    analyzer: Analyzer, archive: bytes, name: str
) -> None:
    for document in _load(archive, name):
        _check_analysis(analyzer, document)


# Enough words to push what follows past the loader's 4 KB sniff for binary data.
_PADDING = "The minister said on Monday that the talks had stalled, officials said.\n" * 60


@fuzz(150)
@given(
    text=hostile_text(max_words=120),
    codec=codecs,
    raw_text=st.booleans(),
    padded=st.booleans(),
    name=st.sampled_from(["page.txt", "page.html", "page", "-"]),
)
def test_hostile_unicode_loads_and_analyses_with_valid_spans(
    analyzer: Analyzer, text: str, codec: str, raw_text: bool, padded: bool, name: str
) -> None:
    data = encode(_PADDING + text if padded else text, codec)
    for document in _load(data, name, raw_text=raw_text):
        _check_analysis(analyzer, document)
