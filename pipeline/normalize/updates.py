"""A date line that names a release's update beside its first publication ('Pressemitteilung
vom 25.11.2026 – aktualisiert am 26.11.2026, 10:15 Uhr'): the release is dated by the first."""

from __future__ import annotations

import re

# The words that date a change made after the release went out.
UPDATE_RE = re.compile(
    r"\b(?:zuletzt\s+)?(?:aktualisiert|aktualisierung|update[ds]?|geändert|überarbeitet"
    r"|korrigiert|ergänzt|last\s+(?:updated|modified|changed)|modified|revised)\b",
    re.I,
)
# Where one statement of a date line ends: a dash between spaces, a bar, a semicolon, a
# bracket, or a comma before words (never the one between a date and its time).
_CLAUSE_BREAK_RE = re.compile(r"\s[–—-]\s|[|;()\[\]]|,\s+(?=[^\W\d_])")
DATE_LINE_REACH = 160  # longer texts are sentences, whose update words date nothing


def first_publication(text: str, has_date) -> str:
    """`text` without the statements that date an update, when another statement dates the
    release itself; else `text` as it is (an update's date alone is still the best date)."""
    if len(text) > DATE_LINE_REACH or not UPDATE_RE.search(text):
        return text
    own = [
        clause
        for clause in _CLAUSE_BREAK_RE.split(text)
        if has_date(clause) and not UPDATE_RE.search(clause)
    ]
    return own[0] if own else text


def states_only_an_update(text: str, has_date) -> bool:
    """A line that dates an update and nothing else ('Update vom 26.11.2026, 10:15 Uhr')."""
    if len(text) > DATE_LINE_REACH or not UPDATE_RE.search(text) or not has_date(text):
        return False
    return first_publication(text, has_date) == text
