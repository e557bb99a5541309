"""The participants of an event: their phrase, the entity they refer to, places and counts.

- Phrase. A participant is its head noun with the words that name it: determiners, modifiers,
  coordinated nouns ("Hungarian and Romanian officials") and an "of" phrase ("35 members of
  the group"), without relative clauses or adjectives after the noun, appositions or other
  prepositional phrases ("the French ambassador", not "... to Baghdad"; "the security forces",
  not "... responsible for the camp"); a relative pronoun's phrase is its noun's ("the
  men *who* destroy" acts as "the men").
- Entity, first match wins: the head is an entity mention; a relative pronoun is its noun; a
  partitive head ("many of them", "members of the group"; not "family members of the group")
  is its "of" object; a modifier is a mention ("MKO ringleaders", "the Iraqi guards", "its
  dissident members"); a pronoun the entity stage left unresolved ("they", a collective the
  clustering does not tie) is the nearest earlier subject (for a subject) or object (for an
  object) of the same sentence that agrees in number and has an entity.
- Place: a phrase under a place preposition whose head or a word in it is a place entity (GPE,
  LOC, FAC) or whose head is a place noun ("camp", "province"); "in front of X" is X.
- Counts: a number on the head ("35 members", "three soldiers", "2 million people") or a vague
  quantifier ("many of them", "dozens of people"), whose value is the least number it implies
  (`vague_quantities` in `data/event_cues.json`).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsledger.analyze.entities import EntityIndex
from newsledger.analyze.events_lexicon import EventCues
from newsledger.analyze.nlp import doc_text
from newsledger.schema import Arg, Entity, Quantity, Span

# Children that belong to a participant's phrase; an "of" phrase is kept separately.
PHRASE_DEPS = frozenset(
    {"det", "predet", "amod", "compound", "nummod", "quantmod", "poss", "case", "nmod", "cc"}
    | {"conj", "advmod", "npadvmod", "hyph", "punct"}
)
MODIFIER_DEPS = ("compound", "poss", "nmod", "amod")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "dative"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
SINGULAR_PRONOUNS = frozenset({"it", "its"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})


class Participants:
    """Builds the Args of one document; make one per document."""

    def __init__(
        self, doc: Doc, entities: Sequence[Entity], cues: EventCues, agents: frozenset[str]
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.cues = cues
        self.agents = agents
        self.index = EntityIndex(entities)
        self._entities: dict[int, str | None] = {}
        # Heads whose coordinated nouns are participants of their own ("between police *and
        # protesters*"), left out of their phrase.
        self._separate: set[int] = set()

    def arg(self, head: Token) -> Arg:
        # A ledger row whose actor reads "who" says nothing.
        named = _relative_antecedent(head) or head
        start, end = self.bounds(named)
        span = Span.of(self.text, start, end)
        return Arg(text=span.text, span=span, entity=self.entity(named))

    def separate(self, head: Token) -> None:
        """Leave the nouns coordinated with `head` out of its phrase: they are another
        participant."""
        self._separate.add(head.i)

    def bounds(self, head: Token) -> tuple[int, int]:
        """Character offsets of the participant phrase around `head`."""
        kept = {head.i}
        self._collect(head, kept)
        first = last = head.i
        while first - 1 in kept:
            first -= 1
        while last + 1 in kept:
            last += 1
        while last > head.i and (self.doc[last].is_punct or self.doc[last].dep_ in ("case", "cc")):
            last -= 1
        while first < head.i and self.doc[first].is_punct:
            first += 1
        first, last = whole_words(self.doc, first, last)
        return self.doc[first].idx, self.doc[last].idx + len(self.doc[last])

    def _collect(self, token: Token, kept: set[int]) -> None:
        for child in token.children:
            if token.i in self._separate and child.dep_ in ("conj", "cc"):
                continue
            if child.dep_ == "amod" and child.i > token.i:
                # An adjective after its noun is a reduced relative clause ("the forces
                # *responsible for guarding the camp*"), left out as relative clauses are.
                continue
            if child.dep_ in PHRASE_DEPS or (child.dep_ == "prep" and child.lower_ == "of"):
                if child.is_space:
                    continue
                kept.add(child.i)
                self._collect(child, kept)
            elif child.dep_ == "pobj" and token.dep_ == "prep":
                kept.add(child.i)
                self._collect(child, kept)

    def entity(self, token: Token) -> str | None:
        """The entity a participant refers to (rules in the module docstring)."""
        if token.i not in self._entities:
            self._entities[token.i] = self._resolve(token, 0)
        return self._entities[token.i]

    def entity_type(self, token: Token) -> str | None:
        """The type of the entity a participant refers to ("GPE", "ORG" ...), if any."""
        found = self.entity(token)
        return self.index.types.get(found) if found is not None else None

    def _resolve(self, token: Token, seen: int) -> str | None:
        found = self.index.entity_at(token.idx, token.idx + len(token))
        if found is not None or seen > 3:
            return found
        lower = token.lower_
        if lower in ("who", "which", "that") and token.head.dep_ == "relcl":
            return self._resolve(token.head.head, seen + 1)
        counted = of_object(token)
        if counted is not None and self._partitive(token):
            found = self._resolve(counted, seen + 1)
            if found is not None:
                return found
        for child in token.children:
            if child.dep_ == "appos":
                found = self.index.entity_at(child.idx, child.idx + len(child))
                if found is not None:
                    return found
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS:
                found = self.index.entity_at(child.idx, child.idx + len(child))
                if found is not None:
                    return found
        if lower in PLURAL_PRONOUNS or lower in SINGULAR_PRONOUNS:
            return self._antecedent(token, lower in PLURAL_PRONOUNS, seen)
        return None

    def is_actor(self, token: Token) -> bool:
        """Whether a participant names someone who can act: an entity that is not a place, a
        personal pronoun, an agent noun ("rebels", "police"), or a phrase with a name in it.
        An agent noun acts whatever entity it names ("Ivory Coast rebels", Ivory Coast being a
        place), and counts as written too ("media" is lemmatised "medium"); an adjective
        that modifies a noun is none ("a *military* offensive")."""
        cues = self.cues
        if token.dep_ != "amod" and (
            token.lower_ in cues.actor_pronouns or self.names_agent(token)
        ):
            return True
        found = self.entity(token)
        if found is not None:
            return self.index.types.get(found) in cues.actor_entity_types
        counted = of_object(token)
        if counted is not None and self._partitive(token) and self.is_actor(counted):
            return True
        start, end = self.bounds(token)
        return any(
            t.ent_type_ in cues.actor_entity_types
            for t in self.doc.char_span(start, end, alignment_mode="expand") or ()
        )

    def names_agent(self, token: Token) -> bool:
        """Whether a word is an agent noun, as written or lemmatised ("media" is lemmatised
        "medium")."""
        return token.lower_ in self.agents or token.lemma_.lower() in self.agents

    def is_abstract(self, token: Token) -> bool:
        """Whether a noun names an idea or a thing rather than people or property (see
        `abstract_nouns` in EventCues)."""
        if token.pos_ != "NOUN" or self.names_agent(token):
            return False
        lemma = token.lemma_.lower()
        return lemma in self.cues.abstract_nouns or lemma in self.cues.thing_nouns

    def reciprocal(self, token: Token) -> bool:
        """Whether a participant names two parties or more, each acting: coordinated actors
        ("Russia and China") or coordinated parties naming one kind ("French and Egyptian
        warships"). PLOVER codes such a compound as one actor with no recipient."""
        if token.i in self._separate or any(
            c.dep_ == "cc" and c.lower_ not in ("and", "&") for c in token.children
        ):
            return False
        if any(c.dep_ == "conj" and self.is_actor(c) for c in token.children):
            return True
        return any(
            self._names_party(modifier)
            and any(c.dep_ == "conj" and self._names_party(c) for c in modifier.children)
            for modifier in token.children
            if modifier.dep_ in MODIFIER_DEPS
        )

    def _names_party(self, token: Token) -> bool:
        return token.ent_type_ in self.cues.actor_entity_types

    def is_thing(self, token: Token) -> bool:
        """Whether a participant names a thing rather than someone who can act: a pronoun that
        stands for one ("this", "which"), or a common noun that names a thing, is no actor and
        has no name in its phrase ("the deal", "large sums of money", "the investigation"; not
        "the Trump administration"). A noun nothing marks as a thing is taken for someone
        ("the emir"): only someone is left without an event's category."""
        cues = self.cues
        antecedent = _relative_antecedent(token)
        if antecedent is not None:
            # A relative pronoun is what its clause describes: "the crowd that opposed".
            return self.is_thing(antecedent)
        if token.lower_ in cues.thing_pronouns:
            return True
        lemma = token.lemma_.lower()
        # The word as written too: the lemmatiser makes "clothes" "clothe".
        named = lemma in cues.thing_nouns or token.lower_ in cues.thing_nouns
        if (
            token.pos_ != "NOUN"
            or not (named or lemma.endswith(cues.thing_suffixes))
            or self.is_actor(token)
        ):
            return False
        start, end = self.bounds(token)
        phrase = self.doc.char_span(start, end, alignment_mode="expand") or ()
        return not any(_written_as_a_name(t) for t in phrase)

    def _partitive(self, token: Token) -> bool:
        """ "a number of parliamentarians" are parliamentarians; "the number of defectors" is
        a number; "family members of the MKO" are kin, not members."""
        lemma = token.lemma_.lower()
        if lemma == "number" and any(c.lower_ == "the" for c in token.children):
            return False
        if any(
            c.dep_ == "compound" and c.lemma_.lower() in self.cues.kin_nouns for c in token.children
        ):
            return False
        return lemma in self.cues.partitive_heads or token.pos_ in ("NUM", "ADJ")

    def _plural(self, token: Token) -> bool:
        if token.tag_ in PLURAL_TAGS:
            return True
        counted = of_object(token)
        return counted is not None and self._partitive(token) and counted.tag_ in PLURAL_TAGS

    def _antecedent(self, pronoun: Token, plural: bool, seen: int) -> str | None:
        """The nearest earlier same-role noun of the sentence that agrees and has an entity
        (`seen` bounds the walk: a partitive antecedent can lead back to another pronoun)."""
        roles = SUBJECT_DEPS if pronoun.dep_ in SUBJECT_DEPS else OBJECT_DEPS
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
            candidate = self.doc[i]
            if candidate.dep_ not in roles or candidate.pos_ == "PRON":
                continue
            if self._plural(candidate) != plural:
                continue
            found = self._resolve(candidate, seen + 1)
            if found is not None:
                return found
        return None

    def place(self, token: Token, _depth: int = 0) -> Arg | None:
        """The place a prepositional object names, or None when it is not a place.

        The head must be a place entity or a place noun; a place noun takes the entity of a
        place phrase inside it ("the camp in the Northern Diyala province").
        """
        cues = self.cues
        places = cues.place_entity_types
        if token.lemma_.lower() in cues.place_relational_nouns:
            inner = of_object(token)
            if inner is None:
                return None
            token = inner
        start, end = self.bounds(token)
        entity = self.index.entity_at(token.idx, token.idx + len(token))
        if entity is not None and self.index.types.get(entity) not in places:
            return None
        if entity is None and token.lemma_.lower() not in cues.place_nouns:
            return None
        for child in token.children:
            if _depth or child.dep_ != "prep" or child.lower_ not in cues.place_prepositions:
                continue
            inner_object = of_object(child) if child.lower_ == "of" else prep_object(child)
            inner_place = self.place(inner_object, 1) if inner_object is not None else None
            if inner_place is not None and inner_place.span is not None:
                end = max(end, inner_place.span.end)
                entity = entity or inner_place.entity
        if entity is None:
            entity = next(
                (
                    e
                    for e in self.index.entities_in(start, end)
                    if self.index.types.get(e) in places
                ),
                None,
            )
        span = Span.of(self.text, start, end)
        return Arg(text=span.text, span=span, entity=entity)

    def quantities(self, head: Token) -> list[Quantity]:
        """The count a participant phrase states, if any."""
        cues = self.cues
        lemma = head.lower_
        counted = of_object(head)
        if lemma in cues.vague_quantities and counted is not None:
            end = self.bounds(counted)[1]
            return [self._quantity(cues.vague_quantities[lemma], head.idx, end)]
        numbers = [c for c in head.children if c.dep_ == "nummod"]
        if numbers:
            value = _number(numbers[0], cues.number_words)
            if value is not None:
                start = min(t.idx for t in numbers[0].subtree)
                return [self._quantity(value, start, head.idx + len(head))]
        for child in head.children:
            word = child.lower_
            if child.dep_ in ("amod", "det") and word in cues.vague_quantities and child.i < head.i:
                return [
                    self._quantity(cues.vague_quantities[word], child.idx, head.idx + len(head))
                ]
        return []

    def _quantity(self, value: float, start: int, end: int) -> Quantity:
        return Quantity(value=value, text=self.text[start:end])


def _relative_antecedent(token: Token) -> Token | None:
    if token.tag_ in RELATIVE_TAGS and token.head.dep_ == "relcl":
        return token.head.head
    return None


def prep_object(prep: Token) -> Token | None:
    """The object of a preposition."""
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def whole_words(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Token bounds widened so that no word is cut: the tokenizer splits "Fazl-ur-Rehman",
    "al-Thani" and "gonna", and the parse may leave a piece outside the phrase."""
    while first > 0 and _joined(doc[first - 1], doc[first]):
        first -= 1
    while last + 1 < len(doc) and _joined(doc[last], doc[last + 1]):
        last += 1
    return first, last


def _joined(left: Token, right: Token) -> bool:
    """Whether two adjacent tokens are pieces of one word: nothing between them, and letters or
    digits on both sides of the seam or of the hyphen that is the seam."""
    if left.whitespace_:
        return False
    doc = left.doc
    if right.text == "-":
        after = doc[right.i + 1] if right.i + 1 < len(doc) else None
        return (
            after is not None
            and not right.whitespace_
            and left.text[-1].isalnum()
            and after.text[0].isalnum()
        )
    if left.text == "-":
        before = doc[left.i - 1] if left.i > 0 else None
        return (
            before is not None
            and not before.whitespace_
            and before.text[-1].isalnum()
            and right.text[0].isalnum()
        )
    return left.text[-1].isalnum() and right.text[0].isalnum()


def of_object(token: Token) -> Token | None:
    """The object of a token's "of" ("the release *of the records*")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _number(token: Token, words: dict[str, float]) -> float | None:
    """The value of a number token and the number words that modify it ("2 million")."""
    value = _number_word(token.lower_, words)
    if value is None:
        return None
    for child in token.children:
        if child.dep_ in ("compound", "quantmod", "nummod") and child.i < token.i:
            inner = _number_word(child.lower_, words)
            if inner is not None and value >= 100:
                value *= inner
    return value


def _number_word(word: str, words: dict[str, float]) -> float | None:
    word = word.replace(",", "")
    try:
        return float(word)
    except ValueError:
        return words.get(word)


def _written_as_a_name(token: Token) -> bool:
    """A proper noun, or a word the tagger took for a common noun but whose capitals say it
    names someone ("ICE"; "Wikileaks" anywhere but at the start of a sentence)."""
    if token.pos_ == "PROPN" or (token.is_upper and len(token) > 1):
        return True
    return token.is_title and token.i != token.sent.start
