"""The first schema: documents and their analyses, canonical entities, claims, incidents, search.

Revision ID: 0001
Revises: none
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

# Search differs by backend. SQLite: an FTS5 table over the documents' title and text, kept in
# step by triggers (external content, so the text is stored once); the Porter stemmer makes
# "attacks" find "attacked", as PostgreSQL's English configuration does.
SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE document_fts USING fts5(title, text, content='documents',"
    " content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
    " INSERT INTO document_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
    " INSERT INTO document_fts(document_fts, rowid, title, text)"
    " VALUES ('delete', old.pk, old.title, old.text); END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN"
    " INSERT INTO document_fts(document_fts, rowid, title, text)"
    " VALUES ('delete', old.pk, old.title, old.text);"
    " INSERT INTO document_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
)
# PostgreSQL: a generated tsvector, the title weighted above the body, under a GIN index.
POSTGRES_SEARCH = (
    "ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS"
    " (setweight(to_tsvector('english', coalesce(title, '')), 'A')"
    " || setweight(to_tsvector('english', text), 'B')) STORED",
    "CREATE INDEX ix_documents_search ON documents USING gin (search)",
)


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("numbers", sa.Text(), nullable=False),
        sa.Column("negative", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("site", sa.String(length=255), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("subtitle", sa.Text(), nullable=True),
        sa.Column("section", sa.Text(), nullable=False),
        sa.Column("published", sa.String(length=64), nullable=True),
        sa.Column("published_day", sa.String(length=10), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("removed", sa.Text(), nullable=False),
        sa.Column("sourcing", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("id"),
    )
    op.create_index(
        op.f("ix_documents_published_day"), "documents", ["published_day"], unique=False
    )
    op.create_index(op.f("ix_documents_site"), "documents", ["site"], unique=False)
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("day", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "claim_bands",
        sa.Column("band", sa.BigInteger(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band", "claim_id"),
    )
    op.create_table(
        "disputes",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("statement_local", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", "document_pk", "statement_local"),
    )
    op.create_index("ix_disputes_document", "disputes", ["document_pk"], unique=False)
    op.create_table(
        "document_entities",
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("aliases", sa.Text(), nullable=False),
        sa.Column("mentions", sa.Text(), nullable=False),
        sa.Column("mention_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("document_pk", "local_id"),
    )
    op.create_index(
        "ix_document_entities_entity",
        "document_entities",
        ["entity_id", "document_pk"],
        unique=False,
    )
    op.create_table(
        "document_sections",
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_pk", "position"),
    )
    op.create_index(
        "ix_document_sections_key", "document_sections", ["key", "document_pk"], unique=False
    )
    op.create_table(
        "entity_names",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("entity_id", "key"),
    )
    op.create_index("ix_entity_names_key", "entity_names", ["key"], unique=False)
    op.create_table(
        "events",
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("actor_entity_id", sa.Integer(), nullable=True),
        sa.Column("action_lemma", sa.String(length=255), nullable=False),
        sa.Column("action_span", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("target_entity_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("statement_local", sa.String(length=64), nullable=True),
        sa.Column("when_text", sa.Text(), nullable=True),
        sa.Column("when_value", sa.String(length=64), nullable=True),
        sa.Column("where", sa.Text(), nullable=True),
        sa.Column("quantities", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_entity_id"],
            ["entities.id"],
        ),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
        ),
        sa.ForeignKeyConstraint(
            ["target_entity_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("document_pk", "local_id"),
    )
    op.create_index("ix_events_actor", "events", ["actor_entity_id", "document_pk"], unique=False)
    op.create_index("ix_events_category", "events", ["category", "document_pk"], unique=False)
    op.create_index(op.f("ix_events_incident_id"), "events", ["incident_id"], unique=False)
    op.create_index("ix_events_target", "events", ["target_entity_id", "document_pk"], unique=False)
    op.create_table(
        "labels",
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("entity_local", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("document_pk", "position"),
    )
    op.create_index(op.f("ix_labels_entity_id"), "labels", ["entity_id"], unique=False)
    op.create_table(
        "statement_subjects",
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("statement_local", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("document_pk", "statement_local", "entity_id"),
    )
    op.create_index(
        "ix_statement_subjects_entity", "statement_subjects", ["entity_id"], unique=False
    )
    op.create_table(
        "statements",
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("speaker_span", sa.Text(), nullable=True),
        sa.Column("speaker_local", sa.String(length=64), nullable=True),
        sa.Column("speaker_entity_id", sa.Integer(), nullable=True),
        sa.Column("speaker_key", sa.String(length=255), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("direct", sa.Boolean(), nullable=False),
        sa.Column("hedged", sa.Boolean(), nullable=False),
        sa.Column("relations", sa.Text(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["speaker_entity_id"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("document_pk", "local_id"),
    )
    op.create_index(op.f("ix_statements_claim_id"), "statements", ["claim_id"], unique=False)
    op.create_index(
        "ix_statements_speaker_entity",
        "statements",
        ["speaker_entity_id", "document_pk"],
        unique=False,
    )
    op.create_index(
        "ix_statements_speaker_key", "statements", ["speaker_key", "document_pk"], unique=False
    )
    op.create_table(
        "techniques",
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("technique", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("spans", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_pk", "technique"),
    )
    op.create_index(
        "ix_techniques_technique", "techniques", ["technique", "document_pk"], unique=False
    )
    op.create_table(
        "facet_values",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("facet", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "facets",
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("value_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["value_id"], ["facet_values.id"]),
        sa.PrimaryKeyConstraint("document_pk", "value_id"),
    )
    statements = SQLITE_SEARCH if op.get_bind().dialect.name == "sqlite" else POSTGRES_SEARCH
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE document_fts")
    for table in (
        "facets",
        "facet_values",
        "techniques",
        "statements",
        "statement_subjects",
        "labels",
        "events",
        "entity_names",
        "document_sections",
        "document_entities",
        "disputes",
        "claim_bands",
        "incidents",
        "entities",
        "documents",
        "claims",
    ):
        op.drop_table(table)
