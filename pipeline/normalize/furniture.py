"""What distributors add around a release: wire-service footers and mailing-list footers.

The patterns are one table, `furniture_table` (a `LINES` pattern drops one line wherever it
stands, a `FOOTERS` pattern starts a mailing list's footer that runs to the end). A source's
`strip` rules (regular expressions in its TOML) remove its own furniture the same way.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from pipeline.normalize.body import Line
from pipeline.normalize.contact_lines import is_postal_line
from pipeline.normalize.dates import is_date_line, opens_meta_line
from pipeline.normalize.furniture_table import CLOSING_GREETING, FOOTERS, LINES, SALUTATION
from pipeline.normalize.line_patterns import LineTable
from pipeline.normalize.updates import UPDATE_RE


@lru_cache(maxsize=1)
def _compiled() -> tuple[LineTable, LineTable]:
    lines = [p for ps in LINES.values() for p in ps]
    footers = [p for ps in FOOTERS.values() for p in ps]
    return LineTable(lines, needled=True), LineTable(footers, needled=False)


# A distributor's stamp that dates the release: APA-OTS's 'OTS0045 2026-11-25/10:15' or
# 'OTS0087 5 WI 0512 NEF0014   Mi, 25.Nov 2026'.
STAMP_RE = re.compile(
    r"(?:ots|[a-z]{3})\d{4}\b(.{0,90})"  # APA-OTS's and dpa-AFX's ('AXC0089 2026-11-25/08:05')
    r"|(?:veröffentlichungsdatum:\s*)?(\d{1,2}\.\d{1,2}\.\d{4})\s*-\s*(\d{1,2}:\d{2})"
    r"(?:\s*uhr\s*\|\s*dpa-afx)?",
    re.I,
)
STAMP_DATE_RE = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}\.\s?(?:\d{1,2}\.|[^\W\d]{3})")
# APA-OTS's subtitle: 'Utl.: Baubeginn im Frühjahr 2027 - … =' (its end may be lines later)
SUBTITLE_RE = re.compile(r"^utl\.:\s*", re.I)


def drop_furniture(lines: list[Line]) -> tuple[list[Line], str | None, list[Line]]:
    """The lines without distributors' furniture, the date of a distributor's stamp among them
    ('2026-11-25 10:15') for a release that names no date of its own, and the lines of a mail's
    signature under its closing greeting (where the press contact may be)."""
    one, rest = _compiled()
    kept: list[Line] = []
    signature: list[Line] = []
    stamp = None
    resume = 0
    running = _running_headers(lines)
    for index, line in enumerate(lines):
        if index < resume or index in running:
            continue
        text = line.text.strip()
        if len(text) > MAX_FURNITURE_LINE:
            kept.append(line)
            continue
        if END_MARK_RE.fullmatch(text) and index > 0:
            # the notes to editors and the sender's "About" under it belong to the release, as
            # in the wires' copies; furniture and the contact under it are read as anywhere
            continue
        if RULE_RE.fullmatch(text) and index > 0 and _imprint_below(lines, index):
            signature = lines[index + 1 :]  # a mail's imprint and notices under a rule
            break
        if rest.fullmatch(text) and index > 0 and _footer_confirmed(text, lines, index):
            resume = _release_below(lines, index)
            if resume is None:
                if GREETING_RE.fullmatch(text) or SIGNATURE_DELIMITER_RE.fullmatch(text):
                    signature = lines[index + 1 :]  # the sender's name and address under it
                elif kept and _imprint_address_above(lines, index, kept[-1]):
                    kept.pop()  # the list's sender and its address over the footer
                break
            kept = []  # a cover note, signed, over the release pasted under it
            continue
        if label := sender_label(text):
            stamp = stamp or label.group("date")
        elif PROVIDED_BY_RE.fullmatch(text):
            # a wire page's 'News provided by' / the sender / its timed date: the date dates it
            below = [other.text.strip() for other in lines[index + 1 : index + 3]]
            resume = index + 1 + (len(below) > 0 and len(below[0]) <= MAX_SENDER_NAME)
            if len(below) > 1 and is_date_line(below[1]):
                stamp, resume = stamp or below[1], resume + 1
        elif subject := OTS_SUBJECT_RE.fullmatch(text):
            if not _repeated_below(subject.group("headline"), lines, index):
                indent = len(line.text) - len(line.text.lstrip())
                kept.append(_without_prefix(line, indent + subject.start("headline")))
        elif not one.fullmatch(text):
            if index and SALUTATION_RE.fullmatch(lines[index - 1].text.strip()):
                line = _capitalized(line)  # 'Sehr geehrte Damen und Herren, / die Stadt lädt …'
            kept.append(_without_initials(line))
        elif text.endswith(":") and index + 1 < len(lines) and _address_only(lines[index + 1]):
            resume = index + 2  # 'View the original press release on ACCESSWIRE:' / its URL
        elif opens_meta_line(text):  # GlobeNewswire's 'October 29, 2026 16:05 ET | Source: …'
            stamp = stamp if stamp and ":" in stamp else text
        elif (match := STAMP_RE.fullmatch(text)) and STAMP_DATE_RE.search(
            dated := match.group(1) or f"{match.group(2)} {match.group(3)}"
        ):
            found = dated.replace("/", " ").strip()
            if stamp is None or (":" in found and ":" not in stamp):  # the stamp with a time
                stamp = found
    return _subtitles_unmarked(_lone_rows_as_lines(lines, kept)), stamp, signature


def _lone_rows_as_lines(given: list[Line], kept: list[Line]) -> list[Line]:
    """A row whose table mates were furniture (a letterhead's address over its bank and tax
    lines, all with figures, read as a table) is a line again, judged as any other."""
    before, after = _rows_per_chunk(given), _rows_per_chunk(kept)
    return [
        replace(line, kind="p")
        if line.kind == "row" and after[line.chunk] == 1 < before[line.chunk]
        else line
        for line in kept
    ]


def _rows_per_chunk(lines: list[Line]) -> dict[int, int]:
    rows: dict[int, int] = {}
    for line in lines:
        if line.kind == "row":
            rows[line.chunk] = rows.get(line.chunk, 0) + 1
    return rows


# An ots feed's subject line: 'OTS: Stadtwerke Münster GmbH / Stadtwerke senken Strompreise'.
# The sender goes; the rest is the headline, unless the release repeats it under the line.
OTS_SUBJECT_RE = re.compile(r"ots:\s*[^/]{2,80}?\s/\s+(?P<headline>\S.{9,250})", re.I)
SUBJECT_REPEAT_REACH = 4  # lines under the subject line: a stamp or two, then the headline
ADDRESS_ONLY_RE = re.compile(r"<?(?:https?://|www\.)\S+")


def _repeated_below(headline: str, lines: list[Line], index: int) -> bool:
    key = _words_key(headline)
    below = lines[index + 1 : index + 1 + SUBJECT_REPEAT_REACH]
    return any(_words_key(line.text) == key for line in below)


def _words_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _without_prefix(line: Line, cut: int) -> Line:
    """The line without its first `cut` characters (in its first segments)."""
    segs, remaining = [], cut
    for text, href in line.segs:
        if remaining >= len(text):
            remaining -= len(text)
            continue
        segs.append((text[remaining:], href))
        remaining = 0
    return replace(line, segs=segs)


def _address_only(line: Line) -> bool:
    """The line is only a web address (a furniture line's, which named it with a colon)."""
    return bool(ADDRESS_ONLY_RE.fullmatch(line.text.strip()))


RUNNING_HEADER_CHARS = 100


def _running_headers(lines: list[Line]) -> set[int]:
    """A page's running header in text copied out of a PDF: the same short line (no sentence)
    over every page, with the rule under it; it says nothing, and its rule is no imprint's."""
    counts: dict[str, int] = {}
    for line in lines:
        text = line.text.strip()
        if line.kind == "p" and 0 < len(text) <= RUNNING_HEADER_CHARS and text[-1] not in ".!?:":
            counts[text] = counts.get(text, 0) + 1
    repeated = [i for i, line in enumerate(lines) if counts.get(line.text.strip(), 0) >= 2]
    # a page's: a rule under it, or a page number over it ('- 1 -', 'Seite 1 von 2')
    paged = {
        lines[i].text.strip()
        for i in repeated
        if (i + 1 < len(lines) and RULE_RE.fullmatch(lines[i + 1].text.strip()))
        or any(PAGE_NUMBER_RE.fullmatch(line.text.strip()) for line in lines[max(0, i - 2) : i])
    }
    found: set[int] = set()
    for index in repeated:
        if lines[index].text.strip() in paged and not RULE_RE.fullmatch(lines[index].text):
            found.add(index)
            if index + 1 < len(lines) and RULE_RE.fullmatch(lines[index + 1].text.strip()):
                found.add(index + 1)
    return found


PAGE_NUMBER_RE = re.compile(
    r"[-–—]\s*\d{1,3}\s*[-–—]|(?:seite|page|s\.)\s*\d{1,3}(?:\s*(?:von|of|/)\s*\d{1,3})?",
    re.I,
)


# A wire editor's initials after the last sentence: '… liegen./xyz/jha/stk' (dpa-AFX).
INITIALS_RE = re.compile(r"(?<=[.!?\"“”»])/[a-z]{2,4}(?:/[a-z]{2,4}){1,5}\s*$")


def _without_initials(line: Line) -> Line:
    if "/" not in line.text[-24:] or not line.segs:
        return line
    text, href = line.segs[-1]
    trimmed = INITIALS_RE.sub("", text)
    if trimmed == text:
        return line
    return replace(line, segs=[*line.segs[:-1], (trimmed, href)])


# A mail's closing greeting: what follows is the sender's signature.
GREETING_RE = re.compile(CLOSING_GREETING, re.I)
SIGNATURE_DELIMITER_RE = re.compile(r"--\s*")  # '-- ', also Outlook's '--'
PROVIDED_BY_RE = re.compile(r"(?:news|release|content) provided by:?|bereitgestellt von:?", re.I)
MAX_SENDER_NAME = 80


# A sender's label line, on a letterhead or as each page's running header: 'Landratsamt
# Mühlbach – Pressemitteilung vom 23.11.2026', 'Pressemitteilung der Stadt Oberau vom 23.
# November 2026', 'Stadt Rottweilen – Presse- und Öffentlichkeitsarbeit, 24.11.2026'. It names
# no news: it goes, and its date dates a release that names none of its own.
_KIND = (
    r"(?:presse|medien)(?:mitteilung|information|meldung|info|dienst|notiz|bericht)"
    r"(?:\s+(?:nr\.?\s*\d[\d/-]*|\d[\d/-]*(?![.\d])))?"  # a number, not a date's day
    r"|(?:press|news|media)\s+release"
)
# an office's name heads a contact as well: it is a label only with the date after it
_OFFICE = r"presse-?\s+und\s+öffentlichkeitsarbeit|pressestelle|press\s+office"
_DATE = (
    # '23.11.2026', '23.11.26', '23. November 2026', the British '23rd November 2026'
    r"\s*,?\s*(?:vom|from|dated|,)?\s*(?P<date>(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d\d(?![\d.]))"
    r"|\d{1,2}(?:\.\s?|(?:st|nd|rd|th)?\s)[^\W\d]+\s?\d{4}"
    r"|\d{4}-\d\d-\d\d|[^\W\d]+\.?\s\d{1,2},\s\d{4}|\d{1,2}/\d{1,2}/\d{4})"
    # a time after it: 'Stand: 24.11.2026, 14:30 Uhr'
    r"(?:,?\s*(?:um\s+|at\s+)?\d{1,2}[:.]\d\d(?:\s*(?:uhr|h|[ap]\.?m\.?))?)?)"
)
# the page's later change beside it: 'Stand: 25.11.2026 | aktualisiert am 26.11.2026'
_LATER = _DATE.replace("?P<date>", "?:")
_AND_UPDATE = rf"(?:\s*[|–—;,(]\s*{UPDATE_RE.pattern}\s*(?:am|on)?\s*:?{_LATER}\)?)?"
_SENDER = r"[^.!?:–—|]{2,80}?\s[-–—|:/]\s*"
SENDER_LABEL_RES = (
    re.compile(
        rf"(?:{_SENDER}(?:{_KIND})|(?:{_KIND})\s+(?:der|des|von|from|of)\s+[^.!?:]{{2,80}}?)"
        rf"(?:{_DATE})?",
        re.I,
    ),
    re.compile(rf"{_SENDER}(?:{_OFFICE}){_DATE}", re.I),
    # 'FOR IMMEDIATE RELEASE: November 24, 2026', 'Pressemitteilung vom 24.11.2026', 'Stand:
    # 24.11.2026' (when the page last changed: it dates a release only that gives no date)
    re.compile(
        rf"(?:for\s+immediate\s+release|zur\s+sofortigen\s+veröffentlichung|{_KIND}|stand"
        rf"|(?:zuletzt\s+)?aktualisiert(?:\s+am)?|(?:last\s+)?updated(?:\s+on)?)\s*[:–—-]?{_DATE}"
        rf"{_AND_UPDATE}",
        re.I,
    ),
)
MAX_SENDER_LABEL = 140


def sender_label(text: str) -> re.Match | None:
    """The match if `text` is a sender's label line (with its date, if it has one)."""
    text = text.strip()
    if len(text) > MAX_SENDER_LABEL:
        return None
    return next((m for pattern in SENDER_LABEL_RES if (m := pattern.fullmatch(text))), None)


MAX_FURNITURE_LINE = 900  # Business Wire's translation notice is one long line
# EQS's issuer block opens with 'Sprache: Deutsch' and names the company next; the same line
# in a release's event details ('Sprache: Deutsch', 'Ort: online') ends nothing.
EQS_LANGUAGE_RE = re.compile(r"(?:sprache|language):", re.I)
EQS_COMPANY_RE = re.compile(r"(?:unternehmen|company|emittent|issuer):", re.I)


RELEASE_WORDS = 60  # prose under a signature that makes it a release, not a notice
NOTE_RELEASE_WORDS = 20  # the same under a cover note's signature: a short report is one
NOTE_WORDS = 80  # a cover note says its piece in a few lines
SIGNATURE_LINES, SIGNATURE_WORDS = 3, 5
SALUTATION_RE = re.compile(SALUTATION, re.I)
# The end of a US release ('###', '-30-'): a mark for the newsroom, not the reader.
END_MARK_RE = re.compile(r"#\s?#\s?#|-\s?30\s?-|[-–—]\s?(?:ende|end)\s?[-–—]", re.I)


# A drawn line ('______', '-----', '=====') over a mail's imprint: the sender's address,
# 'Datenschutzhinweise: …', the list's notice. Under a cover note it opens the release instead.
RULE_RE = re.compile(r"[_\-=*~]{10,}")
IMPRINT_LINE_WORDS = 40


def _imprint_below(lines: list[Line], index: int) -> bool:
    below = [line.text for line in lines[index + 1 :] if line.text.strip()]
    return (
        bool(below)
        and _prose_words(lines[:index]) > 2 * (under := _prose_words(lines[index + 1 :]))
        and under < RELEASE_WORDS
        and all(len(text.split()) <= IMPRINT_LINE_WORDS for text in below)
    )


def _imprint_address_above(lines: list[Line], index: int, above: Line) -> bool:
    """The line over a mailing list's footer is the sender's postal address, set in the
    footer's paragraph or alone: not the last line of a contact."""
    if index < 1 or lines[index - 1] is not above or not is_postal_line(above.text):
        return False
    alone = index < 2 or lines[index - 2].chunk != above.chunk
    return alone or above.chunk == lines[index].chunk


def _release_below(lines: list[Line], index: int) -> int | None:
    """Where a release pasted under a mail's signature starts, or None when the signature ends
    the release (what follows it is its notices, or nothing)."""
    below = next(
        (i for i in range(index + 1, len(lines)) if lines[i].chunk != lines[index].chunk), None
    )
    if below is None:
        return None
    # a notice under the signature ('Diese E-Mail enthält vertrauliche …', its English twin)
    # is no release pasted there, however many words it has
    one, rest = _compiled()
    pasted = [line for line in lines[below:] if not _is_furniture(line.text.strip(), one, rest)]
    under, over = _prose_words(pasted), _prose_words(lines[:index])
    if under > 2 * over and under >= (
        NOTE_RELEASE_WORDS if _cover_note(lines[:index]) else RELEASE_WORDS
    ):
        return _past_signature(lines, below)
    return None


def is_furniture_line(text: str) -> bool:
    return _is_furniture(text.strip(), *_compiled())


def _is_furniture(text: str, one, rest) -> bool:
    return len(text) <= MAX_FURNITURE_LINE and bool(one.fullmatch(text) or rest.fullmatch(text))


def _cover_note(lines: list[Line]) -> bool:
    """A salutation and a few lines to the editor: what a greeting closes is a note, and the
    text under the sender's name is the release, however short."""
    texts = [text for line in lines if (text := line.text.strip())]
    return (
        bool(texts)
        and SALUTATION_RE.fullmatch(texts[0]) is not None
        and sum(len(text.split()) for text in texts) <= NOTE_WORDS
    )


def _past_signature(lines: list[Line], start: int) -> int:
    """The first line after the sender's name and title under a greeting ('Jane Doyle',
    'Ihre Pressestelle', a rule): the release's headline or first paragraph."""
    index = start
    while (
        index < len(lines)
        and index < start + SIGNATURE_LINES
        and len((text := lines[index].text.strip()).split()) <= SIGNATURE_WORDS
        and not text.endswith((".", "!", "?", ":"))
        and index + 1 < len(lines)
    ):
        index += 1
    return index


def _prose_words(lines: list[Line]) -> int:
    return sum(words for line in lines if (words := len(line.text.split())) >= 10)


def _footer_confirmed(text: str, lines: list[Line], index: int) -> bool:
    if not EQS_LANGUAGE_RE.match(text):
        return True
    return any(EQS_COMPANY_RE.match(line.text.strip()) for line in lines[index + 1 : index + 3])


def _capitalized(line: Line) -> Line:
    """A letter's first sentence, which went on from the salutation in lower case."""
    first, href = line.segs[0] if line.segs else ("", None)
    if not first[:1].islower():
        return line
    return replace(line, segs=[(first[0].upper() + first[1:], href), *line.segs[1:]])


def _subtitles_unmarked(lines: list[Line]) -> list[Line]:
    """APA-OTS's 'Utl.: … =' marks around a subtitle go; the subtitle stays, a paragraph of its
    own also when it stands right under the headline (never run into it)."""
    for index, line in enumerate(lines[:12]):
        if SUBTITLE_RE.match(line.text):
            _edit(line, lambda text: SUBTITLE_RE.sub("", text, count=1))
            chunk, own = line.chunk, max(other.chunk for other in lines) + 1
            for following in lines[index : index + 4]:
                if following.chunk != chunk:
                    break
                following.chunk = own if index and lines[index - 1].chunk == chunk else chunk
                if following.text.rstrip().endswith(" ="):
                    _edit(following, lambda text: text.rstrip().removesuffix("=").rstrip())
                    break
    return lines


def _edit(line: Line, change) -> None:
    """Apply `change` to a line of plain text (a subtitle with links is left as it is)."""
    if all(href is None for _, href in line.segs):
        line.segs = [(change(line.text), None)]
        line.text = line.segs[0][0]
