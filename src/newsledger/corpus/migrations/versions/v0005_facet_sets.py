"""Each document's facet values in one row of codes: facets are counted without a join.

Revision ID: 0005
Revises: 0004

Stores before this revision have only the `facets` rows: the codes of every stored document
are built from them, a few thousand documents at a time.
"""

from __future__ import annotations

from itertools import groupby

import sqlalchemy as sa
from alembic import op

from newsledger.corpus.store.common import facet_codes

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

DOCUMENTS_PER_STEP = 5000
_FACETS = sa.table(
    "facets", sa.column("document_pk", sa.Integer), sa.column("value_id", sa.Integer)
)
_VALUES = sa.table("facet_values", sa.column("id", sa.Integer), sa.column("facet", sa.String))
_DOCUMENTS = sa.table("documents", sa.column("pk", sa.Integer))


def upgrade() -> None:
    facet_sets = op.create_table(
        "facet_sets",
        sa.Column(
            "document_pk",
            sa.Integer(),
            sa.ForeignKey("documents.pk", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("codes", sa.LargeBinary(), nullable=False),
    )
    connection = op.get_bind()
    last = 0
    while True:
        step = (
            sa.select(_DOCUMENTS.c.pk)
            .where(_DOCUMENTS.c.pk > last)
            .order_by(_DOCUMENTS.c.pk)
            .limit(DOCUMENTS_PER_STEP)
        )
        documents = connection.execute(step).scalars().all()
        if not documents:
            return
        first, last = documents[0], documents[-1]
        pairs = connection.execute(
            sa.select(_FACETS.c.document_pk, _VALUES.c.facet, _FACETS.c.value_id)
            .join(_VALUES, _VALUES.c.id == _FACETS.c.value_id)
            .where(_FACETS.c.document_pk.between(first, last))
            .order_by(_FACETS.c.document_pk)
        ).all()
        found = {
            pk: facet_codes((row.facet, row.value_id) for row in rows)
            for pk, rows in groupby(pairs, key=lambda row: row.document_pk)
        }
        connection.execute(
            sa.insert(facet_sets),
            [{"document_pk": pk, "codes": found.get(pk, b"")} for pk in documents],
        )


def downgrade() -> None:
    op.drop_table("facet_sets")
