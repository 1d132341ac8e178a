"""desk sessions kept in the store, so that logout and a password change end them

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

import pipeline.store.tables

revision = "0006"
down_revision = "0005"

Aware = pipeline.store.tables.AwareDateTime


def upgrade() -> None:
    op.create_table(
        "desk_sessions",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", Aware(timezone=True), nullable=False),
        sa.Column("expires_at", Aware(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest"),
    )
    op.create_index("ix_desk_sessions_user_id", "desk_sessions", ["user_id"])


def downgrade() -> None:
    op.drop_table("desk_sessions")
