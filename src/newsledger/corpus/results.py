"""What the store's read queries return: typed, serialisable results for the CLI and the web.

These are views over many documents, not the per-document contract (`schema.py`); every item
names the document it comes from by the contract's `document.id`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class SearchFilters(Result):
    """Every filter is optional; those given must all hold."""

    entity: str | None = None  # any alias of a canonical entity mentioned in the document
    speaker: str | None = None  # an entity (any alias) or the words of a statement's speaker
    category: str | None = None  # an event category (PLOVER), e.g. ASSAULT
    technique: str | None = None  # a PTC technique name, e.g. Loaded_Language
    site: str | None = None
    section: str | None = None  # any level of the breadcrumb, case-insensitive
    # Inclusive ISO dates or their prefixes: until="2011-04" keeps all of April 2011.
    since: str | None = Field(default=None, pattern=ISO_DATE)
    until: str | None = Field(default=None, pattern=ISO_DATE)


class DocumentRef(Result):
    id: str
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    section: list[str]


class Hit(Result):
    document: DocumentRef
    snippet: str
    score: float


class FacetValue(Result):
    value: str
    count: int


class SearchResults(Result):
    query: str
    filters: SearchFilters
    total: int
    # How many of the matches were ranked to pick the hits: all of them up to a limit, then
    # the newest that many.
    ranked: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    # How many of the matching documents the facets count: all of them up to a limit, then
    # the newest that many (the counts are then proportions of a sample).
    facets_counted: int


class EntityRef(Result):
    id: int
    name: str
    type: str
    documents: int


class StatementView(Result):
    document: DocumentRef
    statement_id: str
    speaker: str | None
    speaker_entity: str | None
    kind: str
    cue: str
    content: str
    direct: bool
    hedged: bool
    claim_id: int
    stance: str


class EventView(Result):
    document: DocumentRef
    event_id: str
    actor: str | None
    action: str
    target: str | None
    category: str | None
    negated: bool
    modality: str
    when: str | None
    incident_id: int | None
    evidence: str


class SiteLabel(Result):
    site: str | None
    label: str
    count: int
    first: str | None  # the earliest and latest `published` days among the documents
    last: str | None


class EntityPage(Result):
    entity: EntityRef
    aliases: list[str]
    others: list[EntityRef] = Field(description="other canonical entities with the same name")
    sites: list[FacetValue]
    labels: list[SiteLabel]
    statements_by: list[StatementView]
    statements_about: list[StatementView]
    timeline: list[EventView]


class Denial(Result):
    statement: StatementView
    # "contradicts": the same words with the other sign ("denied that ...", "did not ...");
    # "denies": the analysis linked this statement to one of the claim's as its denial.
    reason: str


class Dispute(Result):
    claim_id: int
    claim: str
    asserted_by: list[StatementView]
    denied_by: list[Denial]
    sites: list[str]


class Related(Result):
    document: DocumentRef
    score: float
    shared_entities: list[str]
    shared_claims: int
    shared_incidents: int
    text_similarity: float
