"""the search index folds German spellings: ß as ss, ä ö ü as ae oe ue (SQLite)

Revision ID: 0014
Revises: 0013

'Löwenstrasse' finds 'Löwenstraße' and 'gluehwein' 'Glühwein': the index holds every text
folded as `pipeline.store.text_search.fold` folds a query. The tokenizer's own folding (case,
other accents) stays; it would read 'ä' as 'a', so the fold comes first.
"""

from alembic import op

revision = "0014"
down_revision = "0013"

COLUMNS = "title, teaser, body"
TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"
CONTENTLESS = f"CREATE VIRTUAL TABLE release_search USING fts5({COLUMNS}, content='', {TOKENIZE})"
# SQLite's lower() knows only ASCII: each capital is replaced on its own
FOLDS = (("ß", "ss"), ("ẞ", "ss"), ("ä", "ae"), ("Ä", "ae"), ("ö", "oe"), ("Ö", "oe"),
         ("ü", "ue"), ("Ü", "ue"))  # fmt: skip


def _values(alias: str, folds) -> str:
    values = []
    for field in ("title", "teaser", "text"):
        expression = f"json_extract({alias}.data, '$.{field}')"
        for letter, spelling in folds:
            expression = f"replace({expression}, '{letter}', '{spelling}')"
        values.append(expression)
    return ", ".join(values)


def _trigger(folds) -> str:
    """As migration 0013 made it: the previous revision's values leave, the new ones enter."""
    return (
        "CREATE TRIGGER release_search_revision AFTER INSERT ON revisions BEGIN "
        f"INSERT INTO release_search (release_search, rowid, {COLUMNS}) "
        f"SELECT 'delete', l.rowid, {_values('o', folds)} FROM releases l, revisions o "
        "WHERE l.id = new.release_id AND o.id = (SELECT p.id FROM revisions p "
        "WHERE p.release_id = new.release_id AND p.number < new.number "
        "ORDER BY p.number DESC LIMIT 1); "
        f"INSERT INTO release_search (rowid, {COLUMNS}) "
        f"SELECT l.rowid, {_values('new', folds)} FROM releases l WHERE l.id = new.release_id; END"
    )


def _rebuild(folds) -> str:
    return (
        f"INSERT INTO release_search (rowid, {COLUMNS}) SELECT l.rowid, {_values('r', folds)} "
        "FROM revisions r JOIN releases l ON l.id = r.release_id AND l.revision = r.number"
    )


def _replace(folds) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER IF EXISTS release_search_revision")
    op.execute("DROP TABLE IF EXISTS release_search")
    op.execute(CONTENTLESS)
    op.execute(_rebuild(folds))
    op.execute(_trigger(folds))


def upgrade() -> None:
    _replace(FOLDS)


def downgrade() -> None:
    _replace(())
