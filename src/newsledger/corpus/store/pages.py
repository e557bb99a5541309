"""Read queries behind the pages a person asks for about actors: an entity, the disputes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from newsledger.corpus.models import (
    ClaimRow,
    DisputeRow,
    DocumentEntityRow,
    DocumentRow,
    EntityNameRow,
    EventRow,
    LabelRow,
    StatementRow,
    StatementSubjectRow,
)
from newsledger.corpus.results import (
    Denial,
    Dispute,
    EntityPage,
    FacetValue,
    SiteLabel,
)
from newsledger.corpus.store.common import (
    EVENT_COLUMNS,
    entities_named,
    entity_ids_named,
    event_view,
    speaker_condition,
    statement_view,
    statements_query,
)
from newsledger.errors import NotFound


def entity_page(*, session: Session, name: str, limit: int = 20) -> EntityPage:
    """One actor across the corpus: names, labels by site, statements by and about, events."""
    found = entities_named(session=session, name=name)
    if not found:
        raise NotFound(f"no entity called {name!r} in the store")
    entity = found[0]
    aliases = session.scalars(
        select(EntityNameRow.name)
        .where(EntityNameRow.entity_id == entity.id, EntityNameRow.name != entity.name)
        .order_by(EntityNameRow.name)
    )
    documents = func.count(func.distinct(DocumentRow.pk))
    sites = session.execute(
        select(DocumentRow.site, documents.label("n"))
        .join(DocumentEntityRow, DocumentEntityRow.document_pk == DocumentRow.pk)
        .where(DocumentEntityRow.entity_id == entity.id)
        .group_by(DocumentRow.site)
        .order_by(documents.desc(), DocumentRow.site)
        .limit(limit)
    )
    total = func.sum(LabelRow.count)
    labels = session.execute(
        select(
            DocumentRow.site,
            LabelRow.text,
            total.label("n"),
            func.min(DocumentRow.published_day).label("first"),
            func.max(DocumentRow.published_day).label("last"),
        )
        .join(DocumentRow, DocumentRow.pk == LabelRow.document_pk)
        .where(LabelRow.entity_id == entity.id)
        .group_by(DocumentRow.site, LabelRow.text)
        .order_by(total.desc(), DocumentRow.site, LabelRow.text)
        .limit(limit * 3)
    )
    # Newest stored first: the (entity, document) indexes give the latest rows without
    # sorting all of a frequent actor's thousands of statements and events by date.
    newest = (StatementRow.document_pk.desc(), StatementRow.position)
    by = statements_query().where(StatementRow.speaker_entity_id == entity.id)
    about = statements_query().join(
        StatementSubjectRow,
        and_(
            StatementSubjectRow.document_pk == StatementRow.document_pk,
            StatementSubjectRow.statement_local == StatementRow.local_id,
        ),
    )
    about = about.where(StatementSubjectRow.entity_id == entity.id)
    # One index range per role, merged: an OR of the two would sort all of an actor's events.
    latest: list[Any] = []
    for role in (EventRow.actor_entity_id, EventRow.target_entity_id):
        events = (
            select(*EVENT_COLUMNS, EventRow.document_pk, EventRow.position)
            .join(DocumentRow, DocumentRow.pk == EventRow.document_pk)
            .where(role == entity.id)
            .order_by(EventRow.document_pk.desc(), EventRow.position)
            .limit(limit)
        )
        latest.extend(session.execute(events))
    newest_events = {(row.document_pk, row.position): row for row in latest}
    kept = sorted(newest_events, key=lambda key: (-key[0], key[1]))[:limit]
    return EntityPage(
        entity=entity,
        aliases=list(aliases),
        others=found[1:],
        sites=[FacetValue(value=row.site or "(unknown)", count=row.n) for row in sites],
        labels=[
            SiteLabel(site=row.site, label=row.text, count=row.n, first=row.first, last=row.last)
            for row in labels
        ],
        statements_by=[
            statement_view(row) for row in session.execute(by.order_by(*newest).limit(limit))
        ],
        statements_about=[
            statement_view(row) for row in session.execute(about.order_by(*newest).limit(limit))
        ],
        # The latest stored events, shown in time order.
        timeline=sorted(
            (event_view(newest_events[key]) for key in kept),
            key=lambda event: (event.when or event.document.published or "", event.event_id),
        ),
    )


def disputes(*, session: Session, entity: str | None = None, limit: int = 50) -> list[Dispute]:
    """Claims that some statement denies, newest claims first, with who asserted and who denied.

    With `entity`, only claims that the entity made, denied or is the subject of.
    """
    disputed = select(DisputeRow.claim_id)
    if entity is not None:
        if not entities_named(session=session, name=entity):
            raise NotFound(f"no entity called {entity!r} in the store")
        named = entity_ids_named(entity)
        about = select(StatementRow.claim_id).join(
            StatementSubjectRow,
            and_(
                StatementSubjectRow.document_pk == StatementRow.document_pk,
                StatementSubjectRow.statement_local == StatementRow.local_id,
            ),
        )
        involved = or_(
            DisputeRow.claim_id.in_(about.where(StatementSubjectRow.entity_id.in_(named))),
            DisputeRow.claim_id.in_(select(StatementRow.claim_id).where(speaker_condition(entity))),
            DisputeRow.claim_id.in_(_denials_by(entity)),
        )
        disputed = disputed.where(involved)
    claim_ids = list(
        session.scalars(
            disputed.group_by(DisputeRow.claim_id).order_by(DisputeRow.claim_id.desc()).limit(limit)
        )
    )
    if not claim_ids:
        return []
    asserted: dict[int, list[Any]] = defaultdict(list)
    oldest = (DocumentRow.published_day.nulls_last(), DocumentRow.pk, StatementRow.position)
    query = statements_query().where(
        StatementRow.claim_id.in_(claim_ids), StatementRow.stance == "asserts"
    )
    for row in session.execute(query.order_by(*oldest)):
        asserted[row.claim_id].append(statement_view(row))
    denied: dict[int, list[Denial]] = defaultdict(list)
    query = (
        statements_query()
        .add_columns(DisputeRow.claim_id.label("disputed"), DisputeRow.reason)
        .join(
            DisputeRow,
            and_(
                DisputeRow.document_pk == StatementRow.document_pk,
                DisputeRow.statement_local == StatementRow.local_id,
            ),
        )
        .where(DisputeRow.claim_id.in_(claim_ids))
    )
    for row in session.execute(query.order_by(*oldest)):
        denied[row.disputed].append(Denial(statement=statement_view(row), reason=row.reason))
    texts = select(ClaimRow.id, ClaimRow.text).where(ClaimRow.id.in_(claim_ids))
    claim_texts = {claim_id: text for claim_id, text in session.execute(texts)}
    result = []
    for claim_id in claim_ids:
        sides = [
            *(s.document.site for s in asserted[claim_id]),
            *(d.statement.document.site for d in denied[claim_id]),
        ]
        result.append(
            Dispute(
                claim_id=claim_id,
                claim=claim_texts[claim_id],
                asserted_by=asserted[claim_id],
                denied_by=denied[claim_id],
                sites=sorted({site for site in sides if site}),
            )
        )
    return result


def _denials_by(entity: str) -> Any:
    """The claims whose denials an entity spoke."""
    return (
        select(DisputeRow.claim_id)
        .join(
            StatementRow,
            and_(
                StatementRow.document_pk == DisputeRow.document_pk,
                StatementRow.local_id == DisputeRow.statement_local,
            ),
        )
        .where(speaker_condition(entity))
    )
