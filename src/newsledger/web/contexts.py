"""One typed context per page: what each template may use, and nothing else.

Templates see two names: `chrome` (the frame every page shares: who is logged in, the CSRF token)
and `page` (one of the models below). Routes build them from the store's results.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from newsledger.corpus.results import (
    Dispute,
    DocumentRef,
    EntityPage,
    FacetValue,
    Related,
    SearchFilters,
    SearchResults,
)
from newsledger.corpus.store.accounts import Note
from newsledger.schema import Document, Sourcing
from newsledger.web.highlight import LegendEntry, Paragraph, Segment


class Context(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Chrome(Context):
    user: str | None
    csrf_token: str
    require_login: bool
    path: str  # the current page's path and query, where the login form returns


# Home


class ArticleGroup(Context):
    name: str
    documents: list[DocumentRef]


class HomePage(Context):
    counts: dict[str, int]
    sections: list[ArticleGroup]
    sites: list[ArticleGroup]
    recent: list[DocumentRef]


# Article


class Bar(Context):
    label: str
    value: int
    width: float  # of the longest bar's 100
    y: int  # top of the bar in the chart's coordinates


class StatementItem(Context):
    id: str
    speaker: str | None
    speaker_entity: str | None  # canonical name to link to
    kind: str
    cue: str
    content: str
    direct: bool
    hedged: bool
    relations: list[tuple[str, str]]  # (type, statement id)


class EventItem(Context):
    id: str
    actor: str | None
    actor_entity: str | None
    action: str
    target: str | None
    target_entity: str | None
    category: str | None
    modality: str
    negated: bool
    when: str | None


class EntityItem(Context):
    id: str
    name: str
    type: str
    mentions: int
    aliases: list[str]
    labels: list[tuple[str, int]]


class NoteTargetOption(Context):
    value: str  # "article", or a statement or event id
    label: str


class ArticlePage(Context):
    document: Document
    paragraphs: list[Paragraph]
    legend: list[LegendEntry]
    shown: list[str]  # techniques the reader has on
    threshold: float
    statements: list[StatementItem]
    events: list[EventItem]
    entities: list[EntityItem]
    sourcing: Sourcing
    sourcing_bars: list[Bar]
    related: list[Related]
    notes: list[Note]
    note_targets: list[NoteTargetOption]
    note_target: str  # the option preselected in the note form
    max_note_chars: int
    # An analysis of an upload, not in the store: no related coverage or notes, a store button.
    preview: bool

    def segment_classes(self, segment: Segment) -> str:
        """The segment's classes: its marks' roles, then its technique colour if shown."""
        return " ".join(filter(None, ("seg", segment.classes, self.technique_class(segment))))

    def technique_class(self, segment: Segment) -> str:
        """`tech tech-N` for the first shown technique at or above the threshold, else ''."""
        colours = {entry.technique: entry.colour for entry in self.legend}
        visible = [
            colours[mark.technique]
            for mark in segment.techniques
            if mark.technique in self.shown
            and mark.score >= self.threshold
            and mark.technique in colours
        ]
        return f"tech tech-{min(visible)}" if visible else ""

    def legend_colour(self, technique: str) -> int:
        return next((e.colour for e in self.legend if e.technique == technique), 0)

    def notes_for(self, target: str) -> list[Note]:
        return [note for note in self.notes if (note.target_id or "article") == target]


# Entity


class LabelSpan(Context):
    site: str
    label: str
    count: int
    first: str | None
    last: str | None
    x: float  # start, of the chart's 100
    width: float
    y: int


class EntityContext(Context):
    page: EntityPage
    label_spans: list[LabelSpan]
    chart_start: str | None
    chart_end: str | None
    chart_height: int


# Disputes, search


class DisputesPage(Context):
    entity: str | None
    disputes: list[Dispute]


class FacetGroup(Context):
    name: str  # a `SearchFilters` field
    values: list[FacetValue]


class SearchPage(Context):
    query: str
    filters: SearchFilters
    results: SearchResults
    facets: list[FacetGroup]
    offset: int
    limit: int

    @property
    def active_filters(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self.filters.model_dump().items() if value]


# Analyse


class AnalysePage(Context):
    max_upload_bytes: int
    accepted: list[str]  # media types of the files it takes


# Login, errors, API docs


class LoginPage(Context):
    next: str
    name: str
    error: str | None


class ErrorPage(Context):
    status: int
    message: str


class Endpoint(Context):
    method: str
    path: str
    summary: str
    parameters: list[tuple[str, str, bool]]  # name, where, required
    response: str


class ApiDocsPage(Context):
    title: str
    version: str
    endpoints: list[Endpoint]


def day_position(day: str, start: date, end: date) -> float:
    """Where an ISO day (or its year or month) falls between `start` and `end`, of 100."""
    parsed = parse_day(day)
    if parsed is None or end <= start:
        return 0.0
    return round(100 * (parsed - start).days / (end - start).days, 2)


def parse_day(day: str | None) -> date | None:
    if not day:
        return None
    parts = day[:10].split("-")
    try:
        numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
        return date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None
