"""The desk's search words as a condition on releases.

SQLite reads them through the FTS5 index (title, teaser, body and press contact), other
databases match the title and the contact. A search that is one hex word of ID_PREFIX_MIN or
more characters also finds the release whose id starts so: `melder` commands and the audit
trail quote ids, often shortened. Both fold German
spellings alike, in the index and in the query: 'ß' is 'ss', and 'ä', 'ö', 'ü' as well as 'ae',
'oe', 'ue' are 'a', 'o', 'u'. So 'Löwenstrasse' finds 'Löwenstraße', 'gluehwein' finds
'Glühwein', and 'Lowen', typed without umlauts, finds 'Löwen'. Control
characters are word breaks: FTS5 reads a phrase as a C string, so a NUL ends it early and the
query fails as if the database were away, and PostgreSQL refuses a NUL in any text.
"""

from __future__ import annotations

import re

from sqlalchemy import JSON, and_, cast, func, or_, select
from sqlalchemy import text as text_clause
from sqlalchemy.orm import Session

from pipeline.store.tables import ReleaseRow, RevisionRow

CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# as migration 0015 folds the index, after lower case: the letters before the pairs, so 'üe'
# reads alike on both sides
FOLDS = (("ß", "ss"), ("ä", "a"), ("ö", "o"), ("ü", "u"), ("ae", "a"), ("oe", "o"), ("ue", "u"))
# A database made with the 'C' character type (as many hosted servers make theirs) lowers only
# ASCII letters: there the capitals are folded on their own too.
CAPITAL_FOLDS = (("ẞ", "ss"), ("Ä", "a"), ("Ö", "o"), ("Ü", "u"))
LIKE_SPECIALS = re.compile(r"([\\%_])")
# Shorter hex words are ordinary words too often ('de', 'ab'); four characters are the
# shortest prefix anyone quotes, and a wrong hit among 65,536 is cheap next to none.
ID_PREFIX_MIN = 4
ID_PREFIX_RE = re.compile(rf"[0-9a-f]{{{ID_PREFIX_MIN},32}}")


def fold(text: str) -> str:
    text = text.lower()
    for letter, spelling in FOLDS:
        text = text.replace(letter, spelling)
    return text


def search_words(text: str) -> list[str]:
    """The words of a search, without control characters and quotes."""
    return [word for word in CONTROL_RE.sub(" ", text).replace('"', "").split() if word]


def _typed(word: str) -> str:
    """The word for LIKE, its '%', '_' and backslash as typed characters, not wildcards."""
    return LIKE_SPECIALS.sub(r"\\\1", word)


def _folded_column(column):
    column = func.lower(column)
    for letter, spelling in CAPITAL_FOLDS + FOLDS:
        column = func.replace(column, letter, spelling)
    return column


def text_match(session: Session, text: str):
    """The words, or a release id's first characters."""
    words_match = _words_match(session, text)
    typed = text.strip().lower()
    if not ID_PREFIX_RE.fullmatch(typed):
        return words_match
    return or_(ReleaseRow.id.like(f"{typed}%"), words_match)


def _words_match(session: Session, text: str):
    """SQLite: the FTS5 index kept by a trigger (each word as a quoted prefix, so no user input
    is read as FTS syntax); other databases: each word is in the title or the contact of the
    newest revision, in any order."""
    words = search_words(fold(text))
    if not words:
        return ReleaseRow.id.is_(None)
    if session.get_bind().dialect.name != "sqlite":
        title = _folded_column(ReleaseRow.title)
        contact = _folded_column(cast(RevisionRow.data, JSON)["contact"].as_string())
        newest = select(RevisionRow.release_id).where(
            RevisionRow.release_id == ReleaseRow.id, RevisionRow.number == ReleaseRow.revision
        )
        return and_(
            *(
                or_(
                    title.like(f"%{_typed(word)}%", escape="\\"),
                    newest.where(contact.like(f"%{_typed(word)}%", escape="\\")).exists(),
                )
                for word in words
            )
        )
    phrase = " ".join(f'"{word}"*' for word in words)
    # the index shares the releases' rowids: an integer lookup, not a text comparison
    return text_clause(
        "releases.rowid IN (SELECT rowid FROM release_search WHERE release_search MATCH :phrase)"
    ).bindparams(phrase=phrase)
