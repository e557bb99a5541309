"""Writing analyses: one batch of documents, with their cross-article links, in one transaction.

`save_analyses` is the only writer. It runs inside the caller's transaction
(`Database.transaction()`), so a batch is stored whole or not at all, and a rerun after a kill
stores the documents the killed run had not committed: a document is skipped by its id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Insert, Table, delete, exists, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from newsledger.analyze.aliases import AliasTable, load_alias_table, normalise
from newsledger.corpus import convert
from newsledger.corpus.claims import (
    Signature,
    Signer,
    bands,
    decode_terms,
    encode_terms,
    similarity,
)
from newsledger.corpus.models import (
    ClaimBandRow,
    ClaimRow,
    DisputeRow,
    DocumentEntityRow,
    DocumentRow,
    EntityNameRow,
    EntityRow,
    EventRow,
    IncidentRow,
    LabelRow,
    SectionRow,
    StatementRow,
    StatementSubjectRow,
    TechniqueRow,
)
from newsledger.corpus.resolve import (
    CanonicalName,
    IncidentKey,
    KnownEntities,
    canonical_name,
    family_of,
    incident_key,
)
from newsledger.schema import Analysis, Arg, Entity, Statement

# Bound parameters per IN list: SQLite allows 32,766 per statement.
CHUNK = 5000
KEY_CHARS = 255
DEFAULT_CLAIM_SIMILARITY = 0.6
NAME_CACHE = 200_000


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class Linker:
    """What linking needs besides the rows: the alias table, the claim signer, a threshold.

    Build one per ingest run; each holds only read-only tables and caches, never stored ids,
    since a batch that rolls back must leave nothing behind.
    """

    def __init__(
        self,
        aliases: AliasTable | None = None,
        signer: Signer | None = None,
        claim_similarity: float = DEFAULT_CLAIM_SIMILARITY,
    ) -> None:
        self.aliases = aliases if aliases is not None else load_alias_table()
        self.signer = signer if signer is not None else Signer()
        self.claim_similarity = claim_similarity
        self._names: dict[tuple[str, str, tuple[str, ...]], CanonicalName] = {}

    def canonical(self, entity: Entity) -> CanonicalName:
        """`resolve.canonical_name`, remembered: the same names recur in every batch, and
        folding every spelling of a table row is most of the cost of linking entities."""
        key = (entity.name, entity.type, tuple(entity.aliases))
        found = self._names.get(key)
        if found is None:
            if len(self._names) >= NAME_CACHE:
                self._names.clear()
            found = self._names[key] = canonical_name(entity, self.aliases)
        return found


@dataclass(frozen=True)
class SaveReport:
    stored: int = 0
    skipped: int = 0  # already in the store, and not asked to re-analyse
    replaced: int = 0  # already in the store, replaced (`--reanalyse`)


@dataclass
class _Batch:
    """The documents of one batch, with their pks and local-to-canonical entity maps."""

    analyses: list[Analysis]
    pks: list[int]
    entity_ids: list[dict[str, int]] = field(default_factory=list)


def stored_ids(*, session: Session, ids: Sequence[str]) -> set[str]:
    """Those of `ids` that are already stored."""
    found: set[str] = set()
    for chunk in chunks(list(ids)):
        found.update(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(chunk))))
    return found


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
        _insert(session, DocumentRow, [convert.document_values(a) for a in todo])
        pks = _pks(session, [a.document.id for a in todo])
        batch = _Batch(todo, [pks[a.document.id] for a in todo])
        _save_entities(session, batch, linker)
        _save_sections(session, batch)
        _save_statements(session, batch, linker)
        _save_events(session, batch)
        _save_framing(session, batch)
    replaced = len(existing) if reanalyse else 0
    skipped = len(analyses) - len(todo)
    return SaveReport(stored=len(todo) - replaced, skipped=skipped, replaced=replaced)


def _pks(session: Session, ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(ids):
        query = select(DocumentRow.id, DocumentRow.pk).where(DocumentRow.id.in_(chunk))
        found.update((row.id, row.pk) for row in session.execute(query))
    return found


def delete_documents(*, session: Session, ids: Sequence[str]) -> None:
    """Remove documents with all their rows, and the claims and incidents left without any."""
    for chunk in chunks(list(ids)):
        pks = select(DocumentRow.pk).where(DocumentRow.id.in_(chunk)).scalar_subquery()
        claims = set(
            session.scalars(select(StatementRow.claim_id).where(StatementRow.document_pk.in_(pks)))
        )
        incidents = set(
            session.scalars(select(EventRow.incident_id).where(EventRow.document_pk.in_(pks)))
        )
        session.execute(delete(DocumentRow).where(DocumentRow.id.in_(chunk)))
        _delete_unused_claims(session, sorted(claims))
        _delete_unused_incidents(session, sorted(i for i in incidents if i is not None))


def _delete_unused_claims(session: Session, claim_ids: list[int]) -> None:
    for chunk in chunks(claim_ids):
        used = exists().where(StatementRow.claim_id == ClaimRow.id)
        disputed = exists().where(DisputeRow.claim_id == ClaimRow.id)
        unused = select(ClaimRow.id).where(ClaimRow.id.in_(chunk), ~used, ~disputed)
        orphans = list(session.scalars(unused))
        session.execute(delete(ClaimBandRow).where(ClaimBandRow.claim_id.in_(orphans)))
        session.execute(delete(ClaimRow).where(ClaimRow.id.in_(orphans)))


def _delete_unused_incidents(session: Session, incident_ids: list[int]) -> None:
    for chunk in chunks(incident_ids):
        used = exists().where(EventRow.incident_id == IncidentRow.id)
        session.execute(delete(IncidentRow).where(IncidentRow.id.in_(chunk), ~used))


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


def _insert(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    _executemany(session, insert(_table(model)), rows)


def _insert_new(
    session: Session, model: type[Any], rows: list[dict[str, Any]], key: list[str]
) -> None:
    """Insert rows, leaving out those whose `key` columns another writer stored meanwhile."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    _executemany(
        session, dialect.insert(_table(model)).on_conflict_do_nothing(index_elements=key), rows
    )


def _executemany(session: Session, statement: Insert, rows: list[dict[str, Any]]) -> None:
    """One INSERT for many rows, compiled by SQLAlchemy and handed to the driver as it is.

    The rows hold plain values (JSON is already text), so SQLAlchemy's per-row parameter
    processing, a fifth of a batch's time, has nothing to do; its ORM bulk path would even
    split a batch into one statement per pattern of None values.
    """
    if not rows:
        return
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect, column_keys=list(rows[0]))
    order = compiled.positiontup
    parameters = rows if order is None else [tuple(row[key] for key in order) for row in rows]
    connection.exec_driver_sql(str(compiled), parameters)


def _ids_by_key(session: Session, model: type[Any], keys: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(list(keys)):
        for row in session.execute(select(model.id, model.key).where(model.key.in_(chunk))):
            found[row.key] = row.id
    return found


def _save_entities(session: Session, batch: _Batch, linker: Linker) -> None:
    """Link every article entity to a canonical entity (see `resolve`), creating what is new."""
    names = [[linker.canonical(entity) for entity in a.entities] for a in batch.analyses]
    flat = [name for document in names for name in document]
    known = KnownEntities(by_key=_ids_by_key(session, EntityRow, sorted({n.key for n in flat})))
    stored_names: set[tuple[str, int]] = set()
    name_keys = sorted({key for name in flat for key, _ in name.names})
    for chunk in chunks(name_keys):
        query = (
            select(EntityNameRow.key, EntityNameRow.entity_id, EntityRow.type)
            .join(EntityRow, EntityRow.id == EntityNameRow.entity_id)
            .where(EntityNameRow.key.in_(chunk))
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
    _insert_new(session, EntityRow, entity_rows, ["key"])
    real = _ids_by_key(session, EntityRow, [n.key for n in created.values()])
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
    _insert_new(session, EntityNameRow, list(name_rows.values()), ["entity_id", "key"])
    if entity_rows_of_documents:
        _insert(session, DocumentEntityRow, entity_rows_of_documents)


def _save_sections(session: Session, batch: _Batch) -> None:
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
    if rows:
        _insert(session, SectionRow, rows)


@dataclass
class _PendingStatement:
    pk: int
    statement: Statement
    values: dict[str, Any]
    signature: Signature
    claim: int = 0


def _save_statements(session: Session, batch: _Batch, linker: Linker) -> None:
    pending: list[_PendingStatement] = []
    subjects: list[dict[str, Any]] = []
    for analysis, pk, local in zip(batch.analyses, batch.pks, batch.entity_ids, strict=True):
        mentions = [(local[e.id], m.start, m.end) for e in analysis.entities for m in e.mentions]
        for position, statement in enumerate(analysis.statements):
            values = convert.statement_values(pk, position, statement)
            speaker = statement.speaker
            values["speaker_entity_id"] = local.get(speaker.entity) if speaker.entity else None
            values["speaker_key"] = normalise(speaker.text or "")[:KEY_CHARS] or None
            signature = linker.signer.sign(statement.content.text, statement.cue.text)
            pending.append(_PendingStatement(pk, statement, values, signature))
            content = statement.content
            about = {
                e for e, start, end in mentions if start >= content.start and end <= content.end
            }
            subjects.extend(
                {"document_pk": pk, "statement_local": statement.id, "entity_id": entity_id}
                for entity_id in sorted(about)
            )
    if not pending:
        return
    negative = _assign_claims(session, pending, linker.claim_similarity)
    disputes: dict[tuple[int, int, str], str] = {}
    claim_of = {(p.pk, p.statement.id): p.claim for p in pending}
    for item in pending:
        denies = item.signature.negative != negative[item.claim]
        item.values["claim_id"] = item.claim
        item.values["stance"] = "denies" if denies else "asserts"
        if denies:
            disputes[(item.claim, item.pk, item.statement.id)] = "contradicts"
        for relation in item.statement.relations:
            target = claim_of.get((item.pk, relation.statement))
            if relation.type == "denies" and target is not None:
                disputes[(target, item.pk, item.statement.id)] = "denies"
    _insert(session, StatementRow, [p.values for p in pending])
    if subjects:
        _insert(session, StatementSubjectRow, subjects)
    if disputes:
        rows = [
            {"claim_id": claim, "document_pk": pk, "statement_local": local, "reason": reason}
            for (claim, pk, local), reason in disputes.items()
        ]
        _insert(session, DisputeRow, rows)


def _assign_claims(
    session: Session, pending: list[_PendingStatement], threshold: float
) -> dict[int, bool]:
    """Give each statement the most similar claim at or above `threshold`, or a new one.

    Returns each claim's sign (whether its first statement was negative).
    """
    wanted = sorted(
        {band for p in pending if p.signature.comparable for band in bands(p.signature.terms)}
    )
    members = _band_members(session, wanted)
    signatures = _claim_signatures(
        session, sorted({c for found in members.values() for c in found})
    )
    new: dict[int, _PendingStatement] = {}
    for item in pending:
        signature = item.signature
        keys = bands(signature.terms) if signature.comparable else []
        # The most similar candidate; on a tie, the oldest (stored before new, then in order).
        best, best_score = 0, -1.0
        for claim in sorted({c for key in keys for c in members.get(key, ())}, key=_age):
            score = similarity(signature, signatures[claim])
            if score >= threshold and score > best_score:
                best, best_score = claim, score
        if best == 0:
            best = -(len(new) + 1)
            new[best] = item
            signatures[best] = signature
            for key in keys:
                members.setdefault(key, set()).add(best)
        item.claim = best
    real = _insert_claims(session, list(new.values()))
    for item in pending:
        item.claim = real.get(item.claim, item.claim)
    return {real.get(claim, claim): s.negative for claim, s in signatures.items()}


def _band_members(session: Session, wanted: list[int]) -> dict[int, set[int]]:
    """The stored claims in each of the `wanted` bands."""
    members: dict[int, set[int]] = {}
    for chunk in chunks(wanted):
        query = select(ClaimBandRow.band, ClaimBandRow.claim_id).where(ClaimBandRow.band.in_(chunk))
        for row in session.execute(query):
            members.setdefault(row.band, set()).add(row.claim_id)
    return members


def _claim_signatures(session: Session, claim_ids: list[int]) -> dict[int, Signature]:
    signatures: dict[int, Signature] = {}
    for chunk in chunks(claim_ids):
        query = select(ClaimRow.id, ClaimRow.terms, ClaimRow.numbers, ClaimRow.negative)
        for row in session.execute(query.where(ClaimRow.id.in_(chunk))):
            terms, numbers = decode_terms(row.terms), decode_terms(row.numbers)
            signatures[row.id] = Signature(terms, numbers, row.negative)
    return signatures


def _age(claim_id: int) -> tuple[bool, int]:
    return (claim_id < 0, abs(claim_id))


def _insert_claims(session: Session, founders: list[_PendingStatement]) -> dict[int, int]:
    """Store new claims, founded by their first statement; placeholder id -> stored id."""
    if not founders:
        return {}
    rows = [
        {
            "text": p.statement.content.text,
            "terms": encode_terms(p.signature.terms),
            "numbers": encode_terms(p.signature.numbers),
            "negative": p.signature.negative,
        }
        for p in founders
    ]
    claims = _table(ClaimRow)
    statement = insert(claims).returning(claims.c.id, sort_by_parameter_order=True)
    ids = [row.id for row in session.connection().execute(statement, rows)]
    band_rows = [
        {"band": band, "claim_id": claim_id}
        for claim_id, p in zip(ids, founders, strict=True)
        if p.signature.comparable
        for band in bands(p.signature.terms)
    ]
    if band_rows:
        _insert(session, ClaimBandRow, band_rows)
    return {-(index + 1): claim_id for index, claim_id in enumerate(ids)}


def _save_events(session: Session, batch: _Batch) -> None:
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
    _insert_new(session, IncidentRow, list(incident_rows.values()), ["key"])
    incidents = _ids_by_key(session, IncidentRow, list(incident_rows))
    for values, key in zip(rows, keys, strict=True):
        values["incident_id"] = incidents[key.key] if key else None
    _insert(session, EventRow, rows)


def _entity_of(arg: Arg | None, local: dict[str, int]) -> int | None:
    return local.get(arg.entity) if arg is not None and arg.entity is not None else None


def _save_framing(session: Session, batch: _Batch) -> None:
    techniques: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for analysis, pk, local in zip(batch.analyses, batch.pks, batch.entity_ids, strict=True):
        framing = analysis.framing
        techniques.extend(
            convert.technique_values(pk, position, technique)
            for position, technique in enumerate(framing.techniques)
        )
        labels.extend(
            convert.label_values(pk, position, label, local.get(label.entity))
            for position, label in enumerate(framing.labels)
        )
    if techniques:
        _insert(session, TechniqueRow, techniques)
    if labels:
        _insert(session, LabelRow, labels)
