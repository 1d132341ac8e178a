"""a release's LSH band rows are found by its signature's buckets; the index on release_id cost
every saved band row (sixteen a release) a second index write

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    op.drop_index("ix_fingerprint_bands_release_id", table_name="fingerprint_bands")


def downgrade() -> None:
    op.create_index("ix_fingerprint_bands_release_id", "fingerprint_bands", ["release_id"])
