"""Full-text search, each filter, and facets, on the hand-made corpus and both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from newsledger.corpus import Database, SearchFilters
from newsledger.corpus.store import Linker, fts5_query, save_analyses, search
from newsledger.corpus.store.fulltext import query_stems, snippet
from tests.corpus.builders import Article
from tests.corpus.sample import HEALTH, NCRI, TEHRAN, WIRE


def _titles(database: Database, query: str = "", **filters: str) -> set[str | None]:
    with database.reading() as session:
        results = search(session=session, query=query, filters=SearchFilters(**filters))
    assert results.total == len(results.hits)
    return {hit.document.title for hit in results.hits}


ATTACK = "MKO attacks Iraqi forces at Camp Ashraf"
DENIAL = "PMOI: Iraqi troops raided Camp Ashraf"
WIRE_REPORT = "Deadly clashes at Iraq's Camp Ashraf"
CHARGE = "Iran calls the MEK a terrorist group"
PLAGUE = "Plague outbreak under control"
TALKS = "Rebels offer talks"


def test_words_phrases_or_and_exclusions(sample_store: Database) -> None:
    assert _titles(sample_store, "Camp Ashraf") == {ATTACK, DENIAL, WIRE_REPORT}
    assert _titles(sample_store, '"Iraqi forces"') == {ATTACK, DENIAL, WIRE_REPORT}
    assert _titles(sample_store, "plague OR talks") == {PLAGUE, TALKS}
    assert _titles(sample_store, "Camp Ashraf -PMOI") == {ATTACK, WIRE_REPORT}
    # Stems on both backends: "attacks" finds "attacked".
    assert _titles(sample_store, "attacks Iraqi") == {ATTACK, DENIAL, WIRE_REPORT}
    assert _titles(sample_store, "zebra") == set()
    # Exclusions alone leave nothing to search for: every document is listed.
    assert _titles(sample_store, "-PMOI") == _titles(sample_store) != set()


def test_operator_characters_are_only_words(sample_store: Database) -> None:
    for query in ('"unclosed phrase', "Baghdad's (side", "NEAR(a b)", "title:plague", "a* OR"):
        _titles(sample_store, query)
    assert ATTACK in _titles(sample_store, "Baghdad's")


def test_filter_by_entity_under_any_alias(sample_store: Database) -> None:
    mko = {ATTACK, DENIAL, WIRE_REPORT, CHARGE}
    assert _titles(sample_store, entity="PMOI") == mko
    assert _titles(sample_store, entity="People's Mojahedin Organization of Iran") == mko
    assert _titles(sample_store, "Camp Ashraf", entity="mek") == {ATTACK, DENIAL, WIRE_REPORT}
    assert _titles(sample_store, entity="Rajavi") == {ATTACK, CHARGE}
    assert _titles(sample_store, entity="Nobody") == set()


def test_filter_by_speaker(sample_store: Database) -> None:
    assert _titles(sample_store, speaker="MKO") == {DENIAL}
    assert _titles(sample_store, speaker="Rajavi") == {CHARGE}
    # A speaker without an entity is found by its words.
    assert _titles(sample_store, speaker="Iraqi officials") == {ATTACK, WIRE_REPORT}


def test_filter_by_event_category_and_technique(sample_store: Database) -> None:
    assert _titles(sample_store, category="ASSAULT") == {ATTACK, DENIAL, WIRE_REPORT}
    assert _titles(sample_store, category="APPEAL") == {CHARGE}
    assert _titles(sample_store, technique="Loaded_Language") == {CHARGE}
    assert _titles(sample_store, technique="Name_Calling,Labeling") == {ATTACK}
    assert _titles(sample_store, technique="Slogans") == set()
    assert _titles(sample_store, "Ashraf", category="RETREAT") == set()


def test_filter_by_site_and_section(sample_store: Database) -> None:
    assert _titles(sample_store, site=TEHRAN) == {ATTACK, CHARGE}
    assert _titles(sample_store, site=HEALTH) == {PLAGUE}
    assert _titles(sample_store, section="middle east") == {ATTACK, WIRE_REPORT, CHARGE}
    assert _titles(sample_store, section="Iraq") == {DENIAL}


def test_filter_by_date_range(sample_store: Database) -> None:
    assert _titles(sample_store, since="2011-04-10", until="2011-12-31") == {DENIAL, CHARGE}
    assert _titles(sample_store, until="2011-04") == {ATTACK, DENIAL, WIRE_REPORT}
    assert _titles(sample_store, since="2012") == {PLAGUE, TALKS, None}
    assert _titles(sample_store, "Camp Ashraf", since="2011-04-10") == {DENIAL}


def test_a_listing_without_words_is_newest_first_and_undated_last(
    sample_store: Database, linker: Linker
) -> None:
    undated = Article("Another report from Tehran.", site=TEHRAN, title="Undated report")
    with sample_store.transaction() as session:
        save_analyses(session=session, analyses=[undated.build()], linker=linker)
    with sample_store.reading() as session:
        results = search(session=session, filters=SearchFilters(site=TEHRAN))
        page = search(session=session, filters=SearchFilters(site=TEHRAN), limit=1, offset=1)
    assert [hit.document.title for hit in results.hits] == [CHARGE, ATTACK, "Undated report"]
    assert [hit.document.title for hit in page.hits] == [ATTACK]


def test_a_page_past_the_matches_is_empty(sample_store: Database) -> None:
    with sample_store.reading() as session:
        results = search(session=session, query="Camp Ashraf", offset=3)
    assert (results.total, results.hits) == (3, [])


def test_a_search_leaves_the_planner_settings_as_they_were(sample_store: Database) -> None:
    if sample_store.backend != "postgresql":
        pytest.skip("only PostgreSQL's planner is steered during a search")
    settings = text(
        "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'),"
        " current_setting('jit')"
    )
    with sample_store.reading() as session:
        before = tuple(session.execute(settings).one())
        search(session=session, query='"Camp Ashraf" attacks', filters=SearchFilters(site=WIRE))
        assert tuple(session.execute(settings).one()) == before


def test_dates_must_be_iso() -> None:
    with pytest.raises(ValueError, match="pattern"):
        SearchFilters(since="April 2011")


def test_facets_count_matching_documents(sample_store: Database) -> None:
    with sample_store.reading() as session:
        results = search(session=session, query="Camp Ashraf")
        none = search(session=session, query="zebra")
    facets = {name: {v.value: v.count for v in values} for name, values in results.facets.items()}
    assert facets["site"] == {TEHRAN: 1, NCRI: 1, WIRE: 1}
    assert facets["section"] == {"Middle East": 2, "World": 1, "News": 1, "Iraq": 1}
    assert facets["year"] == {"2011": 3}
    assert facets["entity"]["Mojahedin-e Khalq Organization"] == 3
    assert facets["entity"]["Camp Ashraf"] == 3
    assert facets["speaker"] == {"Mojahedin-e Khalq Organization": 1, "Ali al-Dabbagh": 1}
    assert facets["category"] == {"ASSAULT": 3}
    assert facets["technique"] == {"Name_Calling,Labeling": 1}
    assert none.total == 0 and none.facets == {}


def test_each_facet_keeps_its_commonest_values_ties_by_name(
    database: Database, linker: Linker
) -> None:
    """Twelve sites, the first in three articles and the rest in one each: the top ten are
    the common one, then nine of the tied ones in name order."""
    analyses = []
    for number in range(14):
        site = "site-00.example" if number < 3 else f"site-{number - 2:02d}.example"
        article = Article(f"Report {number} on the talks.", site=site)
        analyses.append(article.build())
    with database.transaction() as session:
        save_analyses(session=session, analyses=analyses, linker=linker)
    with database.reading() as session:
        sites = search(session=session, query="talks").facets["site"]
    assert [(value.value, value.count) for value in sites] == [("site-00.example", 3)] + [
        (f"site-{number:02d}.example", 1) for number in range(1, 10)
    ]


def test_ranking_snippets_and_paging(sample_store: Database) -> None:
    with sample_store.reading() as session:
        ranked = search(session=session, query="Ashraf")
        newest = search(session=session, limit=2)
        page = search(session=session, limit=2, offset=2, facets=False)
    assert ranked.hits == sorted(ranked.hits, key=lambda hit: -hit.score)
    assert all("[Ashraf]" in hit.snippet for hit in ranked.hits)
    assert newest.total == 7
    assert [hit.document.title for hit in newest.hits] == [PLAGUE, None]
    assert [hit.document.published for hit in page.hits] == ["2012-01-05", "2011-06-20"]
    assert page.facets == {}


def test_fts5_query_quotes_every_word() -> None:
    assert fts5_query("Camp Ashraf") == '"Camp" "Ashraf"'
    assert (
        fts5_query('"Iraqi forces" OR troops -PMOI') == '("Iraqi forces" OR "troops") NOT ("PMOI")'
    )
    assert fts5_query('say "hi') == '"say" "hi"'
    assert fts5_query("OR -only") is None
    assert fts5_query("   ") is None


def test_filters_combine_with_each_other_and_with_words(sample_store: Database) -> None:
    """Each combination reads one set of documents and looks its keys up in the others: with
    and without words, whichever set comes first, every document counts once."""
    both = {ATTACK, WIRE_REPORT}
    combined = {"entity": "PMOI", "category": "ASSAULT", "section": "middle east"}
    assert _titles(sample_store, **combined) == both
    assert _titles(sample_store, "Camp Ashraf", **combined) == both
    assert _titles(sample_store, speaker="Iraqi officials", until="2011-04") == both
    assert _titles(sample_store, "Iraqi", speaker="Iraqi officials", entity="MKO") == both
    assert _titles(sample_store, site=TEHRAN, entity="PMOI") == {ATTACK, CHARGE}
    assert _titles(sample_store, "terrorist", technique="Loaded_Language", site=TEHRAN) == {CHARGE}
    assert _titles(sample_store, "plague", entity="PMOI") == set()


def test_broad_searches_count_facets_on_the_newest_matches(
    sample_store: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsledger.corpus.store.fulltext.FACET_DOCUMENTS", 2)
    with sample_store.reading() as session:
        results = search(session=session, query="Camp Ashraf")
    assert (results.total, results.facets_counted) == (3, 2)
    # The newest stored two: the denial (second stored) and the wire report (third).
    assert {v.value for v in results.facets["site"]} == {NCRI, WIRE}


def test_broad_searches_rank_their_newest_matches(
    sample_store: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsledger.corpus.store.fulltext.RANK_CANDIDATES", 2)
    with sample_store.reading() as session:
        results = search(session=session, query="Camp Ashraf")
        narrow = search(session=session, query="Ashraf", filters=SearchFilters(site=TEHRAN))
    assert (results.total, results.ranked) == (3, 2)
    assert {hit.document.title for hit in results.hits} == {DENIAL, WIRE_REPORT}
    assert (narrow.total, narrow.ranked) == (1, 1)


def test_postgres_snippets_mark_the_asked_stems_around_the_first_match() -> None:
    text = (
        "The Iraqi forces attacked Camp Ashraf on Friday. Residents of the camp said the "
        "attacks killed 35 people and wounded many more in the camps of the province near the "
        "border with Iran, where the group has lived since the war of the 1980s."
    )
    stems = query_stems('"killed people" OR wounded -Iraqi')
    shown = snippet(text, stems)
    assert shown.startswith("…of the camp said the attacks [killed] 35 [people] and [wounded]")
    assert shown.endswith("…") and "[Iraqi]" not in shown
    assert snippet(text, query_stems("camps")).startswith("The Iraqi forces attacked [Camp]")
    assert snippet(text, query_stems("Tehran")).startswith("The Iraqi forces attacked Camp")
    assert snippet("", stems) == ""
