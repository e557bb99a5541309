"""The reader's accounts: users, their login sessions, and their notes.

Revision ID: 0002
Revises: 0001

Before this migration the reader made these tables itself, outside Alembic, in stores already
at 0001. Such a store keeps its tables and their rows: only the tables a store lacks are made,
and those the reader made match these definitions exactly (the same SQLAlchemy models).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "users" not in present:
        op.create_table(
            "users",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("name", sa.String(length=64), nullable=False),
            sa.Column("password_hash", sa.Text(), nullable=False),
            sa.Column("created", sa.String(length=32), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("name"),
        )
    if "login_sessions" not in present:
        op.create_table(
            "login_sessions",
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("user_id", sa.Integer(), nullable=False),
            sa.Column("created", sa.String(length=32), nullable=False),
            sa.Column("expires", sa.String(length=32), nullable=False),
            sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("token_hash"),
        )
        op.create_index(
            op.f("ix_login_sessions_expires"), "login_sessions", ["expires"], unique=False
        )
        op.create_index(
            op.f("ix_login_sessions_user_id"), "login_sessions", ["user_id"], unique=False
        )
    if "notes" not in present:
        op.create_table(
            "notes",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("document_id", sa.String(length=64), nullable=False),
            sa.Column("target_kind", sa.String(length=16), nullable=False),
            sa.Column("target_id", sa.String(length=64), nullable=False),
            sa.Column("author_id", sa.Integer(), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("created", sa.String(length=32), nullable=False),
            sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_notes_document", "notes", ["document_id", "id"], unique=False)


def downgrade() -> None:
    for table in ("notes", "login_sessions", "users"):
        op.drop_table(table)
