"""which releases show which kept media file, so a withdrawal takes its photos out

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    op.create_table(
        "release_media",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("release_id", sa.String(32), sa.ForeignKey("releases.id"), nullable=False),
    )
    op.create_index("ix_release_media_sha256", "release_media", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_release_media_sha256", table_name="release_media")
    op.drop_table("release_media")
