"""An article's meta lines that pages print around its headline: the byline ('Redaktion',
'Von Anna Berg'), the reading time ('4–5 Minuten', 'Lesezeit: 2 Min.'), a read-aloud button,
the publication date ('Veröffentlicht am 09.11.2026 um 10:05 Uhr', '9. November 2026 10:05',
'Posted on: November 14, 2026'), or several of them in one line set apart by '|' or '·'.

Text dumps (select-all copies, Reader mode) keep them as lines of their own: they are no part
of the release, and the date among them is the release's date."""

from __future__ import annotations

import re
from datetime import UTC

from pipeline.normalize import dates
from pipeline.normalize.body import Block

META_LINE_LONGEST = 160
_READING_TIME_RE = re.compile(
    r"(?:(?:lesezeit|lesedauer|reading time|read time|time to read)\s*:?\s*)?"
    r"(?:ca\.\s*|etwa\s*|~\s*|about\s*)?\d{1,2}(?:\s*(?:[–—-]|bis|to)\s*\d{1,2})?\s*"
    r"(?:minuten|minute|min\.?|minutes?|mins?\.?)"
    r"(?:\s*(?:lesezeit|lesedauer|zum lesen|read|reading time|reading))?\.?",
    re.I,
)
_READ_ALOUD_RE = re.compile(
    r"(?:(?:artikel|beitrag|text|meldung|seite)\s+)?(?:vorlesen|anhören)(?:\s+lassen)?"
    r"|(?:listen to (?:this|the) (?:article|story|page|post)|listen)",
    re.I,
)
# 'Redaktion', 'Redaktion Melder', 'Online-Redaktion', 'Newsroom', 'Editorial staff'
_DESK_RE = re.compile(
    r"(?i:[\w-]*redaktion|newsroom|editorial (?:team|staff|desk)|staff (?:reporter|writer)s?)"
    r"(?:\s+[A-ZÄÖÜ0-9][\w.&'’-]*){0,3}"
)
# 'Von Anna Berg', 'Von Pressemitteilung Musikschule Crailsheim', 'By Jane Doe and John Roe'
_BYLINE_RE = re.compile(
    r"(?i:von|by|autor(?:in)?:|author:|text:)\s+"
    r"[A-ZÄÖÜ][\w.'’-]*(?:(?:\s+|,\s*)(?:[A-ZÄÖÜ][\w.'’-]*|und|and|&)){0,5}"
)
_FIELD_SEPARATOR_RE = re.compile(r"\s+[|·•]\s+")


def is_meta_line(text: str, *, bare_date: bool = True) -> bool:
    """A line that only carries an article's meta data (byline, reading time, date, a
    read-aloud button), alone or as fields of one line. Without `bare_date`, a line with only a
    date and no label ('Dienstag, 24.11.2026, 17:45 Uhr') is not one: under a report's
    section it is the time of an incident."""
    text = text.strip()
    if not text or len(text) > META_LINE_LONGEST:
        return False
    fields = _FIELD_SEPARATOR_RE.split(text)
    if not bare_date and len(fields) == 1 and not _is_labelled_meta(text):
        return False
    return all(map(_is_meta_field, fields))


def _is_labelled_meta(field: str) -> bool:
    return bool(
        _READING_TIME_RE.fullmatch(field)
        or _READ_ALOUD_RE.fullmatch(field)
        or _DESK_RE.fullmatch(field)
        or _BYLINE_RE.fullmatch(field)
        or dates.is_labelled_date(field, published=True)
    )


def meta_date(text: str) -> str | None:
    """The date a meta line gives, if any ('15.11.2026, 08:45 Uhr' of 'Von … | 15.11.2026, 08:45
    Uhr | Lesezeit: 2 Min.')."""
    fields = _FIELD_SEPARATOR_RE.split(text.strip())
    return next((field for field in fields if _is_date(field)), None)


def _is_meta_field(field: str) -> bool:
    return _is_labelled_meta(field) or _is_date(field)


def _is_date(field: str) -> bool:
    return (
        dates.is_date_line(field)
        or dates.is_labelled_date(field, published=True)
        or dates.opens_meta_line(field)
    )


_LINE_KINDS = frozenset({"p", "h2", "h3", "h4", "h5", "h6"})
HEAD_REACH = 30  # blocks above the first paragraph of running text that are looked at


def take_head_meta(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """The blocks without the meta lines above the release's first paragraph of running text,
    and the date the first dated one gives. Further down, a date line is the release's own."""
    kept: list[Block] = []
    found: list[str] = []
    for index, block in enumerate(blocks):
        if index >= HEAD_REACH:
            kept.extend(blocks[index:])
            break
        meta = block.kind in _LINE_KINDS and is_meta_line(block.text, bare_date=False)
        if meta:
            if date := meta_date(block.text):
                found.append(date)
            continue
        if _is_running_text(block):
            kept.extend(blocks[index:])
            break
        kept.append(block)
    return kept, _publication_date(found)


def _publication_date(found: list[str]) -> str | None:
    """The line that says it is the publication date, else the first with a time of day, else
    the first: a page's 'Freitag, 15.11.2026' over its headline is the day it was read."""
    labelled = (text for text in found if dates.is_labelled_date(text, published=True))
    timed = (text for text in found if (moment := dates.parse_moment(text, UTC)) and moment[1])
    return next(labelled, None) or next(timed, None) or next(iter(found), None)


def lead_paragraph(blocks: list[Block]) -> list[Block]:
    """The release's first paragraph of running text, if any, as a list of one block."""
    return next(
        (
            [block]
            for block in blocks[:HEAD_REACH]
            if _is_running_text(block) and not is_meta_line(block.text)
        ),
        [],
    )


def _is_running_text(block: Block) -> bool:
    """A paragraph of the release's prose: sentences, not a line of labels."""
    text = block.text
    return block.kind in ("p", "quote") and len(text) >= 80 and text.rstrip()[-1:] in '.!?:“”"»«'
