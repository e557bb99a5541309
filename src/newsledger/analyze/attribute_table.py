"""spaCy's attribute ruler, answered from a table.

In en_core_web_sm the attribute ruler (the tag map and the lexical exceptions, 179 Matcher
patterns) runs every pattern at every token: a sixth of the pipeline's time on news articles.
Its one-token patterns only read the token's own tag, lowercase form, dependency and whether it
is space, so the rules that match a combination of those are matched once per process and
remembered; the few longer patterns ("gon na", "there is") keep a Matcher of their own. The
rules are then applied as the ruler applies them, in rule order, later rules overriding earlier
ones, so the annotations are the ruler's own (tests compare them token by token).
"""

from __future__ import annotations

from typing import Any, cast

import numpy
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from thinc.types import Ints2d

_FEATURE_NAMES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_TOKEN_FEATURES: list[int | str] = [IDS[name] for name in _FEATURE_NAMES]

# Combinations seen in a long run grow with the vocabulary (52,811 in the 371 PTC training
# articles, 6 MB); past this many the table starts again rather than growing without bound.
_TABLE_LIMIT = 200_000

RuleIds = tuple[int, ...]


def _one_token_pattern(pattern: list[dict[str, Any]]) -> bool:
    return len(pattern) == 1 and set(pattern[0]) <= set(_FEATURE_NAMES)


def _sets_extensions(ruler: AttributeRuler) -> bool:
    """Whether a rule sets extension attributes (`token._`), which the table does not write."""
    return any("_" in cast(dict[str, Any], rule["attrs"]) for rule in ruler.patterns)


class AttributeTable:
    """Sets the same token attributes as the `AttributeRuler` it is built from."""

    def __init__(self, ruler: AttributeRuler) -> None:
        if _sets_extensions(ruler):
            raise ValueError("extension attributes are not supported by the table")
        self.vocab = ruler.vocab
        self._attrs: list[dict[int, int]] = list(ruler.attrs)
        self._indices: list[int] = list(ruler.indices)
        self._one_token = Matcher(self.vocab)
        self._longer = Matcher(self.vocab)
        for rule_id, rule in enumerate(ruler.patterns):
            key = str(rule_id)
            patterns = cast(list[list[dict[str, Any]]], rule["patterns"])
            one_token = [p for p in patterns if _one_token_pattern(p)]
            longer = [p for p in patterns if not _one_token_pattern(p)]
            if one_token:
                self._one_token.add(key, one_token)
            if longer:
                self._longer.add(key, longer)
        self._written: list[int | str] = sorted({attr for attrs in self._attrs for attr in attrs})
        self._column = {attr: column for column, attr in enumerate(self._written)}
        # Keyed by the token's four features as 32 bytes: a third of the memory of a tuple.
        self._rules_by_features: dict[bytes, RuleIds] = {}
        self._interned: dict[RuleIds, RuleIds] = {}
        self._changes_by_rules: dict[RuleIds, tuple[tuple[int, int], ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self._written:
            return doc
        features = numpy.ascontiguousarray(doc.to_array(_TOKEN_FEATURES), dtype=numpy.uint64)
        rules: list[RuleIds] = []
        for key in features.view(f"V{features.shape[1] * 8}").ravel().tolist():
            found = self._rules_by_features.get(key)
            if found is None:
                found = self._match_one_token(doc, len(rules), key)
            rules.append(found)
        for position, rule_id in self._longer_matches(doc):
            rules[position] = tuple(sorted((*rules[position], rule_id)))
        values = doc.to_array(self._written)
        columns = [values[:, column].tolist() for column in range(len(self._written))]
        for position, rule_ids in enumerate(rules):
            for column, value in self._changes(rule_ids):
                columns[column][position] = value
        doc.from_array(self._written, cast(Ints2d, numpy.array(columns, dtype=numpy.uint64).T))
        return doc

    def _match_one_token(self, doc: Doc, position: int, key: bytes) -> RuleIds:
        if len(self._rules_by_features) >= _TABLE_LIMIT:
            self._rules_by_features.clear()
        matches = self._one_token(doc[position : position + 1], allow_missing=True)
        rule_ids = tuple(sorted(int(self.vocab.strings[match_id]) for match_id, _, _ in matches))
        rule_ids = self._interned.setdefault(rule_ids, rule_ids)
        self._rules_by_features[key] = rule_ids
        return rule_ids

    def _longer_matches(self, doc: Doc) -> list[tuple[int, int]]:
        found = []
        for match_id, start, end in self._longer(doc, allow_missing=True):
            rule_id = int(self.vocab.strings[match_id])
            index = self._indices[rule_id]
            found.append((range(start, end)[index], rule_id))
        return found

    def _changes(self, rule_ids: RuleIds) -> tuple[tuple[int, int], ...]:
        """(column, value) pairs the rules leave on a token: each attribute from the last rule
        that sets it, as the ruler applies its matches in rule order."""
        changes = self._changes_by_rules.get(rule_ids)
        if changes is None:
            merged: dict[int, int] = {}
            for rule_id in rule_ids:
                merged.update(self._attrs[rule_id])
            changes = tuple((self._column[attr], value) for attr, value in merged.items())
            self._changes_by_rules[rule_ids] = changes
        return changes


@Language.factory("newsledger_attribute_table")
def _make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable(cast(AttributeRuler, nlp.get_pipe("attribute_ruler")))


def replace_attribute_ruler(nlp: Language) -> None:
    """Puts an `AttributeTable` where the pipeline's attribute ruler was, under the same name;
    a pipeline without one, or whose rules set extension attributes, keeps what it has."""
    ruler = dict(nlp.pipeline).get("attribute_ruler")
    if not isinstance(ruler, AttributeRuler) or _sets_extensions(ruler):
        return
    nlp.add_pipe("newsledger_attribute_table", before="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    nlp.rename_pipe("newsledger_attribute_table", "attribute_ruler")
