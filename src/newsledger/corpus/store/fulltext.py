"""Full-text search with filters and facets.

The words go to SQLite FTS5 (BM25 ranking, Porter stems) or to PostgreSQL's `websearch_to_tsquery`
over a weighted `tsvector` (`ts_rank`); both read the same small syntax: words (all must occur),
"quoted phrases", `OR` between alternatives, and `-word` to exclude. Filters and facets are
plain SQL over the per-document rows, the same on both backends; on PostgreSQL, the documents
with the words and those each filter keeps are read as arrays of keys and intersected in
Python, where its planner's own joins went wrong by an order of magnitude. Facet counts are
over the matching documents, with all filters applied. A broad search ranks only its newest
`RANK_CANDIDATES` matches and counts facets over its newest `FACET_DOCUMENTS`
(`SearchResults.ranked` and `facets_counted` say how many).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import snowballstemmer
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    false,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import Session

from newsledger.corpus.convert import section_key
from newsledger.corpus.models import (
    DocumentEntityRow,
    DocumentRow,
    FacetRow,
    FacetSetRow,
    FacetValueRow,
    SectionRow,
    StatementRow,
)
from newsledger.corpus.results import FacetValue, Hit, SearchFilters, SearchResults
from newsledger.corpus.store.bulk import KEY_CHARS, one_of
from newsledger.corpus.store.common import (
    DOCUMENT_COLUMNS,
    FACET_CODE,
    FACET_SHIFT,
    FACETS,
    AnySelect,
    document_ref,
    entity_ids_named,
    facet_key,
    speaker_condition,
)

FACET_SIZE = 10
# A search ranks at most this many matches, and counts facets over at most that many, the
# newest stored: exact for a narrow search, the recent part of a broad one, fast either way.
FACET_DOCUMENTS = 1000
RANK_CANDIDATES = 2000
SNIPPET_CHARS = 200
SNIPPET_WORDS = 24
_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_SNIPPET_WORD = re.compile(r"\w+")
_STEMMER = snowballstemmer.stemmer("english")
# SQLite's full-text table (made by the first migration); a fixed name, never user input.
_FTS = table("document_fts", column("rowid"))
_FTS_NAME: ColumnElement[Any] = literal_column("document_fts")
_FTS_ROWID_AS_VALUE: ColumnElement[Any] = literal_column("+document_fts.rowid")
_DOCUMENT_KEY_AS_VALUE: ColumnElement[Any] = literal_column("+documents.pk")
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


def _joined_sets(session: Session, filters: SearchFilters) -> list[Select[int]]:
    """Each filter on a document's rows in another table as the keys of the documents it
    keeps, each key once, read from an index alone.

    A search intersects these sets without reading the documents table, whose rows hold the
    texts: checking tens of thousands of keys against it was most of a broad search's time.
    """
    sets: list[Select[int]] = []
    if filters.entity:
        named = DocumentEntityRow.entity_id.in_(entity_ids_named(filters.entity))
        sets.append(select(DocumentEntityRow.document_pk).where(named).distinct())
    if filters.speaker:
        spoken = speaker_condition(filters.speaker)
        sets.append(select(StatementRow.document_pk).where(spoken).distinct())
    # A document's facet rows hold each of its categories and techniques once, where its
    # events and technique spans repeat them: the filter reads a fraction of the rows.
    if filters.category:
        sets.append(_documents_with(session, "category", filters.category))
    if filters.technique:
        sets.append(_documents_with(session, "technique", filters.technique))
    if filters.section:
        key = section_key(filters.section)[:KEY_CHARS]
        sets.append(select(SectionRow.document_pk).where(SectionRow.key == key).distinct())
    return sets


def _document_conditions(filters: SearchFilters) -> list[ColumnElement[bool]]:
    """The filters on a document's own columns: its site and its dates."""
    conditions: list[ColumnElement[bool]] = []
    if filters.site:
        conditions.append(DocumentRow.site == filters.site)
    days = []
    if filters.since:
        days.append(DocumentRow.published_day >= filters.since)
    if filters.until:
        days.append(DocumentRow.published_day <= filters.until + _AFTER_PREFIX)
    if days:
        conditions.append(and_(*days))
    return conditions


def _documents_with(session: Session, facet: str, value: str) -> Select[int]:
    """The documents with a facet value, the value's id looked up first: given a subquery,
    PostgreSQL cannot see which value it is, guessed 338 documents for a technique that 87,000
    of 100,000 have, and planned for a few (a page of them: 134 ms against 0.3)."""
    key = facet_key(facet, value)
    value_id = session.scalar(select(FacetValueRow.id).where(FacetValueRow.key == key))
    if value_id is None:
        return select(FacetRow.document_pk).where(false())
    return select(FacetRow.document_pk).where(FacetRow.value_id == value_id)


class _Plan:
    """The conditions and ranking of one search on one backend."""

    def __init__(self, session: Session, query: str, filters: SearchFilters) -> None:
        self.postgres = session.get_bind().dialect.name == "postgresql"
        joined = _joined_sets(session, filters)
        own = _document_conditions(filters)
        self.sets = [*joined, *(select(DocumentRow.pk).where(condition) for condition in own)]
        # A filter on the documents' own columns stays a condition where the documents table is
        # read anyway: as a set of its keys, PostgreSQL joined the table to itself and walked
        # the whole date index for a page of a six-month range (212 ms against 0.1).
        self.filters = [*(DocumentRow.pk.in_(kept) for kept in joined), *own]
        # A query of exclusions alone lists documents as an empty one does, on both backends
        # (in PostgreSQL's word index, "-word" alone read every entry: 600 ms).
        self.words: str | None = fts5_query(query)
        self.tsquery: Any = None
        if self.postgres and self.words is not None:
            self.words = query
            self.tsquery = func.websearch_to_tsquery("english", query)

    def _word_set(self) -> Select[int]:
        if self.postgres:
            return select(DocumentRow.pk).where(_PG_SEARCH.op("@@")(self.tsquery))
        return select(_FTS.c.rowid).where(_FTS_NAME.op("MATCH")(self.words))

    def matching(self) -> Select[int]:
        """The matching documents' keys.

        One set of keys is read (the words' matches where there are words), and each of its
        keys looked up in the other sets.
        """
        sets = self.sets if self.words is None else [self._word_set(), *self.sets]
        first, *others = sets or [select(DocumentRow.pk)]
        key: ColumnElement[Any] = first.selected_columns[0]
        probe = key
        if self.words is not None and not self.postgres:
            # FTS5 would look each key of another set up in its index one by one; a unary plus
            # keeps SQLite from handing it the set, so that it is read once into a list.
            probe = _FTS_ROWID_AS_VALUE
        return first.where(*(probe.in_(kept) for kept in others))

    def newest_and_total(self, session: Session, count: int) -> tuple[list[int], int]:
        """The keys of the `count` newest matches, newest first, and how many match."""
        if self.postgres and self.words is not None:
            keys = self._postgres_word_matches(session)
            return keys[:count].tolist(), len(keys)
        newest = self.newest(session, count)
        return newest, len(newest) if len(newest) < count else self.count(session)

    def _postgres_word_matches(self, session: Session) -> np.ndarray:
        """Every match's key, newest first: the words' keys and each filter's, each read whole
        as one array and intersected here.

        PostgreSQL's own plan for the same join went wrong by an order of magnitude where the
        sets were large: it misjudged a facet filter's size (its value is a subquery) and then
        checked the words on each of 19,000 documents in turn, reading each `tsvector` from its
        TOAST table (394 ms for a word, a technique and a section on 100,000 documents); the
        three arrays come in 25-35 ms.
        """
        with _word_index_first(session):
            keys = np.sort(_key_array(session, self._word_set()))
        for kept in self.sets:
            if not len(keys):
                break
            keys = np.intersect1d(keys, _key_array(session, kept), assume_unique=True)
        return keys[::-1]

    def count(self, session: Session) -> int:
        return session.scalar(select(func.count()).select_from(self.matching().subquery())) or 0

    def newest(self, session: Session, count: int) -> list[int]:
        """The keys of the `count` newest matches, newest first (keys grow as documents are
        stored)."""
        keys = self.matching().subquery()
        key = keys.c[0]
        return list(session.scalars(select(key).order_by(key.desc()).limit(count)))

    def hits(self, session: Session, limit: int, offset: int, ranked: list[int]) -> list[Hit]:
        """The page of hits; with words, ranked among the `ranked` keys (the newest matches,
        newest first: all of them, or the newest `RANK_CANDIDATES`)."""
        if self.postgres:
            return self._postgres_hits(session, limit, offset, ranked)
        rows = session.execute(self._sqlite_hits(limit, offset, floor=min(ranked, default=None)))
        return [
            Hit(document=document_ref(row), snippet=row.snippet or "", score=float(row.score or 0))
            for row in rows
        ]

    def _sqlite_hits(self, limit: int, offset: int, floor: int | None) -> AnySelect:
        if self.words is None:
            start = func.substr(DocumentRow.text, 1, SNIPPET_CHARS).label("snippet")
            query = select(*DOCUMENT_COLUMNS, start, literal_column("0.0").label("score"))
            # Newest first, read in the order of the date index until the page is full: given
            # the filters' keys, SQLite would fetch and sort every match, tens of thousands for
            # a broad filter; a unary plus keeps it from using them. (Its descending order puts
            # missing dates last already.)
            unindexed = [_DOCUMENT_KEY_AS_VALUE.in_(kept) for kept in self.sets]
            order = (DocumentRow.published_day.desc(), DocumentRow.pk.desc())
            return query.where(*unindexed).order_by(*order).limit(limit).offset(offset)
        # FTS5's ranking and snippets only work in a query over the FTS table itself; a bound
        # on its rowid lets it skip the older matches instead of ranking them, and filtering
        # its rowids (as values, see `matching`) leaves out the others before any is joined.
        rank = func.bm25(_FTS_NAME, _TITLE_WEIGHT, _TEXT_WEIGHT)
        marked = func.snippet(_FTS_NAME, 1, "[", "]", "…", SNIPPET_WORDS)
        fts_newer = [] if floor is None else [_FTS.c.rowid >= floor]
        kept = [_FTS_ROWID_AS_VALUE.in_(keys) for keys in self.sets]
        return (
            select(*DOCUMENT_COLUMNS, marked.label("snippet"), (-rank).label("score"))
            .select_from(_FTS)
            .join(DocumentRow, DocumentRow.pk == _FTS.c.rowid)
            .where(_FTS_NAME.op("MATCH")(self.words), *fts_newer, *kept)
            .order_by(rank, DocumentRow.pk)
            .limit(limit)
            .offset(offset)
        )

    def _postgres_hits(
        self, session: Session, limit: int, offset: int, ranked: list[int]
    ) -> list[Hit]:
        """The page's keys first, then their documents and snippets: PostgreSQL computes what a
        query selects for every row it sorts, so one query read the text of every match (a
        filter's page: 87 ms against 14 for its keys on a 20,000-document store), and
        `ts_headline` parses whole documents (up to 135 ms for a page of 20), where `snippet`
        finds the first match with one regular expression. With words, the ranked keys are
        scored as they are: matching them again would read the `tsvector` of every document
        that has the words, to check a phrase's word order (1 s for a phrase of two common
        words on 100,000 documents)."""
        keys: AnySelect
        if self.words is None:
            day = DocumentRow.published_day.desc().nulls_last()
            keys = select(DocumentRow.pk, literal_column("0.0").label("score")).where(*self.filters)
            keys = keys.order_by(day, DocumentRow.pk.desc())
        else:
            score = func.ts_rank(_PG_SEARCH, self.tsquery)
            keys = select(DocumentRow.pk, score.label("score"))
            keys = keys.where(one_of(session, DocumentRow.pk, ranked))
            keys = keys.order_by(score.desc(), DocumentRow.pk)
        scores = {
            row.pk: float(row.score) for row in session.execute(keys.limit(limit).offset(offset))
        }
        rows = session.execute(
            select(DocumentRow.pk, *DOCUMENT_COLUMNS, DocumentRow.text).where(
                one_of(session, DocumentRow.pk, list(scores))
            )
        )
        stems = query_stems(self.words or "")
        found = {
            row.pk: Hit(
                document=document_ref(row), snippet=snippet(row.text, stems), score=scores[row.pk]
            )
            for row in rows
        }
        return [found[key] for key in scores]


def query_stems(query: str) -> frozenset[str]:
    """The English Snowball stems of the words a query asks for (not those it excludes), as
    PostgreSQL's `english` configuration stems them."""
    words = []
    for token in _TOKEN.findall(query):
        if not token.startswith("-") and token != "OR":
            words.extend(_SNIPPET_WORD.findall(token.lower()))
    return frozenset(_STEMMER.stemWords(words))


def snippet(text: str, stems: frozenset[str]) -> str:
    """About `SNIPPET_WORDS` words of `text` from just before the first word whose stem is in
    `stems`, each such word in brackets as FTS5's snippets mark them; the text's start when no
    word has one of the stems (the match was in the title)."""
    first = _first_asked(text, stems)
    begin = 0
    if first is not None:
        lead = list(_SNIPPET_WORD.finditer(text, max(0, first - 40 * SNIPPET_WORDS), first))
        begin = lead[-(SNIPPET_WORDS // 4) :][0].start() if lead else first
    pieces = ["…"] if _SNIPPET_WORD.search(text, 0, begin) else []
    position = begin
    for count, match in enumerate(_SNIPPET_WORD.finditer(text, begin)):
        if count == SNIPPET_WORDS:
            pieces.append("…")
            break
        word = match.group()
        pieces.append(text[position : match.start()])
        pieces.append(f"[{word}]" if _stem(word) in stems else word)
        position = match.end()
    return " ".join("".join(pieces).split())


def _first_asked(text: str, stems: frozenset[str]) -> int | None:
    """Where the first word with one of `stems` starts. Words are found by their stems'
    beginnings in one regular-expression pass (a stem is a word's beginning, but for a final
    "y" it turns into "i"), and only those words are stemmed."""
    beginnings = sorted({stem[:-1] if stem.endswith("i") else stem for stem in stems} - {""})
    if not beginnings:
        return None
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, beginnings)) + r")\w*", re.IGNORECASE)
    for match in pattern.finditer(text):
        if _stem(match.group()) in stems:
            return match.start()
    return None


def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word.lower()))


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
    # The newest matches, read once: the oldest one ranked, the documents facets count over,
    # and the total where there are fewer.
    read = max(RANK_CANDIDATES, FACET_DOCUMENTS)
    newest, total = plan.newest_and_total(session, read)
    ranked = min(total, RANK_CANDIDATES) if plan.words is not None else total
    hits = plan.hits(session, limit, offset, newest[:ranked]) if offset < total else []
    counted = min(total, FACET_DOCUMENTS) if facets else 0
    found: dict[str, list[FacetValue]] = {}
    if counted:
        found = facet_counts(session=session, documents=newest[:counted])
    return SearchResults(
        query=query,
        filters=filters,
        total=total,
        ranked=ranked,
        hits=hits,
        facets=found,
        facets_counted=counted,
    )


def _key_array(session: Session, keys: Select[int]) -> np.ndarray:
    """A set of document keys, read as one PostgreSQL array rather than a row per key."""
    listed = session.scalar(select(func.array_agg(keys.subquery().c[0])))
    return np.array(listed or [], dtype=np.int64)


@contextmanager
def _word_index_first(session: Session) -> Iterator[None]:
    """PostgreSQL finds the documents with a search's words through the word index, within
    this block.

    Its planner counts checking a `tsvector` as cheap, but each is read from its TOAST table:
    for a common word it chose to check every document in turn (a word and a section: 493 ms
    on 100,000 documents, against 60 through the index); with the order of keys asked for, it
    checked documents backwards along the key (the 2,000 newest of 12,000 matches: 572 ms
    against 7). Only scans over an index's bitmap are left to it; JIT is off, as the cost it
    gives the other plans would start the compiler (80 ms) for a query that then takes a few.
    """
    planner = ("enable_seqscan", "enable_indexscan", "jit")
    previous = session.execute(select(*(func.current_setting(name) for name in planner))).one()
    _set_locally(session, dict.fromkeys(planner, "off"))
    try:
        yield
    finally:
        _set_locally(session, dict(zip(planner, previous, strict=True)))


def _set_locally(session: Session, settings: dict[str, str]) -> None:
    """PostgreSQL settings for the rest of the transaction (`SET LOCAL`)."""
    session.execute(
        select(*(func.set_config(name, value, True) for name, value in settings.items()))
    )


def facet_counts(*, session: Session, documents: list[int]) -> dict[str, list[FacetValue]]:
    """The commonest values of each facet among `documents` (keys), with their counts.

    The keys are passed, not the search's query: the database would run that query again, and
    the keys are a thousand integers at most. Each document's facet values come as one row of
    codes that carry their facet, counted here; only the values that can reach a facet's top
    (its `FACET_SIZE` commonest, and those tied with the last) are looked up by name, so the
    names of a broad search's thousands of distinct entities are never read.
    """
    stored = session.execute(
        select(FacetSetRow.codes).where(one_of(session, FacetSetRow.document_pk, documents))
    ).scalars()
    codes, counts = np.unique(np.frombuffer(b"".join(stored), dtype=FACET_CODE), return_counts=True)
    facet_numbers = codes >> FACET_SHIFT
    value_ids = codes & ((1 << FACET_SHIFT) - 1)
    wanted: dict[int, int] = {}
    for number in range(len(FACETS)):
        mine = facet_numbers == number
        mine_counts = counts[mine]
        if len(mine_counts) > FACET_SIZE:
            least = np.partition(mine_counts, -FACET_SIZE)[-FACET_SIZE]
            mine[mine] = mine_counts >= least
        wanted.update(zip(value_ids[mine].tolist(), counts[mine].tolist(), strict=True))
    rows = session.execute(
        select(FacetValueRow.id, FacetValueRow.facet, FacetValueRow.value).where(
            one_of(session, FacetValueRow.id, list(wanted))
        )
    ).all()
    grouped: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    for row in sorted(rows, key=lambda row: (-wanted[row.id], row.value)):
        top = grouped[row.facet]
        if len(top) < FACET_SIZE:
            top.append(FacetValue(value=row.value, count=wanted[row.id]))
    return grouped
