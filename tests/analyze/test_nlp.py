"""The one spaCy loader and the document text every stage reads."""

from spacy.language import Language

from newsledger.analyze.nlp import doc_text, load_nlp


def test_the_pipeline_is_loaded_once_per_process(nlp: Language) -> None:
    assert load_nlp() is nlp


def test_doc_text_is_the_parsed_text_joined_once(nlp: Language) -> None:
    text = "He said “no”.\n\n\nShe left,  then  came back. "
    doc = nlp(text)
    assert doc_text(doc) == doc.text == text
    assert doc_text(doc) is doc_text(doc)
