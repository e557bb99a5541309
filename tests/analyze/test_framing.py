"""Framing: labels per entity from the parse, technique spans from the ONNX tagger."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from spacy.language import Language

from newsledger.analyze.entities import EntityFinder
from newsledger.analyze.framing import find_labels, find_techniques
from newsledger.analyze.framing_model import (
    BEGIN,
    INSIDE,
    OUTSIDE,
    TECHNIQUES,
    Pieces,
    check_outputs,
    decode,
    load_encoder,
    window_bounds,
)
from newsledger.analyze.pipeline import Analyzer
from newsledger.errors import DataFileError
from newsledger.ingest import load_path
from newsledger.report import render_markdown
from newsledger.schema import Document

from .conftest import SEED


def labels_of(nlp: Language, finder: EntityFinder, text: str) -> dict[str, dict[str, int]]:
    doc = nlp(text)
    entities = finder(doc)
    names = {entity.id: entity.name for entity in entities}
    found: dict[str, dict[str, int]] = {}
    for label in find_labels(doc, entities):
        found.setdefault(names[label.entity], {})[label.text] = label.count
    return found


def test_apposition_gives_the_person_the_phrase(nlp: Language, finder: EntityFinder) -> None:
    labels = labels_of(nlp, finder, "Maryam Rajavi, the MKO puppet leader, visited Paris.")
    assert labels["Maryam Rajavi"] == {"puppet leader": 1}


def test_apposition_before_the_name(nlp: Language, finder: EntityFinder) -> None:
    text = "Yet the MKO puppet leader, Maryam Rajavi, regularly visited Brussels."
    assert labels_of(nlp, finder, text)["Maryam Rajavi"] == {"puppet leader": 1}


def test_predicate_nominal(nlp: Language, finder: EntityFinder) -> None:
    labels = labels_of(nlp, finder, "Hamas is a terrorist group, officials said.")
    assert labels["Hamas"] == {"terrorist group": 1}


def test_negated_predicate_is_not_a_label(nlp: Language, finder: EntityFinder) -> None:
    assert "Hamas" not in labels_of(nlp, finder, "Hamas is not a terrorist group.")


def test_naming_verb_object(nlp: Language, finder: EntityFinder) -> None:
    labels = labels_of(nlp, finder, "Israel called Hamas a terrorist organization.")
    assert labels["Hamas"] == {"terrorist organization": 1}


def test_modifier_before_the_name(nlp: Language, finder: EntityFinder) -> None:
    text = "The European Union has lately changed approach towards the terrorist MKO."
    assert labels_of(nlp, finder, text)["Mojahedin-e Khalq Organization"] == {"terrorist": 1}


def test_the_entity_modifies_a_role_noun(nlp: Language, finder: EntityFinder) -> None:
    labels = labels_of(nlp, finder, "The MKO ringleaders have not allowed a visit.")
    assert labels["Mojahedin-e Khalq Organization"] == {"ringleaders": 1}


def test_a_neutral_role_noun_is_not_a_label(nlp: Language, finder: EntityFinder) -> None:
    assert labels_of(nlp, finder, "The MKO members have not allowed a visit.") == {}


def test_where_in_a_place_is_not_a_label(nlp: Language, finder: EntityFinder) -> None:
    text = "Protests spread across northern Syria and downtown Miami on Monday."
    assert labels_of(nlp, finder, text) == {}


def test_a_phrase_running_into_a_link_is_not_a_label(nlp: Language, finder: EntityFinder) -> None:
    text = (  # an embedded post, whose hashtags and link the parser reads as one noun phrase
        "The caravan is an army. #Immigration #Border #undocumented pic.twitter.com/eNsrqJz9Lu "
        "— Mike Tokes (@MikeTokes) October 23, 2018"
    )
    assert labels_of(nlp, finder, text) == {}


def test_descriptions_referring_back_are_counted(nlp: Language, finder: EntityFinder) -> None:
    text = (
        "The Mojahedin-e Khalq Organization (MKO) held a rally in Paris. "
        "The terrorist group raised unfounded allegations. "
        "Iraq wants to expel the terrorist group. The group denied it."
    )
    labels = labels_of(nlp, finder, text)
    assert labels["Mojahedin-e Khalq Organization"] == {"terrorist group": 2}


def test_spans_are_valid_and_match_their_offsets() -> None:
    tagger = load_encoder()
    text = (
        "The corrupt elites are destroying our great nation, and every patriot knows it. "
        "This is a disgraceful, shameful betrayal by the so-called experts!"
    )
    spans = find_techniques(text, tagger, tagger.encode(text), threshold=0.0)
    assert spans, "threshold 0 keeps every piece inside a span"
    for span in spans:
        assert text[span.span.start : span.span.end] == span.span.text
        assert span.technique in TECHNIQUES
        assert 0.0 <= span.score <= 1.0
    for earlier, later in itertools.pairwise(spans):
        assert earlier.span.end <= later.span.start


def test_threshold_filters_by_score() -> None:
    tagger = load_encoder()
    text = "They are vile traitors and a disgrace, the worst people in the history of the world."
    loose = find_techniques(text, tagger, tagger.encode(text), threshold=0.0)
    strict = find_techniques(text, tagger, tagger.encode(text), threshold=1.0)
    assert all(span.score >= 1.0 for span in strict)
    assert len(strict) <= len(loose)


def test_decode_merges_inside_pieces_and_widens_to_words() -> None:
    text = "a bc defg h"
    # Pieces: "a", "b", "##c", "def", "##g", "h"
    offsets = np.array([[0, 1], [2, 3], [3, 4], [5, 8], [8, 9], [10, 11]])
    pieces = Pieces(ids=np.arange(6), offsets=offsets)
    span_probs = np.zeros((6, 3), dtype=np.float32)
    span_probs[:, OUTSIDE] = 1.0
    span_probs[2] = [0.1, 0.8, 0.1]  # "##c" starts a span: widened to "bc"
    span_probs[3] = [0.1, 0.1, 0.8]
    technique_probs = np.full((6, len(TECHNIQUES)), 1 / len(TECHNIQUES), dtype=np.float32)
    technique_probs[2:4, TECHNIQUES.index("Doubt")] = 1.0
    (span,) = decode(text, pieces, span_probs, technique_probs, inside_threshold=0.5)
    assert text[span.start : span.end] == "bc defg"
    assert TECHNIQUES[span.technique] == "Doubt"
    assert span.score == pytest.approx(0.5 + 0.5 * (0.9 - 0.5) / 0.5)
    assert span_probs[2, BEGIN] > span_probs[2, INSIDE]


def test_windows_cover_every_piece_once() -> None:
    assert window_bounds(600, 254) == [(0, 254), (254, 508), (508, 600)]
    assert window_bounds(600, 254, shift=100) == [(0, 100), (100, 354), (354, 600)]
    assert window_bounds(0, 254) == []


def test_seed_labels_mko_and_the_report_shows_them(analyzer: Analyzer) -> None:
    (document,) = list(load_path(str(SEED)))
    analysis = analyzer.analyze(document)
    mko = next(e for e in analysis.entities if "MKO" in e.aliases)
    labels = {
        label.text: label.count for label in analysis.framing.labels if label.entity == mko.id
    }
    assert labels["terrorist group"] >= 4
    assert labels["ringleaders"] == 3
    assert "terrorist organization" in labels
    report = render_markdown(analysis)
    section = report[report.index("## Labels") : report.index("## Propaganda techniques")]
    assert f"**{mko.name}**" in section
    assert "“terrorist group”" in section and "“ringleaders” ×3" in section


def test_analysis_techniques_match_the_document_text(analyzer: Analyzer) -> None:
    text = "This is a sheer lie, the statement added. The so-called experts are traitors."
    analysis = analyzer.analyze(Document(id="t", text=text))
    for span in analysis.framing.techniques:
        assert text[span.span.start : span.span.end] == span.span.text
        assert span.score >= analyzer.settings.technique_threshold


def test_an_encoder_without_the_attribution_head_is_refused_at_load() -> None:
    class Output:
        def __init__(self, name: str) -> None:
            self.name = name

    class Session:
        def get_outputs(self) -> list[Output]:
            return [Output("span_probs"), Output("technique_probs")]

    with pytest.raises(DataFileError, match="no attribution_probs output"):
        check_outputs(Session())
    check_outputs(load_encoder().session)
