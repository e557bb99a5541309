"""Claim bands from the hash family that one array computation evaluates for a whole batch.

Revision ID: 0003
Revises: 0002

Stores before this revision hold bands of another hash family, which the bands of new
statements would never meet: every claim's bands are computed again from its stored terms
(`claims.band_keys`). Downgrading computes them again with the old family, kept here for that.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

from newsledger.corpus.claims import BAND_COUNT, ROWS_PER_BAND, Signature, band_keys, decode_terms

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

CLAIMS_PER_STEP = 5000
_CLAIMS = sa.table("claims", sa.column("id", sa.Integer), sa.column("terms", sa.Text))
_BANDS = sa.table(
    "claim_bands", sa.column("band", sa.BigInteger), sa.column("claim_id", sa.Integer)
)
_OLD_PRIME = (1 << 61) - 1
_OLD_HASHES = [
    ((index * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) % _OLD_PRIME | 1, index * 0x85EBCA6B + 7)
    for index in range(1, BAND_COUNT * ROWS_PER_BAND + 1)
]


def upgrade() -> None:
    _rewrite_bands(band_keys)


def downgrade() -> None:
    _rewrite_bands(lambda term_sets: [_old_bands(terms) for terms in term_sets])


def _rewrite_bands(keys_of: Callable[[Sequence[frozenset[str]]], list[list[int]]]) -> None:
    connection = op.get_bind()
    connection.execute(sa.delete(_BANDS))
    last = 0
    while True:
        query = (
            sa.select(_CLAIMS.c.id, _CLAIMS.c.terms)
            .where(_CLAIMS.c.id > last)
            .order_by(_CLAIMS.c.id)
            .limit(CLAIMS_PER_STEP)
        )
        rows = connection.execute(query).all()
        if not rows:
            return
        last = rows[-1].id
        signatures = [Signature(decode_terms(row.terms), frozenset(), False) for row in rows]
        term_sets = [s.terms if s.comparable else frozenset() for s in signatures]
        values = [
            {"band": band, "claim_id": row.id}
            for row, keys in zip(rows, keys_of(term_sets), strict=True)
            for band in keys
        ]
        if values:
            connection.execute(sa.insert(_BANDS), values)


def _old_bands(terms: frozenset[str]) -> list[int]:
    """The bands releases before 0003 wrote: CRC-32 of each term, hashed modulo 2**61 - 1."""
    values = [zlib.crc32(term.encode("utf-8")) for term in terms]
    if not values:
        return []
    minima = [min((a * value + b) % _OLD_PRIME for value in values) for a, b in _OLD_HASHES]
    keys = []
    for band in range(BAND_COUNT):
        rows = minima[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        digest = zlib.crc32(repr((band, *rows)).encode("ascii"))
        keys.append((band << 32) | digest)
    return keys
