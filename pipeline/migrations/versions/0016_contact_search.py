"""the search index holds the press contact: 'Maren Köhler' or the office's address finds its
releases (SQLite)

Revision ID: 0016
Revises: 0015

An editor often remembers who sent a release, not its words. The index gets a fourth column,
the release's `contact`, folded as the other three (`pipeline.store.text_search.fold`), and is
rebuilt from every release's newest revision as migration 0015 rebuilt it.
"""

from alembic import op

revision = "0016"
down_revision = "0015"

TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"
# After SQLite's lower(), which knows only ASCII: as migration 0015 folds
FOLDS = (("ß", "ss"), ("ẞ", "ss"), ("ä", "a"), ("Ä", "a"), ("ö", "o"), ("Ö", "o"),
         ("ü", "u"), ("Ü", "u"), ("ae", "a"), ("oe", "o"), ("ue", "u"))  # fmt: skip
WITH_CONTACT = {"title": "title", "teaser": "teaser", "body": "text", "contact": "contact"}
# as migration 0015 left the index
WITHOUT_CONTACT = {"title": "title", "teaser": "teaser", "body": "text"}


def _values(alias: str, fields: dict[str, str]) -> str:
    values = []
    for field in fields.values():
        expression = f"lower(json_extract({alias}.data, '$.{field}'))"
        for letter, spelling in FOLDS:
            expression = f"replace({expression}, '{letter}', '{spelling}')"
        values.append(expression)
    return ", ".join(values)


def _trigger(columns: str, fields: dict[str, str]) -> str:
    """As migration 0013 made it: the previous revision's values leave, the new ones enter."""
    return (
        "CREATE TRIGGER release_search_revision AFTER INSERT ON revisions BEGIN "
        f"INSERT INTO release_search (release_search, rowid, {columns}) "
        f"SELECT 'delete', l.rowid, {_values('o', fields)} FROM releases l, revisions o "
        "WHERE l.id = new.release_id AND o.id = (SELECT p.id FROM revisions p "
        "WHERE p.release_id = new.release_id AND p.number < new.number "
        "ORDER BY p.number DESC LIMIT 1); "
        f"INSERT INTO release_search (rowid, {columns}) "
        f"SELECT l.rowid, {_values('new', fields)} FROM releases l WHERE l.id = new.release_id; END"
    )


def _rebuild(fields: dict[str, str]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    columns = ", ".join(fields)
    op.execute("DROP TRIGGER IF EXISTS release_search_revision")
    op.execute("DROP TABLE IF EXISTS release_search")
    op.execute(f"CREATE VIRTUAL TABLE release_search USING fts5({columns}, content='', {TOKENIZE})")
    op.execute(
        f"INSERT INTO release_search (rowid, {columns}) SELECT l.rowid, {_values('r', fields)} "
        "FROM revisions r JOIN releases l ON l.id = r.release_id AND l.revision = r.number"
    )
    op.execute(_trigger(columns, fields))


def upgrade() -> None:
    _rebuild(WITH_CONTACT)


def downgrade() -> None:
    _rebuild(WITHOUT_CONTACT)
