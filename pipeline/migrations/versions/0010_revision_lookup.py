"""revisions are found by the unique (release_id, number) index; the index on release_id
alone repeated its first column and cost every saved revision a second index write

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    op.drop_index("ix_revisions_release_id", table_name="revisions")


def downgrade() -> None:
    op.create_index("ix_revisions_release_id", "revisions", ["release_id"])
