"""Statements, their claims and disputes: the part of a batch that `claims` decides.

Each statement joins the most similar stored or new claim at or above the threshold, found
through the claims' MinHash bands; a new claim is founded by its first statement, whose sign is
the claim's. A statement of the other sign denies its claim, and so does one that the analysis
links to a claim's statement as its denial.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from newsledger.corpus import convert
from newsledger.corpus.claims import (
    Signature,
    band_keys,
    decode_terms,
    encode_terms,
    similarity,
    vector_bytes,
    vector_from_bytes,
)
from newsledger.corpus.models import (
    ClaimBandRow,
    ClaimRow,
    DisputeRow,
    StatementRow,
    StatementSubjectRow,
)
from newsledger.corpus.resolve import name_key
from newsledger.corpus.store.bulk import KEY_CHARS, insert_rows, one_of, table_of
from newsledger.corpus.store.linking import Batch, Linker
from newsledger.schema import Statement


@dataclass
class _PendingStatement:
    pk: int
    statement: Statement
    values: dict[str, Any]
    signature: Signature
    bands: list[int]  # the signature's MinHash bands, empty when it is too short to compare
    # The content's vector where there are bands; empty where it is never compared.
    vector: NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    claim: int = 0


def save_statements(session: Session, batch: Batch, linker: Linker) -> None:
    pending: list[_PendingStatement] = []
    subjects: list[dict[str, Any]] = []
    for analysis, pk, local in zip(batch.analyses, batch.pks, batch.entity_ids, strict=True):
        mentions = sorted(
            (m.start, m.end, local[e.id]) for e in analysis.entities for m in e.mentions
        )
        starts = [start for start, _, _ in mentions]
        for position, statement in enumerate(analysis.statements):
            values = convert.statement_values(pk, position, statement)
            speaker = statement.speaker
            values["speaker_entity_id"] = local.get(speaker.entity) if speaker.entity else None
            values["speaker_key"] = name_key(speaker.text or "")[:KEY_CHARS] or None
            signature = linker.signer.sign(statement.content.text, statement.cue.text)
            pending.append(_PendingStatement(pk, statement, values, signature, []))
            content = statement.content
            inside = mentions[
                bisect_left(starts, content.start) : bisect_right(starts, content.end)
            ]
            about = {entity_id for _, end, entity_id in inside if end <= content.end}
            subjects.extend(
                {"document_pk": pk, "statement_local": statement.id, "entity_id": entity_id}
                for entity_id in sorted(about)
            )
    comparable = [item for item in pending if item.signature.comparable]
    keys = band_keys([item.signature.terms for item in comparable])
    vectors = linker.content_vectors.embed([item.statement.content.text for item in comparable])
    # At the precision the store keeps (`vector_bytes`): a claim then compares the same in the
    # batch that founds it and in every later one.
    vectors = vectors.astype(np.float16).astype(np.float32)
    for item, bands, vector in zip(comparable, keys, vectors, strict=True):
        item.bands, item.vector = bands, vector
    if not pending:
        return
    negative = _assign_claims(session, pending, linker)
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
    insert_rows(session, StatementRow, [p.values for p in pending])
    insert_rows(session, StatementSubjectRow, subjects)
    if disputes:
        rows = [
            {"claim_id": claim, "document_pk": pk, "statement_local": local, "reason": reason}
            for (claim, pk, local), reason in disputes.items()
        ]
        insert_rows(session, DisputeRow, rows)


def _assign_claims(
    session: Session, pending: list[_PendingStatement], linker: Linker
) -> dict[int, bool]:
    """Give each statement the most similar claim at or above the linker's threshold, or a new
    one.

    Returns each claim's sign (whether its first statement was negative).
    """
    threshold = linker.claim_similarity
    wanted = sorted({band for p in pending for band in p.bands})
    members = _band_members(session, wanted)
    signatures, vectors = _claim_signatures(
        session, sorted({c for found in members.values() for c in found})
    )
    new: dict[int, _PendingStatement] = {}
    for item in pending:
        signature, keys, vector = item.signature, item.bands, item.vector
        # The most similar candidate; on a tie, the oldest (stored before new, then in order).
        best, best_rank = 0, (0.0, (False, 0))
        for claim in set().union(*(members.get(key, ()) for key in keys)):
            score = similarity(signature, signatures[claim], (vector, vectors[claim]))
            if score >= threshold:
                rank = (-score, _age(claim))
                if best == 0 or rank < best_rank:
                    best, best_rank = claim, rank
        if best == 0:
            best = -(len(new) + 1)
            new[best] = item
            signatures[best] = signature
            vectors[best] = vector
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
    query = select(ClaimBandRow.band, ClaimBandRow.claim_id).where(
        one_of(session, ClaimBandRow.band, wanted)
    )
    for row in session.execute(query):
        members.setdefault(row.band, set()).add(row.claim_id)
    return members


def _claim_signatures(
    session: Session, claim_ids: list[int]
) -> tuple[dict[int, Signature], dict[int, NDArray[np.float32]]]:
    """The stored claims' signatures and vectors (all of them have bands, hence vectors)."""
    signatures: dict[int, Signature] = {}
    vectors: dict[int, NDArray[np.float32]] = {}
    query = select(
        ClaimRow.id, ClaimRow.terms, ClaimRow.numbers, ClaimRow.negative, ClaimRow.vector
    )
    for row in session.execute(query.where(one_of(session, ClaimRow.id, claim_ids))):
        terms, numbers = decode_terms(row.terms), decode_terms(row.numbers)
        signatures[row.id] = Signature(terms, numbers, row.negative)
        vectors[row.id] = vector_from_bytes(row.vector)
    return signatures, vectors


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
            "vector": vector_bytes(p.vector) if p.bands else None,
        }
        for p in founders
    ]
    claims = table_of(ClaimRow)
    statement = insert(claims).returning(claims.c.id, sort_by_parameter_order=True)
    ids = [row.id for row in session.connection().execute(statement, rows)]
    band_rows = [
        {"band": band, "claim_id": claim_id}
        for claim_id, p in zip(ids, founders, strict=True)
        for band in p.bands
    ]
    insert_rows(session, ClaimBandRow, band_rows)
    return {-(index + 1): claim_id for index, claim_id in enumerate(ids)}
