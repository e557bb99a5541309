"""Pieces the read queries share: names to entity ids, and rows to result views."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from newsledger.analyze.aliases import normalise
from newsledger.corpus.convert import span_text
from newsledger.corpus.models import (
    DocumentEntityRow,
    DocumentRow,
    EntityNameRow,
    EntityRow,
    EventRow,
    StatementRow,
)
from newsledger.corpus.results import DocumentRef, EntityRef, EventView, StatementView
from newsledger.corpus.store.bulk import KEY_CHARS

# A query of any columns (SQLAlchemy 2.1 types a Select by the tuple of its column types).
AnySelect = Select[*tuple[Any, ...]]

DOCUMENT_COLUMNS = (
    DocumentRow.id,
    DocumentRow.title,
    DocumentRow.site,
    DocumentRow.url,
    DocumentRow.published,
    DocumentRow.section,
)


def document_ref(row: Any) -> DocumentRef:
    """A reference from a result row that selected `DOCUMENT_COLUMNS`."""
    return DocumentRef(
        id=row.id,
        title=row.title,
        site=row.site,
        url=row.url,
        published=row.published,
        section=json.loads(row.section),
    )


FACETS = ("site", "section", "year", "entity", "speaker", "category", "technique")
# A facet value's code: its facet's place in `FACETS` above this many bits, its id below.
FACET_SHIFT = 40
FACET_CODE = np.dtype("<u8")


def facet_codes(values: Iterable[tuple[str, int]]) -> bytes:
    """`FacetSetRow.codes` of a document's (facet, value id) pairs: sorted little-endian
    64-bit integers, the same bytes on every backend and machine."""
    codes = sorted(FACETS.index(facet) << FACET_SHIFT | value_id for facet, value_id in values)
    return np.array(codes, dtype=FACET_CODE).tobytes()


def facet_key(facet: str, value: str) -> str:
    """The `facet_values.key` of one value of one facet: "technique:Doubt"."""
    return f"{facet}:{value[:KEY_CHARS]}"


def entity_ids_named(name: str) -> Select[int]:
    """The canonical entities one of whose spellings is `name`, as a subquery."""
    return select(EntityNameRow.entity_id).where(EntityNameRow.key == normalise(name))


def speaker_condition(name: str) -> ColumnElement[bool]:
    """A statement whose speaker is an entity called `name`, or whose speaker words are `name`."""
    return or_(
        StatementRow.speaker_entity_id.in_(entity_ids_named(name)),
        StatementRow.speaker_key == normalise(name),
    )


def entities_named(*, session: Session, name: str) -> list[EntityRef]:
    """The canonical entities called `name` by any spelling, most documented first."""
    documents = func.count(func.distinct(DocumentEntityRow.document_pk))
    query = (
        select(EntityRow.id, EntityRow.name, EntityRow.type, documents.label("documents"))
        .outerjoin(DocumentEntityRow, DocumentEntityRow.entity_id == EntityRow.id)
        .where(EntityRow.id.in_(entity_ids_named(name)))
        .group_by(EntityRow.id, EntityRow.name, EntityRow.type)
        .order_by(documents.desc(), EntityRow.id)
    )
    return [
        EntityRef(id=row.id, name=row.name, type=row.type, documents=row.documents)
        for row in session.execute(query)
    ]


_speaker_entity = aliased(EntityRow)
STATEMENT_COLUMNS = (
    *DOCUMENT_COLUMNS,
    StatementRow.local_id,
    StatementRow.speaker_text,
    _speaker_entity.name.label("speaker_entity"),
    StatementRow.kind,
    StatementRow.cue,
    StatementRow.content,
    StatementRow.direct,
    StatementRow.hedged,
    StatementRow.claim_id,
    StatementRow.stance,
)


def statements_query() -> AnySelect:
    """Statements with their documents and speaker entities; callers add conditions."""
    return (
        select(*STATEMENT_COLUMNS)
        .join(DocumentRow, DocumentRow.pk == StatementRow.document_pk)
        .outerjoin(_speaker_entity, _speaker_entity.id == StatementRow.speaker_entity_id)
    )


def statement_view(row: Any) -> StatementView:
    return StatementView(
        document=document_ref(row),
        statement_id=row.local_id,
        speaker=row.speaker_text,
        speaker_entity=row.speaker_entity,
        kind=row.kind,
        cue=span_text(row.cue),
        content=span_text(row.content),
        direct=row.direct,
        hedged=row.hedged,
        claim_id=row.claim_id,
        stance=row.stance,
    )


EVENT_COLUMNS = (
    *DOCUMENT_COLUMNS,
    EventRow.local_id,
    EventRow.actor,
    EventRow.action_lemma,
    EventRow.target,
    EventRow.category,
    EventRow.negated,
    EventRow.modality,
    EventRow.when_value,
    EventRow.when_text,
    EventRow.incident_id,
    EventRow.evidence,
)


def event_view(row: Any) -> EventView:
    return EventView(
        document=document_ref(row),
        event_id=row.local_id,
        actor=span_text(row.actor) if row.actor else None,
        action=row.action_lemma,
        target=span_text(row.target) if row.target else None,
        category=row.category,
        negated=row.negated,
        modality=row.modality,
        when=row.when_value or row.when_text,
        incident_id=row.incident_id,
        evidence=span_text(row.evidence),
    )
