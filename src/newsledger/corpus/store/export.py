"""Flat rows for export: one table per kind of thing, with the cross-article ids attached.

Each kind declares its columns and their types (`COLUMNS`), so that CSV, JSON Lines and Parquet
all write the same table, and a column that is empty in a batch keeps its type in Parquet.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from newsledger.corpus.convert import span_text
from newsledger.corpus.models import (
    DocumentEntityRow,
    DocumentRow,
    EntityNameRow,
    EntityRow,
    EventRow,
    StatementRow,
)

ColumnKind = Literal["str", "int", "float", "bool", "json"]
ExportKind = Literal["statements", "events", "entities", "documents"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("statements", "events", "entities", "documents")
_STREAM_ROWS = 1000

COLUMNS: dict[ExportKind, dict[str, ColumnKind]] = {
    "statements": {
        "document_id": "str",
        "site": "str",
        "published": "str",
        "statement_id": "str",
        "speaker": "str",
        "speaker_kind": "str",
        "speaker_entity_id": "int",
        "speaker_entity": "str",
        "cue": "str",
        "content": "str",
        "direct": "bool",
        "hedged": "bool",
        "claim_id": "int",
        "stance": "str",
    },
    "events": {
        "document_id": "str",
        "site": "str",
        "published": "str",
        "event_id": "str",
        "actor": "str",
        "actor_entity_id": "int",
        "action": "str",
        "target": "str",
        "target_entity_id": "int",
        "category": "str",
        "negated": "bool",
        "modality": "str",
        "when_text": "str",
        "when_value": "str",
        "where": "str",
        "quantities": "json",
        "evidence": "str",
        "incident_id": "int",
    },
    "entities": {
        "entity_id": "int",
        "name": "str",
        "type": "str",
        "aliases": "json",
        "documents": "int",
        "mentions": "int",
    },
    "documents": {
        "document_id": "str",
        "url": "str",
        "site": "str",
        "title": "str",
        "subtitle": "str",
        "section": "json",
        "published": "str",
        "language": "str",
        "entities": "int",
        "statements": "int",
        "events": "int",
        "text": "str",
    },
}


def export_rows(*, session: Session, what: ExportKind) -> Iterator[dict[str, Any]]:
    """The rows of one export table, in storage order, streamed."""
    rows = {
        "statements": _statements,
        "events": _events,
        "entities": _entities,
        "documents": _documents,
    }[what](session)
    for row in rows:
        yield dict(zip(COLUMNS[what], row, strict=True))


def _statements(session: Session) -> Iterator[tuple[Any, ...]]:
    speaker = aliased(EntityRow)
    query = (
        select(
            DocumentRow.id,
            DocumentRow.site,
            DocumentRow.published,
            StatementRow.local_id,
            StatementRow.speaker_text,
            StatementRow.kind,
            StatementRow.speaker_entity_id,
            speaker.name,
            StatementRow.cue,
            StatementRow.content,
            StatementRow.direct,
            StatementRow.hedged,
            StatementRow.claim_id,
            StatementRow.stance,
        )
        .join(DocumentRow, DocumentRow.pk == StatementRow.document_pk)
        .outerjoin(speaker, speaker.id == StatementRow.speaker_entity_id)
        .order_by(StatementRow.document_pk, StatementRow.position)
    )
    for row in session.execute(query.execution_options(yield_per=_STREAM_ROWS)):
        *head, cue, content, direct, hedged, claim, stance = row
        yield (*head, span_text(cue), span_text(content), direct, hedged, claim, stance)


def _events(session: Session) -> Iterator[tuple[Any, ...]]:
    query = (
        select(DocumentRow.id, DocumentRow.site, DocumentRow.published, EventRow)
        .join(DocumentRow, DocumentRow.pk == EventRow.document_pk)
        .order_by(EventRow.document_pk, EventRow.position)
    )
    for document_id, site, published, event in session.execute(
        query.execution_options(yield_per=_STREAM_ROWS)
    ):
        yield (
            document_id,
            site,
            published,
            event.local_id,
            _text(event.actor),
            event.actor_entity_id,
            event.action_lemma,
            _text(event.target),
            event.target_entity_id,
            event.category,
            event.negated,
            event.modality,
            event.when_text,
            event.when_value,
            _text(event.where),
            [quantity["value"] for quantity in json.loads(event.quantities)],
            span_text(event.evidence),
            event.incident_id,
        )


def _text(arg: str | None) -> str | None:
    return None if arg is None else span_text(arg)


def _entities(session: Session) -> Iterator[tuple[Any, ...]]:
    names: dict[int, list[str]] = {}
    query = select(EntityNameRow.entity_id, EntityNameRow.name).order_by(
        EntityNameRow.entity_id, EntityNameRow.key
    )
    for entity_id, name in session.execute(query):
        names.setdefault(entity_id, []).append(name)
    usage = (
        select(
            DocumentEntityRow.entity_id,
            func.count(func.distinct(DocumentEntityRow.document_pk)).label("documents"),
            func.sum(DocumentEntityRow.mention_count).label("mentions"),
        )
        .group_by(DocumentEntityRow.entity_id)
        .subquery()
    )
    query_entities = (
        select(EntityRow.id, EntityRow.name, EntityRow.type, usage.c.documents, usage.c.mentions)
        .outerjoin(usage, usage.c.entity_id == EntityRow.id)
        .order_by(EntityRow.id)
    )
    for entity_id, name, kind, documents, mentions in session.execute(query_entities):
        aliases = [alias for alias in names.get(entity_id, []) if alias != name]
        yield (entity_id, name, kind, aliases, documents or 0, int(mentions or 0))


def _documents(session: Session) -> Iterator[tuple[Any, ...]]:
    def count(model: Any) -> Any:
        return (
            select(func.count())
            .where(model.document_pk == DocumentRow.pk)
            .correlate(DocumentRow)
            .scalar_subquery()
        )

    query = select(
        DocumentRow.id,
        DocumentRow.url,
        DocumentRow.site,
        DocumentRow.title,
        DocumentRow.subtitle,
        DocumentRow.section,
        DocumentRow.published,
        DocumentRow.language,
        count(DocumentEntityRow),
        count(StatementRow),
        count(EventRow),
        DocumentRow.text,
    ).order_by(DocumentRow.pk)
    for row in session.execute(query.execution_options(yield_per=_STREAM_ROWS)):
        *head, section, published, language, entities, statements, events, text = row
        yield (*head, json.loads(section), published, language, entities, statements, events, text)
