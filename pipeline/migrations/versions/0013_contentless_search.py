"""the search index keeps no copy of the text (SQLite): a third of a large store was that copy

Revision ID: 0013
Revises: 0012

The index was an ordinary FTS5 table, which stores every title, teaser and body once more
beside the revisions that already hold them: 410 of 1,300 MB in a store of 100,000 releases,
and a thousand pages more to write for every thousand releases saved. Searching only asks which
releases match, never for the text back, so the index is now contentless (`content=''`).

A contentless index forgets an entry only when given the exact values it indexed. Revisions
are never changed, so the trigger takes them from the release's previous revision: the one the
index holds, since every revision inserted passes through the trigger.
"""

from alembic import op

revision = "0013"
down_revision = "0012"

COLUMNS = "title, teaser, body"
TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"


def _values(alias: str) -> str:
    return ", ".join(
        f"json_extract({alias}.data, '$.{field}')" for field in ("title", "teaser", "text")
    )


CONTENTLESS = f"CREATE VIRTUAL TABLE release_search USING fts5({COLUMNS}, content='', {TOKENIZE})"
# The previous revision is found through the (release_id, number) key: one lookup per revision.
CONTENTLESS_TRIGGER = (
    "CREATE TRIGGER release_search_revision AFTER INSERT ON revisions BEGIN "
    f"INSERT INTO release_search (release_search, rowid, {COLUMNS}) "
    f"SELECT 'delete', l.rowid, {_values('o')} FROM releases l, revisions o "
    "WHERE l.id = new.release_id AND o.id = (SELECT p.id FROM revisions p "
    "WHERE p.release_id = new.release_id AND p.number < new.number "
    "ORDER BY p.number DESC LIMIT 1); "
    f"INSERT INTO release_search (rowid, {COLUMNS}) "
    f"SELECT l.rowid, {_values('new')} FROM releases l WHERE l.id = new.release_id; END"
)
CONTENTLESS_REBUILD = (
    f"INSERT INTO release_search (rowid, {COLUMNS}) SELECT l.rowid, {_values('r')} "
    "FROM revisions r JOIN releases l ON l.id = r.release_id AND l.revision = r.number"
)

# the index as migration 0004 left it
STORED = (
    f"CREATE VIRTUAL TABLE release_search USING fts5(release_id UNINDEXED, {COLUMNS}, {TOKENIZE})"
)
STORED_TRIGGER = (
    "CREATE TRIGGER release_search_revision AFTER INSERT ON revisions BEGIN "
    "DELETE FROM release_search WHERE rowid = "
    "(SELECT rowid FROM releases WHERE id = new.release_id); "
    f"INSERT INTO release_search (rowid, release_id, {COLUMNS}) VALUES ("
    "(SELECT rowid FROM releases WHERE id = new.release_id), new.release_id, "
    f"{_values('new')}); END"
)
STORED_REBUILD = (
    f"INSERT INTO release_search (rowid, release_id, {COLUMNS}) "
    f"SELECT l.rowid, r.release_id, {_values('r')} FROM revisions r "
    "JOIN releases l ON l.id = r.release_id AND l.revision = r.number"
)


def _replace(table: str, rebuild: str, trigger: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER IF EXISTS release_search_revision")
    op.execute("DROP TABLE IF EXISTS release_search")
    op.execute(table)
    op.execute(rebuild)
    op.execute(trigger)


def upgrade() -> None:
    _replace(CONTENTLESS, CONTENTLESS_REBUILD, CONTENTLESS_TRIGGER)


def downgrade() -> None:
    _replace(STORED, STORED_REBUILD, STORED_TRIGGER)
