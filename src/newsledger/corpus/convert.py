"""Contract to rows and back: `Analysis` in, row values out; rows in, the same `Analysis` out.

Ingest writes what `*_values` return, and `analysis_from_rows` rebuilds the contract from the
rows, so an exported store imports into an equal one. Cross-article ids (canonical entities,
claims, incidents) are added by `store`; they are not part of the contract.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, TypeAdapter

from newsledger.corpus.models import (
    DocumentEntityRow,
    DocumentRow,
    EventRow,
    LabelRow,
    StatementRow,
    TechniqueRow,
)
from newsledger.schema import (
    Action,
    Analysis,
    Arg,
    Document,
    Entity,
    Event,
    Framing,
    Label,
    Quantity,
    Relation,
    Sourcing,
    Span,
    Speaker,
    Statement,
    TechniqueSpan,
    When,
)

Values = dict[str, Any]
_ISO_DAY = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")
_SPANS = TypeAdapter(list[Span])
_RELATIONS = TypeAdapter(list[Relation])
_QUANTITIES = TypeAdapter(list[Quantity])
_STRINGS = TypeAdapter(list[str])


def to_json(value: object) -> str:
    """Compact JSON text, for the store's JSON columns."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _model(model: BaseModel | None) -> str | None:
    return None if model is None else model.model_dump_json()


def span_text(column: str) -> str:
    """The text of a span stored as JSON."""
    return str(json.loads(column)["text"])


def published_day(published: str | None) -> str | None:
    """The date part of an ISO 8601 timestamp ("2011-06-20T10:00" -> "2011-06-20")."""
    found = _ISO_DAY.match(published or "")
    return found[0] if found else None


def section_key(name: str) -> str:
    return " ".join(name.casefold().split())


def document_values(analysis: Analysis) -> Values:
    document = analysis.document
    return {
        "id": document.id,
        "url": document.url,
        "site": document.site,
        "title": document.title,
        "subtitle": document.subtitle,
        "section": to_json(document.section),
        "published": document.published,
        "published_day": published_day(document.published),
        "language": document.language,
        "text": document.text,
        "removed": to_json(document.removed),
        "sourcing": analysis.framing.sourcing.model_dump_json(),
    }


def entity_values(document_pk: int, position: int, entity: Entity, entity_id: int) -> Values:
    return {
        "document_pk": document_pk,
        "local_id": entity.id,
        "position": position,
        "entity_id": entity_id,
        "name": entity.name,
        "type": entity.type,
        "aliases": to_json(entity.aliases),
        "mentions": _SPANS.dump_json(entity.mentions).decode(),
        "mention_count": len(entity.mentions),
    }


def statement_values(document_pk: int, position: int, statement: Statement) -> Values:
    """A statement's own columns; `store` adds its speaker entity, claim and stance."""
    speaker = statement.speaker
    return {
        "document_pk": document_pk,
        "local_id": statement.id,
        "position": position,
        "speaker_text": speaker.text,
        "speaker_span": _model(speaker.span),
        "speaker_local": speaker.entity,
        "kind": speaker.kind,
        "cue": statement.cue.model_dump_json(),
        "content": statement.content.model_dump_json(),
        "direct": statement.direct,
        "hedged": statement.hedged,
        "relations": _RELATIONS.dump_json(statement.relations).decode(),
    }


def event_values(document_pk: int, position: int, event: Event) -> Values:
    """An event's own columns; `store` adds its canonical actor, target and incident."""
    return {
        "document_pk": document_pk,
        "local_id": event.id,
        "position": position,
        "actor": _model(event.actor),
        "action_lemma": event.action.lemma,
        "action_span": event.action.span.model_dump_json(),
        "target": _model(event.target),
        "category": event.category,
        "negated": event.negated,
        "modality": event.modality,
        "statement_local": event.statement,
        "when_text": event.when.text if event.when else None,
        "when_value": event.when.value if event.when else None,
        "where": _model(event.where),
        "quantities": _QUANTITIES.dump_json(event.quantities).decode(),
        "evidence": event.evidence.model_dump_json(),
    }


def technique_values(document_pk: int, techniques: Sequence[TechniqueSpan]) -> list[Values]:
    """One row per technique, with its spans as `[position, start, end, score]` in list order."""
    spans: dict[str, list[list[float]]] = {}
    for position, found in enumerate(techniques):
        where = [position, found.span.start, found.span.end, found.score]
        spans.setdefault(found.technique, []).append(where)
    return [
        {"document_pk": document_pk, "technique": name, "count": len(rows), "spans": to_json(rows)}
        for name, rows in spans.items()
    ]


def _techniques(text: str, rows: Sequence[TechniqueRow]) -> list[TechniqueSpan]:
    spans = sorted(
        (position, row.technique, start, end, score)
        for row in rows
        for position, start, end, score in json.loads(row.spans)
    )
    return [
        TechniqueSpan(technique=name, span=Span.of(text, start, end), score=score)
        for _, name, start, end, score in spans
    ]


def label_values(document_pk: int, position: int, label: Label, entity_id: int | None) -> Values:
    return {
        "document_pk": document_pk,
        "position": position,
        "entity_local": label.entity,
        "entity_id": entity_id,
        "text": label.text,
        "count": label.count,
    }


def analysis_from_rows(
    document: DocumentRow,
    *,
    entities: Sequence[DocumentEntityRow],
    statements: Sequence[StatementRow],
    events: Sequence[EventRow],
    techniques: Sequence[TechniqueRow],
    labels: Sequence[LabelRow],
) -> Analysis:
    """The `Analysis` the rows of one document were made from; each list in position order
    (techniques in any order: their spans carry their positions)."""
    return Analysis(
        document=Document(
            id=document.id,
            url=document.url,
            site=document.site,
            title=document.title,
            subtitle=document.subtitle,
            section=_STRINGS.validate_json(document.section),
            published=document.published,
            language=document.language,
            text=document.text,
            removed=_STRINGS.validate_json(document.removed),
        ),
        entities=[
            Entity(
                id=row.local_id,
                name=row.name,
                type=row.type,
                aliases=_STRINGS.validate_json(row.aliases),
                mentions=_SPANS.validate_json(row.mentions),
            )
            for row in entities
        ],
        statements=[_statement(row) for row in statements],
        events=[_event(row) for row in events],
        framing=Framing(
            techniques=_techniques(document.text, techniques),
            labels=[
                Label(entity=row.entity_local, text=row.text, count=row.count) for row in labels
            ],
            sourcing=Sourcing.model_validate_json(document.sourcing),
        ),
    )


def _statement(row: StatementRow) -> Statement:
    return Statement(
        id=row.local_id,
        speaker=Speaker(
            text=row.speaker_text,
            span=None if row.speaker_span is None else Span.model_validate_json(row.speaker_span),
            entity=row.speaker_local,
            kind=row.kind,  # type: ignore[arg-type]  # written from the contract's Literal
        ),
        cue=Span.model_validate_json(row.cue),
        content=Span.model_validate_json(row.content),
        direct=row.direct,
        hedged=row.hedged,
        relations=_RELATIONS.validate_json(row.relations),
    )


def _event(row: EventRow) -> Event:
    return Event(
        id=row.local_id,
        actor=None if row.actor is None else Arg.model_validate_json(row.actor),
        action=Action(lemma=row.action_lemma, span=Span.model_validate_json(row.action_span)),
        target=None if row.target is None else Arg.model_validate_json(row.target),
        category=row.category,
        negated=row.negated,
        modality=row.modality,  # type: ignore[arg-type]  # written from the contract's Literal
        statement=row.statement_local,
        when=None if row.when_text is None else When(text=row.when_text, value=row.when_value),
        where=None if row.where is None else Arg.model_validate_json(row.where),
        quantities=_QUANTITIES.validate_json(row.quantities),
        evidence=Span.model_validate_json(row.evidence),
    )
