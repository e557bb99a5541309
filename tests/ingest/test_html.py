from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.errors import EmptyDocument
from newsledger.ingest.html import parse_html

from .conftest import article_html

FIRST = (
    "The harbour council voted on Tuesday to approve a new ferry link between the old town and"
    " Marrow Island, ending two years of debate over the cost of the service and the route it"
    " should take across the bay."
)
LAST = (
    "The operator, Bay Lines, said it would publish the full timetable in April after sea trials"
    " with the two new electric boats that it bought from a shipyard in the north of the country"
    " last year."
)


def test_article_page_gives_text_metadata_and_the_chrome_it_cut(ferry_page: Path) -> None:
    page = parse_html(ferry_page.read_text(encoding="utf-8"))
    assert page.title == "Harbour council approves new ferry link"
    assert page.subtitle == (
        "The service will connect the old town with the island twice an hour from June."
    )
    assert page.section == ("News", "Local")
    assert page.url == "https://ledger.example.org/news/ferry-link"
    assert page.site == "The Coastal Ledger"
    assert page.published == "2021-03-04"
    assert page.removed == (
        "Home › News › Local › Harbour council approves new ferry link",
        "Related Articles",
        "Comments",
    )
    paragraphs = page.text.split("\n\n")
    # The deck stays in the body too: facts in it need offsets.
    assert len(paragraphs) == 7
    assert paragraphs[0] == page.subtitle
    assert paragraphs[1] == FIRST
    assert paragraphs[4] == "Timetable and fares"
    assert paragraphs[-1] == LAST
    for chrome in ("Share on", "Island school", "About time", "cookies", "©"):
        assert chrome not in page.text


def test_json_ld_breadcrumb_wins_and_is_read_in_position_order() -> None:
    trail = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "Assembly votes"},
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": 3, "name": "Assembly votes to act"},
                    {"@type": "ListItem", "position": 1, "item": {"name": "Home"}},
                    {"@type": "ListItem", "position": 2, "name": "Politics &amp; Power"},
                ],
            },
        ],
    }
    script = f'<script type="application/ld+json">{json.dumps(trail)}</script>'
    page = parse_html(article_html("Assembly votes to act", "act", extra_head=script))
    assert page.section == ("Politics & Power",)
    assert page.removed[0] == "Home › Politics & Power › Assembly votes to act"


def test_breadcrumb_element_with_its_own_separators() -> None:
    crumbs = (
        '<div class="breadcrumbs"><a href="/">Home</a> » <a href="/sport">Sport</a> »'
        " <span>Assembly votes to act</span></div>"
    )
    page = parse_html(
        article_html("Assembly votes to act", "act").replace("<article>", crumbs + "<article>")
    )
    assert page.section == ("Sport",)
    assert page.removed == ("Home » Sport » Assembly votes to act",)


def test_site_name_is_cut_from_the_title() -> None:
    head = '<meta property="og:site_name" content="Valley Times">'
    page = parse_html(
        article_html("Assembly votes to fund the bridge - Valley Times", "fund", extra_head=head)
    )
    assert page.title == "Assembly votes to fund the bridge"
    assert page.site == "Valley Times"


def test_fallback_date_fills_in_when_the_page_has_none() -> None:
    page = parse_html(article_html("Assembly votes", "vote"), fallback_date="2011-06-20")
    assert page.published == "2011-06-20"
    assert page.url is None


def test_page_without_an_article_is_refused() -> None:
    with pytest.raises(EmptyDocument, match="no article text found in the HTML page"):
        parse_html(
            "<html><head><title>Shop</title></head><body><div class=menu><a href=/>Home</a>"
            " <a href=/x>Products</a></div><footer>(c) 2020 Shop Inc.</footer></body></html>"
        )
