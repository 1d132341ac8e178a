"""A signature that closes a mail or a text as its contact: the signer's name, their office,
phone and e-mail, without the marks of signing for someone else ('Im Auftrag', 'i. A.')."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.normalize.body import Line
from pipeline.normalize.contact_lines import (
    PRESS_RE,
    ends_contact,
    has_address,
    is_prose,
    shown_line,
)
from pipeline.normalize.furniture import (
    GREETING_RE,
    SIGNATURE_DELIMITER_RE,
    is_furniture_line,
)

# How a signer signs for their office ('Im Auftrag', 'i. A.', 'In Vertretung') and a greeting
# repeated under the one that opened the signature: no part of whom to call
SIGNING_MARK_RE = re.compile(r"(?:im\s+auftrag|in\s+vertretung|i\.\s?[av]\.)(?:\s+|$)", re.I)


def without_signing_marks(lines: list[Line]) -> list[Line]:
    """A signature's lines from its signer's name on: 'Mit freundlichen Grüßen' / 'Im Auftrag'
    over the name go, and so does 'i. A.' in front of it."""
    start = 0
    while start < len(lines) and (
        GREETING_RE.fullmatch(text := lines[start].text.strip()) or SIGNING_MARK_RE.fullmatch(text)
    ):
        start += 1
    if start == len(lines):
        return []
    first = lines[start]
    text, href = first.segs[0]
    mark = None if href else SIGNING_MARK_RE.match(text.lstrip())
    if mark is None:
        return lines[start:]
    segs = [(text.lstrip()[mark.end() :], href), *first.segs[1:]]
    return [replace(first, segs=segs), *lines[start + 1 :]]


def without_notices(lines: list[Line]) -> list[Line]:
    """A signature up to the notices under it ('Diese E-Mail enthält vertrauliche
    Informationen …', 'Please consider the environment …'): what follows them is no contact."""
    end = next((i for i, line in enumerate(lines) if _is_notice(line.text.strip())), len(lines))
    return lines[:end]


def _is_notice(text: str) -> bool:
    # the delimiter and a second greeting are the table's too, but the signature goes on
    return (
        is_furniture_line(text)
        and not SIGNATURE_DELIMITER_RE.fullmatch(text)
        and not GREETING_RE.fullmatch(text)
    )


def signature_contact(lines: list[Line]) -> str | None:
    """A mail signature's first lines as the contact, when they give a phone number, an e-mail
    or a web address, or a press officer ('Pressestelle'): up to the first notice or sentence."""
    taken = []
    # the delimiter ('-- ', Outlook's '--') between the signed name and the signature block
    lines = [line for line in lines if not SIGNATURE_DELIMITER_RE.fullmatch(line.text.strip())]
    for position, line in enumerate(lines[:MAX_SIGNATURE_LINES]):
        if is_prose(line.text) or ends_contact(line.text):
            break
        # an office's long letterhead (town, administration, office, street, postcode) still
        # runs on to its phone and e-mail; a line past it that gives none ends the signature
        if position >= SIGNATURE_LINES + 2 and not has_address(line.text):
            break
        taken.append(shown_line(line).strip())
    officer = len(taken) > 1 and NAME_LINE_RE.fullmatch(taken[0]) and _speaks_for(taken[1])
    if not (officer or any(has_address(text) for text in taken)):
        return None
    taken = [text for text in taken if text]
    if len(taken) > 1 and NAME_LINE_RE.fullmatch(taken[0]) and _named_again(taken[0], taken[1]):
        taken = taken[1:]  # 'Ulrike Sander' signed over the block's 'Dr. Ulrike Sander'
    return "\n".join(taken) or None


# the press officer's titles that do not name the press: 'Communications Officer',
# 'Leiterin Unternehmenskommunikation', 'Sprecher der Stadt', 'Öffentlichkeitsarbeit'
_SPOKESPERSON_RE = re.compile(
    r"communications?\b|kommunikation|spokes(?:person|man|woman)|sprecher|öffentlichkeitsarbeit"
    r"|public (?:relations|affairs)",
    re.I,
)


def _speaks_for(title: str) -> bool:
    return bool(PRESS_RE.search(title) or _SPOKESPERSON_RE.search(title))


def _named_again(name: str, line: str) -> bool:
    return line != name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", line) is not None


def signed_by(signature: list[Line], contact: str | None) -> str | None:
    """A contact in a mail's signature with the sender's name over it ('Sabine Kühn'), and the
    office lines between the name and the contact ('Kulturamt der Stadt Lindenau' over
    'Pressestelle Kultur'): the whole block under the closing greeting."""
    name = signature[0].text.strip() if len(signature) > 1 else ""
    if not (contact and NAME_LINE_RE.fullmatch(name)):
        return contact
    first = contact.split("\n", 1)[0]
    opening = next(
        (
            i
            for i, line in enumerate(signature[1 : SIGNATURE_LINES + 1], 1)
            if line.text.strip() == first
        ),
        None,
    )
    above = [shown_line(line).strip() for line in signature[:opening]] if opening else []
    if not above or any(is_prose(text) or ends_contact(text) for text in above):
        return contact
    return "\n".join([*filter(None, above), contact])


# A person's name on a line of its own: 'Megan O'Rourke', 'Dr. Anna Kessler'
NAME_LINE_RE = re.compile(
    r"(?!(?i:im\s+auftrag|in\s+vertretung)$)"  # signing for the office, no one's name
    r"(?:(?:dr|prof|mr|mrs|ms|frau|herr)\.?\s+)?[A-ZÄÖÜ][\w'’.-]+(?:\s+[A-ZÄÖÜ][\w'’.-]+){1,3}"
)
SIGNATURE_LINES, MAX_SIGNATURE_LINES = 6, 14
# two people sharing one phone and desk: 'Karen Fox / Alana Johnson', 'Ann Lee and Tom Berg'
_NAMES_LINE_RE = re.compile(
    rf"{NAME_LINE_RE.pattern}(?:\s*(?:/|&|\band\b|\bund\b)\s*{NAME_LINE_RE.pattern})?"
)
_STACKED_SIGNATURES = 3  # the agency's press officer, then those of the centres involved


def closing_signature(lines: list[Line]) -> list[int] | None:
    """A signature that closes the text without a contact label: a name on its own line, then
    short lines of which one gives a phone number, an e-mail or a web address. It ends with
    the paragraph of its last address: a line set apart under it (a box repeating the
    headline) is none of it. Signatures stacked right above it (one per office) go with it."""
    block = _last_signature(lines)
    for _ in range(_STACKED_SIGNATURES - 1):
        above = _last_signature(lines[: block[0]], stacked=True) if block else None
        if above is None or above[-1] + 1 != block[0]:
            break
        block = above + block
    return block


def _last_signature(lines: list[Line], *, stacked: bool = False) -> list[int] | None:
    """`stacked`: the lines end over another signature, so this one may open them."""
    start, shown = len(lines), 0
    while (
        start > 0
        and shown < SIGNATURE_LINES  # links to profiles ('Facebook') show nothing in a contact
        and lines[start - 1].kind == "p"  # not a heading, not a list's item
        and len(lines[start - 1].text) <= 160
        and not is_prose(lines[start - 1].text)
    ):
        start -= 1
        shown += bool(shown_line(lines[start]).strip())
    named = next(
        (
            i
            for i in range(start, len(lines))
            # 'About Halden Robotics' over its web address heads the sender's profile
            if _NAMES_LINE_RE.fullmatch(lines[i].text.strip()) and not ends_contact(lines[i].text)
        ),
        None,
    )
    if named is None or (named == 0 and not stacked):
        return None
    addressed = [i for i in range(named, len(lines)) if has_address(lines[i].text)]
    if not addressed:
        return None
    end = addressed[-1] + 1
    while (
        end < len(lines)
        and lines[end].chunk == lines[end - 1].chunk
        and not ends_contact(lines[end].text)
    ):
        end += 1
    return list(range(named, end))


# A site's box beside every page: the town hall's address and opening hours, no press contact
_TOWN_HALL_RE = re.compile(
    r"\W*(?:rathaus|b[üu]rgerb[üu]ro|b[üu]rgerservice|b[üu]rgeramt|town\s+hall|city\s+hall"
    r"|civic\s+cent(?:re|er))\b",
    re.I,
)
_OPENING_HOURS_RE = re.compile(
    r"\b(?:öffnungszeiten|sprechzeiten|servicezeiten|opening\s+(?:hours|times)|office\s+hours)\b",
    re.I,
)


def is_site_sidebar(texts: list[str]) -> bool:
    """A closing block that is the site's, not the release's: the town hall's address or opening
    hours, with no word of the press in it."""
    if any(PRESS_RE.search(text) for text in texts):
        return False
    return bool(_TOWN_HALL_RE.match(texts[0])) or any(_OPENING_HOURS_RE.search(t) for t in texts)
