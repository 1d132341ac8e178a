"""The desk's search words as a condition on releases.

SQLite reads them through the FTS5 index, other databases match the title. Control characters
are word breaks: FTS5 reads a phrase as a C string, so a NUL ends it early and the query fails
as if the database were away, and PostgreSQL refuses a NUL in any text.
"""

from __future__ import annotations

import re

from sqlalchemy import text as text_clause
from sqlalchemy.orm import Session

from pipeline.store.tables import ReleaseRow

CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def search_words(text: str) -> list[str]:
    """The words of a search, without control characters and quotes."""
    return [word for word in CONTROL_RE.sub(" ", text).replace('"', "").split() if word]


def text_match(session: Session, text: str):
    """SQLite: the FTS5 index kept by a trigger (each word as a quoted prefix, so no user input
    is read as FTS syntax); other databases: a case-insensitive match on the title."""
    if session.get_bind().dialect.name != "sqlite":
        return ReleaseRow.title.ilike(f"%{CONTROL_RE.sub(' ', text).strip()}%")
    words = search_words(text)
    if not words:
        return ReleaseRow.id.is_(None)
    phrase = " ".join(f'"{word}"*' for word in words)
    # the index shares the releases' rowids: an integer lookup, not a text comparison
    return text_clause(
        "releases.rowid IN (SELECT rowid FROM release_search WHERE release_search MATCH :phrase)"
    ).bindparams(phrase=phrase)
