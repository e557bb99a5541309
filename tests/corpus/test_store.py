"""Cross-article links on the hand-made corpus (`sample.py`), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from newsledger.corpus import Database
from newsledger.corpus.claims import similarity
from newsledger.corpus.models import StatementRow
from newsledger.corpus.store import (
    Linker,
    counts,
    delete_documents,
    disputes,
    entities_named,
    entity_page,
    iter_analyses,
    load_analysis,
    related_documents,
    save_analyses,
)
from newsledger.corpus.store.linking import DEFAULT_CLAIM_SIMILARITY
from newsledger.errors import NotFound
from newsledger.schema import Analysis
from tests.corpus.builders import Article
from tests.corpus.sample import HEALTH, NCRI, TEHRAN, WIRE, camp_ashraf, plague


def test_mko_mek_pmoi_from_different_outlets_are_one_entity(sample_store: Database) -> None:
    with sample_store.reading() as session:
        found = {
            name: entities_named(session=session, name=name)
            for name in (
                "MKO",
                "MEK",
                "PMOI",
                "Mojahedin-e Khalq",
                "mojahedin e khalq organization",
            )
        }
    ids = {name: [entity.id for entity in entities] for name, entities in found.items()}
    assert all(len(entity_ids) == 1 for entity_ids in ids.values()), ids
    assert len({entity_ids[0] for entity_ids in ids.values()}) == 1
    entity = found["MKO"][0]
    assert entity.name == "Mojahedin-e Khalq Organization"
    assert entity.documents == 4


def test_names_outside_the_table_meet_by_name_and_cluster(sample_store: Database) -> None:
    with sample_store.reading() as session:
        front = entities_named(session=session, name="FLF")
        rajavi = entities_named(session=session, name="Rajavi")
    assert [(e.name, e.documents) for e in front] == [("Free Lakeland Front", 2)]
    assert [(e.name, e.type, e.documents) for e in rajavi] == [("Maryam Rajavi", "PERSON", 2)]


def test_a_claim_seen_in_two_articles_is_one_claim(sample_store: Database) -> None:
    with sample_store.reading() as session:
        page = entity_page(session=session, name="MKO")
    attacks = [s for s in page.statements_about if "attacked Iraqi forces" in s.content]
    assert {s.document.site for s in attacks} == {TEHRAN, WIRE}
    assert len({s.claim_id for s in attacks}) == 1
    assert {s.stance for s in attacks} == {"asserts"}


def test_a_denial_in_another_outlet_disputes_the_claim(sample_store: Database) -> None:
    with sample_store.reading() as session:
        found = disputes(session=session)
    attack = next(d for d in found if "attacked Iraqi forces" in d.claim)
    assert {s.document.site for s in attack.asserted_by} == {TEHRAN, WIRE}
    assert [(d.statement.document.site, d.reason) for d in attack.denied_by] == [
        (NCRI, "contradicts")
    ]
    assert attack.denied_by[0].statement.speaker_entity == "Mojahedin-e Khalq Organization"
    assert attack.denied_by[0].statement.stance == "denies"
    assert attack.sites == sorted({NCRI, TEHRAN, WIRE})
    charge = next(d for d in found if d.claim == "The MEK is a terrorist group")
    assert [(d.statement.content, d.reason) for d in charge.denied_by] == [("the charge", "denies")]


def test_disputes_of_an_entity(sample_store: Database) -> None:
    with sample_store.reading() as session:
        by_rajavi = disputes(session=session, entity="Rajavi")
        about_mek = disputes(session=session, entity="MEK")
        of_who = disputes(session=session, entity="World Health Organisation")
        with pytest.raises(NotFound, match="no entity called 'Nobody'"):
            disputes(session=session, entity="Nobody")
    assert [d.claim for d in by_rajavi] == ["The MEK is a terrorist group"]
    assert len(about_mek) == 2
    assert of_who == []


def test_events_of_one_incident_merge_across_articles(sample_store: Database) -> None:
    with sample_store.reading() as session:
        page = entity_page(session=session, name="PMOI")
    attacks = [event for event in page.timeline if event.action == "attacked"]
    assert {event.document.site for event in attacks} == {TEHRAN, WIRE}
    assert len({event.incident_id for event in attacks}) == 1
    assert attacks[0].incident_id is not None


def test_entity_page(sample_store: Database) -> None:
    with sample_store.reading() as session:
        page = entity_page(session=session, name="mek")
        with pytest.raises(NotFound):
            entity_page(session=session, name="Nobody")
    assert page.entity.name == "Mojahedin-e Khalq Organization"
    assert {"MKO", "PMOI", "People's Mojahedin Organization of Iran"} <= set(page.aliases)
    assert [(s.value, s.count) for s in page.sites] == [(TEHRAN, 2), (NCRI, 1), (WIRE, 1)]
    labels = {(label.site, label.label): label.count for label in page.labels}
    assert labels == {
        (TEHRAN, "terrorist cult"): 1,
        (TEHRAN, "terrorist group"): 2,
        (NCRI, "PMOI"): 2,
        (WIRE, "Mojahedin-e Khalq"): 1,
    }
    assert {s.statement_id for s in page.statements_by} == {"s1", "s2"}
    assert {s.document.site for s in page.statements_by} == {NCRI}
    assert "The MEK is a terrorist group" in {s.content for s in page.statements_about}
    assert [event.when for event in page.timeline] == ["2011-04-08", "2011-04-08"]


def test_related_articles_rank_shared_claims_and_events_first(
    sample_store: Database, sample: list[Analysis]
) -> None:
    with sample_store.reading() as session:
        related = related_documents(session=session, document_id=sample[0].document.id)
        with pytest.raises(NotFound):
            related_documents(session=session, document_id="0000")
    assert [item.document.site for item in related][:2] == [WIRE, NCRI]
    wire = related[0]
    assert (wire.shared_claims, wire.shared_incidents) == (1, 1)
    assert "Camp Ashraf" in wire.shared_entities
    assert HEALTH not in {item.document.site for item in related}
    assert related == sorted(related, key=lambda item: -item.score)


def test_storing_again_skips_and_reanalyse_replaces(
    sample_store: Database, sample: list[Analysis], linker: Linker
) -> None:
    with sample_store.reading() as session:
        before = counts(session=session)
    with sample_store.transaction() as session:
        again = save_analyses(session=session, analyses=sample, linker=linker)
    assert (again.stored, again.skipped, again.replaced) == (0, len(sample), 0)
    with sample_store.transaction() as session:
        replaced = save_analyses(
            session=session, analyses=sample[:2], linker=linker, reanalyse=True
        )
    assert (replaced.stored, replaced.skipped, replaced.replaced) == (0, 0, 2)
    with sample_store.reading() as session:
        assert counts(session=session) == before
        assert list(iter_analyses(session=session)) == [*sample[2:], *sample[:2]]


def test_a_batch_keeps_the_first_of_two_analyses_of_one_document(
    database: Database, linker: Linker
) -> None:
    first, other, second = camp_ashraf().build(), plague().build(), camp_ashraf().build()
    second.entities.clear()
    with database.transaction() as session:
        report = save_analyses(session=session, analyses=[first, other, second], linker=linker)
    assert (report.stored, report.skipped) == (2, 1)
    with database.reading() as session:
        assert list(iter_analyses(session=session)) == [first, other]


def test_deleting_documents_drops_their_rows_and_unused_claims(
    sample_store: Database, sample: list[Analysis]
) -> None:
    who = plague().build().document.id
    with sample_store.reading() as session:
        before = counts(session=session)
    with sample_store.transaction() as session:
        delete_documents(session=session, ids=[who])
    with sample_store.reading() as session:
        after = counts(session=session)
        with pytest.raises(NotFound):
            load_analysis(session=session, document_id=who)
    assert after["documents"] == before["documents"] - 1
    assert after["statements"] == before["statements"] - 1
    assert after["claims"] == before["claims"] - 1
    assert after["disputes"] == before["disputes"]


def test_stored_analyses_come_back_unchanged(
    sample_store: Database, sample: list[Analysis]
) -> None:
    with sample_store.reading() as session:
        assert list(iter_analyses(session=session, batch_size=3)) == sample
        assert load_analysis(session=session, document_id=sample[3].document.id) == sample[3]


def test_paraphrases_that_share_too_few_words_meet_through_content_vectors(
    database: Database, linker: Linker
) -> None:
    said = "unemployment fell to its lowest level in a decade"
    paraphrase = "the unemployment rate dropped to its lowest level in ten years"
    other_number = "unemployment fell to 4 percent, its lowest level in a decade"
    articles = []
    for content, site in ((said, WIRE), (paraphrase, HEALTH), (other_number, TEHRAN)):
        article = Article(f"The minister said {content}.", site=site, published="2019-02-01")
        article.statement(content, "said", speaker="The minister")
        articles.append(article.build())
    signer = linker.signer
    assert similarity(signer.sign(said), signer.sign(paraphrase)) < DEFAULT_CLAIM_SIMILARITY
    with database.transaction() as session:
        save_analyses(session=session, analyses=articles, linker=linker)
    with database.reading() as session:
        query = select(StatementRow.claim_id).order_by(StatementRow.document_pk)
        first, second, third = session.scalars(query).all()
    assert first == second
    assert third != first
