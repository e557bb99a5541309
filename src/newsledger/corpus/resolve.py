"""Cross-article identity: one canonical entity per actor, one incident per reported event.

An article's entity becomes a canonical entity in this order:

1. The alias table. If its name or one of its aliases is a table row ("MKO", "PMOI",
   "Mojahedin-e Khalq Organization"), the row is the entity, whichever outlet wrote which name.
2. Its normalised name (`aliases.normalise`: case, accents, punctuation and a leading "the" do
   not count) among the names of the canonical entities of its family (persons, other actors):
   "Trump" in one article meets the "Donald Trump" whose cluster in another article held "Trump".
   A name of two words or more meets any family's, since NER often tags a person's full name
   ORG ("Donald Trump's administration"); a single word must not ("Ford" the carmaker).
3. For actors other than persons, the article-level cluster's other names: an organisation that
   one article calls "Camp Liberty (formerly Camp Hurriya)" meets another's "Camp Hurriya". Not
   for persons: "Kevin Flynn" and "Michael Flynn" both carry the alias "Flynn".
4. Otherwise a new canonical entity, named as the article names it.

Where several canonical entities match, the oldest wins, so the same documents ingested in the
same order always give the same entities. This module is pure: `store` loads the known entities
a batch can meet (`KnownEntities`) and writes what `resolve` decides.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field

from newsledger.analyze.aliases import AliasRow, AliasTable, name_words, normalise
from newsledger.schema import Arg, Entity, Event

PERSON = "PERSON"
MIN_WORDS_ACROSS_FAMILIES = 2


def family_of(entity_type: str) -> str:
    """Persons and everything else: an ORG/GPE/NORP mix-up should not split an actor."""
    return "person" if entity_type == PERSON else "actor"


@dataclass(frozen=True)
class CanonicalName:
    """Who an article's entity is across articles, before the store gives it an id."""

    key: str
    name: str
    type: str
    from_table: bool
    # Every spelling with its normalised key, the canonical name first.
    names: tuple[tuple[str, str], ...]

    @property
    def family(self) -> str:
        return family_of(self.type)

    @property
    def name_key(self) -> str:
        return self.names[0][0]


@functools.lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """`aliases.normalise`, remembered: every batch meets the same names again, and folding
    them is most of the cost of linking entities."""
    return normalise(name)


def canonical_name(entity: Entity, aliases: AliasTable) -> CanonicalName:
    """The canonical identity of an article's entity: its alias-table row, or its own name."""
    row = None
    if entity.type != PERSON:
        for name in (entity.name, *entity.aliases):
            row = aliases.best(name_key(name), entity.type)
            if row is not None:
                break
    own = _keyed((entity.name, *entity.aliases))
    if row is not None:
        names, keys = _row_names(row)
        names += tuple(pair for pair in own if pair[0] not in keys)
        return CanonicalName(f"table:{row.type}:{names[0][0]}", row.name, row.type, True, names)
    if not own:  # a name of punctuation alone: it is its own key
        own = ((entity.name.strip(), entity.name),)
    key = f"name:{family_of(entity.type)}:{own[0][0]}"
    return CanonicalName(key, entity.name, entity.type, False, own)


def _keyed(spellings: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Spellings with their keys, one per key, in order."""
    found: dict[str, str] = {}
    for name in spellings:
        key = name_key(name)
        if key and key not in found:
            found[key] = name
    return tuple(found.items())


@functools.lru_cache(maxsize=1 << 14)
def _row_names(row: AliasRow) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    """A table row's spellings with their keys, and the set of those keys: some rows have
    hundreds of spellings, and the same rows come up in every batch."""
    names = _keyed((row.name, *row.aliases))
    return names, frozenset(key for key, _ in names)


def _age(entity_id: int) -> tuple[bool, int]:
    """Stored entities (positive ids) before this batch's new ones (negative, in order)."""
    return (entity_id < 0, abs(entity_id))


@dataclass
class KnownEntities:
    """The canonical entities a batch can meet: by canonical key, and by each name's key."""

    by_key: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, dict[int, str]] = field(default_factory=dict)  # name key -> id -> family
    _next_new: int = -1

    def add_name(self, name_key: str, entity_id: int, family: str) -> None:
        self.by_name.setdefault(name_key, {})[entity_id] = family

    def resolve(self, name: CanonicalName) -> tuple[int, bool]:
        """The entity id for `name`, and whether it is new (a negative placeholder until stored)."""
        found = self.by_key.get(name.key)
        if found is None and not name.from_table:
            found = self._by_names(name)
        created = found is None
        if found is None:
            found = self._next_new
            self._next_new -= 1
            self.by_key[name.key] = found
        for key, _ in name.names:
            self.add_name(key, found, name.family)
        return found, created

    def _by_names(self, name: CanonicalName) -> int | None:
        own = self.by_name.get(name.name_key, {})
        same = [i for i, family in own.items() if family == name.family]
        if not same and len(name_words(name.name)) >= MIN_WORDS_ACROSS_FAMILIES:
            same = list(own)
        if same:
            return min(same, key=_age)
        if name.family == "person":
            return None
        for key, _ in name.names[1:]:
            found = [i for i, family in self.by_name.get(key, {}).items() if family == name.family]
            if found:
                return min(found, key=_age)
        return None


@dataclass(frozen=True)
class IncidentKey:
    key: str
    category: str
    day: str


def incident_key(event: Event, entity_ids: dict[str, int]) -> IncidentKey | None:
    """The key under which reports of one event meet, or None when it cannot be merged.

    Actor, category and date must be known; the target may be absent, as long as it is absent
    in both reports. An actor or target is its canonical entity when the analysis linked one,
    else its normalised words.
    """
    day = event.when.value if event.when else None
    if event.actor is None or not event.category or not day:
        return None
    actor = _participant(event.actor, entity_ids)
    target = _participant(event.target, entity_ids)
    digest = hashlib.sha1("\x1f".join((actor, event.category, target, day)).encode("utf-8"))
    return IncidentKey(digest.hexdigest(), event.category, day)


def _participant(arg: Arg | None, entity_ids: dict[str, int]) -> str:
    if arg is None:
        return ""
    if arg.entity is not None and arg.entity in entity_ids:
        return f"entity:{entity_ids[arg.entity]}"
    return f"words:{name_key(arg.text)}"
