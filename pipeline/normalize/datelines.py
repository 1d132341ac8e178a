"""A dateline: a place and a date in front of the first sentence ('Leipzig, 25. November 2026 –
Die Stadt …', 'RENO, Nev.--(BUSINESS WIRE)--Nov. 25, 2026--', 'PORTLAND, Ore. – November 24,
2026 – …'), and the date it gives."""

from __future__ import annotations

import re
from typing import Protocol

from pipeline.normalize import boilerplate
from pipeline.normalize.body import Block, tidy_segments
from pipeline.normalize.dates import find_date

# 'Lindenau, 25.11.2026. Der …', a police report's 'Leipzig, 26.11.2026, 08:15 Uhr. Am …'
_DATED = r"^(?P<dated>[^!?]{4,60}?\b(?:19|20)\d\d(?:,?\s\d{1,2}[:.]\d\d(?:\s?(?i:uhr|h))?)?)[.:]\s"
DATELINE_HEAD_RE = re.compile(
    r"^[^!?]{2,60}?--\((?i:business ?wire|globe ?newswire|accesswire|prnewswire)[^)]{0,30}\)--"
    r"(?P<wire>[^-]{6,40}?)--"  # 'RENO, Nev.--(BUSINESS WIRE)--Nov. 25, 2026--Globex …'
    # 'DALLAS, TX / ACCESSWIRE / November 25, 2026 / Lonestar …': the date after the wire
    r"|^[^!?/]{2,60}?\s?/\s?(?i:access ?wire|access newswire)\s?/\s?(?P<slashed>[^/]{6,40}?)\s?/\s"
    r"|^(?P<head>[^!?]{4,90}?)\s(?:--|[-–—]|/[\w -]{3,40}/)\s|" + _DATED
)
# the dated form alone, for a dash further on (an aside: 'bietet – wie angekündigt – am …')
# that made the dash form take a head that is no dateline
DATED_HEAD_RE = re.compile(_DATED)
DATELINE_TAIL_WORDS = 4  # after a dateline's date: '14:30 Uhr', '(ots)', 'ET /PRNewswire/'
DATELINE_REACH = 250  # characters: the longest head DATELINE_HEAD_RE takes, and more
_DIGIT_RE = re.compile(r"\d")
_DASH_RE = re.compile(r"\s(?:--|[-–—])\s|\s?(?:--|—)\s?")
_ENDS_WITH_DASH = re.compile(r"(?:--|[-–—])\s*$")
DASHED_REACH = 120
_TIME_AFTER_RE = re.compile(
    r"\s(?:--|[-–—])\s(?P<time>\d{1,2}[:.]\d\d(?:\s?(?i:uhr|h|[ap]\.?m\.?))?"
    r"(?:\s(?-i:[A-Z]{2,5}))?)\s(?:--|[-–—])\s"
)


class _Block(Protocol):  # normalize.body's Block, which imports this module
    kind: str
    text: str


def dateline_text(blocks: list[_Block]) -> str | None:
    """The date of a dateline such as 'Leipzig, 25. November 2026 – Die Stadt ...'."""
    for block in blocks[:4]:
        # every date has a day's digits, and a dateline's head is short
        dated = block.kind == "p" and _DIGIT_RE.search(block.text, 0, DATELINE_REACH)
        if dated and (bracketed := bracketed_dateline(block.text)):
            return bracketed
        match = DATELINE_HEAD_RE.match(block.text) if dated else None
        head = (
            (
                match.group("wire")
                or match.group("slashed")
                or match.group("head")
                or match.group("dated")
            )
            if match
            else None
        )
        if head and _dated_head(head):
            # 'Zürich, 26. November 2026 – 07:00 MEZ – …': the time, set off by its own dash
            timed = _TIME_AFTER_RE.match(block.text, len(head)) if match.group("head") else None
            return f"{head} {timed.group('time')}" if timed else head
        if dated and match is not None and match.group("head"):
            stop = DATED_HEAD_RE.match(block.text)
            if stop and _dated_head(stop.group("dated")):
                return stop.group("dated")
        if dated and (match is None or match.group("head")):
            # 'PORTLAND, Ore. – November 24, 2026 – …': the place set off by a dash too
            for dash in _DASH_RE.finditer(block.text, 0, DASHED_REACH):
                head = block.text[: dash.start()]
                found = _dated_head(head)
                if found and _ENDS_WITH_DASH.search(head[: found[0].start()]):
                    return head
    return None


def dateline_end(text: str) -> int:
    """Where the sender's first sentence starts behind a dateline ('WASHINGTON (November 24,
    2026) — A coalition …', 'Sydney, 2 December 2026: One in three …', '(Chemnitz, 26.11.2026)
    Das Institut …', 'RIVERTON – The City …'); 0 without one."""
    if not _DIGIT_RE.search(text, 0, DATELINE_REACH):
        place = PLACE_ONLY_RE.match(text) or MARKED_PLACE_RE.match(text)
        return place.end() if place else 0
    bracketed = BRACKETED_RE.match(text)
    if bracketed and _dated_head(bracketed.group("inside")):
        return bracketed.end()
    match = DATELINE_HEAD_RE.match(text)
    if match and (match.group("wire") or match.group("slashed")):
        return match.end()
    head = match and (match.group("head") or match.group("dated"))
    if head and _dated_head(head):
        timed = _TIME_AFTER_RE.match(text, len(head)) if match.group("head") else None
        return timed.end() if timed else match.end()
    stop = DATED_HEAD_RE.match(text) if match is not None and match.group("head") else None
    if stop and _dated_head(stop.group("dated")):
        return stop.end()
    if match is None or match.group("head"):
        for dash in _DASH_RE.finditer(text, 0, DASHED_REACH):
            found = _dated_head(head := text[: dash.start()])
            if found and _ENDS_WITH_DASH.search(head[: found[0].start()]):
                return dash.end()
    place = PLACE_ONLY_RE.match(text) or MARKED_PLACE_RE.match(text)
    return place.end() if place else 0


# '(Chemnitz, 26.11.2026) Das …': a press portal's dateline in brackets
BRACKETED_RE = re.compile(r"\((?P<inside>[^()]{4,60})\)\s*(?:[-–—:]\s*)?(?=\S)")
# the same after the portal's own mark: '(PresseBox) (Reutlingen, 26.11.2026) Die …'
_MARKED_BRACKETED_RE = re.compile(r"\s*(?:\([^()\d]{2,30}\)\s*)?\((?P<inside>[^()]{4,60})\)")


def bracketed_dateline(text: str) -> str | None:
    """The place and date of a dateline in brackets, with or without a distributor's mark
    before it ('(PresseBox) (Reutlingen, 26.11.2026)', '(Chemnitz, 26.11.2026) Das …')."""
    match = _MARKED_BRACKETED_RE.match(text)
    found = _dated_head(inside := match.group("inside").strip()) if match else None
    # a place, a comma, the date: '(Sitzung am 3. Dezember 2026)' is a note on the text
    if found is None or not inside[: found[0].start()].rstrip().endswith(","):
        return None
    return inside


# A place in capitals and its dash, with no date: 'RIVERTON – The City …', 'SAN DIEGO, Calif. —'.
# The sentence after it starts with a capital ('NASA – the agency …' is a sentence).
PLACE_ONLY_RE = re.compile(
    r"(?-i:[A-ZÄÖÜ][A-ZÄÖÜ'.-]{2,}(?:[ /][A-ZÄÖÜ][A-ZÄÖÜ'.-]+){0,3}"
    r"(?:,\s[A-Z][a-z]{1,12}\.?(?:\s[A-Z][a-z]{1,12}\.?)?)?)\s(?:--|[-–—])\s(?=[\"„“»]?[A-ZÄÖÜ])"
)


# A place and the sending office's mark, no date: 'Kiel (pm) – Die …', 'Münster (SMS) Nach …'.
# A mark in capitals may be a company's ticker ('Siemens (SIE) Aktie …'): a sentence must
# open after it, or a dash set it off.
MARKED_PLACE_RE = re.compile(
    r"(?-i:(?!(?:Die|Der|Das|The|Ein|Eine|A|An)\s)[A-ZÄÖÜ][\w.'-]+(?:[ /-][A-ZÄÖÜ][\w.'-]+){0,2}"
    r"\s(?:\([a-zäöü]{2,6}\)\s*(?:[-–—:]\s*)?|\([A-Za-zÄÖÜäöü]{2,6}\)\s*[-–—:]\s*"
    r"|\([A-ZÄÖÜ]{2,6}\)\s(?=(?i:nach|am|an|im|in|mit|bei|seit|zum|zur|auf|für|wie|als|ab|die|der"
    r"|das|den|dem|ein|eine|einen|the|a|an|on|at|after|with|more|over)\s))(?=[\"„“»]?[A-ZÄÖÜ]))"
)


def _dated_head(head: str):
    """The date in a dateline's head with a place before it and at most a time or an agency's
    mark after it: 'Ab 12. Februar 2027 zeigt das Museum … –' opens a sentence, no dateline."""
    found = find_date(head)
    before = head[: found[0].start()].split() if found else []
    if (
        found
        and len(before) <= 4
        and not (before and before[-1].casefold() in REFERENCE_WORDS)
        and not (before and before[0].strip(",.:;").casefold() in UPDATE_WORDS)
        and all(_place_word(word) for word in before)
        and len(head[found[0].end() :].split()) <= DATELINE_TAIL_WORDS
    ):
        return found
    return None


def _place_word(word: str) -> bool:
    """A word of a place's name ('Frankfurt am Main,', 'PORTLAND, Ore.', '(ots)'): capitalized,
    a connector or a mark; 'The pilot starts on 11 January 2027.' is a sentence, no dateline."""
    letters = word.strip("()[],.:;–—-/")
    return (
        not letters
        or not letters[0].isalpha()
        or letters[0].isupper()
        or (letters.casefold() in PLACE_CONNECTORS or word.startswith("("))
    )


PLACE_CONNECTORS = frozenset("am an der den im in de del la le van von bei upon on-the".split())


# Words that make a date a reference, not the release's: 'Zwischenbilanz zum 30. September 2026 –'
REFERENCE_WORDS = frozenset("zum zur bis seit ab per stichtag through until since as of".split())
# A later note in the text, dated when it was added: 'Update, 15.01.2026, 16:45 Uhr: Die Brücke …'
UPDATE_WORDS = frozenset(
    "update updated aktualisierung aktualisiert nachtrag ergänzung korrektur berichtigung "
    "correction corrected editor's edit".split()
)


# A line of facts ('Tatzeit: 24.11.2026, 22:40 Uhr', 'Einsatzort: Dortmund-Nordstadt', 'Ort:
# Stadthalle', 'Location: …'): a field of a report or an invitation, never its headline. The
# label is a field's name (a place, a time, a date, an alarm's keyword, what it costs), also
# compounded as police and fire reports write them ('Unfallzeit', 'Einsatzstichwort').
DETAIL_LINE_RE = re.compile(
    r"^(?:(?:tat|einsatz|unfall|brand|fund|schadens|veranstaltungs|alarmierungs|melde)?"
    r"(?:ort|zeit|datum|uhrzeit|stichwort|stelle|dauer|beginn|ende|nummer)"
    r"|termin|eintritt|anmeldung|treffpunkt|kosten|preis|schaden|sachschaden|verletzte"
    r"|(?:eingesetzte\s+)?(?:einsatz)?kräfte|when|where|date|time|location|venue|admission"
    r"|registration|cost|price)\s*:\s+\S",
    re.I,
)


DATELINE_ONLY_RE = re.compile(
    r"^[^\W\d][\w.'’/, -]{1,60}\((?:ots|dpa|afp|ap|reuters|kna|epd|pm|red|idw|mi)\)\s*[-–—:]*$"
    r"|^.{1,80}/\s?(?:PRNewswire|Business\s?Wire|GLOBE\s?NEWSWIRE|ACCESSWIRE|EQS)[\w -]*/"
    r"\s*[-–—]*$",
    re.I,
)


def merge_datelines(blocks: list[Block]) -> list[Block]:
    """'LEIPZIG (ots) –' on its own line belongs to the first paragraph of text after it; a
    heading between them (a police page's first incident) stays a heading of its own, and
    detail lines between them keep the dateline in its place, above them."""
    merged: list[Block] = []
    waiting: Block | None = None
    for block in blocks:
        if block.kind == "p" and DATELINE_ONLY_RE.match(block.text) and waiting is None:
            waiting = block
            continue
        if waiting is not None and block.kind == "p" and boilerplate.is_long_paragraph(block.text):
            block = Block("p", tidy_segments(waiting.segs + [(" ", None)] + block.segs))
            waiting = None
        elif waiting is not None and DETAIL_LINE_RE.match(block.text):
            # detail lines first ('Tatzeit: …', 'Tatort: …'): the dateline stays where it stood
            merged.append(waiting)
            waiting = None
        merged.append(block)
    if waiting is not None:
        merged.append(waiting)
    return merged
