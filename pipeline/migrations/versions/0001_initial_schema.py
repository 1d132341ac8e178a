"""initial schema

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

import pipeline.store.tables

revision = "0001"
down_revision = None


def upgrade() -> None:

    op.create_table(
        "inputs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("release_id", sa.String(length=32), nullable=True),
        sa.Column("seen_at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "locator", name="uq_input_locator"),
    )
    op.create_table(
        "releases",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=False),
        sa.Column("changed_at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=False),
        sa.Column("publish_at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=True),
        sa.Column("published_revision", sa.Integer(), nullable=True),
        sa.Column(
            "first_published_at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=True
        ),
        sa.Column("updated_at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=True),
        sa.Column("sort_at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=True),
        sa.Column("public_name", sa.String(length=200), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_name"),
        sa.UniqueConstraint("source", "identity", name="uq_release_identity"),
    )
    with op.batch_alter_table("releases", schema=None) as batch_op:
        batch_op.create_index("ix_releases_created", ["created_at"], unique=False)
        batch_op.create_index("ix_releases_sort", ["sort_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_releases_source"), ["source"], unique=False)
        batch_op.create_index("ix_releases_state_sort", ["state", "sort_at"], unique=False)

    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("job", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=True),
        sa.Column("started_at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.create_index("ix_runs_job_started", ["job", "started_at"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("release_id", sa.String(length=32), nullable=False),
        sa.Column("at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["releases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_release_id"), ["release_id"], unique=False)

    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("release_id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", pipeline.store.tables.AwareDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["releases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("release_id", "number", name="uq_revision_number"),
    )
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_revisions_release_id"), ["release_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revisions_release_id"))

    op.drop_table("revisions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_release_id"))

    op.drop_table("events")
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_index("ix_runs_job_started")

    op.drop_table("runs")
    with op.batch_alter_table("releases", schema=None) as batch_op:
        batch_op.drop_index("ix_releases_state_sort")
        batch_op.drop_index(batch_op.f("ix_releases_source"))
        batch_op.drop_index("ix_releases_sort")
        batch_op.drop_index("ix_releases_created")

    op.drop_table("releases")
    op.drop_table("inputs")
