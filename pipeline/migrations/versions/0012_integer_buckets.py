"""LSH buckets as one integer each, the band folded in: the bucket index on (hex text, band)
was twice as large, and sixteen rows a release are written into it at random places

Revision ID: 0012
Revises: 0011

Every stored row is carried over in its order (a bucket keeps its newest releases, and newest
is the order of the rows): the new key is computed from the old hex bucket and band exactly as
`store.duplicates.bucket_key` computes it for a new release.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"

PAGE = 20_000  # rows copied at a time: memory stays flat in a store of any size


def upgrade() -> None:
    from pipeline.store.duplicates import bucket_key

    op.create_table(
        "fingerprint_bands_keyed",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("release_id", sa.String(32), sa.ForeignKey("releases.id"), nullable=False),
    )
    bind = op.get_bind()
    old = sa.table(
        "fingerprint_bands",
        sa.column("id", sa.Integer()),
        sa.column("band", sa.Integer()),
        sa.column("bucket", sa.String()),
        sa.column("release_id", sa.String()),
    )
    new = sa.table(
        "fingerprint_bands_keyed",
        sa.column("bucket", sa.BigInteger()),
        sa.column("release_id", sa.String()),
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(old.c.id, old.c.band, old.c.bucket, old.c.release_id)
            .where(old.c.id > last)
            .order_by(old.c.id)
            .limit(PAGE)
        ).all()
        if not rows:
            break
        bind.execute(
            new.insert(),
            [
                {"bucket": bucket_key(band, bucket), "release_id": rid}
                for _, band, bucket, rid in rows
            ],
        )
        last = rows[-1][0]
    op.drop_table("fingerprint_bands")
    op.rename_table("fingerprint_bands_keyed", "fingerprint_bands")
    op.create_index("ix_fingerprint_bands_bucket", "fingerprint_bands", ["bucket"])


def downgrade() -> None:
    """The hex buckets are made again from the stored signatures (every band of every
    fingerprint: which rows a full bucket had dropped is not kept)."""
    from pipeline.normalize.fingerprint import bands_of

    op.create_table(
        "fingerprint_bands_hex",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.String(16), nullable=False),
        sa.Column("release_id", sa.String(32), sa.ForeignKey("releases.id"), nullable=False),
    )
    bind = op.get_bind()
    hexed = sa.table(
        "fingerprint_bands_hex",
        sa.column("band", sa.Integer()),
        sa.column("bucket", sa.String()),
        sa.column("release_id", sa.String()),
    )
    prints = sa.table("fingerprints", sa.column("release_id"), sa.column("signature"))
    last = ""
    while True:
        rows = bind.execute(
            sa.select(prints.c.release_id, prints.c.signature)
            .where(prints.c.release_id > last)
            .order_by(prints.c.release_id)
            .limit(PAGE // 16)
        ).all()
        if not rows:
            break
        bands = [
            {"band": band, "bucket": bucket, "release_id": rid}
            for rid, signature in rows
            for band, bucket in enumerate(bands_of(bytes(signature)))
        ]
        bind.execute(hexed.insert(), bands)
        last = rows[-1][0]
    op.drop_table("fingerprint_bands")
    op.rename_table("fingerprint_bands_hex", "fingerprint_bands")
    op.create_index("ix_fingerprint_bands_bucket", "fingerprint_bands", ["bucket", "band"])
