"""An index from each facet value to its documents: search filters by category and technique.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_facets_value", "facets", ["value_id", "document_pk"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_facets_value", table_name="facets")
