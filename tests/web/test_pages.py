"""The HTML pages: what a reader sees of the seed example and the hand-made articles."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from newsledger.web.rendering import urlpath
from tests.web.articles import dated_article, quoted_article

MKO = "/entities/Mojahedin-e%20Khalq%20Organization"
QUOTED = quoted_article().document.id


def test_home_lists_recent_articles_by_section_and_site(client: TestClient, seed_id: str) -> None:
    html = client.get("/").text
    assert f'href="/articles/{seed_id}"' in html
    assert "By section" in html and "By site" in html
    assert "example.com" in html and "Europe" in html
    assert re.search(r"<strong>4</strong> documents", html)
    assert 'action="/search"' in html


def test_the_seed_article_page(client: TestClient, seed_id: str) -> None:
    html = client.get(f"/articles/{seed_id}").text
    assert 'class="breadcrumb"' in html and ">Iraq</a>" in html
    assert "<h1>Iraq – France relations strained over MKO terrorists event in Paris</h1>" in html
    assert f'<a class="mention" href="{MKO}">MKO</a>' in html
    assert 'aria-label="Sourcing profile"' in html and "Named sources" in html
    assert "Related coverage" in html and "MKO rally in Paris" in html
    assert 'id="notes"' in html and "Log in</a> to add a note" in html


def test_the_article_page_marks_statements_events_and_techniques(client: TestClient) -> None:
    html = client.get(f"/articles/{QUOTED}").text
    assert '<a href="/search?site=example.org">example.org</a>' in html
    assert ' › <a href="/search?section=Diyala">Diyala</a>' in html
    assert '<p class="subtitle">A deadline, and a denial</p>' in html
    # A quote with its speaker, each in its own style, explained on hover.
    speaker = re.search(r'<span class="seg st-speaker[^"]*"[^>]*title="([^"]*)"', html)
    assert speaker and "Statement s1: Baghdad (named)" in speaker.group(1)
    assert '<a class="mention" href="/entities/Government%20of%20Iraq">Baghdad</a>' in html
    assert re.search(r'class="seg st-cue"[^>]*>said</span>', html)
    assert re.search(r'class="seg st-content"[^>]*>“the camp will close by December”</span>', html)
    denial = re.search(
        r'class="seg st-cue([^"]*)" data-tech="Doubt:0.45" data-st="s2" title="([^"]*)"', html
    )
    assert denial and "hedged" in denial.group(2) and "denies s1" in denial.group(2)
    assert denial.group(1).strip() == ""  # Doubt scores under the default threshold
    assert re.search(r'class="seg ev-action"[^>]*>attacked</span>', html)
    assert re.search(r'class="seg ev-target"[^>]*title="[^"]*ASSAULT; asserted', html)
    assert re.search(r'class="seg tech tech-1" data-tech="Loaded_Language:0.80"', html)
    # The legend, its toggles and the threshold; the lists under the body; the side panel.
    assert 'name="technique" value="Loaded_Language" data-colour="1" checked>' in html
    assert 'id="threshold" name="threshold"' in html
    assert 'id="statement-s2"' in html and 'href="#statement-s1">s1</a>' in html
    assert 'id="event-v1"' in html and "ASSAULT" in html
    assert "Ashraf Residents Committee" in html and "“committee”" in html


def test_technique_toggles_and_threshold_work_without_javascript(client: TestClient) -> None:
    url = f"/articles/{QUOTED}"
    assert len(re.findall(" tech tech-", client.get(url).text)) == 1
    lower = client.get(url, params={"threshold": 0.4}).text
    assert len(re.findall(" tech tech-", lower)) == 2
    none_on = client.get(url, params={"techniques_form": 1, "threshold": 0.4}).text
    assert " tech tech-" not in none_on
    assert 'value="Loaded_Language" data-colour="1">' in none_on  # unchecked
    one_on = client.get(
        url, params={"techniques_form": 1, "technique": "Doubt", "threshold": 0.4}
    ).text
    assert re.findall(r'class="seg [^"]*tech (tech-\d+)"', one_on) == ["tech-0"]


def test_the_entity_page(client: TestClient) -> None:
    html = client.get("/entities/PMOI").text
    assert '<h1 class="entity-name">Mojahedin-e Khalq Organization' in html
    assert "<li>MKO</li>" in html
    assert "How each site labels it" in html and "“cult”" in html
    assert 'aria-label="Labels over time"' in html
    assert "Statements by" in html and "Event timeline" in html
    assert client.get("/entities/Baghdad").status_code == 200
    assert client.get("/entities/Nobody%20At%20All").status_code == 404


def test_a_name_read_across_a_line_break_links_to_its_entity(client: TestClient) -> None:
    link = "/entities/" + urlpath("Mojahedin-e\nKhalq  Organization")
    assert link == MKO
    assert client.get(link).status_code == 200


def test_disputes_side_by_side(client: TestClient) -> None:
    html = client.get("/disputes").text
    assert "Asserted by" in html and "Denied by" in html
    claim = html.index("“the camp will close by December”")
    assert html.index("Asserted by", claim) < html.index("Denied by", claim)
    assert "The committee" in html[claim:]
    filtered = client.get("/disputes", params={"entity": "Ashraf Residents Committee"})
    assert "the camp will close by December" in filtered.text
    nobody = client.get("/disputes", params={"entity": "Nobody At All"})
    assert nobody.status_code == 404


def test_search_with_facets(client: TestClient) -> None:
    html = client.get("/search", params={"q": "rally"}).text
    assert "MKO rally in Paris" in html
    assert 'class="facet"' in html
    assert "/search?q=rally&amp;site=example.com" in html
    filtered = client.get("/search", params={"site": "example.com"}).text
    assert "site: example.com" in filtered
    assert client.get("/search", params={"until": "May"}).status_code == 422


def test_unknown_pages_answer_an_error_page(client: TestClient) -> None:
    response = client.get("/articles/nope")
    assert response.status_code == 404
    assert "no document with id" in response.text and "<!doctype html>" in response.text


def test_a_dated_site_gets_a_source_link(client: TestClient) -> None:
    html = client.get(f"/articles/{dated_article().document.id}").text
    assert 'href="https://example.com/2011/05/mko-rally"' in html
    assert '<time datetime="2011-05-01">' in html
