from __future__ import annotations

from newsledger.analyze.aliases import AliasTable
from newsledger.corpus.resolve import KnownEntities, canonical_name, incident_key
from newsledger.schema import Entity
from tests.corpus.builders import Article


def _entity(name: str, kind: str = "ORG", *aliases: str) -> Entity:
    return Entity(id="e1", name=name, type=kind, aliases=list(aliases))


def test_alias_table_names_meet(aliases: AliasTable) -> None:
    names = ["MKO", "MEK", "PMOI", "Mojahedin-e Khalq Organization", "the Mojahedin e-Khalq"]
    keys = {canonical_name(_entity(name), aliases).key for name in names}
    assert len(keys) == 1
    name = canonical_name(_entity("PMOI"), aliases)
    assert name.name == "Mojahedin-e Khalq Organization"
    assert name.from_table
    assert "mek" in {key for key, _ in name.names}


def test_an_alias_finds_the_table_row(aliases: AliasTable) -> None:
    name = canonical_name(_entity("the group's leadership", "ORG", "MKO"), aliases)
    assert name.name == "Mojahedin-e Khalq Organization"


def test_persons_never_come_from_the_table(aliases: AliasTable) -> None:
    assert not canonical_name(_entity("Iran", "PERSON"), aliases).from_table


def test_a_surname_meets_the_full_name_whose_cluster_held_it(aliases: AliasTable) -> None:
    known = KnownEntities()
    full, created = known.resolve(
        canonical_name(_entity("Maryam Rajavi", "PERSON", "Rajavi"), aliases)
    )
    assert created
    surname, created = known.resolve(canonical_name(_entity("Rajavi", "PERSON"), aliases))
    assert (surname, created) == (full, False)


def test_persons_sharing_an_alias_stay_apart(aliases: AliasTable) -> None:
    known = KnownEntities()
    michael, _ = known.resolve(canonical_name(_entity("Michael Flynn", "PERSON", "Flynn"), aliases))
    kevin, created = known.resolve(
        canonical_name(_entity("Kevin Flynn", "PERSON", "Flynn"), aliases)
    )
    assert created and kevin != michael
    # The bare surname goes to the oldest holder, whatever order the later ones came in.
    assert known.resolve(canonical_name(_entity("Flynn", "PERSON"), aliases))[0] == michael


def test_organisations_meet_through_cluster_aliases(aliases: AliasTable) -> None:
    known = KnownEntities()
    front, _ = known.resolve(canonical_name(_entity("FLF"), aliases))
    found, created = known.resolve(
        canonical_name(_entity("Free Lakeland Front", "ORG", "FLF"), aliases)
    )
    assert (found, created) == (front, False)


def test_a_full_name_meets_across_families_and_a_single_word_does_not(
    aliases: AliasTable,
) -> None:
    known = KnownEntities()
    person, _ = known.resolve(canonical_name(_entity("Donald Trump", "PERSON"), aliases))
    tagged_org, created = known.resolve(canonical_name(_entity("Donald Trump", "ORG"), aliases))
    assert (tagged_org, created) == (person, False)
    surname, _ = known.resolve(canonical_name(_entity("Ford", "PERSON"), aliases))
    carmaker, created = known.resolve(canonical_name(_entity("Ford", "ORG"), aliases))
    assert created and carmaker != surname


def _attack(actor: str, when: str | None) -> Article:
    article = Article(f"{actor} attacked the convoy on Friday.")
    entity = article.entity(actor, "ORG")
    article.event(
        "attacked",
        "ASSAULT",
        actor=(actor, entity),
        target=("the convoy", None),
        when=("on Friday", when) if when else None,
    )
    return article


def test_incidents_need_actor_category_and_date() -> None:
    first = _attack("The Front", "2012-01-06").build().events[0]
    again = _attack("The Front", "2012-01-06").build().events[0]
    key = incident_key(first, {"e1": 7})
    assert key is not None and key.day == "2012-01-06" and key.category == "ASSAULT"
    assert incident_key(again, {"e1": 7}) == key
    assert incident_key(again, {"e1": 8}) != key
    assert incident_key(_attack("The Front", None).build().events[0], {"e1": 7}) is None
