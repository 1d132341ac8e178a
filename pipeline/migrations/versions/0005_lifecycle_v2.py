"""lifecycle v2: a version per release for compare-and-swap decisions, the review of a newer
revision kept apart from the live one, withdrawal time, and duplicate fingerprints

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

import pipeline.store.tables

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    with op.batch_alter_table("releases") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("pending", sa.String(length=20), nullable=True))
        batch.add_column(
            sa.Column(
                "withdrawn_at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=True
            )
        )
        batch.add_column(sa.Column("duplicate_of", sa.String(length=32), nullable=True))
    op.execute("UPDATE releases SET withdrawn_at = changed_at WHERE state = 'withdrawn'")
    op.create_table(
        "fingerprints",
        sa.Column("release_id", sa.String(length=32), sa.ForeignKey("releases.id"), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("exact", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("release_id"),
    )
    op.create_index("ix_fingerprints_exact", "fingerprints", ["exact"])
    op.create_table(
        "fingerprint_bands",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.String(length=16), nullable=False),
        sa.Column("release_id", sa.String(length=32), sa.ForeignKey("releases.id"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_fingerprint_bands_bucket", "fingerprint_bands", ["band", "bucket"])
    op.create_index("ix_fingerprint_bands_release_id", "fingerprint_bands", ["release_id"])


def downgrade() -> None:
    op.drop_table("fingerprint_bands")
    op.drop_table("fingerprints")
    with op.batch_alter_table("releases") as batch:
        for column in ("duplicate_of", "withdrawn_at", "pending", "version"):
            batch.drop_column(column)
