"""Within-article anaphora: definite descriptions and pronouns that point back to an entity.

Rules, each kept deliberately narrow because a wrong link is worse than a missing one:

- "the [modifiers] N" with N singular refers to the most recent entity of the kind N names:
  an organisation for "group"/"organization", a government for a bare "government", a country
  for "country"/"nation" (an adjective such as "Iraqi" in "the Iraqi people" counts here, so
  "the country's soil" finds Iraq). A noun that is a word of a recent entity's own name ("the
  camp" after "Camp Ashraf", "the association" after "Habilian Association") refers to it first.
- "it" as a subject and "its" refer to the most recent organisation, government or country,
  preferring, for a subject, the most recent subject of a finite verb (subject parallelism:
  "after the Baghdad government failed to persuade the group ..., it ordered" is the government).
  "it" as an object is skipped: it usually means a thing, not an actor.
- "he/she/his/her" need exactly one person in reach; "they/them/their" exactly one plural-named
  entity in reach. A collective singular ("the MKO ... they") stays unresolved.
- Reach: the current and previous sentence for pronouns, two previous for descriptions, ten for
  name-word descriptions. Anaphor and antecedent must be in the same quotation, or both outside
  any, so a speaker's "they" is never tied to the narrator's entities.
- A modifier ("MKO" in "the MKO ringleaders") is not an antecedent except for country nouns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from newsledger.analyze.aliases import AliasRow

Category = Literal["ORG", "GOV", "COUNTRY", "PERSON", "PLACE", "OTHER"]

PRONOUN_REACH = 1
DESCRIPTION_REACH = 2
NAME_WORD_REACH = 10
MAX_MODIFIERS = 3
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
DETERMINERS = frozenset({"the", "this", "that"})
OPENING_QUOTES = frozenset({"“", "«", "„"})
CLOSING_QUOTES = frozenset({"”", "»"})
MODIFIER_POS = frozenset({"ADJ", "NOUN", "VERB"})


@dataclass(frozen=True)
class Antecedent:
    """A resolved mention as later anaphors see it."""

    start: int
    cluster: int
    category: Category
    words: frozenset[str]
    plural: bool
    modifier: bool
    subject: bool
    # The titles written before a person's name in this article ("Pope" of "Pope Francis"),
    # by which a description names them: "the pope".
    titles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Anaphor:
    start: int
    end: int
    kind: Literal["description", "pronoun"]
    wants: frozenset[Category]
    # For a description: the head noun's key, matched against entity-name words first.
    noun: str = ""
    number: Literal["singular", "plural", "person"] = "singular"
    subject: bool = False


@dataclass(frozen=True)
class Cues:
    """The word lists anaphora detection needs (loaded from `entity_cues.json`)."""

    group_nouns: frozenset[str]
    government_nouns: frozenset[str]
    country_nouns: frozenset[str]
    neuter_pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    expletive_verbs: frozenset[str]


def find_anaphors(
    doc: Doc, keys: Sequence[str], taken: Sequence[bool], cues: Cues
) -> list[Anaphor]:
    """Descriptions and third-person pronouns outside name mentions, in text order."""
    found: list[Anaphor] = []
    triggers = DETERMINERS | cues.neuter_pronouns | cues.person_pronouns | cues.plural_pronouns
    for i, key in enumerate(keys):
        if key not in triggers or taken[i]:
            continue
        token = doc[i]
        if key in DETERMINERS:
            anaphor = _description(doc, keys, taken, cues, i)
            if anaphor is not None:
                found.append(anaphor)
        elif key in cues.neuter_pronouns:
            if key == "it" and (token.dep_ not in SUBJECT_DEPS or _expletive(token, cues)):
                continue
            wants: frozenset[Category] = frozenset({"ORG", "GOV", "COUNTRY"})
            found.append(Anaphor(i, i + 1, "pronoun", wants, subject=_is_subject(token)))
        elif key in cues.person_pronouns:
            found.append(Anaphor(i, i + 1, "pronoun", frozenset({"PERSON"}), number="person"))
        else:
            everything: frozenset[Category] = frozenset(
                {"ORG", "GOV", "COUNTRY", "PERSON", "PLACE", "OTHER"}
            )
            found.append(Anaphor(i, i + 1, "pronoun", everything, number="plural"))
    return found


def _description(
    doc: Doc, keys: Sequence[str], taken: Sequence[bool], cues: Cues, det: int
) -> Anaphor | None:
    """ "the terrorist group", "the camp": determiner, up to three modifiers, a singular noun."""
    for j in range(det + 1, min(len(doc), det + 2 + MAX_MODIFIERS)):
        token = doc[j]
        if taken[j] or token.pos_ == "PROPN":
            return None
        key = keys[j]
        if token.tag_ == "NN" and _is_head_noun(token, doc):
            wants: frozenset[Category]
            if key in cues.group_nouns:
                wants = frozenset({"ORG"})
            elif key in cues.government_nouns:
                wants = frozenset({"GOV"})
            elif key in cues.country_nouns:
                wants = frozenset({"COUNTRY"})
            else:
                wants = frozenset()
            return Anaphor(det, j + 1, "description", wants, noun=key)
        if token.pos_ not in MODIFIER_POS and token.text not in ("-", "–"):
            return None
    return None


def _is_head_noun(token: Token, doc: Doc) -> bool:
    """The noun ends its phrase, or only modifies the next noun ("the group members")."""
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is None or after.pos_ not in ("NOUN", "PROPN"):
        return after is None or after.lower_ != "of"
    return token.dep_ == "compound"


def _expletive(token: Token, cues: Cues) -> bool:
    """ "it is clear that ...", "it was said that ...": a clause after the verb is the referent.

    "that it is determined to expel" is not one: its "that" comes before "it", and the
    infinitive is the subject's own action.
    """
    if token.dep_ == "expl":
        return True
    head = token.head
    if head.lemma_ in cues.expletive_verbs:
        predicates = [head, *(c for c in head.children if c.dep_ in ("acomp", "attr"))]
    elif head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.children):
        predicates = [head]
    else:
        return False
    return any(c.dep_ == "ccomp" and c.i > token.i for p in predicates for c in p.children)


def _is_subject(token: Token) -> bool:
    """Subject of a finite verb: the infinitive's subject in "persuade X to act" does not count."""
    if token.dep_ not in SUBJECT_DEPS:
        return False
    return not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.head.children)


def antecedent_flags(token: Token, keys: Sequence[str], cues: Cues) -> tuple[bool, bool]:
    """(modifier, subject) for a mention whose syntactic root is `token`.

    A name before a group or government noun names the whole phrase ("the Hezbollah movement",
    "the Baghdad government"), so the phrase's role is the name's.
    """
    head = token.head
    if token.dep_ == "compound" and keys[head.i] in cues.group_nouns | cues.government_nouns:
        token = head
    return token.dep_ in MODIFIER_DEPS, _is_subject(token)


def resolve(
    anaphor: Anaphor,
    history: Sequence[Antecedent],
    units: Sequence[int],
    zones: Sequence[int],
) -> int | None:
    """The cluster an anaphor refers to, or None when no antecedent is clear."""
    unit, zone = units[anaphor.start], zones[anaphor.start]
    if anaphor.kind == "description" and anaphor.noun:
        noun = anaphor.noun
        window = _window(history, unit - NAME_WORD_REACH, units, zones, zone)
        # "the senator" is the one person given that title nearby; with two, neither.
        titled = {a.cluster for a in window if noun in a.titles}
        if titled:
            return titled.pop() if len(titled) == 1 else None
        by_name = next(
            (
                a.cluster
                for a in window
                if a.category != "PERSON" and noun in a.words and not a.modifier
            ),
            None,
        )
        if by_name is not None or not anaphor.wants:
            return by_name
    reach = PRONOUN_REACH if anaphor.kind == "pronoun" else DESCRIPTION_REACH

    def fits(a: Antecedent) -> bool:
        if a.category not in anaphor.wants:
            return False
        if a.modifier and anaphor.wants != frozenset({"COUNTRY"}):
            return False
        return a.plural if anaphor.number == "plural" else not a.plural

    if anaphor.number in ("person", "plural"):
        clusters = {
            a.cluster for a in _window(history, unit - reach, units, zones, zone) if fits(a)
        }
        return clusters.pop() if len(clusters) == 1 else None
    if anaphor.subject:
        found = _search(history, lambda a: fits(a) and a.subject, unit - reach, units, zones, zone)
        if found is not None:
            return found
    return _search(history, fits, unit - reach, units, zones, zone)


def _window(
    history: Sequence[Antecedent],
    first_unit: int,
    units: Sequence[int],
    zones: Sequence[int],
    zone: int,
) -> list[Antecedent]:
    out = []
    for antecedent in reversed(history):
        if units[antecedent.start] < first_unit:
            break
        if zones[antecedent.start] == zone:
            out.append(antecedent)
    return out


def _search(
    history: Sequence[Antecedent],
    fits: Callable[[Antecedent], bool],
    first_unit: int,
    units: Sequence[int],
    zones: Sequence[int],
    zone: int,
) -> int | None:
    for antecedent in _window(history, first_unit, units, zones, zone):
        if fits(antecedent):
            return antecedent.cluster
    return None


def discourse_units(doc: Doc, texts: Sequence[str]) -> tuple[list[int], list[int]]:
    """Each token's sentence number and quotation zone, in one pass over the tokens.

    A line break also starts a sentence (a headline has no full stop) and closes an open
    quotation. Zone 0 is outside quotations, k the k-th quotation.
    """
    starts = {sentence.start for sentence in doc.sents}
    units, zones = [], []
    unit, count, inside, previous = 0, 0, False, ""
    for i, text in enumerate(texts):
        if i and (i in starts or "\n" in previous):
            unit += 1
        if "\n" in text:
            inside = False
        opens = text in OPENING_QUOTES or (text == '"' and not inside)
        if opens:
            count, inside = count + 1, True
        units.append(unit)
        zones.append(count if inside else 0)
        if not opens and (text in CLOSING_QUOTES or text == '"'):
            inside = False
        previous = text
    return units, zones


def category_of(row: AliasRow | None, label: str) -> Category:
    if row is not None:
        if row.is_government:
            return "GOV"
        if row.is_country:
            return "COUNTRY"
        label = row.type
    if label in ("ORG", "PERSON"):
        return "ORG" if label == "ORG" else "PERSON"
    return "PLACE" if label in ("GPE", "LOC", "FAC") else "OTHER"
