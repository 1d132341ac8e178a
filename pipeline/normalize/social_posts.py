"""A social network's post copied as text: the page's follower count over the post, when it
was posted ('2 Std. • Bearbeitet'), its reaction counts and buttons under it. Each is read by
its shape (a count and what it counts, an age, a button's word), never by a network's name."""

from __future__ import annotations

import re

from pipeline.normalize import boilerplate, dates
from pipeline.normalize.body import Line

PROFILE_NAME_WORDS = 10

_COUNT = r"[\d.,]+\s*(?:tsd\.?|k|mio\.?|m)?\s*"
# what a post's or a page's counter counts: '48.213 Follower:innen', '18 Kommentare',
# '9-mal geteilt', '41 Reposts', '1.2K followers'
_COUNTED_RE = re.compile(
    _COUNT
    + r"(?:-?mal\s+)?(?:follower(?::innen|innen|\*innen|_innen|s)?|abonnent(?:en|:innen|innen)?"
    r"|subscribers?|fans|mitglieder|members|kommentare?|comments?|reposts?|shares?|geteilt"
    r"|reaktionen|reactions?|likes?|aufrufe|views|impressions)",
    re.I,
)
# how long ago it was posted: '2 Std.', 'vor 3 Tagen', '5 h', '1 Wo.', '3 days ago'
_AGE_RE = re.compile(
    r"(?:vor\s+)?\d{1,2}\s*(?:std\.?|stunden?|min\.?|minuten?|tagen?|t\.|wo\.?|wochen?|mon\.?"
    r"|monaten?|j\.|h|d|w|mo|y|hrs?|hours?|mins?|days?|weeks?|months?|years?)(?:\s+ago)?",
    re.I,
)
# a post's marks and buttons: edited, sponsored, the audience's globe, like, reply, share
_WORD_MARK_RE = re.compile(
    r"bearbeitet|edited|gesponsert|sponsored|promoted|gefällt mir|like|antworten|reply"
    r"|kommentieren|comment|teilen|share|reposten|repost|senden|send",
    re.I,
)
_REACTIONS_HEAD_RE = re.compile(
    r"(?:alle reaktionen|all reactions)\s*:?|(?:…|\.\.\.)\s*(?:mehr anzeigen|see more|mehr)", re.I
)
# what a profile's header under its name says (its audience, the post's age), unlike a
# page's comment count under an article's date
_HEADER_RE = re.compile(
    r"follower|abonnent|subscriber|fans|mitglieder|members|\d\s*(?:std|h\b|min|tag|d\b)|ago\b",
    re.I,
)
_FIELD_SEPARATOR_RE = re.compile(r"\s*[·•|]\s*")


def without_post_counters(lines: list[Line]) -> list[Line]:
    """The lines without a post's counters and marks. Over the post, the line above them is
    the page's or the author's name ('Fraunhofer-Institut … / 48.213 Follower:innen'): it goes
    too, no headline. Under the post's text, its reactions ('Alle Reaktionen:', '18
    Kommentare') end it: the buttons and the readers' comments follow."""
    kept: list[Line] = []
    prose = False
    for line in lines:
        text = line.text.strip()
        if prose and (_REACTIONS_HEAD_RE.fullmatch(text) or is_post_counter(text)):
            break
        if is_post_counter(text):
            if not prose and _HEADER_RE.search(text) and kept and _profile_name(kept[-1].text):
                kept.pop()
            continue
        kept.append(line)
        prose = prose or boilerplate.is_long_paragraph(text)
    return kept


def _profile_name(text: str) -> bool:
    text = text.strip()
    return (
        0 < len(text.split()) <= PROFILE_NAME_WORDS
        and text[-1] not in ".!?:"
        and not dates.is_date_line(text)
    )


def is_post_counter(text: str) -> bool:
    """A line of counts ('312 · 24 Kommentare · 41 Reposts'), a page's follower count, or a
    post's age with its marks ('2 Std. • Bearbeitet •'). An age alone is no counter (a
    table's cell may say '3 Tage'), nor a row of bare numbers or dashes ('3 | 4', '– | –')."""
    fields = [field for field in _FIELD_SEPARATOR_RE.split(text.strip()) if field]
    if not fields:
        return False
    counted = any(_COUNTED_RE.fullmatch(field) for field in fields)
    separated = len(fields) > 1 or _FIELD_SEPARATOR_RE.search(text.strip()) is not None
    said = any(
        _COUNTED_RE.fullmatch(field) or _AGE_RE.fullmatch(field) or _WORD_MARK_RE.fullmatch(field)
        for field in fields
    )
    return (
        (counted or separated)
        and said
        and all(
            _COUNTED_RE.fullmatch(field)
            or _AGE_RE.fullmatch(field)
            or _WORD_MARK_RE.fullmatch(field)
            or re.fullmatch(r"\W+|" + _COUNT, field)
            for field in fields
        )
    )
