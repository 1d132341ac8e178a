"""web app: desk users, API tokens, idempotency keys, full-text search

Revision ID: 0003
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

import pipeline.store.tables

revision = "0003"
down_revision = "0002"

Aware = pipeline.store.tables.AwareDateTime

# On SQLite the search index is an FTS5 table kept current by a trigger on new revisions, so
# every writer (ingest, submit, desk edits) feeds it without knowing it exists.
FTS_SQL = [
    "CREATE VIRTUAL TABLE release_search USING fts5("
    "release_id UNINDEXED, title, teaser, body, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER release_search_revision AFTER INSERT ON revisions BEGIN "
    "DELETE FROM release_search WHERE release_id = new.release_id; "
    "INSERT INTO release_search (release_id, title, teaser, body) VALUES (new.release_id, "
    "json_extract(new.data, '$.title'), json_extract(new.data, '$.teaser'), "
    "json_extract(new.data, '$.text')); END",
    "INSERT INTO release_search (release_id, title, teaser, body) "
    "SELECT r.release_id, json_extract(r.data, '$.title'), json_extract(r.data, '$.teaser'), "
    "json_extract(r.data, '$.text') FROM revisions r JOIN releases l "
    "ON l.id = r.release_id AND l.revision = r.number",
]


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created_at", Aware(timezone=True), nullable=False),
        sa.Column("disabled_at", Aware(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("hint", sa.String(length=20), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("created_at", Aware(timezone=True), nullable=False),
        sa.Column("revoked_at", Aware(timezone=True), nullable=True),
        sa.Column("last_used_at", Aware(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest"),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_source"), ["source"], unique=False)
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", Aware(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["token_id"], ["api_tokens.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_id", "key", name="uq_idempotency_key"),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_SQL:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS release_search_revision")
        op.execute("DROP TABLE IF EXISTS release_search")
    op.drop_table("idempotency_keys")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_source"))
    op.drop_table("api_tokens")
    op.drop_table("users")
