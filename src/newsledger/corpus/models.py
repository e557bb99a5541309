"""The store's tables as SQLAlchemy rows. They map to the analysis contract; they are not it.

Per-document rows keep the contract's local ids (`e1`, `s3`) so that `corpus.convert` rebuilds
each `Analysis` exactly; the cross-article rows (`entities`, `claims`, `incidents`) are what
ingest adds on top, and per-document rows point at them. Spans and other nested parts that no
query filters on are stored as JSON text, which `convert` writes and reads: serialising there,
once per value, is a third of the cost of SQLAlchemy's JSON type on a batch insert.

The reader's accounts (users, their login sessions, their notes) live here too, so that one
metadata describes the whole store. The migrations in `corpus/migrations/versions` create these
tables; a test checks that the two agree. Full-text search lives outside these models because it
differs by backend: an FTS5 table on SQLite, a generated `tsvector` column on PostgreSQL (both
made by the migrations).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column

# A column of JSON text (see the module docstring); absent parts are SQL NULL.
JsonText = Text


def _document_key() -> MappedColumn[Any]:
    """The owning document, part of the row's key: rows of a document go with it, so that
    `--reanalyse` and deletes never leave orphans."""
    return mapped_column(ForeignKey("documents.pk", ondelete="CASCADE"), primary_key=True)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    # An integer key keeps child rows small and gives FTS5 a stable rowid.
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(String(255), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    section: Mapped[str] = mapped_column(JsonText)
    published: Mapped[str | None] = mapped_column(String(64))
    # The first ten characters of an ISO `published`, so a date range is a string comparison.
    published_day: Mapped[str | None] = mapped_column(String(10), index=True)
    language: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    removed: Mapped[str] = mapped_column(JsonText)
    sourcing: Mapped[str] = mapped_column(JsonText)


class SectionRow(Base):
    __tablename__ = "document_sections"

    document_pk: Mapped[int] = _document_key()
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(255))

    __table_args__ = (Index("ix_document_sections_key", "key", "document_pk"),)


class EntityRow(Base):
    """A canonical actor across articles."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(32))


class EntityNameRow(Base):
    """One spelling of a canonical entity, by its normalised key: how "MKO" finds the MEK."""

    __tablename__ = "entity_names"

    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    name: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_entity_names_key", "key"),)


class DocumentEntityRow(Base):
    """One entity of one article, as the analysis gave it, linked to its canonical entity."""

    __tablename__ = "document_entities"

    document_pk: Mapped[int] = _document_key()
    local_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(32))
    aliases: Mapped[str] = mapped_column(JsonText)
    mentions: Mapped[str] = mapped_column(JsonText)
    mention_count: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_document_entities_entity", "entity_id", "document_pk"),)


class ClaimRow(Base):
    """Statements whose contents say the same thing, across articles."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    text: Mapped[str] = mapped_column(Text)
    # The signature `claims.similarity` compares: space-separated stems and numbers.
    terms: Mapped[str] = mapped_column(Text)
    numbers: Mapped[str] = mapped_column(Text)
    # Whether the first statement of the claim said it in the negative.
    negative: Mapped[bool] = mapped_column(Boolean)
    # The `claims.ContentVectors` vector of `text` (`claims.vector_bytes`), where the claim has
    # bands: only those are ever compared.
    vector: Mapped[bytes | None] = mapped_column(LargeBinary)


class ClaimBandRow(Base):
    """Locality-sensitive hash bands of a claim's terms: the index that finds candidate claims."""

    __tablename__ = "claim_bands"

    band: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )


class StatementRow(Base):
    __tablename__ = "statements"

    document_pk: Mapped[int] = _document_key()
    local_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    speaker_span: Mapped[str | None] = mapped_column(JsonText)
    speaker_local: Mapped[str | None] = mapped_column(String(64))
    speaker_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    # The normalised speaker words, so "officials" can be searched without an entity.
    speaker_key: Mapped[str | None] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str] = mapped_column(JsonText)
    content: Mapped[str] = mapped_column(JsonText)
    direct: Mapped[bool] = mapped_column(Boolean)
    hedged: Mapped[bool] = mapped_column(Boolean)
    relations: Mapped[str] = mapped_column(JsonText)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    # "asserts" or "denies": how this statement stands to its claim.
    stance: Mapped[str] = mapped_column(String(16))

    __table_args__ = (
        Index("ix_statements_speaker_entity", "speaker_entity_id", "document_pk"),
        Index("ix_statements_speaker_key", "speaker_key", "document_pk"),
    )


class StatementSubjectRow(Base):
    """An entity mentioned inside a statement's content: what the statement is about."""

    __tablename__ = "statement_subjects"

    document_pk: Mapped[int] = _document_key()
    statement_local: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), primary_key=True)

    __table_args__ = (Index("ix_statement_subjects_entity", "entity_id"),)


class DisputeRow(Base):
    """A statement that denies a claim, in its own article or another."""

    __tablename__ = "disputes"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    document_pk: Mapped[int] = _document_key()
    statement_local: Mapped[str] = mapped_column(String(64), primary_key=True)
    # "denies" (the analysis linked the two statements) or "contradicts" (same words, other sign).
    reason: Mapped[str] = mapped_column(String(16))

    __table_args__ = (Index("ix_disputes_document", "document_pk"),)


class IncidentRow(Base):
    """Events from any article whose actor, category, target and date agree."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    category: Mapped[str] = mapped_column(String(64))
    day: Mapped[str] = mapped_column(String(64))


class EventRow(Base):
    __tablename__ = "events"

    document_pk: Mapped[int] = _document_key()
    local_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str | None] = mapped_column(JsonText)
    actor_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    action_lemma: Mapped[str] = mapped_column(String(255))
    action_span: Mapped[str] = mapped_column(JsonText)
    target: Mapped[str | None] = mapped_column(JsonText)
    target_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    category: Mapped[str | None] = mapped_column(String(64))
    negated: Mapped[bool] = mapped_column(Boolean)
    modality: Mapped[str] = mapped_column(String(16))
    statement_local: Mapped[str | None] = mapped_column(String(64))
    when_text: Mapped[str | None] = mapped_column(Text)
    when_value: Mapped[str | None] = mapped_column(String(64))
    where: Mapped[str | None] = mapped_column(JsonText)
    quantities: Mapped[str] = mapped_column(JsonText)
    evidence: Mapped[str] = mapped_column(JsonText)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)

    # With the document key, an actor's latest events are an index range, not a sort.
    __table_args__ = (
        Index("ix_events_category", "category", "document_pk"),
        Index("ix_events_actor", "actor_entity_id", "document_pk"),
        Index("ix_events_target", "target_entity_id", "document_pk"),
    )


class TechniqueRow(Base):
    """The spans of one technique in one article, in one row.

    A tagger may mark hundreds of spans in an article; one row per technique keeps filters and
    facets to at most 14 rows a document. `spans` holds `[position, start, end, score]` per
    span, its position in the analysis's list and its offsets (the text is the document's).
    """

    __tablename__ = "techniques"

    document_pk: Mapped[int] = _document_key()
    technique: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    spans: Mapped[str] = mapped_column(JsonText)

    __table_args__ = (Index("ix_techniques_technique", "technique", "document_pk"),)


class FacetValueRow(Base):
    """One value of one facet: site, section, year, entity or speaker (a canonical name),
    category (of an event), technique."""

    __tablename__ = "facet_values"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # "facet:value", the one unique column that `ingest` looks values up by.
    key: Mapped[str] = mapped_column(String(300), unique=True)
    facet: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(255))


class FacetRow(Base):
    """A facet value of a document, derived at ingest from its other rows.

    Counting facets is one GROUP BY over these integer pairs, three times faster than over the
    names themselves, and what keeps a faceted search on a large store within its time.
    """

    __tablename__ = "facets"

    document_pk: Mapped[int] = _document_key()
    value_id: Mapped[int] = mapped_column(ForeignKey("facet_values.id"), primary_key=True)
    # The documents of one value, newest last: how search filters by category and technique.
    __table_args__ = (Index("ix_facets_value", "value_id", "document_pk"),)


class FacetSetRow(Base):
    """All facet values of a document in one value (see `store.common.facet_codes`).

    Counting facets over a search's newest thousand documents reads a thousand of these
    instead of some fifty thousand `facets` rows, and knows each value's facet without a join.
    """

    __tablename__ = "facet_sets"

    document_pk: Mapped[int] = _document_key()
    codes: Mapped[bytes] = mapped_column(LargeBinary)


class LabelRow(Base):
    """What one article calls one entity, and how often."""

    __tablename__ = "labels"

    document_pk: Mapped[int] = _document_key()
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_local: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    count: Mapped[int] = mapped_column(Integer)


class UserRow(Base):
    """A reader account; the password arrives hashed (argon2, in `web.auth`)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    created: Mapped[str] = mapped_column(String(32))


class LoginRow(Base):
    """A logged-in browser: the SHA-256 of its cookie's token, until it expires or logs out."""

    __tablename__ = "login_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created: Mapped[str] = mapped_column(String(32))
    expires: Mapped[str] = mapped_column(String(32), index=True)


class NoteRow(Base):
    """An analyst's note on an article, or on one of its statements or events.

    It names its document by the contract's `document.id`, not the row key, and has no foreign
    key to it: notes outlive `--reanalyse`, which replaces the document's rows.
    """

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(64))
    target_kind: Mapped[str] = mapped_column(String(16))
    # The statement's or event's local id (`s3`, `v2`); empty for the article itself.
    target_id: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[str] = mapped_column(String(32))

    __table_args__ = (Index("ix_notes_document", "document_id", "id"),)
