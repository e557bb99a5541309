"""HTML pages: trafilatura finds the article; this module adds what news analysis also needs.

trafilatura gives the main text, title, date, site and canonical URL. It does not give the
breadcrumb trail (our `section`), the deck (our `subtitle`) or an account of what it cut, so
those come from the page itself, read before trafilatura prunes the tree.

`removed` is honest about its limits: it lists the breadcrumb, chrome lines cut from
trafilatura's text, and the headings of comment and related-link blocks found on the page.
The full text of every block trafilatura dropped is not recoverable cheaply and is not listed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape

import trafilatura
from lxml.etree import LxmlError
from lxml.html import HtmlElement
from trafilatura.settings import Document as Extracted
from trafilatura.utils import load_html

from newsledger.errors import EmptyDocument
from newsledger.ingest.text import (
    Page,
    blocks,
    breadcrumb_trail,
    is_chrome,
    is_tail_marker,
    normalise,
    same_line,
)

_HOME_WORDS = frozenset({"home", "homepage", "home page", "start", "front page", "main page"})
_CRUMB_SEPARATOR = re.compile(r"\s+(?:»|›|>|/|\||→|::)\s+|\s*[»›→]\s*")
# A breadcrumb is one short line; a longer element with "breadcrumb" in its class is a
# wrapper (one AEB page marks its whole article body `url-breadcrumb`).
_CRUMB_MAX_CHARS = 300
_DECK_CLASS = re.compile(
    r"(?:^|[-_])(?:sub-?title|sub-?head(?:line)?|standfirst|dek|deck|strapline)$", re.IGNORECASE
)
_DECK_CHARS = (20, 400)
# How many ancestors of the headline to search for its deck: header, article, page.
_DECK_LEVELS = 3
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—·•]\s+")
_SITE_MIN_CHARS = 3
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def parse_html(page: str, *, url: str | None = None, fallback_date: str | None = None) -> Page:
    """The article on an HTML page, with its metadata and the chrome that was cut.

    `fallback_date` stands in for the publication date when the page gives none, as a
    crawler's fetch date does for a WARC record.
    """
    try:
        tree = load_html(page)
        if tree is None:
            raise EmptyDocument("the HTML page could not be parsed")
        tree = _rooted(tree)
        crumbs = _breadcrumb(tree)
        deck = _deck(tree)
        headings = [_text(element) for element in tree.iter(*_HEADINGS)]
        # Settings tuned on the article extraction benchmark (eval/aeb.py): precision mode
        # drops more boilerplate than it loses text, and reader comments are not the article.
        result = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
        )
    except (LxmlError, ValueError, RecursionError) as exc:
        raise EmptyDocument(f"the HTML page could not be parsed ({exc})") from exc
    if not isinstance(result, Extracted) or not result.text:
        raise EmptyDocument("no article text found in the HTML page")

    site = result.sitename or result.hostname
    title = _clean_title(result.title, site)
    paragraphs, removed = _clean_paragraphs(result.text, title=title, deck=deck)
    section: list[str] = []
    if crumbs is not None:
        trail, visible = crumbs
        section = _section(trail, title=title, site=site)
        removed.insert(0, visible)
    kept = set(paragraphs)
    for heading in headings:
        if is_tail_marker(heading) and heading not in kept and heading not in removed:
            removed.append(heading)  # the heading of a comment or related-links block
    return Page(
        text="\n\n".join(paragraphs),
        title=title,
        subtitle=deck,
        section=tuple(section),
        removed=tuple(removed),
        url=result.url or url,
        site=site,
        published=result.date or fallback_date,
    )


def _clean_paragraphs(
    text: str, *, title: str | None, deck: str | None
) -> tuple[list[str], list[str]]:
    """trafilatura's lines as paragraphs, without the chrome it let through.

    The same rules as for text pages apply (share lines, "Read more", a tail that starts at
    "Related"), and a first line repeating the title goes, as it has its field. A deck stays in
    the body (and in `subtitle`): its facts need offsets into the body, as for text pages.
    """
    removed: list[str] = []
    paragraphs: list[str] = []
    lines = blocks(normalise(text).replace("\n", "\n\n"))
    for index, line in enumerate(lines):
        if paragraphs and is_tail_marker(line):
            removed.extend(lines[index:])
            break
        if is_chrome(line) or breadcrumb_trail(line):
            removed.append(line)
        else:
            paragraphs.append(line)
    if paragraphs and title and same_line(paragraphs[0], title):
        paragraphs.pop(0)
    return paragraphs, removed


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _rooted(tree: HtmlElement) -> HtmlElement:
    """The parse under an `<html><body>`, where a page with no `<html>` (one that opens with an
    `<audio>` or a `<video>`, say) came back rooted at that element: extraction removes such
    elements from their parent, and lxml asserts that a root has one."""
    if tree.tag == "html":
        return tree
    page = tree.makeelement("html", {})
    page.append(tree.makeelement("body", {}))
    page[0].append(tree)
    return page


def _clean_title(title: str | None, site: str | None) -> str | None:
    """The headline without the site name that many pages add to `<title>` ("X | Site").

    The name may be shortened ("Inexhibit" for "Inexhibit magazine"), so any last part that
    the site name contains goes; a last part that is not the site's name stays.
    """
    if not title:
        return None
    if site:
        title = re.sub(rf"^{re.escape(site)}\s*[-|–—:·•]\s*", "", title, flags=re.IGNORECASE)
        *head, tail = _TITLE_SEPARATOR.split(title)
        if head and len(tail) >= _SITE_MIN_CHARS and tail.casefold() in site.casefold():
            title = title[: -len(tail)].rstrip(" -|–—·•")
    return title.strip() or None


def _breadcrumb(tree: HtmlElement) -> tuple[list[str], str] | None:
    """The trail's items and the text a reader saw, from structured data or the markup.

    JSON-LD names the items exactly, so it wins; the visible element supplies the words that
    were on the page, and supplies the items too when there is no JSON-LD.
    """
    element = _breadcrumb_element(tree)
    items = _jsonld_trail(tree)
    if not items and element is not None:
        items = _element_trail(element)
    if not items:
        return None
    if element is None:
        return items, " › ".join(items)
    visible = " ".join(part.strip() for part in element.itertext() if part.strip())
    if not _CRUMB_SEPARATOR.search(visible):
        # The separators are drawn by the style sheet; put them back so the items stay apart.
        visible = " › ".join(_element_trail(element))
    return items, visible


def _breadcrumb_element(tree: HtmlElement) -> HtmlElement | None:
    lower = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    queries = (
        f"//nav[contains({lower.format('@aria-label')}, 'breadcrumb')]",
        "//*[contains(@itemtype, 'BreadcrumbList')]",
        f"//*[contains({lower.format('@class')}, 'breadcrumb')"
        f" or contains({lower.format('@id')}, 'breadcrumb')]",
    )
    for query in queries:
        for element in tree.xpath(query):
            text = _text(element)
            if text and len(text) <= _CRUMB_MAX_CHARS and len(_element_trail(element)) >= 2:
                return element
    return None


def _element_trail(element: HtmlElement) -> list[str]:
    items = [_text(item) for item in element.iter("li")]
    if len([item for item in items if item]) < 2:
        items = _CRUMB_SEPARATOR.split(_text(element))
    if len([item for item in items if item]) < 2:
        items = [_text(link) for link in element.iter("a")]
    trail: list[str] = []
    for item in items:
        if not item or _CRUMB_SEPARATOR.fullmatch(f" {item} "):
            continue
        if item in trail or (trail and item.casefold() in _HOME_WORDS):
            break  # a second copy of the trail, as pages with a mobile variant have
        trail.append(item)
    return trail


def _jsonld_trail(tree: HtmlElement) -> list[str]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        for node in _walk(data):
            elements = node.get("itemListElement")
            kind = node.get("@type")
            listed = kind == "BreadcrumbList" or (
                isinstance(kind, list) and "BreadcrumbList" in kind
            )
            if listed and isinstance(elements, list):
                trail = _list_items(elements)
                if trail:
                    return trail
    return []


def _walk(data: object) -> Iterator[dict[str, object]]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _walk(value)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value)


def _list_items(elements: list[object]) -> list[str]:
    named: list[tuple[float, str]] = []
    for order, element in enumerate(elements):
        if not isinstance(element, dict):
            continue
        item = element.get("item")
        name = element.get("name") or (item.get("name") if isinstance(item, dict) else None)
        position = element.get("position")
        rank = float(order)
        if isinstance(position, int | float) or (isinstance(position, str) and position.isdigit()):
            rank = float(position)
        if isinstance(name, str) and name.strip():
            named.append((rank, " ".join(unescape(name).split())))
    return [name for _, name in sorted(named, key=lambda pair: pair[0])]


def _section(trail: list[str], *, title: str | None, site: str | None) -> list[str]:
    """The trail without its Home (or site-name) head and without the article's own title."""
    items = list(trail)
    if items and (items[0].casefold() in _HOME_WORDS or (site and same_line(items[0], site))):
        items.pop(0)
    if items and title and same_line(items[-1], title):
        items.pop()
    return items


def _deck(tree: HtmlElement) -> str | None:
    """The standfirst under the headline, when the markup names it as one.

    Only an element after the headline (the first `<h1>` with words in it, as the first is
    often the site's logo) and close to it counts: teasers for other articles use the same
    class names all over a news page.
    """
    headline = next((h1 for h1 in tree.iter("h1") if len(_text(h1).split()) >= 2), None)
    if headline is None:
        return None
    scope = headline
    for _ in range(_DECK_LEVELS):
        parent = scope.getparent()
        if parent is None:
            break
        scope = parent
        passed = False
        for element in scope.iter():
            if element is headline:
                passed = True
            elif passed and isinstance(element.tag, str) and _names_deck(element):
                text = _text(element)
                if _DECK_CHARS[0] <= len(text) <= _DECK_CHARS[1]:
                    return text
    return None


def _names_deck(element: HtmlElement) -> bool:
    classes = (element.get("class") or "").split()
    return element.get("itemprop") == "alternativeHeadline" or any(
        _DECK_CLASS.search(token) for token in classes
    )
