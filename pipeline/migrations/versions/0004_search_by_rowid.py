"""search index keyed by the release's rowid

Revision ID: 0004
Revises: 0003

The first search trigger deleted a release's old entry by an unindexed column, a scan of the
whole index on every new revision; keyed by rowid, the delete is a direct lookup.
"""

from alembic import op

revision = "0004"
down_revision = "0003"

TRIGGER = (
    "CREATE TRIGGER release_search_revision AFTER INSERT ON revisions BEGIN "
    "DELETE FROM release_search WHERE rowid = "
    "(SELECT rowid FROM releases WHERE id = new.release_id); "
    "INSERT INTO release_search (rowid, release_id, title, teaser, body) VALUES ("
    "(SELECT rowid FROM releases WHERE id = new.release_id), new.release_id, "
    "json_extract(new.data, '$.title'), json_extract(new.data, '$.teaser'), "
    "json_extract(new.data, '$.text')); END"
)
REBUILD = (
    "INSERT INTO release_search (rowid, release_id, title, teaser, body) "
    "SELECT l.rowid, r.release_id, json_extract(r.data, '$.title'), "
    "json_extract(r.data, '$.teaser'), json_extract(r.data, '$.text') FROM revisions r "
    "JOIN releases l ON l.id = r.release_id AND l.revision = r.number"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER IF EXISTS release_search_revision")
    op.execute("DELETE FROM release_search")
    op.execute(REBUILD)
    op.execute(TRIGGER)


def downgrade() -> None:
    pass
