"""Read queries about documents: the stored analyses, related articles, and what the store holds."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from newsledger.corpus.claims import load_claim_words
from newsledger.corpus.convert import analysis_from_rows
from newsledger.corpus.models import (
    ClaimRow,
    DisputeRow,
    DocumentEntityRow,
    DocumentRow,
    EntityRow,
    EventRow,
    IncidentRow,
    LabelRow,
    StatementRow,
    TechniqueRow,
)
from newsledger.corpus.results import Related
from newsledger.corpus.store.common import DOCUMENT_COLUMNS, document_ref
from newsledger.errors import NotFound
from newsledger.schema import Analysis

# Related articles. A shared claim or incident counts like a rare shared entity. An entity in
# more than `COMMON_SHARE` of a large corpus ("United States") relates too much to mean anything,
# and only the document's `RARE_ENTITIES` rarest entities are followed, which bounds the work.
SHARED_CLAIM_WEIGHT = 5.0
SHARED_INCIDENT_WEIGHT = 5.0
TEXT_WEIGHT = 5.0
COMMON_SHARE = 0.2
COMMON_MIN_DOCUMENTS = 100
RARE_ENTITIES = 20
CANDIDATES = 50
_WORD = re.compile(r"[^\W\d_]{3,}")
_CHILDREN: tuple[Any, ...] = (DocumentEntityRow, StatementRow, EventRow, TechniqueRow, LabelRow)


def document_pk(*, session: Session, document_id: str) -> int:
    pk = session.scalar(select(DocumentRow.pk).where(DocumentRow.id == document_id))
    if pk is None:
        raise NotFound(f"no document with id {document_id!r} in the store")
    return pk


def load_analysis(*, session: Session, document_id: str) -> Analysis:
    """The stored analysis of one document, as it was ingested."""
    pk = document_pk(session=session, document_id=document_id)
    return next(_analyses(session, [pk]))


def iter_analyses(*, session: Session, batch_size: int = 200) -> Iterator[Analysis]:
    """Every stored analysis, in the order the documents were stored."""
    last = 0
    while True:
        query = select(DocumentRow.pk).where(DocumentRow.pk > last).order_by(DocumentRow.pk)
        pks = list(session.scalars(query.limit(batch_size)))
        if not pks:
            return
        yield from _analyses(session, pks)
        last = pks[-1]


def _analyses(session: Session, pks: Sequence[int]) -> Iterator[Analysis]:
    documents = session.scalars(
        select(DocumentRow).where(DocumentRow.pk.in_(pks)).order_by(DocumentRow.pk)
    )
    children: dict[type[Any], dict[int, list[Any]]] = {}
    for model in _CHILDREN:
        grouped: dict[int, list[Any]] = defaultdict(list)
        # Techniques carry their positions inside their spans.
        order = getattr(model, "position", model.document_pk)
        query = select(model).where(model.document_pk.in_(pks)).order_by(model.document_pk, order)
        for row in session.scalars(query):
            grouped[row.document_pk].append(row)
        children[model] = grouped
    for document in documents:
        yield analysis_from_rows(
            document,
            entities=children[DocumentEntityRow][document.pk],
            statements=children[StatementRow][document.pk],
            events=children[EventRow][document.pk],
            techniques=children[TechniqueRow][document.pk],
            labels=children[LabelRow][document.pk],
        )


def counts(*, session: Session) -> dict[str, int]:
    """How many of each thing the store holds."""
    models: dict[str, Any] = {
        "documents": DocumentRow,
        "entities": EntityRow,
        "statements": StatementRow,
        "claims": ClaimRow,
        "disputes": DisputeRow,
        "events": EventRow,
        "incidents": IncidentRow,
    }
    return {
        name: session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in models.items()
    }


def related_documents(*, session: Session, document_id: str, limit: int = 10) -> list[Related]:
    """Documents about the same things: shared rare entities, claims and incidents, then words.

    Candidates come from the links; the best `CANDIDATES` are then scored again with the cosine
    of their word counts, which also orders documents that share the same links.
    """
    pk = document_pk(session=session, document_id=document_id)
    total = session.scalar(select(func.count()).select_from(DocumentRow)) or 1
    weights = _entity_weights(session, pk, total)
    scores: dict[int, float] = defaultdict(float)
    shared_names: dict[int, list[int]] = defaultdict(list)
    if weights:
        query = select(DocumentEntityRow.document_pk, DocumentEntityRow.entity_id).where(
            DocumentEntityRow.entity_id.in_(list(weights)), DocumentEntityRow.document_pk != pk
        )
        for other, entity_id in session.execute(query.distinct()):
            scores[other] += weights[entity_id]
            shared_names[other].append(entity_id)
    claims = _shared(session, pk, StatementRow, "claim_id")
    incidents = _shared(session, pk, EventRow, "incident_id")
    for other, count in claims.items():
        scores[other] += SHARED_CLAIM_WEIGHT * count
    for other, count in incidents.items():
        scores[other] += SHARED_INCIDENT_WEIGHT * count
    best = sorted(scores, key=lambda other: (-scores[other], other))[:CANDIDATES]
    texts = _texts(session, [pk, *best])
    words = load_claim_words().stop_words
    mine = _word_counts(texts.get(pk, ""), words)
    similarity = {other: _cosine(mine, _word_counts(texts.get(other, ""), words)) for other in best}
    ranked = sorted(best, key=lambda o: (-(scores[o] + TEXT_WEIGHT * similarity[o]), o))[:limit]
    names = _entity_names(session, {e for o in ranked for e in shared_names[o]})
    documents = select(DocumentRow.pk, *DOCUMENT_COLUMNS).where(DocumentRow.pk.in_(ranked))
    refs = {row.pk: document_ref(row) for row in session.execute(documents)}
    return [
        Related(
            document=refs[other],
            score=round(scores[other] + TEXT_WEIGHT * similarity[other], 4),
            shared_entities=sorted(names[e] for e in shared_names[other]),
            shared_claims=claims.get(other, 0),
            shared_incidents=incidents.get(other, 0),
            text_similarity=round(similarity[other], 4),
        )
        for other in ranked
    ]


def _entity_weights(session: Session, pk: int, total: int) -> dict[int, float]:
    """Inverse document frequency of the document's rarest entities, common ones left out."""
    mine = select(DocumentEntityRow.entity_id).where(DocumentEntityRow.document_pk == pk)
    frequency = func.count(func.distinct(DocumentEntityRow.document_pk))
    query = (
        select(DocumentEntityRow.entity_id, frequency.label("n"))
        .where(DocumentEntityRow.entity_id.in_(mine))
        .group_by(DocumentEntityRow.entity_id)
    )
    common = max(COMMON_MIN_DOCUMENTS, COMMON_SHARE * total)
    found = [(row.n, row.entity_id) for row in session.execute(query) if 1 < row.n <= common]
    return {entity_id: math.log((total + 1) / n) for n, entity_id in sorted(found)[:RARE_ENTITIES]}


def _shared(session: Session, pk: int, model: Any, link: str) -> dict[int, int]:
    """Per other document, how many of this document's claims (or incidents) it shares.

    `link` is the column that holds them, `claim_id` or `incident_id`: a name from the caller.
    """
    mine, other = aliased(model), aliased(model)
    query = (
        select(other.document_pk, func.count(func.distinct(getattr(other, link))))
        .join(mine, getattr(mine, link) == getattr(other, link))
        .where(mine.document_pk == pk, other.document_pk != pk, getattr(mine, link).is_not(None))
        .group_by(other.document_pk)
    )
    return {key: value for key, value in session.execute(query)}


def _texts(session: Session, pks: list[int]) -> dict[int, str]:
    query = select(DocumentRow.pk, DocumentRow.title, DocumentRow.text).where(
        DocumentRow.pk.in_(pks)
    )
    return {row.pk: f"{row.title or ''}\n{row.text}" for row in session.execute(query)}


def _entity_names(session: Session, ids: set[int]) -> dict[int, str]:
    query = select(EntityRow.id, EntityRow.name).where(EntityRow.id.in_(sorted(ids)))
    return {key: value for key, value in session.execute(query)}


def _word_counts(text: str, stop_words: frozenset[str]) -> Counter[str]:
    return Counter(w for w in _WORD.findall(text.lower()) if w not in stop_words)


def _cosine(left: Counter[str], right: Counter[str]) -> float:
    if not left or not right:
        return 0.0
    dot = sum(count * right[word] for word, count in left.items() if word in right)
    norm = math.sqrt(sum(c * c for c in left.values())) * math.sqrt(
        sum(c * c for c in right.values())
    )
    return dot / norm
