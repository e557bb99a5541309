"""The Parquet tables a Spark run writes: one row per document, entity, statement, event and
technique span, each partitioned by the day the article was published, plus the analyses
themselves and the inputs that failed.

`analyses` keeps each document's whole analysis@1 JSON, so that `newsledger load` stores
exactly what `newsledger ingest` would have; the other tables are the same facts laid flat
for SQL engines (Spark SQL, DuckDB, Athena, BigQuery). The columns are documented in
`docs/analysis-schema.md`, "Parquet tables".
"""

from __future__ import annotations

import json
from typing import Any, Literal

from newsledger.corpus.convert import published_day
from newsledger.corpus.store.export import ColumnKind
from newsledger.schema import Analysis, Arg

Row = tuple[Any, ...]
TableName = Literal[
    "documents", "analyses", "entities", "statements", "events", "techniques", "failures"
]

# Every table of facts ends with `day` (YYYY-MM-DD, or null when the date is unknown), which
# Spark moves into the directory names (`day=2011-06-20/`); `failures` have no date.
TABLES: dict[TableName, dict[str, ColumnKind]] = {
    "documents": {
        "document_id": "str",
        "url": "str",
        "site": "str",
        "title": "str",
        "subtitle": "str",
        "section": "str",
        "published": "str",
        "language": "str",
        "characters": "int",
        "entities": "int",
        "statements": "int",
        "events": "int",
        "techniques": "int",
        "archive": "str",
        "day": "str",
    },
    # Each document's whole analysis@1 JSON, for `newsledger load`, in input order: by its
    # archive's line in the list, then its place among that archive's documents. Not split by
    # day, so that the files, read in name order, give the input order back.
    "analyses": {
        "document_id": "str",
        "archive_index": "int",
        "document_index": "int",
        "analysis": "str",
    },
    "entities": {
        "document_id": "str",
        "entity_id": "str",
        "name": "str",
        "type": "str",
        "aliases": "str",
        "mentions": "int",
        "labels": "str",
        "day": "str",
    },
    "statements": {
        "document_id": "str",
        "statement_id": "str",
        "speaker": "str",
        "speaker_kind": "str",
        "speaker_entity": "str",
        "cue": "str",
        "cue_start": "int",
        "cue_end": "int",
        "content": "str",
        "content_start": "int",
        "content_end": "int",
        "direct": "bool",
        "hedged": "bool",
        "relations": "str",
        "day": "str",
    },
    "events": {
        "document_id": "str",
        "event_id": "str",
        "actor": "str",
        "actor_entity": "str",
        "action": "str",
        "action_start": "int",
        "action_end": "int",
        "target": "str",
        "target_entity": "str",
        "category": "str",
        "negated": "bool",
        "modality": "str",
        "statement_id": "str",
        "when_text": "str",
        "when_value": "str",
        "place": "str",
        "quantities": "str",
        "evidence": "str",
        "day": "str",
    },
    "techniques": {
        "document_id": "str",
        "technique": "str",
        "start": "int",
        "end": "int",
        "text": "str",
        "score": "float",
        "day": "str",
    },
    # Inputs that could not be read or analysed: the archive record and the one-line reason.
    "failures": {"source": "str", "error": "str", "reason": "str"},
}


def analysis_rows(
    analysis: Analysis, archive: str, archive_index: int, document_index: int
) -> list[tuple[TableName, Row]]:
    """The rows of every table for one analysed document, each a tuple in column order."""
    document = analysis.document
    day = published_day(document.published)
    techniques = analysis.framing.techniques
    labels: dict[str, list[dict[str, Any]]] = {}
    for label in analysis.framing.labels:
        labels.setdefault(label.entity, []).append({"text": label.text, "count": label.count})
    rows: list[tuple[TableName, Row]] = [
        (
            "documents",
            (
                document.id,
                document.url,
                document.site,
                document.title,
                document.subtitle,
                _json(document.section),
                document.published,
                document.language,
                len(document.text),
                len(analysis.entities),
                len(analysis.statements),
                len(analysis.events),
                len(techniques),
                archive,
                day,
            ),
        ),
        ("analyses", (document.id, archive_index, document_index, analysis.to_json())),
    ]
    for entity in analysis.entities:
        rows.append(
            (
                "entities",
                (
                    document.id,
                    entity.id,
                    entity.name,
                    entity.type,
                    _json(entity.aliases),
                    len(entity.mentions),
                    _json(labels.get(entity.id, [])),
                    day,
                ),
            )
        )
    for statement in analysis.statements:
        speaker = statement.speaker
        rows.append(
            (
                "statements",
                (
                    document.id,
                    statement.id,
                    speaker.text,
                    speaker.kind,
                    speaker.entity,
                    statement.cue.text,
                    statement.cue.start,
                    statement.cue.end,
                    statement.content.text,
                    statement.content.start,
                    statement.content.end,
                    statement.direct,
                    statement.hedged,
                    _json([r.model_dump() for r in statement.relations]),
                    day,
                ),
            )
        )
    for event in analysis.events:
        rows.append(
            (
                "events",
                (
                    document.id,
                    event.id,
                    _text(event.actor),
                    _entity(event.actor),
                    event.action.lemma,
                    event.action.span.start,
                    event.action.span.end,
                    _text(event.target),
                    _entity(event.target),
                    event.category,
                    event.negated,
                    event.modality,
                    event.statement,
                    event.when.text if event.when else None,
                    event.when.value if event.when else None,
                    _text(event.where),
                    _json([q.model_dump() for q in event.quantities]),
                    event.evidence.text,
                    day,
                ),
            )
        )
    for technique in techniques:
        span = technique.span
        rows.append(
            (
                "techniques",
                (
                    document.id,
                    technique.technique,
                    span.start,
                    span.end,
                    span.text,
                    technique.score,
                    day,
                ),
            )
        )
    return rows


def failure_row(source: str | None, error: str, reason: str) -> tuple[TableName, Row]:
    return ("failures", (source, error, reason))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _text(arg: Arg | None) -> str | None:
    return arg.text if arg is not None else None


def _entity(arg: Arg | None) -> str | None:
    return arg.entity if arg is not None else None
