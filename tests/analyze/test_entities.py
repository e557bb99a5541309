from __future__ import annotations

from itertools import pairwise

import pytest
from spacy.language import Language

from newsledger.analyze.aliases import AliasTable, token_key
from newsledger.analyze.entities import (
    EntityFinder,
    EntityIndex,
    _trim,
    find_entities,
    load_entity_cues,
)
from newsledger.schema import Entity


def entities_of(nlp: Language, finder: EntityFinder, text: str) -> list[Entity]:
    return finder(nlp(text))


def holding(entities: list[Entity], mention: str) -> list[Entity]:
    """The entities with a mention whose text is `mention`."""
    return [e for e in entities if any(m.text == mention for m in e.mentions)]


def texts(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions]


def the_one(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [e.name for e in entities]
    return found[0]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("“Great Satan", "Great Satan"),
        ("— Jennifer Bendery", "Jennifer Bendery"),
        ("’s Sunday", "Sunday"),
        ("the Department of Justice’s", "Department of Justice"),
        ("[John] McCone", "[John] McCone"),
        ("• His Excellency Rene Gracida", "His Excellency Rene Gracida"),
    ],
)
def test_a_name_leaves_off_the_marks_and_words_around_it(
    nlp: Language, phrase: str, name: str
) -> None:
    doc = nlp(phrase)
    start, end = _trim(doc, [token_key(token.text) for token in doc], 0, len(doc))
    assert doc[start:end].text == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Reported by Nick Brown\nFeb 3 (Reuters) - The court ruled.", "Nick Brown"),
        ("The letter was signed by Senator Cory Booker\nEmail this story.", "Cory Booker"),
    ],
)
def test_a_name_does_not_run_across_a_line_break(
    nlp: Language, finder: EntityFinder, text: str, name: str
) -> None:
    names = [e.name for e in entities_of(nlp, finder, text)]
    assert name in names
    assert not any("\n" in found for found in names)


@pytest.fixture(scope="module")
def seed(nlp: Language, finder: EntityFinder, seed_body: str) -> list[Entity]:
    return finder(nlp(seed_body))


def test_seed_mko_is_one_entity_with_its_descriptions(seed: list[Entity]) -> None:
    (mko,) = holding(seed, "MKO")
    assert mko.name == "Mojahedin-e Khalq Organization"
    assert mko.type == "ORG"
    assert {"MKO", "MEK", "PMOI"} <= set(mko.aliases)
    mentions = texts(mko)
    assert "Mojahedin-e Khalq Organization" in mentions
    assert mentions.count("MKO") >= 20
    assert mentions.count("the terrorist group") >= 4
    assert mentions.count("the group") >= 5
    assert "the terrorist organization" in mentions
    assert "its" in mentions


def test_seed_camp_renaming_is_one_entity(seed: list[Entity]) -> None:
    (camp,) = holding(seed, "Camp of New Iraq")
    assert camp.name == "Camp Ashraf"
    assert {"Camp Ashraf", "Camp of New Iraq", "the camp"} <= set(texts(camp))


def test_seed_baghdad_and_the_iraqi_government_are_one_actor(
    seed: list[Entity], seed_body: str
) -> None:
    government = the_one(seed, "Government of Iraq")
    assert government.type == "ORG"
    mentions = texts(government)
    assert {"The Iraqi government", "The Baghdad government", "Baghdad", "Iraqi Gov’t"} <= set(
        mentions
    )
    # "Baghdad has not carried out" and "allegations against Baghdad" are the government acting.
    acting = {m.start for m in government.mentions if m.text == "Baghdad"}
    assert seed_body.index("Baghdad has not") in acting
    assert seed_body.index("Baghdad.\n") in acting
    # "it is determined to expel" and "it ordered the Iraqi Army".
    assert mentions.count("it") == 2


def test_seed_ambassador_to_baghdad_is_the_city(seed: list[Entity], seed_body: str) -> None:
    city = the_one(seed, "Baghdad")
    assert city.type == "GPE"
    assert [m.start for m in city.mentions] == [seed_body.index("Baghdad to protest")]


def test_seed_keeps_distinct_actors_apart(seed: list[Entity]) -> None:
    iran, iraq = the_one(seed, "Iran"), the_one(seed, "Iraq")
    government = the_one(seed, "Government of Iraq")
    mko = the_one(seed, "Mojahedin-e Khalq Organization")
    assert len({iran.id, iraq.id, government.id, mko.id}) == 4
    assert the_one(seed, "European Union").id != mko.id


def test_seed_demonyms_link_to_their_country(seed: list[Entity]) -> None:
    france = the_one(seed, "France")
    assert texts(france).count("French") == 2
    assert "France" in texts(france)
    assert "Iraqi" in texts(the_one(seed, "Iraq"))
    assert "British" in texts(the_one(seed, "United Kingdom"))


def test_seed_persons(seed: list[Entity]) -> None:
    assert the_one(seed, "Catherine Ashton").type == "PERSON"
    # The model tags "Maryam Rajavi" ORG; "leader, Maryam Rajavi, who" makes her a person.
    assert the_one(seed, "Maryam Rajavi").type == "PERSON"


def test_seed_collective_they_stays_unresolved(seed: list[Entity], seed_body: str) -> None:
    they = seed_body.index("They were forced")
    assert EntityIndex(seed).entity_at(they, they + 4) is None


def test_seed_spans_are_exact_sorted_and_disjoint(seed: list[Entity], seed_body: str) -> None:
    all_spans: list[tuple[int, int]] = []
    for entity in seed:
        starts = [m.start for m in entity.mentions]
        assert starts == sorted(starts)
        for mention in entity.mentions:
            assert seed_body[mention.start : mention.end] == mention.text
            assert not mention.text.endswith(("’s", "'s"))
        all_spans.extend((m.start, m.end) for m in entity.mentions)
    all_spans.sort()
    assert all(end <= start for (_, end), (start, _) in pairwise(all_spans))


def test_seed_ids_follow_first_mentions(seed: list[Entity]) -> None:
    assert [e.id for e in seed] == [f"e{i}" for i in range(1, len(seed) + 1)]
    firsts = [e.mentions[0].start for e in seed]
    assert firsts == sorted(firsts)


def test_names_do_not_start_with_the(seed: list[Entity]) -> None:
    mko = the_one(seed, "Mojahedin-e Khalq Organization")
    names = [m.text for m in mko.mentions if not m.text.startswith(("the ", "The "))]
    assert set(names) <= {"MKO", "Mojahedin-e Khalq Organization", "its"}


def test_bracketed_acronym_defines_an_alias(nlp: Language, finder: EntityFinder) -> None:
    text = "The Northern Farmers Union (NFU) called a strike. The NFU said prices had collapsed."
    (union,) = holding(entities_of(nlp, finder, text), "NFU")
    assert union.name == "Northern Farmers Union"
    assert texts(union) == ["Northern Farmers Union", "NFU", "NFU"]


def test_formerly_known_as_joins_the_two_names(nlp: Language, finder: EntityFinder) -> None:
    text = "Protesters gathered in Liberty Square (formerly known as Stalin Square) on Sunday."
    (square,) = holding(entities_of(nlp, finder, text), "Liberty Square")
    assert texts(square) == ["Liberty Square", "Stalin Square"]
    assert square.aliases == ["Stalin Square"]


def test_capital_is_the_government_only_when_it_acts(nlp: Language, finder: EntityFinder) -> None:
    text = "Moscow said on Tuesday that the sanctions were illegal. The envoy arrived in Moscow."
    entities = entities_of(nlp, finder, text)
    assert [(e.name, e.type) for e in entities] == [
        ("Government of Russia", "ORG"),
        ("Moscow", "GPE"),
    ]


def test_adjective_government_and_acting_capital_are_one(
    nlp: Language, finder: EntityFinder
) -> None:
    text = "The Turkish government rejected the claim. Ankara said the report was false."
    (government,) = entities_of(nlp, finder, text)
    assert government.name == "Government of Turkey"
    assert texts(government) == ["The Turkish government", "Ankara"]
    assert "Turkish government" in government.aliases


def test_acronym_alias_never_matches_the_pronoun(nlp: Language, finder: EntityFinder) -> None:
    entities = entities_of(nlp, finder, "The US told us that US troops would stay.")
    (us,) = entities
    assert us.name == "United States"
    assert texts(us) == ["US", "US"]


def test_the_group_is_the_most_recent_organisation(nlp: Language, finder: EntityFinder) -> None:
    text = "The Red Crescent criticised the Blue Front on Monday. The group denied the accusation."
    entities = entities_of(nlp, finder, text)
    assert texts(the_one(entities, "Blue Front")) == ["Blue Front", "The group"]
    assert texts(the_one(entities, "Red Crescent")) == ["Red Crescent"]


def test_they_without_a_clear_antecedent_is_unresolved(nlp: Language, finder: EntityFinder) -> None:
    text = "The Red Crescent met the Blue Front on Monday. They said nothing."
    entities = entities_of(nlp, finder, text)
    assert not holding(entities, "They")


def test_a_quotation_does_not_borrow_the_narrators_entities(
    nlp: Language, finder: EntityFinder
) -> None:
    text = 'The Blue Front attacked the town on Monday. "The group is strong," a witness said.'
    (front,) = entities_of(nlp, finder, text)
    assert texts(front) == ["Blue Front"]


def test_she_needs_exactly_one_person(nlp: Language, finder: EntityFinder) -> None:
    one = entities_of(nlp, finder, "Catherine Ashton arrived in Baghdad. She met the minister.")
    assert texts(the_one(one, "Catherine Ashton")) == ["Catherine Ashton", "She"]
    two = entities_of(
        nlp, finder, "Catherine Ashton met John Kerry in Vienna. She said it went well."
    )
    assert not holding(two, "She")


def test_subject_it_prefers_the_parallel_subject(nlp: Language, finder: EntityFinder) -> None:
    text = "After the Iraqi government failed to persuade the MKO to leave, it ordered the army in."
    entities = entities_of(nlp, finder, text)
    assert texts(the_one(entities, "Government of Iraq")) == ["the Iraqi government", "it"]


def test_expletive_it_is_nobody(nlp: Language, finder: EntityFinder) -> None:
    (eu,) = entities_of(nlp, finder, "It is clear that the EU failed.")
    assert texts(eu) == ["EU"]


def test_a_name_before_a_group_noun_is_an_antecedent(nlp: Language, finder: EntityFinder) -> None:
    text = "The Hezbollah movement said it would respond. Its leader spoke on Monday."
    (hezbollah,) = entities_of(nlp, finder, text)
    assert texts(hezbollah) == ["Hezbollah", "it", "Its"]


def test_surname_joins_the_full_name(nlp: Language, finder: EntityFinder) -> None:
    text = "Hamid Karzai met Barack Obama. Karzai said the meeting was useful."
    entities = entities_of(nlp, finder, text)
    assert texts(the_one(entities, "Hamid Karzai")) == ["Hamid Karzai", "Karzai"]
    assert texts(the_one(entities, "Barack Obama")) == ["Barack Obama"]


@pytest.mark.parametrize(
    ("text", "person", "surname"),
    [
        # spaCy's small model tags neither surname.
        (
            "White House press secretary Josh Earnest spoke on Monday. Earnest said no.",
            "Josh Earnest",
            "Earnest",
        ),
        (
            "Maria Espinoza leads the group. Espinoza says the border is open.",
            "Maria Espinoza",
            "Espinoza",
        ),
        # It tags this one an organisation.
        (
            "Donald Trump held a rally in Ohio. Later, Trump said the deal was bad.",
            "Donald Trump",
            "Trump",
        ),
    ],
)
def test_a_surname_the_model_missed_joins_the_full_name(
    nlp: Language, finder: EntityFinder, text: str, person: str, surname: str
) -> None:
    entities = entities_of(nlp, finder, text)
    found = the_one(entities, person)
    assert found.type == "PERSON"
    assert texts(found) == [person, surname]


def test_a_month_is_no_surname(nlp: Language, finder: EntityFinder) -> None:
    text = (
        "British Prime Minister Theresa May met Donald Trump. Talks began in May and ended in June."
    )
    entities = entities_of(nlp, finder, text)
    assert texts(the_one(entities, "Theresa May")) == ["Theresa May"]


def test_an_acronym_joins_no_name_the_model_took_for_a_person(
    nlp: Language, finder: EntityFinder
) -> None:
    entities = entities_of(nlp, finder, "Campus BDS held a rally. BDS said the vote was wrong.")
    assert texts(the_one(entities, "Campus BDS")) == ["Campus BDS"]


def test_find_entities_is_the_finder(nlp: Language, aliases: AliasTable) -> None:
    doc = nlp("The EU criticised Iran.")
    found = find_entities(doc, aliases, load_entity_cues())
    assert [(e.name, e.type) for e in found] == [("European Union", "ORG"), ("Iran", "GPE")]


def test_empty_document_has_no_entities(nlp: Language, finder: EntityFinder) -> None:
    assert finder(nlp("")) == []


def test_entity_index_maps_offsets_to_entities(seed: list[Entity], seed_body: str) -> None:
    index = EntityIndex(seed)
    mko = the_one(seed, "Mojahedin-e Khalq Organization")
    first = mko.mentions[0]
    assert index.entity_at(first.start, first.end) == mko.id
    assert index.entity_at(first.start + 3, first.start + 8) == mko.id
    assert index.entity_at(first.start, first.end + 5) is None
    assert index.entity_at(0, 0) == the_one(seed, "Government of Iraq").id
    sentence_end = seed_body.index(".")
    inside = index.entities_in(0, sentence_end)
    assert inside[:2] == [the_one(seed, "Government of Iraq").id, the_one(seed, "France").id]
    assert mko.id in inside
    assert index.entities_in(sentence_end, sentence_end) == []


@pytest.mark.parametrize(
    ("text", "description", "name"),
    [
        (
            "Pope Francis met the bishops on Monday. The pope said the church would act.",
            "The pope",
            "Francis",
        ),
        (
            "President Donald Trump met the leaders. Later the president said the talks went well.",
            "the president",
            "Donald Trump",
        ),
    ],
)
def test_a_title_names_the_person_given_it(
    nlp: Language, finder: EntityFinder, text: str, description: str, name: str
) -> None:
    (person,) = holding(entities_of(nlp, finder, text), description)
    assert person.name == name


def test_a_title_two_people_share_names_neither(nlp: Language, finder: EntityFinder) -> None:
    text = "Senator Ted Cruz and Senator Bernie Sanders debated. The senator said taxes must fall."
    assert holding(entities_of(nlp, finder, text), "The senator") == []


def test_a_surname_that_is_also_a_word_is_the_person(nlp: Language, finder: EntityFinder) -> None:
    text = (
        "Senator Jeff Flake met them. Flake said he would vote no. "
        "John Rose left. Rose prices rose."
    )
    entities = entities_of(nlp, finder, text)
    assert texts(the_one(entities, "Jeff Flake"))[:2] == ["Jeff Flake", "Flake"]
    assert texts(the_one(entities, "John Rose")) == ["John Rose"]


def test_a_titled_name_the_model_mostly_calls_an_organisation_is_a_person(
    nlp: Language, finder: EntityFinder
) -> None:
    text = (
        "President Trump spoke. Trump granted the CIA six months, Trump had extended the "
        "deadline before and the agency thanked Trump, as Trump expected."
    )
    assert the_one(entities_of(nlp, finder, text), "Trump").type == "PERSON"


def test_a_word_the_model_takes_for_a_name_of_no_actor_is_no_entity(
    nlp: Language, finder: EntityFinder
) -> None:
    text = "Brexit will hurt the economy, Brexit supporters told the European Union."
    assert [e.name for e in entities_of(nlp, finder, text)] == ["European Union"]


def test_a_title_alone_is_no_name_unless_it_is_a_surname(
    nlp: Language, finder: EntityFinder
) -> None:
    text = "Archbishop Vigano wrote the letter. The Archbishop said the Pope knew of the Bishop."
    assert [e.name for e in entities_of(nlp, finder, text)] == ["Archbishop Vigano"]
    king = the_one(
        entities_of(nlp, finder, "Steve King spoke. King said he would run."), "Steve King"
    )
    assert texts(king)[:2] == ["Steve King", "King"]


def test_a_surname_the_model_takes_for_a_location_is_the_person(
    nlp: Language, finder: EntityFinder
) -> None:
    text = (  # the model tags each lone "Farrakhan" a location
        "Danny Davis defended Nation of Islam leader Louis Farrakhan on Monday. When asked "
        "about Farrakhan’s history of comments, Davis was dismissive. Obama's meeting with "
        "Farrakhan was part of a CBC event. They don't like Farrakhan, so they call me Hitler."
    )
    farrakhan = the_one(entities_of(nlp, finder, text), "Louis Farrakhan")
    assert (farrakhan.type, texts(farrakhan).count("Farrakhan")) == ("PERSON", 3)
