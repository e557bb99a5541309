"""Writing analyses: one batch of documents, with their cross-article links, in one transaction.

`save_analyses` is the only writer. It runs inside the caller's transaction
(`Database.transaction()`), so a batch is stored whole or not at all, and a rerun after a kill
stores the documents the killed run had not committed: a document is skipped by its id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from newsledger.corpus import convert
from newsledger.corpus.models import (
    ClaimBandRow,
    ClaimRow,
    DisputeRow,
    DocumentEntityRow,
    DocumentRow,
    EntityNameRow,
    EntityRow,
    EventRow,
    FacetRow,
    FacetSetRow,
    FacetValueRow,
    IncidentRow,
    LabelRow,
    SectionRow,
    StatementRow,
    TechniqueRow,
)
from newsledger.corpus.resolve import (
    IncidentKey,
    KnownEntities,
    family_of,
    incident_key,
)
from newsledger.corpus.store.bulk import KEY_CHARS, ids_by_key, insert_new, insert_rows, one_of
from newsledger.corpus.store.claim_rows import save_statements
from newsledger.corpus.store.common import facet_codes, facet_key
from newsledger.corpus.store.linking import Batch, Linker
from newsledger.schema import Analysis, Arg


@dataclass(frozen=True)
class SaveReport:
    stored: int = 0
    skipped: int = 0  # already in the store, and not asked to re-analyse
    replaced: int = 0  # already in the store, replaced (`--reanalyse`)


def stored_ids(*, session: Session, ids: Sequence[str]) -> set[str]:
    """Those of `ids` that are already stored."""
    return set(session.scalars(select(DocumentRow.id).where(one_of(session, DocumentRow.id, ids))))


def save_analyses(
    *, session: Session, analyses: Sequence[Analysis], linker: Linker, reanalyse: bool = False
) -> SaveReport:
    """Store a batch of analyses and link them to the rest of the corpus.

    A document already stored is skipped, or replaced with `reanalyse`; the first of two
    analyses of one document in a batch wins.
    """
    unique: dict[str, Analysis] = {}
    for analysis in analyses:
        unique.setdefault(analysis.document.id, analysis)
    existing = stored_ids(session=session, ids=list(unique))
    if reanalyse and existing:
        delete_documents(session=session, ids=sorted(existing))
    todo = [a for a in unique.values() if reanalyse or a.document.id not in existing]
    if todo:
        # Insert, then read the keys back: RETURNING would run one statement per document.
        insert_rows(session, DocumentRow, [convert.document_values(a) for a in todo])
        pks = _pks(session, [a.document.id for a in todo])
        batch = Batch(todo, [pks[a.document.id] for a in todo])
        _save_entities(session, batch, linker)
        _save_sections(session, batch)
        save_statements(session, batch, linker)
        _save_events(session, batch)
        _save_framing(session, batch)
        _save_facets(session, batch)
    replaced = len(existing) if reanalyse else 0
    skipped = len(analyses) - len(todo)
    return SaveReport(stored=len(todo) - replaced, skipped=skipped, replaced=replaced)


def _pks(session: Session, ids: list[str]) -> dict[str, int]:
    query = select(DocumentRow.id, DocumentRow.pk).where(one_of(session, DocumentRow.id, ids))
    return {row.id: row.pk for row in session.execute(query)}


def delete_documents(*, session: Session, ids: Sequence[str]) -> None:
    """Remove documents with all their rows, and the claims and incidents left without any."""
    pks = select(DocumentRow.pk).where(one_of(session, DocumentRow.id, ids)).scalar_subquery()
    claims = set(
        session.scalars(select(StatementRow.claim_id).where(StatementRow.document_pk.in_(pks)))
    )
    incidents = set(
        session.scalars(select(EventRow.incident_id).where(EventRow.document_pk.in_(pks)))
    )
    session.execute(delete(DocumentRow).where(one_of(session, DocumentRow.id, ids)))
    _delete_unused_claims(session, sorted(claims))
    _delete_unused_incidents(session, sorted(i for i in incidents if i is not None))


def _delete_unused_claims(session: Session, claim_ids: list[int]) -> None:
    used = exists().where(StatementRow.claim_id == ClaimRow.id)
    disputed = exists().where(DisputeRow.claim_id == ClaimRow.id)
    unused = select(ClaimRow.id).where(one_of(session, ClaimRow.id, claim_ids), ~used, ~disputed)
    orphans = list(session.scalars(unused))
    session.execute(delete(ClaimBandRow).where(one_of(session, ClaimBandRow.claim_id, orphans)))
    session.execute(delete(ClaimRow).where(one_of(session, ClaimRow.id, orphans)))


def _delete_unused_incidents(session: Session, incident_ids: list[int]) -> None:
    used = exists().where(EventRow.incident_id == IncidentRow.id)
    session.execute(delete(IncidentRow).where(one_of(session, IncidentRow.id, incident_ids), ~used))


def _save_entities(session: Session, batch: Batch, linker: Linker) -> None:
    """Link every article entity to a canonical entity (see `resolve`), creating what is new."""
    names = [[linker.canonical(entity) for entity in a.entities] for a in batch.analyses]
    flat = [name for document in names for name in document]
    known = KnownEntities(by_key=ids_by_key(session, EntityRow, sorted({n.key for n in flat})))
    stored_names: set[tuple[str, int]] = set()
    name_keys = sorted({key for name in flat for key, _ in name.names})
    query = (
        select(EntityNameRow.key, EntityNameRow.entity_id, EntityRow.type)
        .join(EntityRow, EntityRow.id == EntityNameRow.entity_id)
        .where(one_of(session, EntityNameRow.key, name_keys))
    )
    for row in session.execute(query):
        known.add_name(row.key, row.entity_id, family_of(row.type))
        stored_names.add((row.key, row.entity_id))
    resolved = [[known.resolve(name) for name in document] for document in names]
    created = {
        entity_id: name
        for document, found in zip(names, resolved, strict=True)
        for name, (entity_id, new) in zip(document, found, strict=True)
        if new
    }
    entity_rows = [{"key": n.key, "name": n.name, "type": n.type} for n in created.values()]
    insert_new(session, EntityRow, entity_rows, ["key"])
    real = ids_by_key(session, EntityRow, [n.key for n in created.values()])
    placeholders = {entity_id: real[name.key] for entity_id, name in created.items()}
    name_rows: dict[tuple[str, int], dict[str, Any]] = {}
    entity_rows_of_documents = []
    for analysis, pk, document, found in zip(
        batch.analyses, batch.pks, names, resolved, strict=True
    ):
        local: dict[str, int] = {}
        for position, (entity, name, (entity_id, _)) in enumerate(
            zip(analysis.entities, document, found, strict=True)
        ):
            entity_id = placeholders.get(entity_id, entity_id)
            local[entity.id] = entity_id
            entity_rows_of_documents.append(convert.entity_values(pk, position, entity, entity_id))
            for key, spelling in name.names:
                pair = (key[:KEY_CHARS], entity_id)
                if pair not in stored_names and pair not in name_rows:
                    name_rows[pair] = {"entity_id": entity_id, "key": pair[0], "name": spelling}
        batch.entity_ids.append(local)
    insert_new(session, EntityNameRow, list(name_rows.values()), ["entity_id", "key"])
    insert_rows(session, DocumentEntityRow, entity_rows_of_documents)
    ids = sorted({entity_id for local in batch.entity_ids for entity_id in local.values()})
    named = select(EntityRow.id, EntityRow.name).where(one_of(session, EntityRow.id, ids))
    batch.entity_names.update((row.id, row.name) for row in session.execute(named))


def _save_sections(session: Session, batch: Batch) -> None:
    rows = [
        {
            "document_pk": pk,
            "position": position,
            "name": name,
            "key": convert.section_key(name)[:KEY_CHARS],
        }
        for analysis, pk in zip(batch.analyses, batch.pks, strict=True)
        for position, name in enumerate(analysis.document.section)
    ]
    insert_rows(session, SectionRow, rows)


def _save_events(session: Session, batch: Batch) -> None:
    rows = []
    keys: list[IncidentKey | None] = []
    for analysis, pk, local in zip(batch.analyses, batch.pks, batch.entity_ids, strict=True):
        for position, event in enumerate(analysis.events):
            values = convert.event_values(pk, position, event)
            values["actor_entity_id"] = _entity_of(event.actor, local)
            values["target_entity_id"] = _entity_of(event.target, local)
            keys.append(incident_key(event, local))
            rows.append(values)
    if not rows:
        return
    incident_rows = {k.key: {"key": k.key, "category": k.category, "day": k.day} for k in keys if k}
    insert_new(session, IncidentRow, list(incident_rows.values()), ["key"])
    incidents = ids_by_key(session, IncidentRow, list(incident_rows))
    for values, key in zip(rows, keys, strict=True):
        values["incident_id"] = incidents[key.key] if key else None
    insert_rows(session, EventRow, rows)


def _entity_of(arg: Arg | None, local: dict[str, int]) -> int | None:
    return local.get(arg.entity) if arg is not None and arg.entity is not None else None


def _save_framing(session: Session, batch: Batch) -> None:
    techniques: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for analysis, pk, local in zip(batch.analyses, batch.pks, batch.entity_ids, strict=True):
        framing = analysis.framing
        techniques.extend(convert.technique_values(pk, framing.techniques))
        labels.extend(
            convert.label_values(pk, position, label, local.get(label.entity))
            for position, label in enumerate(framing.labels)
        )
    insert_rows(session, TechniqueRow, techniques)
    insert_rows(session, LabelRow, labels)


def _save_facets(session: Session, batch: Batch) -> None:
    """Each document's facet values, one row each (see `models.FacetRow`), and all of them
    in one (`models.FacetSetRow`)."""
    facet_keys: dict[int, set[tuple[str, str]]] = {}
    for analysis, pk, local in zip(batch.analyses, batch.pks, batch.entity_ids, strict=True):
        document = analysis.document
        names = batch.entity_names
        values = {
            ("site", document.site),
            ("year", (convert.published_day(document.published) or "")[:4]),
            *(("section", name) for name in document.section),
            *(("entity", names[entity_id]) for entity_id in local.values()),
            *(("category", event.category) for event in analysis.events),
            *(("technique", found.technique) for found in analysis.framing.techniques),
            *(
                ("speaker", names[local[statement.speaker.entity]])
                for statement in analysis.statements
                if statement.speaker.entity in local
            ),
        }
        facet_keys[pk] = {(facet, facet_key(facet, value)) for facet, value in values if value}
    keys = sorted({key for pairs in facet_keys.values() for _, key in pairs})
    insert_new(session, FacetValueRow, [_facet_value(key) for key in keys], ["key"])
    ids = ids_by_key(session, FacetValueRow, keys)
    insert_rows(
        session,
        FacetRow,
        [
            {"document_pk": pk, "value_id": ids[key]}
            for pk, pairs in facet_keys.items()
            for _, key in sorted(pairs)
        ],
    )
    insert_rows(
        session,
        FacetSetRow,
        [
            {"document_pk": pk, "codes": facet_codes((facet, ids[key]) for facet, key in pairs)}
            for pk, pairs in facet_keys.items()
        ],
    )


def _facet_value(key: str) -> dict[str, str]:
    facet, value = key.split(":", 1)
    return {"key": key, "facet": facet, "value": value}
