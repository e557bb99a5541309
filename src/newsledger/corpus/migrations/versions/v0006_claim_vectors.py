"""Claims keep the content vector of their text: candidates are compared by meaning as well.

Revision ID: 0006
Revises: 0005

Stores before this revision compared claims by their words only. Every claim with bands (the
only ones ever compared) gets the vector of its text, a few thousand claims at a time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsledger.corpus.claims import load_content_vectors, vector_bytes

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

CLAIMS_PER_STEP = 5000
_CLAIMS = sa.table(
    "claims",
    sa.column("id", sa.Integer),
    sa.column("text", sa.Text),
    sa.column("vector", sa.LargeBinary),
)
_BANDS = sa.table("claim_bands", sa.column("claim_id", sa.Integer))


def upgrade() -> None:
    op.add_column("claims", sa.Column("vector", sa.LargeBinary(), nullable=True))
    connection = op.get_bind()
    content_vectors = load_content_vectors()
    banded = sa.select(_BANDS.c.claim_id).distinct()
    store = (
        sa.update(_CLAIMS)
        .where(_CLAIMS.c.id == sa.bindparam("claim"))
        .values(vector=sa.bindparam("encoded"))
    )
    last = 0
    while True:
        step = (
            sa.select(_CLAIMS.c.id, _CLAIMS.c.text)
            .where(_CLAIMS.c.id > last, _CLAIMS.c.id.in_(banded))
            .order_by(_CLAIMS.c.id)
            .limit(CLAIMS_PER_STEP)
        )
        rows = connection.execute(step).all()
        if not rows:
            return
        last = rows[-1].id
        vectors = content_vectors.embed([row.text for row in rows])
        connection.execute(
            store,
            [
                {"claim": row.id, "encoded": vector_bytes(vector)}
                for row, vector in zip(rows, vectors, strict=True)
            ],
        )


def downgrade() -> None:
    op.drop_column("claims", "vector")
