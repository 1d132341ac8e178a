"""remote sources: per-source health and HTTP validators

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

import pipeline.store.tables

revision = "0002"
down_revision = "0001"


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, pipeline.store.tables.AwareDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "source_health",
        sa.Column("source", sa.String(length=200), nullable=False),
        _when("last_attempt_at"),
        _when("last_success_at"),
        _when("last_new_at"),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        _when("last_error_at"),
        _when("backoff_until"),
        sa.PrimaryKeyConstraint("source"),
    )
    op.create_table(
        "http_validators",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("url_hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        _when("updated_at", nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "url_hash", name="uq_http_validator"),
    )


def downgrade() -> None:
    op.drop_table("http_validators")
    op.drop_table("source_health")
