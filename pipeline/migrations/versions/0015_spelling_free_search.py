"""the search index folds umlauts both ways: 'Lowen', 'Loewen' and 'Löwen' find each other (SQLite)

Revision ID: 0015
Revises: 0014

Migration 0014 wrote 'ä' as 'ae' in the index, so 'Loewenstrasse' found 'Löwenstraße' but a
search typed without umlauts ('Lowen', as on a keyboard without them) found nothing. Now the
index and every query take one spelling: lower case, 'ß' as 'ss', 'ä' 'ö' 'ü' and 'ae' 'oe'
'ue' as 'a' 'o' 'u' (`pipeline.store.text_search.fold`). Words that differ only there, such as
'Michael' and 'Michal', find each other too: a desk search is better wide than empty.
"""

from alembic import op

revision = "0015"
down_revision = "0014"

COLUMNS = "title, teaser, body"
TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"
CONTENTLESS = f"CREATE VIRTUAL TABLE release_search USING fts5({COLUMNS}, content='', {TOKENIZE})"
# After SQLite's lower(), which knows only ASCII: each capital is replaced on its own, and the
# letters come before the pairs, as in `text_search.FOLDS`.
FOLDS = (("ß", "ss"), ("ẞ", "ss"), ("ä", "a"), ("Ä", "a"), ("ö", "o"), ("Ö", "o"),
         ("ü", "u"), ("Ü", "u"), ("ae", "a"), ("oe", "o"), ("ue", "u"))  # fmt: skip
# as migration 0014 left the index
PREVIOUS = (("ß", "ss"), ("ẞ", "ss"), ("ä", "ae"), ("Ä", "ae"), ("ö", "oe"), ("Ö", "oe"),
            ("ü", "ue"), ("Ü", "ue"))  # fmt: skip


def _values(alias: str, folds, lower: bool) -> str:
    values = []
    for field in ("title", "teaser", "text"):
        expression = f"json_extract({alias}.data, '$.{field}')"
        if lower:
            expression = f"lower({expression})"
        for letter, spelling in folds:
            expression = f"replace({expression}, '{letter}', '{spelling}')"
        values.append(expression)
    return ", ".join(values)


def _trigger(values) -> str:
    """As migration 0013 made it: the previous revision's values leave, the new ones enter."""
    return (
        "CREATE TRIGGER release_search_revision AFTER INSERT ON revisions BEGIN "
        f"INSERT INTO release_search (release_search, rowid, {COLUMNS}) "
        f"SELECT 'delete', l.rowid, {values('o')} FROM releases l, revisions o "
        "WHERE l.id = new.release_id AND o.id = (SELECT p.id FROM revisions p "
        "WHERE p.release_id = new.release_id AND p.number < new.number "
        "ORDER BY p.number DESC LIMIT 1); "
        f"INSERT INTO release_search (rowid, {COLUMNS}) "
        f"SELECT l.rowid, {values('new')} FROM releases l WHERE l.id = new.release_id; END"
    )


def _replace(values) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER IF EXISTS release_search_revision")
    op.execute("DROP TABLE IF EXISTS release_search")
    op.execute(CONTENTLESS)
    op.execute(
        f"INSERT INTO release_search (rowid, {COLUMNS}) SELECT l.rowid, {values('r')} "
        "FROM revisions r JOIN releases l ON l.id = r.release_id AND l.revision = r.number"
    )
    op.execute(_trigger(values))


def upgrade() -> None:
    _replace(lambda alias: _values(alias, FOLDS, lower=True))


def downgrade() -> None:
    _replace(lambda alias: _values(alias, PREVIOUS, lower=False))
