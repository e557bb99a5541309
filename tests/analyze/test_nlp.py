"""The one spaCy loader and the document text every stage reads."""

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.analyze.nlp import doc_text, load_nlp, with_curly_apostrophes


def test_the_pipeline_is_loaded_once_per_process(nlp: Language) -> None:
    assert load_nlp() is nlp


def test_doc_text_is_the_parsed_text_joined_once(nlp: Language) -> None:
    text = "He said “no”.\n\n\nShe left,  then  came back. "
    doc = nlp(text)
    assert doc_text(doc) == doc.text == text
    assert doc_text(doc) is doc_text(doc)


def _reading(doc: Doc) -> list[tuple[str, str, str, str, int]]:
    return [(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.mark.parametrize(
    "text",
    [
        "It’s a good example, and they’re sure I’m right.",
        "We’ve seen what they’ll do; we’d go. Let’s not, y’all.",
        "They don’t know what it’s been for.",
    ],
)
def test_a_curly_apostrophe_reads_as_a_straight_one(nlp: Language, text: str) -> None:
    curly, straight = nlp(text), nlp(text.replace("’", "'"))
    assert _reading(curly) == _reading(straight)
    assert doc_text(curly) == text


def test_a_curly_copula_is_the_auxiliary_be(nlp: Language) -> None:
    copula = nlp("Still, it’s one thing to form an alliance.")[3]
    assert (copula.text, copula.lemma_, copula.pos_) == ("’s", "be", "AUX")


def test_ruler_patterns_take_both_apostrophes() -> None:
    assert with_curly_apostrophes([{"LOWER": "'s", "TAG": "VBZ"}]) == [
        {"LOWER": {"IN": ["'s", "’s"]}, "TAG": "VBZ"}
    ]
    assert with_curly_apostrophes([{"LOWER": {"IN": ["is", "'s"]}}]) == [
        {"LOWER": {"IN": ["is", "'s", "’s"]}}
    ]
    assert with_curly_apostrophes([{"LOWER": {"REGEX": "^n'?t$"}}]) == [
        {"LOWER": {"REGEX": "^n['’]?t$"}}
    ]
    assert with_curly_apostrophes([{"LOWER": "said", "DEP": "ROOT"}]) == [
        {"LOWER": "said", "DEP": "ROOT"}
    ]
