"""indexes whose order every hot query reads, so costs stay flat as history grows

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"

RELEASE_INDEXES = {
    "ix_releases_created": ["created_at", "id"],
    "ix_releases_state_created": ["state", "created_at", "id"],
    "ix_releases_pending_created": ["pending", "created_at", "id"],
    "ix_releases_source_created": ["source", "created_at", "id"],
    "ix_releases_listing": ["state", sa.text("sort_at DESC"), "id"],
    "ix_releases_source_listing": ["state", "source", sa.text("sort_at DESC"), "id"],
    "ix_releases_withdrawn": ["state", sa.text("withdrawn_at DESC"), "id"],
}


def upgrade() -> None:
    for name in ("ix_releases_state_sort", "ix_releases_sort", "ix_releases_created"):
        op.drop_index(name, table_name="releases")
    op.drop_index("ix_releases_source", table_name="releases")
    for name, columns in RELEASE_INDEXES.items():
        op.create_index(name, "releases", columns)
    op.drop_index("ix_fingerprint_bands_bucket", table_name="fingerprint_bands")
    op.create_index("ix_fingerprint_bands_bucket", "fingerprint_bands", ["bucket", "band"])
    op.create_index("ix_runs_latest", "runs", ["job", "target", "id"])


def downgrade() -> None:
    op.drop_index("ix_runs_latest", table_name="runs")
    op.drop_index("ix_fingerprint_bands_bucket", table_name="fingerprint_bands")
    op.create_index("ix_fingerprint_bands_bucket", "fingerprint_bands", ["band", "bucket"])
    for name in RELEASE_INDEXES:
        op.drop_index(name, table_name="releases")
    op.create_index("ix_releases_created", "releases", ["created_at"])
    op.create_index("ix_releases_sort", "releases", ["sort_at"])
    op.create_index("ix_releases_source", "releases", ["source"])
    op.create_index("ix_releases_state_sort", "releases", ["state", "sort_at"])
