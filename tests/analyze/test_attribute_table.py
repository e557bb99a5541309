"""The attribute table must leave every token as spaCy's own attribute ruler leaves it."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsledger.analyze.attribute_table import AttributeTable, replace_attribute_ruler
from newsledger.analyze.nlp import MODEL_NAME, load_nlp
from tests.conftest import shared_data

# Tag-map rules, the lexical exceptions of one and two tokens ("ai n't", "gon na", "y' all",
# "let 's"), rules on dependencies ("I" as subject and object, "there is"), and space tokens.
SENTENCES = [
    "I ain't gonna go, and y'all gotta see it.",
    "There is a dog and there were cats; let's c'm on.",
    "She told me it was doin' nothin' for 'em. Ol' man had 'nuff.",
    "Did you have it?  \n\n  It did.\tThe Ministry summoned the ambassador on Monday.",
    "Yes",
    "Iraq's government denied that 35 members were killed in the clashes at Camp Ashraf.",
]


@pytest.fixture(scope="module")
def shipped() -> Language:
    return spacy.load(MODEL_NAME)


def _until_ruler(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "attribute_ruler":
            break
        doc = component(doc)
    return doc


@pytest.mark.parametrize("text", SENTENCES)
def test_table_sets_what_the_ruler_sets(shipped: Language, text: str) -> None:
    ruler = shipped.get_pipe("attribute_ruler")
    expected = ruler(_until_ruler(shipped, text))
    table = AttributeTable(ruler)
    for _ in range(2):  # the second pass is answered from the remembered combinations
        got = table(_until_ruler(shipped, text))
        columns = [TAG, POS, MORPH, LEMMA, DEP]
        assert got.to_array(columns).tolist() == expected.to_array(columns).tolist()
        assert [str(token.morph) for token in got] == [str(token.morph) for token in expected]


def test_exceptions_are_applied(shipped: Language) -> None:
    table = AttributeTable(shipped.get_pipe("attribute_ruler"))
    doc = table(_until_ruler(shipped, "I ain't gonna go."))
    lemmas = {token.text: token.lemma_ for token in doc}
    assert lemmas["ai"] == "be"
    assert (lemmas["gon"], lemmas["na"]) == ("go", "to")
    assert str(doc[0].morph) == "Case=Nom|Number=Sing|Person=1|PronType=Prs"


def test_loaded_pipeline_has_the_table_in_the_rulers_place(shipped: Language) -> None:
    nlp = load_nlp()
    assert nlp.pipe_names == shipped.pipe_names
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)


def test_empty_document(shipped: Language) -> None:
    table = AttributeTable(shipped.get_pipe("attribute_ruler"))
    assert len(table(shipped.make_doc(""))) == 0


def test_a_ruler_setting_extension_attributes_is_kept() -> None:
    Token.set_extension("newsledger_test_greeting", default=False, force=True)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "hello"}]], {"_": {"newsledger_test_greeting": True}})
    replace_attribute_ruler(nlp)
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_a_pipeline_without_a_ruler_is_left_alone() -> None:
    nlp = spacy.blank("en")
    replace_attribute_ruler(nlp)
    assert nlp.pipe_names == []


def test_table_matches_the_ruler_on_news_articles(shipped: Language) -> None:
    articles = sorted(shared_data("ptc", "train-articles").glob("*.txt"))[:12]
    ruler = shipped.get_pipe("attribute_ruler")
    table = AttributeTable(ruler)
    columns = [TAG, POS, MORPH, LEMMA, DEP]
    for article in articles:
        text = article.read_text(encoding="utf-8")
        expected = ruler(_until_ruler(shipped, text)).to_array(columns).tolist()
        assert table(_until_ruler(shipped, text)).to_array(columns).tolist() == expected
