"""Framing: the labels an article gives each entity, and its propaganda-technique spans.

Labels (`find_labels`) are read off the parse, around every mention of every entity, the
resolved descriptions and pronouns from the entity stage included:

1. Apposition: "Maryam Rajavi, the MKO puppet leader" and "the MKO puppet leader, Maryam
   Rajavi" give Rajavi "puppet leader".
2. Predicate nominal: "X is a terrorist group", "X was branded a traitor", "they called X a
   terrorist organization" (copulas and naming verbs from `data/framing_cues.json`; not when
   negated).
3. Modifier: "the terrorist MKO" gives MKO "terrorist"; "foreign policy chief Catherine
   Ashton" gives Ashton "foreign policy chief".
4. Noun compound: "MKO ringleaders" gives MKO "ringleaders", unless the noun is neutral
   ("MKO members").
5. Description referring back: a mention such as "the terrorist group" or "the terrorist
   organization" gives "terrorist group", "terrorist organization"; a bare "the group" does not.

A label is the noun phrase's head and its left modifiers, without determiners, possessives and
the words of any entity's mention, lowercase unless the word is a proper noun or an acronym.
A label's head is a lowercase common noun or adjective in the text, so a headline's
capitalised words ("MKO Accusations") do not count. Each (entity, phrase) is counted once per
place it occurs.

Techniques (`find_techniques`) come from the ONNX tagger in `framing_model.py`.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Token

from newsledger.analyze.framing_model import DocumentEncoder, Encoded
from newsledger.data_files import load_data_model
from newsledger.schema import Entity, Label, Span, TechniqueSpan

CUES_FILE = "analyze/data/framing_cues.json"
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "advmod", "npadvmod"})
PREMODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
HEAD_TAGS = frozenset({"NN", "NNS", "JJ", "VBN", "VBG"})
COMPOUND_DEPS = frozenset({"compound", "nmod"})
OBJECT_DEPS = frozenset({"attr", "oprd", "dobj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MAX_LABEL_WORDS = 6


class FramingCues(BaseModel):
    """`data/framing_cues.json`: the words the label rules look for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    copulas: frozenset[str]
    naming_verbs: frozenset[str]
    # Nouns that characterise an actor ("ringleader", "puppet", "regime"), by lemma: an entity
    # compound ("MKO ringleaders") or a one-word description ("the regime") must have one.
    role_nouns: frozenset[str]
    # Adjectives that say nothing about an actor ("other", "own", "few"): never a label alone.
    non_descriptive: frozenset[str]


@functools.cache
def load_framing_cues() -> FramingCues:
    """The shipped cue lists, read and validated once per process."""
    return load_data_model(FramingCues, CUES_FILE, "the framing cues")


def find_labels(
    doc: Doc, entities: Sequence[Entity], cues: FramingCues | None = None
) -> list[Label]:
    """The descriptive phrases `doc` applies to each entity, with how often it does."""
    cues = cues if cues is not None else load_framing_cues()
    owner: list[str | None] = [None] * len(doc)
    mentions: list[tuple[str, int, int]] = []  # entity id, token start, token end
    for entity in entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            mentions.append((entity.id, span.start, span.end))
            for i in range(span.start, span.end):
                owner[i] = entity.id
    found: dict[tuple[str, int], str] = {}  # (entity, head token) -> label text

    def add(entity_id: str, head: Token, text: str | None) -> None:
        if text:
            found.setdefault((entity_id, head.i), text)

    for entity_id, start, end in sorted(mentions, key=lambda m: m[1]):
        root = doc[start:end].root
        # 5. The mention is itself a description: "the terrorist group".
        if _is_description(doc, start, end):
            words = [t for t in doc[start:end] if not _is_function_word(t)]
            descriptive = [t for t in words[:-1] if t.lower_ not in cues.non_descriptive]
            if descriptive or (words and _is_role(words[-1], cues)):
                add(entity_id, root, _phrase(words, cues))
        # 1. Apposition, both ways round.
        for child in root.children:
            if child.dep_ == "appos" and owner[child.i] is None:
                add(entity_id, child, _noun_phrase(child, owner, cues))
        if root.dep_ == "appos" and owner[root.head.i] is None:
            add(entity_id, root.head, _noun_phrase(root.head, owner, cues))
        # 2. Predicate nominal.
        for head in _predicates(root, cues):
            if owner[head.i] is None:
                add(entity_id, head, _noun_phrase(head, owner, cues))
        # 3. Modifiers right before the mention: "the terrorist MKO".
        for child in root.children:
            if child.i < start and child.dep_ in PREMODIFIER_DEPS and owner[child.i] is None:
                subtree = list(child.subtree)
                if subtree[-1].i != start - 1 or any(owner[t.i] for t in subtree[1:]):
                    continue
                words = [t for t in subtree if owner[t.i] is None and not _is_function_word(t)]
                if words and words[-1].text[:1].islower() and words[-1].tag_ in HEAD_TAGS:
                    add(entity_id, child, _phrase(words, cues))
        # 4. The entity modifies a noun: "MKO ringleaders".
        head = root.head
        if (
            root.dep_ in COMPOUND_DEPS
            and head.i >= end
            and owner[head.i] is None
            and root.tag_ in ("NNP", "NNPS", "NN", "NNS")
        ):
            words = _noun_phrase_words(head, owner)
            if any(_is_role(t, cues) for t in words):
                add(entity_id, head, _phrase(words, cues))
    counts = Counter((entity_id, text) for (entity_id, _), text in found.items())
    order = {entity.id: number for number, entity in enumerate(entities)}
    return [
        Label(entity=entity_id, text=text, count=count)
        for (entity_id, text), count in sorted(
            counts.items(), key=lambda item: (order[item[0][0]], -item[1], item[0][1])
        )
    ]


def _is_function_word(token: Token) -> bool:
    return (
        token.tag_ in ("DT", "PDT", "PRP$", "POS", "WDT", "WP$")
        or token.dep_ in ("det", "case", "predet")
        or (token.is_punct and token.text not in ("-", "–"))
    )


def _is_description(doc: Doc, start: int, end: int) -> bool:
    """A common-noun phrase ("the terrorist group"), not a name and not a pronoun."""
    words = [t for t in doc[start:end] if not _is_function_word(t)]
    return bool(words) and all(
        t.text[:1].islower() and t.is_alpha and t.tag_ in HEAD_TAGS | {"NN", "NNS"} for t in words
    )


def _predicates(root: Token, cues: FramingCues) -> Iterable[Token]:
    """Nouns predicated of the mention: "X is a group", "X was branded a traitor",
    "they called X a terrorist organization"."""
    verb = root.head
    if any(child.dep_ == "neg" for child in verb.children):
        return
    copula = verb.lemma_ in cues.copulas and root.dep_ == "nsubj"
    named = verb.lemma_ in cues.naming_verbs
    if copula or (named and root.dep_ == "nsubjpass"):
        for child in verb.children:
            if child.dep_ in OBJECT_DEPS and child.tag_ in ("NN", "NNS"):
                yield from (child, *child.conjuncts)
            elif named and child.dep_ == "prep" and child.lower_ == "as":
                yield from (c for c in child.children if c.dep_ == "pobj")
    elif named and root.dep_ == "dobj":
        for child in verb.children:
            if child.dep_ in ("oprd", "attr") and child.tag_ in ("NN", "NNS"):
                yield child
            elif child.dep_ == "prep" and child.lower_ == "as":
                yield from (c for c in child.children if c.dep_ == "pobj")


def _is_role(token: Token, cues: FramingCues) -> bool:
    return token.lemma_.lower() in cues.role_nouns or token.lower_ in cues.role_nouns


def _noun_phrase_words(head: Token, owner: Sequence[str | None]) -> list[Token]:
    """The head noun and its left modifiers, without function words or entity mentions."""
    if not head.text[:1].islower() or head.tag_ not in ("NN", "NNS"):
        return []
    words = [head]
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS:
            words.extend(t for t in child.subtree if t.i < head.i)
    words = [
        t
        for t in words
        if owner[t.i] is None and not _is_function_word(t) and t.dep_ not in ("cc", "conj")
    ]
    return sorted(words, key=lambda t: t.i)


def _noun_phrase(head: Token, owner: Sequence[str | None], cues: FramingCues) -> str | None:
    return _phrase(_noun_phrase_words(head, owner), cues)


def _phrase(words: Sequence[Token], cues: FramingCues) -> str | None:
    """Words joined as written (so "US-backed" stays whole), lowercase unless proper.

    None for nothing, for too many words, for one word that describes nothing ("other"), and
    for a phrase that runs into a link ("airport property pic.twitter.com/…"), which a parse of an
    embedded post makes.
    """
    if any(token.like_url for token in words):
        return None
    while words and not words[0].text[:1].isalnum():
        words = words[1:]
    while words and not words[-1].text[-1:].isalnum():
        words = words[:-1]
    if not words or len(words) > MAX_LABEL_WORDS:
        return None
    if len(words) == 1 and words[0].lower_ in cues.non_descriptive:
        return None
    parts: list[str] = []
    for index, token in enumerate(words):
        proper = token.tag_ in ("NNP", "NNPS") or (token.is_upper and len(token) > 1)
        parts.append(token.text if proper else token.lower_)
        adjacent = index + 1 < len(words) and words[index + 1].i == token.i + 1
        if index + 1 < len(words):
            parts.append(token.whitespace_ if adjacent else " ")
    text = " ".join("".join(parts).split())
    return text if any(c.isalpha() for c in text) else None


def find_techniques(
    text: str, encoder: DocumentEncoder, encoded: Encoded, threshold: float = 0.5
) -> list[TechniqueSpan]:
    """The technique spans of `text` (whose `encoder.encode` output is `encoded`) whose score
    reaches `threshold`."""
    return [
        TechniqueSpan(
            technique=encoder.meta.techniques[span.technique],
            span=Span.of(text, span.start, span.end),
            score=round(min(1.0, max(0.0, span.score)), 4),
        )
        for span in encoder.spans(text, encoded, min_score=threshold)
        if span.score >= threshold and span.end > span.start
    ]
