"""The entities of one article: names from spaCy and the alias table, clustered within the article.

Rules, in the order they run:

1. Names. spaCy NER spans with an actor-like label (`KEPT_LABELS`), without a leading "the" or a
   trailing possessive, plus alias-table names the model missed ("MKO"). A table name that the
   model did not tag must look like a name: a capitalised first word and a proper noun or
   all-capitals token in it; an all-capitals alias ("US") only matches all-capitals text, so
   "us" is never the United States. Where candidates overlap, the longest wins.
2. Persons tagged ORG. Two to four capitalised words that are followed by "who", or stand after
   or in apposition to a title ("puppet leader, Maryam Rajavi", "chief Catherine Ashton"), are a
   PERSON: the small model often calls an unfamiliar name an organisation.
3. Governments. "the X government" (administration, regime, authorities, Gov't), where X is a
   country, its adjective or its capital, is one mention of the government of X, an entity of its
   own (Phoenix's XXXGOV). A capital that acts (subject of a verb other than "be", or object of
   "against") stands for its government ("Baghdad has not carried out"); anywhere else it is
   the city ("the ambassador to Baghdad").
4. Adjectives. A NORP mention that the table lists as a country's adjective ("French", "Iraqi")
   is a mention of that country (so "French ambassador" links to France); other NORP mentions
   ("Kurds") are entities of their own.
5. Same entity. One alias-table row; one normalised name; an acronym defined in brackets
   ("Mojahedin-e Khalq Organization (MKO)"); a renaming ("Camp of New Iraq (formerly known as
   Camp Ashraf)"); a surname after the full name of exactly one person, also where the model
   tagged it an organisation or nothing at all ("Josh Earnest … Earnest said").
6. Anaphora: descriptions and pronouns, see `coref.py`.

The finder builds nothing per document except its results: the alias table carries the prefix
index that the token scan uses, so constructing an `EntityFinder` is cheap.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Token

from newsledger.analyze.aliases import (
    AliasRow,
    AliasTable,
    distinct_names,
    name_words,
    normalise,
    token_key,
)
from newsledger.analyze.coref import (
    Antecedent,
    Category,
    Cues,
    antecedent_flags,
    category_of,
    discourse_units,
    find_anaphors,
    resolve,
)
from newsledger.analyze.nlp import doc_text
from newsledger.data_files import load_data_model
from newsledger.schema import Entity, Span

CUES_FILE = "analyze/data/entity_cues.json"
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW"})
MAX_NAME_TOKENS = 12
# Tokens a table name may run across: "Mojahedin-e", "U.S.-backed", "AT&T".
NAME_JOINERS = frozenset({"-", "–", "‐", ".", "&", "/"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# A first token made only of these marks is left off a name; an opening bracket is kept ("[John]
# McCone").
LEADING_MARKS = frozenset("\"'“”‘’«»—–-•·*")
PERSON_NAME_TOKENS = (2, 4)
# What the model calls a surname alone that it tagged a person in full: an organisation ("Donald
# Trump … Trump"), a location ("Louis Farrakhan … Farrakhan"); not a country or city, which a
# surname may really share ("George Washington … Washington").
SURNAME_MISREADINGS = frozenset({"ORG", "LOC"})


class EntityCues(BaseModel):
    """`data/entity_cues.json`: the words the entity rules look for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    group_nouns: frozenset[str]
    government_nouns: frozenset[str]
    country_nouns: frozenset[str]
    person_titles: frozenset[str]
    rename_cues: tuple[str, ...]
    agent_prepositions: frozenset[str]
    neuter_pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    expletive_verbs: frozenset[str]
    # Words the model tags as names that name no actor: a policy, a campaign side, a scripture.
    not_names: frozenset[str]


@functools.cache
def load_entity_cues() -> EntityCues:
    """The shipped cue lists, read and validated once per process."""
    return load_data_model(EntityCues, CUES_FILE, "the entity cues")


@dataclass(eq=False)
class _Mention:
    start: int  # token offsets, end exclusive
    end: int
    label: str
    row: AliasRow | None
    key: str
    kind: str = "name"  # "name", "description" or "pronoun"
    # The name this mention adds to the entity's aliases when it is not the span's text
    # ("Iraqi government" for the mention "the Iraqi government").
    alias: str | None = None
    cluster: int = -1


class EntityFinder:
    """Finds the entities of a document; build one per pipeline and call it per document."""

    def __init__(self, aliases: AliasTable, cues: EntityCues | None = None) -> None:
        self.aliases = aliases
        cues = cues if cues is not None else load_entity_cues()
        self._titles = frozenset(token_key(w) for w in cues.person_titles)
        self._not_names = frozenset(token_key(w) for w in cues.not_names)
        self._government_nouns = frozenset(token_key(w) for w in cues.government_nouns)
        self._agent_prepositions = frozenset(token_key(w) for w in cues.agent_prepositions)
        self._renames = frozenset(
            tuple(token_key(w) for w in cue.split()) for cue in cues.rename_cues
        )
        self._coref = Cues(
            group_nouns=frozenset(token_key(w) for w in cues.group_nouns),
            government_nouns=self._government_nouns,
            country_nouns=frozenset(token_key(w) for w in cues.country_nouns),
            neuter_pronouns=cues.neuter_pronouns,
            person_pronouns=cues.person_pronouns,
            plural_pronouns=cues.plural_pronouns,
            expletive_verbs=cues.expletive_verbs,
        )
        # Token keys by token text: the fold is the one per-token cost of the scan, so pay it
        # once per word form.
        self._key_cache: dict[str, str] = {}

    def __call__(self, doc: Doc) -> list[Entity]:
        texts = [token.text for token in doc]
        keys = [self._key(text) for text in texts]
        mentions = self._names(doc, keys)
        mentions = self._defined_acronyms(doc, keys, mentions)
        self._persons(doc, keys, mentions)
        mentions = self._surnames(doc, keys, mentions)
        mentions = self._governments(doc, keys, mentions)
        self._metonyms(doc, keys, mentions)
        self._cluster(doc, keys, mentions)
        self._titled_persons(keys, mentions)
        mentions.extend(self._anaphora(doc, texts, keys, mentions))
        return _entities(doc, mentions)

    def _key(self, text: str) -> str:
        key = self._key_cache.get(text)
        if key is None:
            key = self._key_cache[text] = token_key(text)
        return key

    def _names(self, doc: Doc, keys: Sequence[str]) -> list[_Mention]:
        candidates: dict[tuple[int, int], str | None] = {}
        # "Pope", "Fr": a title alone names no one, unless it is the surname of someone named
        # in full ("Steve King … King said").
        surnames = {keys[e.end - 1] for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        for ent in doc.ents:
            if ent.label_ in KEPT_LABELS:
                start, end = _trim(doc, keys, *_one_line(doc, ent.start, ent.end))
                words = keys[start:end]
                if "".join(words) in self._not_names or (
                    words and all(w in self._titles for w in words) and words[-1] not in surnames
                ):
                    continue
                # "Northern province": a name does not end in a common noun.
                if start < end and not doc[end - 1].text[:1].islower():
                    candidates[(start, end)] = ent.label_
        for span in self._table_matches(doc, keys):
            candidates.setdefault(span, None)
        ranked = sorted(
            candidates.items(), key=lambda c: (c[0][0] - c[0][1], c[1] is None, c[0][0])
        )
        taken = bytearray(len(doc))
        found = []
        for (start, end), label in ranked:
            if any(taken[start:end]):
                continue
            key = "".join(keys[start:end])
            row = self.aliases.best(key, label)
            if label is None:
                if not self._looks_like_name(doc, start, end, key):
                    continue
                label = row.type if row is not None else "GPE"
            taken[start:end] = b"\x01" * (end - start)
            found.append(_Mention(start, end, label, row, key))
        return sorted(found, key=lambda m: m.start)

    def _table_matches(self, doc: Doc, keys: Sequence[str]) -> Iterable[tuple[int, int]]:
        """Longest table name starting at each token: a walk down the table's prefix index."""
        n = len(doc)
        for i in range(n):
            if not keys[i] or not self.aliases.is_prefix(keys[i]):
                continue
            prefix, longest = "", 0
            for j in range(i, min(n, i + MAX_NAME_TOKENS)):
                if not keys[j]:
                    if doc[j].text in NAME_JOINERS:
                        continue
                    break
                prefix += keys[j]
                if not self.aliases.is_prefix(prefix):
                    break
                if self.aliases.is_name(prefix):
                    longest = j + 1
            if longest:
                yield i, longest

    def _defined_acronyms(
        self, doc: Doc, keys: Sequence[str], mentions: list[_Mention]
    ) -> list[_Mention]:
        """The bracketed acronym after a name, when the model did not tag it: "Union (NFU)"."""
        added = []
        taken = {m.start for m in mentions}
        for m in mentions:
            i = m.end + 1
            if i + 1 >= len(doc) or i in taken or doc[m.end].text != "(" or doc[i + 1].text != ")":
                continue
            if _abbreviates(doc[i].text, doc[m.start : m.end].text):
                added.append(_Mention(i, i + 1, m.label, self.aliases.best(keys[i]), keys[i]))
        return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions

    def _looks_like_name(self, doc: Doc, start: int, end: int, key: str) -> bool:
        text = doc[start:end].text
        if not text[:1].isupper():
            return False
        if self.aliases.is_acronym(key):
            return text.replace(".", "").isupper()
        return any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) for t in doc[start:end])

    def _persons(self, doc: Doc, keys: Sequence[str], mentions: list[_Mention]) -> None:
        low, high = PERSON_NAME_TOKENS
        for m in mentions:
            span = doc[m.start : m.end]
            if m.label == "PERSON" or m.row is not None or not low <= len(span) <= high:
                continue
            if all(t.is_title and t.is_alpha for t in span) and self._person_context(doc, keys, m):
                m.label = "PERSON"

    def _surnames(self, doc: Doc, keys: Sequence[str], mentions: list[_Mention]) -> list[_Mention]:
        """A proper noun alone that is the last word of exactly one person named in full before
        it ("Josh Earnest … Earnest said"), where the model tagged nothing (not a date: "in
        May"), or tagged an organisation or a location (`SURNAME_MISREADINGS`), is that
        person's surname."""
        persons = [
            m
            for m in mentions
            if m.label == "PERSON" and m.end - m.start > 1 and _written_as_name(doc, m)
        ]
        by_start = {m.start: m for m in mentions}
        taken = _covered(len(doc), mentions)
        full_names: dict[str, set[str]] = {}
        added, seen = [], 0
        for i, token in enumerate(doc):
            while seen < len(persons) and persons[seen].end <= i:
                person = persons[seen]
                full_names.setdefault(keys[person.end - 1], set()).add(person.key)
                seen += 1
            if len(full_names.get(keys[i], ())) != 1 or not _capitalised_noun(token):
                continue
            alone = not (i > 0 and doc[i - 1].tag_ == "NNP") and not (
                i + 1 < len(doc) and doc[i + 1].tag_ == "NNP"
            )
            if not alone:
                continue
            tagged = by_start.get(i)
            if not taken[i] and not token.ent_type_:
                added.append(_Mention(i, i + 1, "PERSON", None, keys[i]))
            elif (
                tagged
                and (tagged.end, tagged.row) == (i + 1, None)
                and tagged.label in SURNAME_MISREADINGS
            ):
                tagged.label = "PERSON"
        return sorted([*mentions, *added], key=lambda m: m.start)

    def _titled_persons(self, keys: Sequence[str], mentions: Sequence[_Mention]) -> None:
        """A name the model tags an organisation in one place and a person in another is a
        person when one of its names carries a title (`_person_titles`: "President Trump …
        Trump knew"): the model often reads a surname alone as a company."""
        titled = self._person_titles(keys, mentions)
        for m in mentions:
            if m.cluster in titled and m.label == "ORG" and m.row is None:
                m.label = "PERSON"

    def _person_context(self, doc: Doc, keys: Sequence[str], m: _Mention) -> bool:
        after = m.end + 1 if m.end < len(doc) and doc[m.end].text == "," else m.end
        if after < len(doc) and keys[after] == "who":
            return True
        before = m.start - 2 if m.start > 1 and doc[m.start - 1].text == "," else m.start - 1
        if before >= 0 and keys[before] in self._titles:
            return True
        root = doc[m.start : m.end].root
        if root.dep_ == "appos" and keys[root.head.i] in self._titles:
            return True
        return any(c.dep_ == "compound" and keys[c.i] in self._titles for c in root.children)

    def _governments(
        self, doc: Doc, keys: Sequence[str], mentions: list[_Mention]
    ) -> list[_Mention]:
        """Fold "the Iraqi government" and "the Baghdad government" into government mentions.

        Such a mention is a description, so it keeps its "the", like "the terrorist group",
        also when the table knows the whole phrase ("Baghdad government").
        """
        for m in mentions:
            described = m.row is not None and m.row.is_government
            if (
                described
                and keys[m.end - 1] in self._government_nouns
                and m.start > 0
                and keys[m.start - 1] == "the"
            ):
                m.alias = doc[m.start : m.end].text
                m.start -= 1
        ending_at = {m.end: m for m in mentions}
        replaced: dict[int, _Mention] = {}
        for i, key in enumerate(keys):
            if key not in self._government_nouns or i not in ending_at:
                continue
            modifier = ending_at[i]
            government = self._government(modifier)
            if government is None:
                continue
            start = modifier.start
            if start > 0 and keys[start - 1] == "the":
                start -= 1
            alias = doc[modifier.start : i + 1].text
            replaced[id(modifier)] = _Mention(
                start, i + 1, "ORG", government, normalise(alias), alias=alias
            )
        return [replaced.get(id(m), m) for m in mentions]

    def _government(self, modifier: _Mention) -> AliasRow | None:
        row = modifier.row
        if row is not None and row.is_country:
            return self.aliases.government_of(row)
        if row is not None and row.is_government:
            return row
        return self.aliases.metonym(modifier.key)

    def _metonyms(self, doc: Doc, keys: Sequence[str], mentions: list[_Mention]) -> None:
        """A capital that acts is its government; where it is only a place it stays the city."""
        for m in mentions:
            if m.row is not None and m.row.type == "ORG":
                continue
            government = self.aliases.metonym(m.key)
            if government is None:
                continue
            root = doc[m.start : m.end].root
            acts = root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ != "be"
            if acts or (root.dep_ == "pobj" and keys[root.head.i] in self._agent_prepositions):
                m.row, m.label, m.alias = government, "ORG", doc[m.start : m.end].text

    def _cluster(self, doc: Doc, keys: Sequence[str], mentions: list[_Mention]) -> None:
        parent = list(range(len(mentions)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i: int, j: int) -> None:
            parent[find(j)] = find(i)

        first: dict[object, int] = {}
        for i, m in enumerate(mentions):
            same: object = id(m.row) if m.row is not None else m.key
            union(first.setdefault(same, i), i)
        for i in range(len(mentions) - 1):
            if self._linked(doc, keys, mentions[i], mentions[i + 1]):
                union(i, i + 1)
        # The persons met so far, by the last one or two words of names longer than that.
        tails: dict[tuple[str, ...], list[int]] = {}
        for i, m in enumerate(mentions):
            full = _full_name_of(keys, tails, m, find)
            if full is not None:
                union(full, i)
            if m.label == "PERSON":
                for size in (1, 2):
                    if m.end - m.start > size:
                        tails.setdefault(tuple(keys[m.end - size : m.end]), []).append(i)
        roots: dict[int, int] = {}
        for i, m in enumerate(mentions):
            m.cluster = roots.setdefault(find(i), len(roots))

    def _linked(self, doc: Doc, keys: Sequence[str], a: _Mention, b: _Mention) -> bool:
        """ "Long Name (LN)", "LN (Long Name)", "A (formerly known as B)", "A, also known as B"."""
        between = range(a.end, b.start)
        words = tuple(keys[j] for j in between if keys[j])
        if words:
            return words in self._renames
        closed = b.end < len(doc) and doc[b.end].text == ")"
        if not (closed and [doc[j].text for j in between] == ["("]):
            return False
        a_text, b_text = doc[a.start : a.end].text, doc[b.start : b.end].text
        return _abbreviates(b_text, a_text) or _abbreviates(a_text, b_text)

    def _person_titles(
        self, keys: Sequence[str], mentions: Sequence[_Mention]
    ) -> dict[int, frozenset[str]]:
        """Each person's titles in this article: the title word just before one of its names,
        or opening it ("President Donald Trump", "Pope Francis")."""
        found: dict[int, set[str]] = {}
        for m in mentions:
            if m.label != "PERSON":
                continue
            for i in (m.start - 1, m.start):
                if i >= 0 and keys[i] in self._titles:
                    found.setdefault(m.cluster, set()).add(keys[i])
        return {cluster: frozenset(words) for cluster, words in found.items()}

    def _anaphora(
        self, doc: Doc, texts: Sequence[str], keys: Sequence[str], mentions: list[_Mention]
    ) -> list[_Mention]:
        anaphors = find_anaphors(doc, keys, _covered(len(doc), mentions), self._coref)
        if not anaphors:
            return []
        units, zones = discourse_units(doc, texts)
        categories, words = _cluster_profiles(doc, mentions)
        titles = self._person_titles(keys, mentions)
        history: list[Antecedent] = []
        resolved: list[_Mention] = []
        events = sorted(
            [(m.start, m, None) for m in mentions] + [(a.start, None, a) for a in anaphors],
            key=lambda e: e[0],
        )
        for _, mention, anaphor in events:
            if anaphor is None:
                assert mention is not None
                cluster, start, end = mention.cluster, mention.start, mention.end
                plural = doc[start:end].root.tag_ in ("NNS", "NNPS")
            else:
                found = resolve(anaphor, history, units, zones)
                if found is None:
                    continue
                cluster, start, end = found, anaphor.start, anaphor.end
                plural = anaphor.number == "plural"
                resolved.append(_Mention(start, end, "", None, "", anaphor.kind, cluster=cluster))
            modifier, subject = antecedent_flags(doc[start:end].root, keys, self._coref)
            history.append(
                Antecedent(
                    start,
                    cluster,
                    categories[cluster],
                    words[cluster],
                    plural,
                    modifier,
                    subject,
                    titles.get(cluster, frozenset()),
                )
            )
        return resolved


def find_entities(doc: Doc, aliases: AliasTable, cues: EntityCues) -> list[Entity]:
    """The entities of `doc`; for many documents, build one `EntityFinder` and reuse it."""
    return EntityFinder(aliases, cues)(doc)


class EntityIndex:
    """Which entity a character range of the text refers to, for the later stages."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        listed = list(entities)
        self.types = {entity.id: entity.type for entity in listed}
        self._spans = sorted((s.start, s.end, e.id) for e in listed for s in e.mentions)
        self._starts = [start for start, _, _ in self._spans]

    def entity_at(self, start: int, end: int) -> str | None:
        """The entity of the mention that equals or contains [start, end), if any.

        Mentions never overlap, so only the last mention starting at or before `start` can
        contain the range. Pass a head token's offsets to ask about a whole phrase.
        """
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and end <= self._spans[i][1]:
            return self._spans[i][2]
        return None

    def entities_in(self, start: int, end: int) -> list[str]:
        """The entities mentioned inside [start, end), in order of first mention, once each."""
        i = bisect_right(self._starts, start - 1)
        found: dict[str, None] = {}
        while i < len(self._spans) and self._spans[i][1] <= end:
            if self._spans[i][0] >= start:
                found.setdefault(self._spans[i][2])
            i += 1
        return list(found)


def _trim(doc: Doc, keys: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """Without a leading "the", possessive ("’s Sunday"), quotation mark or dash ("“Great
    Satan"), and a trailing possessive or punctuation."""
    while start < end and (
        keys[start] == "the"
        or doc[start].text in POSSESSIVE
        or all(mark in LEADING_MARKS for mark in doc[start].text)
    ):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or not keys[end - 1]):
        end -= 1
    return start, end


def _capitalised_noun(token: Token) -> bool:
    """A proper noun, or a capitalised word the tagger took for a common one heading its own
    phrase: a surname that is also a word ("Sessions said", "Flake said"), not "Rose prices"."""
    if token.tag_ in ("NNP", "NNPS"):
        return True
    return token.tag_ in ("NN", "NNS") and token.is_title and token.dep_ != "compound"


def _one_line(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The part of a span on one line, the one with the most letters: a name never runs across
    a line break, where the model joins a byline to the next line ("Cory Booker\nEmail") or a
    dateline's city to a name ("Nick Brown\nFeb")."""
    breaks = [i for i in range(start, end) if "\n" in doc[i].text]
    if not breaks:
        return start, end
    pieces = zip([start, *(i + 1 for i in breaks)], [*breaks, end], strict=True)
    return max(pieces, key=lambda piece: sum(t.is_alpha * len(t) for t in doc[piece[0] : piece[1]]))


def _covered(length: int, mentions: Iterable[_Mention]) -> list[bool]:
    """Whether each of a document's `length` tokens is inside one of the `mentions`."""
    taken = [False] * length
    for m in mentions:
        taken[m.start : m.end] = [True] * (m.end - m.start)
    return taken


def _written_as_name(doc: Doc, m: _Mention) -> bool:
    """Capitalised words and initials only ("Thomas G. Weinandy"), not a span the model ran
    into a title or quotation ("Donald “Art of the Deal") nor one with an acronym ("Campus
    BDS")."""
    return all(
        t.text[:1].isupper() and t.text.rstrip(".").isalpha() and not t.text.isupper()
        for t in doc[m.start : m.end]
        if len(t.text.rstrip(".")) > 1
    )


def _abbreviates(short: str, long: str) -> bool:
    """ "MKO" abbreviates "Mojahedin-e Khalq Organization": its letters are a subsequence of the
    initials, starting with the first."""
    letters = short.replace(".", "")
    if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 8):
        return False
    initials = "".join(w[0] for w in name_words(long))
    wanted = letters.casefold()
    if len(initials) < 2 or initials[0] != wanted[0]:
        return False
    rest = iter(initials[1:])
    return all(c in rest for c in wanted[1:])


def _full_name_of(
    keys: Sequence[str],
    tails: Mapping[tuple[str, ...], Sequence[int]],
    m: _Mention,
    find: Callable[[int], int],
) -> int | None:
    """The one earlier person whose full name ends with this shorter name ("Ashton"); `tails`
    holds the earlier persons by the last words of their longer names."""
    if m.label != "PERSON" or m.row is not None or m.end - m.start > 2:
        return None
    matches = {find(i): i for i in tails.get(tuple(keys[m.start : m.end]), ())}
    return next(iter(matches.values())) if len(matches) == 1 else None


def _cluster_profiles(
    doc: Doc, mentions: Sequence[_Mention]
) -> tuple[dict[int, Category], dict[int, frozenset[str]]]:
    """Each cluster's kind, for compatibility, and the words of its names, for "the camp"."""
    rows: dict[int, AliasRow] = {}
    labels: dict[int, Counter[str]] = {}
    words: dict[int, set[str]] = {}
    ends: dict[str, list[str]] = {}  # a name recurs many times in one article
    for m in mentions:
        if m.row is not None:
            rows.setdefault(m.cluster, m.row)
        labels.setdefault(m.cluster, Counter())[m.label] += 1
        # Only the head-like ends of names written in this article: "Camp Ashraf" makes
        # "the camp" refer to it, but a table spelling ("Habilian Family Association") must
        # not make "the family" do so.
        text = m.alias or doc[m.start : m.end].text
        if text not in ends:
            text_words = name_words(text)
            ends[text] = text_words[:1] + text_words[-1:]
        words.setdefault(m.cluster, set()).update(ends[text])
    categories = {
        cluster: category_of(rows.get(cluster), counts.most_common(1)[0][0])
        for cluster, counts in labels.items()
    }
    return categories, {cluster: frozenset(w) for cluster, w in words.items()}


def _entities(doc: Doc, mentions: Sequence[_Mention]) -> list[Entity]:
    clusters: dict[int, list[_Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        clusters.setdefault(m.cluster, []).append(m)
    entities = []
    text = doc_text(doc)
    for number, members in enumerate(clusters.values(), start=1):
        names = [m for m in members if m.kind == "name"]
        row = next((m.row for m in names if m.row is not None), None)
        texts = [m.alias or doc[m.start : m.end].text for m in names]
        if row is not None:
            name, kind = row.name, row.type
        else:
            name = max(texts, key=len)
            kind = Counter(m.label for m in names).most_common(1)[0][0]
        aliases = distinct_names(name, [*texts, *(row.aliases if row is not None else ())])
        spans, last_end = [], -1
        for m in members:
            if m.start >= last_end:
                start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
                spans.append(Span.of(text, start, end))
                last_end = m.end
        entities.append(
            Entity(id=f"e{number}", name=name, type=kind, aliases=aliases, mentions=spans)
        )
    return entities
