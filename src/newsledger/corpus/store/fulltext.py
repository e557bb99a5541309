"""Full-text search with filters and facets.

The words go to SQLite FTS5 (BM25 ranking, Porter stems) or to PostgreSQL's `websearch_to_tsquery`
over a weighted `tsvector` (`ts_rank`); both read the same small syntax: words (all must occur),
"quoted phrases", `OR` between alternatives, and `-word` to exclude. Filters and facets are
plain SQL over the per-document rows, the same on both backends. Facet counts are over the
matching documents, with all filters applied. A broad search ranks only its newest
`RANK_CANDIDATES` matches and counts facets over its newest `FACET_DOCUMENTS`
(`SearchResults.ranked` and `facets_counted` say how many).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Select, column, func, literal_column, select, table
from sqlalchemy.orm import Session

from newsledger.corpus.models import (
    DocumentEntityRow,
    DocumentRow,
    EventRow,
    FacetRow,
    FacetValueRow,
    SectionRow,
    StatementRow,
    TechniqueRow,
)
from newsledger.corpus.results import FacetValue, Hit, SearchFilters, SearchResults
from newsledger.corpus.store.common import (
    DOCUMENT_COLUMNS,
    AnySelect,
    document_ref,
    entity_ids_named,
    speaker_condition,
)

FACETS = ("site", "section", "year", "entity", "speaker", "category", "technique")
FACET_SIZE = 10
# A search ranks at most this many matches, and counts facets over at most that many, the
# newest stored: exact for a narrow search, the recent part of a broad one, fast either way.
FACET_DOCUMENTS = 1000
RANK_CANDIDATES = 2000
SNIPPET_CHARS = 200
_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
# SQLite's full-text table (made by the first migration); a fixed name, never user input.
_FTS = table("document_fts", column("rowid"))
_FTS_NAME: ColumnElement[Any] = literal_column("document_fts")
# Title matches weigh ten times body matches, as the tsvector's weights A and B do by default.
_TITLE_WEIGHT, _TEXT_WEIGHT = 10.0, 1.0
_PG_SEARCH: ColumnElement[Any] = literal_column("documents.search")
# A day string followed by this sorts after every day that has it as prefix ("2011-04-30" <
# "2011-04~"), so `until` can be a year or a month and still include all of it.
_AFTER_PREFIX = "~"


def fts5_query(text: str) -> str | None:
    """The user's query in FTS5 syntax, every word quoted so no character is an operator.

    None when nothing is left to search for (an empty query, or only exclusions).
    """
    include: list[str] = []
    exclude: list[str] = []
    for token in _TOKEN.findall(text):
        negative = token.startswith("-") and len(token) > 1
        words = token[1:] if negative else token
        if words == "OR":
            if include and include[-1] != "OR":
                include.append("OR")
            continue
        words = words.replace('"', " ").strip()
        if words:
            (exclude if negative else include).append(f'"{words}"')
    while include and include[-1] == "OR":
        include.pop()
    if not include:
        return None
    query = " ".join(include)
    if exclude:
        query = f"({query}) NOT ({' OR '.join(exclude)})"
    return query


def _filter_conditions(filters: SearchFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.entity:
        named = entity_ids_named(filters.entity)
        documents = select(DocumentEntityRow.document_pk).where(
            DocumentEntityRow.entity_id.in_(named)
        )
        conditions.append(DocumentRow.pk.in_(documents))
    if filters.speaker:
        spoken = select(StatementRow.document_pk).where(speaker_condition(filters.speaker))
        conditions.append(DocumentRow.pk.in_(spoken))
    if filters.category:
        events = select(EventRow.document_pk).where(EventRow.category == filters.category)
        conditions.append(DocumentRow.pk.in_(events))
    if filters.technique:
        used = select(TechniqueRow.document_pk).where(TechniqueRow.technique == filters.technique)
        conditions.append(DocumentRow.pk.in_(used))
    if filters.site:
        conditions.append(DocumentRow.site == filters.site)
    if filters.section:
        key = " ".join(filters.section.casefold().split())
        conditions.append(
            DocumentRow.pk.in_(select(SectionRow.document_pk).where(SectionRow.key == key))
        )
    if filters.since:
        conditions.append(DocumentRow.published_day >= filters.since)
    if filters.until:
        conditions.append(DocumentRow.published_day <= filters.until + _AFTER_PREFIX)
    return conditions


class _Plan:
    """The conditions and ranking of one search on one backend."""

    def __init__(self, session: Session, query: str, filters: SearchFilters) -> None:
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.filters = _filter_conditions(filters)
        self.words: str | None = None
        self.tsquery: Any = None
        if self.postgres and query.strip():
            self.words = query
            self.tsquery = func.websearch_to_tsquery("english", query)
        elif not self.postgres:
            self.words = fts5_query(query)

    def _word_condition(self) -> ColumnElement[bool]:
        if self.postgres:
            return _PG_SEARCH.op("@@")(self.tsquery)
        matched = select(_FTS.c.rowid).where(_FTS_NAME.op("MATCH")(self.words))
        return DocumentRow.pk.in_(matched)

    def _fts_alone(self) -> bool:
        """Whether the FTS5 table can answer by itself: words and no filter, on SQLite."""
        return not self.postgres and self.words is not None and not self.filters

    def matching(self, floor: int | None = None) -> Select[int]:
        """The matching documents' keys; with `floor`, only those from that key on."""
        if self._fts_alone():
            query = select(_FTS.c.rowid).where(_FTS_NAME.op("MATCH")(self.words))
            return query if floor is None else query.where(_FTS.c.rowid >= floor)
        words = [] if self.words is None else [self._word_condition()]
        newer = [] if floor is None else [DocumentRow.pk >= floor]
        return select(DocumentRow.pk).where(*self.filters, *words, *newer)

    def count(self, session: Session) -> int:
        return session.scalar(select(func.count()).select_from(self.matching().subquery())) or 0

    def floor(self, session: Session, newest: int) -> int | None:
        """The key of the `newest`-th newest match (keys grow as documents are stored)."""
        keys = self.matching().subquery()
        key = keys.c[0]
        query = select(key).order_by(key.desc()).offset(newest - 1).limit(1)
        return session.scalar(query)

    def hits(self, limit: int, offset: int, floor: int | None) -> AnySelect:
        newer = [] if floor is None else [DocumentRow.pk >= floor]
        if self.words is None:
            start = func.substr(DocumentRow.text, 1, SNIPPET_CHARS).label("snippet")
            order = (DocumentRow.published_day.desc().nulls_last(), DocumentRow.pk.desc())
            query = select(*DOCUMENT_COLUMNS, start, literal_column("0.0").label("score"))
            return query.where(*self.filters).order_by(*order).limit(limit).offset(offset)
        if self.postgres:
            score = func.ts_rank(_PG_SEARCH, self.tsquery)
            options = "MaxFragments=1, MinWords=12, MaxWords=30, StartSel=[, StopSel=]"
            snippet = func.ts_headline("english", DocumentRow.text, self.tsquery, options)
            query = select(*DOCUMENT_COLUMNS, snippet.label("snippet"), score.label("score"))
            query = query.where(*self.filters, self._word_condition(), *newer)
            return query.order_by(score.desc(), DocumentRow.pk).limit(limit).offset(offset)
        # FTS5's ranking and snippets only work in a query over the FTS table itself; a bound
        # on its rowid lets it skip the older matches instead of ranking them.
        rank = func.bm25(_FTS_NAME, _TITLE_WEIGHT, _TEXT_WEIGHT)
        snippet = func.snippet(_FTS_NAME, 1, "[", "]", "…", 24)
        fts_newer = [] if floor is None else [_FTS.c.rowid >= floor]
        return (
            select(*DOCUMENT_COLUMNS, snippet.label("snippet"), (-rank).label("score"))
            .select_from(_FTS)
            .join(DocumentRow, DocumentRow.pk == _FTS.c.rowid)
            .where(_FTS_NAME.op("MATCH")(self.words), *fts_newer, *self.filters)
            .order_by(rank, DocumentRow.pk)
            .limit(limit)
            .offset(offset)
        )


def search(
    *,
    session: Session,
    query: str = "",
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
    facets: bool = True,
) -> SearchResults:
    """Documents matching `query` and `filters`, best first (newest first without words).

    A broad search ranks its newest `RANK_CANDIDATES` matches and counts facets on its newest
    `FACET_DOCUMENTS`: ranking every one of 40,000 matches costs ten times the rest of the
    search, and news readers want recent coverage first anyway. The total is always exact.
    """
    filters = filters or SearchFilters()
    plan = _Plan(session, query, filters)
    total = plan.count(session)
    ranked = min(total, RANK_CANDIDATES) if plan.words is not None else total
    floor = plan.floor(session, ranked) if ranked < total else None
    hits = [
        Hit(document=document_ref(row), snippet=row.snippet or "", score=float(row.score or 0.0))
        for row in session.execute(plan.hits(limit, offset, floor))
    ]
    counted = min(total, FACET_DOCUMENTS) if facets else 0
    found: dict[str, list[FacetValue]] = {}
    if counted:
        facet_floor = plan.floor(session, counted) if counted < total else None
        found = facet_counts(session=session, matching=plan.matching(facet_floor))
    return SearchResults(
        query=query,
        filters=filters,
        total=total,
        ranked=ranked,
        hits=hits,
        facets=found,
        facets_counted=counted,
    )


def facet_counts(*, session: Session, matching: Select[int]) -> dict[str, list[FacetValue]]:
    """The commonest values of each facet among the `matching` documents, with their counts.

    The database keeps each facet's top values (a window function), so that a broad search's
    thousands of distinct entities never reach Python.
    """
    counted = (
        select(FacetRow.value_id, func.count().label("n"))
        .where(FacetRow.document_pk.in_(matching.scalar_subquery()))
        .group_by(FacetRow.value_id)
        .subquery()
    )
    place = func.row_number().over(
        partition_by=FacetValueRow.facet, order_by=(counted.c.n.desc(), FacetValueRow.value)
    )
    ranked = (
        select(FacetValueRow.facet, FacetValueRow.value, counted.c.n, place.label("place"))
        .join(counted, counted.c.value_id == FacetValueRow.id)
        .subquery()
    )
    query = select(ranked.c.facet, ranked.c.value, ranked.c.n).where(ranked.c.place <= FACET_SIZE)
    grouped: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    for row in session.execute(query.order_by(ranked.c.facet, ranked.c.place)):
        grouped[row.facet].append(FacetValue(value=row.value, count=row.n))
    return grouped
