"""What a body says besides the article: the press contact, taken out early (its embargo:
`embargo`). They go before furniture removal, which would otherwise eat a "Kontakt" line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from pipeline.models import Problem
from pipeline.normalize import boilerplate
from pipeline.normalize.body import (
    Line,
)
from pipeline.normalize.contact_lines import (
    ADDRESS_RE,
    PRESS_RE,
    ends_contact,
    has_address,
    is_contact_lead_in,
    is_prose,
    label_language,
    shown_line,
)
from pipeline.normalize.kept_contacts import contacts_in_one_line
from pipeline.normalize.signatures import closing_signature, is_site_sidebar

ENGLISH_OFFICE = (
    r"(?-i:(?:[A-Z][\w&'’.-]*\s+){0,6})(?:press|media|news|communications)\s+(?:office|team|desk)"
)
CONTACT_RE = re.compile(
    r"^\W*(?:(?:ihre?|unsere?|your|our|company|corporate)\s+)?(?:(?P<strong>(?:ansprechpartner(?:in|innen)?|kontakte?|contacts?)\s+f[üu]r\s+"
    r"(?:die\s+)?(?:medien(?:vertreter(?:innen)?)?|presse|journalist\w*|redaktionen)\b"
    r"|(?:for\s+)?(?:presse|medien|media|press|pr)[- ]?(?:kontakte?|contacts?|"
    r"ansprechpartner(?:in)?|anfragen|inquiries|enquiries)(?:,?\s+(?:please\s+)?contact)?"
    r"|f[üu]r\s+(?:r[üu]ck|presse)fragen"
    r"(?:\s+wenden\s+sie\s+sich\s+bitte\s+an)?|for\s+(?:further|more)\s+information"
    r"(?:[^:.!?]{0,60}?\bcontact)?)|(?:contact\s+information|kontaktpersonen?|kontaktinformationen"
    r"|kontakte?|contact\(s\)|contacts?|ansprechpartner(?:in|innen)?|r[üu]ckfragen"
    r"|adresse\s+f[üu]r\s+(?:r[üu]ckfragen|medienanfragen)"
    r"|pressestelle|investor\s+(?:relations(?:\s+contacts?)?|contacts?)|r[üu]ckfragehinweise?"
    r"|(?:wissenschaftliche[rn]?|fachliche[rn]?)\s+(?:kontakt|ansprechpartner(?:in)?)"
    r"|(?:presse)?sprecher(?:in)?|press\s+secretary|spokes(?:person|woman|man)|media\s+officer"
    r"|(?:weitere\s+)?ausk(?:unft|[üu]nfte)(?:\s+(?:erteil(?:t|en)|gibt|geben))?|v\.\s?i\.\s?s\.\s?d\.\s?p\."
    r"|verantwortlich(?:\s+f[üu]r\s+(?:diese[ns]?|den|die)\s+(?:presse)?(?:text|inhalt|mitteilung))?"
    r"|n[äa]here\s+informationen(?:\s+(?:beim|bei\s+der|bei|unter))?"
    # French and Italian: 'Pour tout renseignement', 'Personnes-ressources', 'Per ulteriori
    # informazioni', 'Contatto stampa'
    r"|pour\s+(?:tout\s+|plus\s+de\s+)?renseignements?|renseignements|personnes?-ressources?"
    r"|contacts?\s+(?:presse|médias)|per\s+(?:ulteriori\s+)?informazioni|informazioni(?=\s*:?\s*$)"
    r"|contatti?\s+stampa"
    # a wire's bare 'Media:' or 'Investors:' over the name, phone and mail under the text
    r"|(?:media|medien|press|presse|investors?|investoren)(?=\s*:\s*$)"
    # an office that signs with its name alone: 'Bristol City Council Press Office'
    r"|" + ENGLISH_OFFICE + r"(?=\s*$))"
    # 'Rückfragen & Kontakt', 'Kontakt für Rückfragen', 'Kontakt für Medienvertreter', 'Rückfragen
    # bitte an'
    r"(?:\s*(?:&|und|and|/)\s*(?:(?:presse|press|media)[- ]?)?(?:kontakte?|contacts?|r[üu]ckfragen"
    r"|informationen))?"
    r"(?:\s+(?:f[üu]r\s+(?:r[üu]ckfragen|medienvertreter(?:innen)?|(?:die\s+)?(?:medien|presse))"
    r"|bitte\s+an|an))?)"
    r"(?P<colon>(?:\s*/\s*[^\W\d][\w -]{1,30}?)?\s*:)?\s*(?P<rest>.*)$",  # 'Kontakt / Contact:'
    re.I,
)


@dataclass
class Findings:
    """What the body said besides the article itself."""

    problems: list[Problem]
    warnings: list[str] = field(default_factory=list)
    date_only: bool = False  # the release's date names a day without a time of day
    embargo: datetime | None = None
    contact: str | None = None
    date_text: str | None = None


# --- Contact -----------------------------------------------------------------------------------


_ROLE_LABEL_RE = re.compile(r"\W*(?:media|medien|press|presse|investors?|investoren)\s*:\s*", re.I)


def take_contact(lines: list[Line], found: Findings, *, press_beside: bool = False) -> list[Line]:
    """The body without its contact, which goes to `found`. `press_beside`: the page sets the
    press's contact apart in a box: a subject expert's contact in the text is text."""
    labelled = [(i, match) for i in range(len(lines)) if (match := _contact_label(lines, i))]
    if press_beside:
        labelled = [(i, m) for i, m in labelled if not _EXPERT_RE.match(lines[i].text)]
        if not labelled:
            return contacts_in_one_line(lines)
    # of several contacts ('Wissenschaftlicher Kontakt:', 'Pressekontakt:') the press's is it
    press = [
        (i, m)
        for i, m in labelled
        if m.group("colon") and PRESS_RE.search(lines[i].text[: m.start("rest")])
    ]
    for index, match in _boxes_over_roles(lines, press or labelled, labelled)[:3]:
        taken = _contact_extent(lines, index)
        head = match.group("rest").strip()
        if not match.group("colon") and (
            _OFFICE_RE.match(lines[index].text) or _SPOKESPERSON_RE.fullmatch(lines[index].text)
        ):
            head = lines[index].text.strip()  # 'Pressestelle der Stadt Lindholm' names it
        if _ROLE_LABEL_RE.fullmatch(lines[index].text):
            head = lines[index].text.strip()  # 'Media:' says whose contact it is
        if above := _names_above(lines, index):  # 'Polizeipräsidium Oberfranken' / 'Pressestelle'
            taken[:0] = above
            head = lines[index].text.strip()
        following = _contacts_after(lines, taken, {i for i, _ in labelled})
        before = _roles_before(lines, index, labelled)
        if following or before:  # 'Media Contact:' … 'Investor Contact:' …: each says whose
            head = lines[index].text.strip()
        contact = [shown_line(lines[i]) for i in before]
        taken = before + taken
        contact += [shown_line(lines[i]) for i in taken if i < index and i not in before]
        contact += [head] + [shown_line(lines[i]) for i in taken if i > index]
        contact += [shown_line(lines[i]) for i in following]
        taken += following
        if second := _second_language_contact(lines, index, labelled, taken):
            rest = CONTACT_RE.match(lines[second[0]].text).group("rest").strip()
            contact += [rest, *(shown_line(lines[i]) for i in second[1:])]
            taken += second
        found.contact = "\n".join(part for part in contact if part) or None
        if found.contact is None:
            continue  # 'For more information' over links to documents: the next label may be
        if lead_in := _lead_in_above(lines, min(taken)):
            taken.append(lead_in)  # 'Rückfragen von Journalisten bitte an:' goes with it
        kept = without_empty_contact_headings(
            [line for i, line in enumerate(lines) if i not in set(taken)]
        )
        kept = contacts_in_one_line(kept)  # a scientist's beside the press's stays whole
        signed = closing_signature(kept)
        if signed and found.contact and kept[signed[0]].text.strip() in found.contact:
            return kept[: signed[0]]  # the contact's own signature under the mail, again
        return kept
    if signed := closing_signature(lines):
        if not is_site_sidebar([lines[i].text for i in signed]):
            shown = (shown_line(lines[i]) for i in signed)
            found.contact = "\n".join(text for text in shown if text) or None
        return lines[: signed[0]]  # a page's sidebar under the text goes all the same
    return lines


MAX_CONTACTS = 3
_EXPERT_RE = re.compile(
    r"\W*(?:wissenschaftliche[rn]?|fachliche[rn]?|scientific|technical|expert)\s", re.I
)


def _boxes_over_roles(lines: list[Line], chosen: list, labelled: list) -> list:
    """A spokesperson's role ('Pressesprecher: Dirk Reelfs') inside a box that a contact label
    opens ('Pressekontakt' over the office's name): the box is the contact, office and role."""
    boxes = []
    for index, match in chosen:
        if _SPOKESPERSON_RE.match(lines[index].text) and match.group("colon"):
            opening = (
                (i, m)
                for i, m in labelled
                if i < index and not m.group("rest") and index in _contact_extent(lines, i)
            )
            index, match = next(opening, (index, match))
        if all(index != i for i, _ in boxes):
            boxes.append((index, match))
    return boxes


def _second_language_contact(
    lines: list[Line], index: int, labelled: list, taken: list[int]
) -> list[int]:
    """The lines of the release's contact under its version in another language: a label
    further down in another language than the one taken."""
    language = label_language(lines[index].text)
    for later, _ in labelled:
        if later > max(taken) and label_language(lines[later].text) != language:
            return _contact_extent(lines, later)
    return []


# A contact line that is only a link to a form or a profile ('email us here', 'Facebook'):
# it says nothing in a contact printed as text.
def _contacts_after(lines: list[Line], taken: list[int], labels: set[int]) -> list[int]:
    """The lines of the contacts right under a contact, each opened by its own label
    ('Investor Contact:', 'Media:'): one block of contacts, none left in the body."""
    following: list[int] = []
    end = max(taken)
    for _ in range(MAX_CONTACTS - 1):
        if end + 1 not in labels:
            break
        more = _contact_extent(lines, end + 1)
        following += more
        end = max(more)
    return following


def _roles_before(lines: list[Line], index: int, labelled: list) -> list[int]:
    """A wire's contacts by role, the press's not first ('Investors:' …, then 'Media:' …;
    'Investor Contact:' …, then 'Media Contact:' …): the ones right above the chosen one go
    with it."""
    heads = {i for i, _ in labelled if _heads_a_block(lines[i])}
    if index not in heads:
        return []
    for start in sorted(heads):
        if start < index:
            extent = _contact_extent(lines, start)
            if max(extent) == index - 1:
                return _roles_before(lines, start, labelled) + extent
    return []


def _heads_a_block(line: Line) -> bool:
    """A role's label alone on its line over the contact's lines: 'Media:', 'Investor
    Contact:'. A scientist's contact above the press's is no role of the wire's: it stays."""
    return bool(_ROLE_LABEL_RE.fullmatch(line.text) or _ROLE_CONTACT_RE.fullmatch(line.text))


_ROLE_CONTACT_RE = re.compile(
    r"\W*(?:media|press|investors?|investor relations|ir)\s+(?:contacts?|inquiries|enquiries)"
    r"\s*:\s*",
    re.I,
)


def without_empty_contact_headings(left: list[Line]) -> list[Line]:
    """Without the heading that introduced a contact's lines ('For more information, please
    contact:', 'Contacts') where it would stand over nothing, or over the next section's
    heading."""
    return [
        line
        for i, line in enumerate(left)
        if not (
            _introduces_a_contact(line.text)
            and (i + 1 == len(left) or (left[i + 1].kind == "h" and line.kind == "h"))
        )
    ]


def _introduces_a_contact(text: str) -> bool:
    label = CONTACT_RE.match(text) if len(text) <= LONG_CONTACT_LINE else None
    return bool(label and not label.group("rest")) or is_contact_lead_in(text)


def _contact_label(lines: list[Line], index: int) -> re.Match | None:
    """The match of a line that heads a contact: a label with a colon, 'For press enquiries
    contact …', a strong label alone, or a bare label over an address."""
    line = lines[index]
    match = CONTACT_RE.match(line.text) if len(line.text) <= LONG_CONTACT_LINE else None
    if match is None:
        return None
    rest = match.group("rest")
    if len(line.text) > 200 and not (match.group("colon") and ADDRESS_RE.search(rest)):
        return None  # a long line is a contact only as 'Label: name | office | phone | mail'
    head = line.text[: match.start("rest")].rstrip()
    if (
        match.group("colon")
        or (rest and head.endswith("contact"))
        # 'Nähere Informationen beim Büro X unter 02742/9005-12345'
        or (rest and _INTO_CONTACT_RE.search(head) and has_address(rest))
        or (match.group("strong") and not rest)
        or (not rest and _address_follows(lines, index))
        # an office's name over its address, no label: 'Pressestelle der Stadt Lindholm'
        or (
            rest
            and _OFFICE_RE.fullmatch(head)
            and len(line.text.split()) <= OFFICE_LINE_WORDS
            and _address_follows(lines, index)
        )
    ):
        return match
    return None


LONG_CONTACT_LINE = 400
_OFFICE_RE = re.compile(
    r"\W*(?:pressestelle|presse-? und öffentlichkeitsarbeit|" + ENGLISH_OFFICE + r"\s*$)", re.I
)
OFFICE_LINE_WORDS = 8
# a spokesperson's job over or under their name is part of whom to call, as an office's name is
_SPOKESPERSON_RE = re.compile(
    r"\W*(?:(?:presse)?sprecher(?:in)?|press\s+secretary|spokes(?:person|woman|man)"
    r"|media\s+officer)\s*",
    re.I,
)
_INTO_CONTACT_RE = re.compile(r"\b(?:beim|bei|unter)$", re.I)


def _another_contact(text: str) -> bool:
    """A line that heads a contact of its own ('Pressekontakt:'): one contact ends there."""
    match = CONTACT_RE.match(text) if len(text) <= 200 else None
    if match and match.group("rest") and _SPOKESPERSON_RE.match(text):
        return False  # 'Pressesprecher: Dirk Reelfs' is whom the contact names
    return bool(match and match.group("colon"))


def _names_above(lines: list[Line], index: int) -> list[int]:
    """The lines above a bare contact label in its paragraph that name whose it is: an office
    ('Polizeipräsidium Oberfranken' over 'Pressestelle'), or a spokesperson with their title
    ('Dr. Kathrin Fiedler' / 'Richterin am Oberlandesgericht' over 'Pressesprecherin')."""
    if CONTACT_RE.match(lines[index].text).group("rest"):
        return []
    above: list[int] = []
    for i in range(index - 1, max(index - 1 - NAMING_LINES, -1), -1):
        if lines[i].chunk != lines[index].chunk or not _names_someone(lines[i].text.strip()):
            break
        above.insert(0, i)
    return above


NAMING_LINES = 3


def _names_someone(text: str) -> bool:
    return (
        bool(text)
        and len(text.split()) <= 6
        and text[-1:] not in ".!?:"
        and not has_address(text)
        and not boilerplate.is_boilerplate(text)  # a page tool ('nach oben') names nobody
    )


def _lead_in_above(lines: list[Line], first: int) -> int | None:
    """The line right above a contact that introduces it without a label of ours
    ('Medienauskünfte:', 'Rückfragen von Journalisten bitte an:'): left alone, it would close
    the text pointing at nothing."""
    if first > 0 and is_contact_lead_in(lines[first - 1].text):
        return first - 1
    return None


def _contact_extent(lines: list[Line], start: int) -> list[int]:
    """The header line, the rest of its chunk, then whole chunks that read like an address.

    A chunk after the header's own is taken only when all of its lines are short and one of
    them carries an address, phone, e-mail or web link (or the header stood alone): a
    "Kontakt:" line in the middle of a page never swallows the paragraphs after it.
    """
    taken = [start]
    index = start + 1
    while index < len(lines) and lines[index].chunk == lines[start].chunk:
        if ends_contact(lines[index].text) or (len(taken) > 1 and is_prose(lines[index].text)):
            return taken
        if _another_contact(lines[index].text):
            return taken
        taken.append(index)
        index += 1
    alone = len(taken) == 1 and not CONTACT_RE.match(lines[start].text).group("rest")
    # a label's paragraph that gives an address is the whole contact: the headline and lead
    # under a contact set at the top ('Contact: … / mail' / headline) are no part of it
    complete = any(has_address(lines[i].text) for i in taken)
    while index < len(lines) and len(taken) < 16:
        chunk = [i for i in range(index, len(lines)) if lines[i].chunk == lines[index].chunk]
        texts = [lines[i].text for i in chunk]
        if any(ends_contact(text) or is_prose(text) or _another_contact(text) for text in texts):
            break
        if not (
            alone
            or any(has_address(text) for text in texts)
            or (not complete and _address_soon(lines, index))
        ):
            break
        if all(_only_a_link(lines[i]) for i in chunk):
            break  # 'For more information' over a link to the Q&A: documents, no contact
        taken += chunk[: 16 - len(taken)]
        alone = False
        index = chunk[-1] + 1
    return taken


def _only_a_link(line: Line) -> bool:
    text = line.text.strip()
    linked = "".join(part for part, href in line.segs if href and not href.startswith("mailto:"))
    return bool(text) and linked.strip() == text


def _address_soon(lines: list[Line], index: int) -> bool:
    """An address within the next three short lines: a mail's contact set one line per
    paragraph ('Stadtwerke GmbH', 'Telefon …')."""
    for line in lines[index : index + 3]:
        if ends_contact(line.text) or is_prose(line.text):
            return False
        if has_address(line.text):
            return True
    return False


def _address_follows(lines: list[Line], index: int) -> bool:
    """'Contacts' alone on a line heads a contact when an address follows within a few lines
    (Business Wire's layout); alone before prose it is a menu label."""
    return any(has_address(line.text) for line in lines[index + 1 : index + 5])
