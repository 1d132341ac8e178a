"""The headline, kicker and dateline of a release (its publication date: `published`)."""

from __future__ import annotations

import re
from datetime import UTC

from pipeline.models import MAX_HEADLINE, Problem
from pipeline.normalize import boilerplate, dates
from pipeline.normalize.body import Block
from pipeline.normalize.datelines import (
    DATELINE_ONLY_RE,
    DETAIL_LINE_RE,
    dateline_text,
    merge_datelines,
)
from pipeline.normalize.findings import Findings
from pipeline.normalize.headline_labels import LABEL_PREFIX_RE, headline_start
from pipeline.normalize.letterhead import (
    is_letterhead,
    is_release_label,
    is_release_number,
    is_sender_line,
)
from pipeline.normalize.page_dump import nearest_the_text
from pipeline.normalize.paragraphs import BULLET_RE
from pipeline.normalize.updates import states_only_an_update


def headline_length_problem(title: str) -> Problem | None:
    if len(title) <= MAX_HEADLINE:
        return None
    return Problem(
        field="title",
        message=f"the headline is too long ({len(title)} of at most {MAX_HEADLINE} characters)",
    )


# --- Headline and dates ------------------------------------------------------------------------


_UPDATE_LABEL_RE = re.compile(r"\bupdated?\b", re.I)


def take_title(
    blocks: list[Block], given: str, found: Findings, *, body_first: bool = False
) -> tuple[str, list[Block]]:
    """The headline and the body without it (and without the date lines above the body).
    With `body_first` (an e-mail, whose subject the sender shortens or a reply renames), a
    headline that opens the body right above its first paragraph beats a subject it does not
    repeat."""
    label = LABEL_PREFIX_RE.match(given)
    if label and _UPDATE_LABEL_RE.search(label.group()):  # the editor should know
        shown = label.group().strip()
        found.warnings.append(f"the headline was labelled '{shown}': it updates an earlier one")
    given = LABEL_PREFIX_RE.sub("", given)  # 'Pressemitteilung: Stadtwerke senken …'
    if (
        given
        and any(character.isalpha() for character in given)  # a year ('2027') is a headline
        and (
            boilerplate.LABEL_RE.fullmatch(boilerplate.label_key(given)) or is_release_label(given)
        )
    ):
        # a subject that only says 'Pressemitteilung' (or 'Pressemitteilung Nr. 214/2026 des
        # Landratsamtes Bautzen'): the body has the headline
        given = ""
    if body_first:
        blocks = _without_cover_note(blocks)
    head_end = _body_start(blocks)
    if not given and head_end == 0 and len(blocks) > 1 and _looks_like_headline(blocks[0]):
        # a long headline (up to 300 characters) reads like a paragraph without its period
        head_end = _body_start(blocks, 1)
    # the opening blocks that state only a date: each is asked up to three times below
    # (or a line of fields that says when it was published: 'Polizeidirektion Leipzig |
    # Veröffentlicht am: 26. November 2026, 13:05 Uhr', or opens with the date)
    date_lines = {
        i
        for i in range(head_end)
        if dates.is_date_line(text := blocks[i].text)
        or dates.is_labelled_date(text, published=True)
        or dates.opens_meta_line(text)  # 'October 29, 2026 16:05 ET | Source: Kestrel, Inc.'
    }
    title, title_index = given, None
    if given:
        key = _title_key(given)
        title_index = next(
            (i for i, b in enumerate(blocks[:6]) if _repeats_title(b.text, key)), None
        )
        fuller = (
            LABEL_PREFIX_RE.sub("", blocks[title_index].text) if title_index is not None else ""
        )
        # a mail's subject that dropped the topic: 'Brückensanierung: B 27 …' for 'B 27 …',
        # never 'POL-OS: …'; a page's head title has its kicker cut on purpose
        if fuller and body_first and _topic_before(fuller, given):
            title = fuller
        if title_index is None:  # a subject that shortens the body's own headline
            title_index = next(
                (
                    i
                    for i, b in enumerate(blocks[: max(min(head_end, 3), 1)])
                    if _looks_like_headline(b) and _widens(b.text, key)
                ),
                None,
            )
            title = blocks[title_index].text if title_index is not None else title
        if title_index is None and body_first:
            # a subject with the sender in front: 'Boulder County Fire Rescue: Structure fire …'
            title_index = next((i for i, b in enumerate(blocks[:6]) if _ends_subject(key, b)), None)
            title = blocks[title_index].text if title_index is not None else title
        if title_index is None and body_first and 0 < head_end <= 3:
            # the headline, not the deck under it ('Series A led by …'), nor a label over it
            opening = next(
                (
                    i
                    for i in range(head_end)
                    if _looks_like_headline(blocks[i]) and len(blocks[i].text.split()) >= 4
                ),
                None,
            )
            if opening is not None:
                title, title_index = blocks[opening].text, opening
    else:
        title_index = _find_headline(blocks, head_end, date_lines)
        too_long = len(blocks) > 1 and _looks_like_headline(blocks[0], too_long=True)
        if title_index is None and too_long:
            # a headline over the limit still is the headline: the release is held for its
            # length, not for having none
            title_index = 0
        # 'POL-HX: Einbruch …', 'Pressemitteilung: …' opening a text file or a page
        title = LABEL_PREFIX_RE.sub("", blocks[title_index].text) if title_index is not None else ""
    # the headline said twice above the text (EQS pages: in the wire's header and in bold)
    repeats = _repeats_in_head(blocks, head_end, title) if title_index is not None else set()
    kept = []
    opened = False  # a block of the release's own came: later date lines are its content
    for index, block in enumerate(blocks):
        is_date = block.kind in ("p", "h1", "h2", "row") and index in date_lines
        if index < head_end and is_date and not opened:
            found.date_text = _publication_date(found.date_text, block.text)
        elif (
            index != title_index
            and index not in repeats
            and not (
                title_index is not None
                and index < title_index
                and (
                    _is_kicker(block)
                    or is_sender_line(block.text)
                    or (not given and _looks_like_headline(block))  # a site's name over it
                )
            )
            # 'Nr. 87/2026' alone over the text: the document's number, no word of the release
            and not (index < head_end and not opened and is_release_number(block.text))
        ):
            kept.append(block)
            opened = opened or (
                title_index is not None
                and index > title_index
                and not DATELINE_ONLY_RE.match(block.text)
            )
    kept = merge_datelines(kept)
    found.date_text = found.date_text or dateline_text(kept) or dates.title_date(title)
    return title, kept


def _publication_date(taken: str | None, line: str) -> str | None:
    """The first date line above the text, unless a later one says it is the publication date
    ('Veröffentlicht am 26.11.2026 um 10:14 Uhr' under a page's 'Donnerstag, 26. November
    2026', which is the day it was read)."""
    if taken is None:
        return line
    if states_only_an_update(taken, dates.find_date) and not states_only_an_update(
        line, dates.find_date
    ):
        return line  # 'Update vom 26.11.2026' over 'Pressemitteilung vom 25.11.2026'
    if dates.is_labelled_date(line, published=True) and not dates.is_labelled_date(
        taken, published=True
    ):
        return line
    # 'Samstag, 9. November 2026' at the page's top, '9. November 2026 10:05' under the
    # headline: the same day, and the later line knows when
    first, later = dates.parse_moment(taken, UTC), dates.parse_moment(line, UTC)
    if first and later and not first[1] and later[1] and first[0].date() == later[0].date():
        return line
    return taken


HEAD_REACH = 6  # blocks above the text where a headline may be printed again


def _repeats_in_head(blocks: list[Block], head_end: int, title: str) -> set[int]:
    key = _title_key(title)
    reach = min(head_end, HEAD_REACH)
    return {i for i in range(reach) if blocks[i].kind != "li" and _title_key(blocks[i].text) == key}


# A mail's note to the editor above the release: what comes after a removed salutation
# ('anbei …', 'hier die korrigierte Fassung:'), says what follows ('Wir freuen uns, Ihnen folgende
# Veranstaltung ankündigen zu dürfen:') or asks for the editor's medium ('in Ihrem Medium').
COVER_NOTE_RE = re.compile(
    r"\b(?:please\s+find|find\s+below|(?:see|read)\s+below|below\s+(?:is|you)|attached|here\s+is"
    r"|anbei|untenstehend|unten\s+(?:die|unsere|finden)|beigefügt|im\s+anhang|korrigierte|corrected"
    r"|ihre[rnms]?\s+(?:zeitung|redaktion|leser\w*|medi(?:um|en)|blatt|sendung|programm|portal"
    r"|publikation|\w*kalender)|your\s+(?:readers|paper|publication|outlet|medi(?:um|a)|listings"
    r"|calendar|audience)|(?:happy|glad)\s+to\s+(?:arrange|help|provide)|gern(?:e)?\s+(?:zur\s+"
    r"verfügung|auf\s+nachfrage)|veröffentlichung|ankündigung\s+in\b|interview|(?:folgende"
    r"|nachstehende|unten\s?stehende)[nrs]?\s+(?:presse)?(?:mitteilung|meldung|information"
    r"|veranstaltung|einladung|termin|hinweis)|the\s+following\s+(?:press\s+release|news"
    r"|announcement|event|invitation|information))",
    re.I,
)
COVER_NOTE_WORDS = 60


def _without_cover_note(blocks: list[Block]) -> list[Block]:
    """The blocks without a mail's short note to the editor in front of the release: a first
    paragraph that continues a removed salutation (lower case) or speaks of the release, when
    a headline or the release's dated first paragraph follows it."""
    if len(blocks) < 2 or blocks[0].kind != "p":
        return blocks
    note, following = blocks[0].text, blocks[1]
    if len(note.split()) > COVER_NOTE_WORDS or not (
        note[:1].islower() or COVER_NOTE_RE.search(note)
    ):
        return blocks
    if _looks_like_headline(following) or dateline_text([following]):
        return blocks[1:]
    return blocks


def _ends_subject(subject_key: str, block: Block) -> bool:
    """The block is a mail subject's last part, behind a sender or label of a few words."""
    key = _title_key(block.text)
    if len(key.split()) < 3 or not subject_key.endswith(" " + key):
        return False
    return len(subject_key.split()) - len(key.split()) <= 6 and _looks_like_headline(block)


def _topic_before(block_text: str, title: str) -> bool:
    """The block is the title behind a topic and a colon: the fuller headline."""
    head, colon, rest = block_text.partition(": ")
    return bool(colon) and _title_key(rest) == _title_key(title) and len(head.split()) <= 5


def _body_start(blocks: list[Block], start: int = 0) -> int:
    return next(
        (i for i in range(start, len(blocks)) if _is_body_paragraph(blocks[i])), len(blocks)
    )


def _is_kicker(block: Block) -> bool:
    """A short label above the headline (a section name, a 'Dachzeile'): page furniture."""
    text = block.text
    return len(text.split()) <= 6 and text[-1] not in ".!?" and not any(h for _, h in block.segs)


def _is_section_name(block: Block) -> bool:
    return _is_kicker(block) and not DATELINE_ONLY_RE.match(block.text)


def _find_headline(blocks: list[Block], head_end: int, date_lines: set[int]) -> int | None:
    h1 = next((i for i, b in enumerate(blocks[: head_end + 1]) if b.kind == "h1"), None)
    if h1 is not None:
        return h1
    candidates = [i for i in range(head_end) if _looks_like_headline(blocks[i], i in date_lines)]
    # a letterhead, its document's label and number, the place and date, then the headline:
    # 'Bayerisches Landesamt für Statistik / Pressemitteilung 287/2026' / 'Fürth, 26. November'
    dated = sorted(date_lines)
    if dated and any(i > dated[-1] for i in candidates):
        before = [i for i in candidates if i < dated[-1]]
        if before and all(is_letterhead(blocks[i].text) for i in before):
            candidates = [i for i in candidates if i > dated[-1]]
    # a letterhead ('OFFICE OF THE ATTORNEY GENERAL', 'Cedar Falls Police Department') names
    # the sender over the headline: it is the headline only when nothing follows it
    named = [i for i in candidates if not is_sender_line(blocks[i].text)]
    if named and len(blocks[named[-1]].text.split()) >= 4:
        candidates = named
    candidates = nearest_the_text(blocks, candidates, date_lines, _is_section_name)
    # A headline says something: four words first, then a sender's or site's name of two or
    # three; only when a paragraph of running text follows, which the headline stands over.
    passes = ((4, 10**6), (3, 25)) if head_end < len(blocks) else ((3, 25),)
    for words, characters in passes:
        for index in candidates:
            text = blocks[index].text
            if len(text.split()) >= words or len(text) >= characters:
                return index
    if candidates:
        return candidates[0]
    # A headline with a final period: a short single sentence directly followed by the body.
    if head_end < len(blocks) and head_end >= 1 and _may_be_headline(blocks[head_end - 1]):
        return head_end - 1
    first = blocks[0] if blocks else None
    if first and len(blocks) > 1 and _may_be_headline(first) and first.text[-1] in ".!?":
        return 0
    return None


def _may_be_headline(block: Block) -> bool:
    text = block.text
    return (
        block.kind == "p"
        and len(text) <= 150
        and len(text.split()) >= 2
        and not any(href for _, href in block.segs)
        and not DATELINE_ONLY_RE.match(text)
        and not dates.is_date_line(text)
    )


def _looks_like_headline(
    block: Block, date_line: bool | None = None, *, too_long: bool = False
) -> bool:
    """`date_line`: whether the block only states a date, when the caller already knows;
    `too_long`: one that would be a headline but for its length (up to twice the limit)."""
    text = block.text
    if block.kind not in ("p", "h1", "h2", "h3") or any(href for _, href in block.segs):
        return False
    return (
        (
            8 <= len(text) <= MAX_HEADLINE  # before splitting a long paragraph into words
            if not too_long
            else MAX_HEADLINE < len(text) <= 2 * MAX_HEADLINE
        )
        and 2 <= len(text.split()) <= 45
        and text[-1] not in ".:;,"
        and (first := headline_start(text)[:1])
        and (first.isupper() or first.isdigit() or first in "„\"“»'")
        and not BULLET_RE.match(text)
        and not DATELINE_ONLY_RE.match(text)
        and not boilerplate.ADDRESS_PART_RE.search(text)  # a letterhead's phone and address
        and not DETAIL_LINE_RE.match(text)
        and not (dates.is_date_line(text) if date_line is None else date_line)
    )


def _is_body_paragraph(block: Block) -> bool:
    return block.kind in ("p", "quote") and boilerplate.is_long_paragraph(block.text)


def _repeats_title(block_text: str, title_key: str) -> bool:
    """The block is the headline, alone, behind a kicker ('Breitbandausbau Förderprogramm …'
    for 'Förderprogramm …') or behind the sender's name ('Firma GmbH / Headline', as ots mails
    repeat their subject line)."""
    block_key = _title_key(block_text)
    if block_key == title_key:
        return True
    kicked = block_key.endswith(" " + title_key) and len(title_key.split()) >= 3
    if kicked and len(block_key.split()) - len(title_key.split()) <= 2:
        return block_text.rstrip()[-1:] not in ".!?:"  # a headline line, not a sentence
    sender, _, rest = block_text.rpartition(" / ")
    return bool(sender) and len(sender.split()) <= 6 and _title_key(rest) == title_key


def _widens(block_text: str, title_key: str) -> bool:
    """The block says what the title says, with a few words more ('Landesamt: Einwohnerzahl
    in Hessenwald erstmals über zwei Millionen' for 'Einwohnerzahl erstmals über zwei …')."""
    title_words, block_words = title_key.split(), _title_key(block_text).split()
    if len(title_words) < 3 or len(block_words) <= len(title_words):
        return False
    shared = sum(1 for word in title_words if word in block_words)
    return shared >= 0.8 * len(title_words) and len(block_words) <= 2 * len(title_words) + 4


def _title_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
