"""A sender's letterhead over a release's headline: its name ('Bayerisches Landesamt für
Statistik', 'Cedar Falls Police Department') or its document's label ('Pressemitteilung
287/2026')."""

from __future__ import annotations

import re

ORG_NAME_RE = re.compile(
    r"(?i:(?:the\s+)?(?:office|department|ministry|bureau|division|state|city|county|town"
    r"|commonwealth|government)\s+of\b[^.!?:]{2,60}"
    r"|[^.!?:]{2,60}\b(?:department|office|ministry|agency|police|council|authority|bureau"
    r"|commission|county|university|college|hospital|inc\.?|llc|ltd\.?|plc|corp(?:oration)?\.?"
    r"|gmbh|ag|se|e\.\s?v\.|kg|polizeipräsidium|polizeidirektion|polizeiinspektion))"
    r"|(?:Stadt|Gemeinde|Landkreis|Kreis|Landratsamt|Polizeipräsidium|Polizeidirektion"
    r"|Ministerium|Bezirksamt|Rathaus|Senatsverwaltung|Kanton|Departement|Staatskanzlei"
    r"|Regierungspräsidium|Bundesamt|Landesamt|Staatsministerium|Magistrat|Landesregierung"
    r"|Landeshauptstadt|Landesdirektion|Bezirksregierung|Senat)"
    # 'Staatskanzlei und Ministerium für Kultur des Landes Sachsen-Anhalt', 'Staatsministerium
    # für Wissenschaft, Kultur und Tourismus des Freistaates Sachsen': names, no verb
    r"(?:,?\s+(?:[A-ZÄÖÜ][\w.-]*|für|der|des|und|de|du|des))"
    r"{1,10}"
)


_DOCUMENT_LABEL_RE = re.compile(
    r"\b(?:pressemitteilung|pressemeldung|presseinformation|medieninformation|medienmitteilung"
    r"|lagebericht|press\s+release|news\s+release|media\s+release)\b|\b(?:nr|no)\.\s*\d"
    r"|(?:amt|ministerium|behörde|verwaltung|präsidium|direktion|inspektion|kammer|landkreis"
    r"|departement|kanzlei)\b",
    re.I,
)
# the sender's press office under its name: 'Stabsstelle Presse- und Öffentlichkeitsarbeit'
_PRESS_OFFICE_RE = re.compile(
    r"\b(?:presse(?:stelle|referat|büro|amt)|öffentlichkeitsarbeit|stabsstelle"
    r"|unternehmenskommunikation|press\s+office|media\s+relations)\b",
    re.I,
)
PRESS_OFFICE_WORDS = 6


def is_letterhead(text: str) -> bool:
    """A sender's name or its document's label and number, over the headline."""
    return bool(_DOCUMENT_LABEL_RE.search(text) or is_sender_line(text))


def is_sender_line(text: str) -> bool:
    """The sender's name, its press office's or its release's label and number: a line that
    says who sends, never what happened."""
    text = text.strip()
    return bool(
        ORG_NAME_RE.fullmatch(text)
        or (_PRESS_OFFICE_RE.search(text) and len(text.split()) <= PRESS_OFFICE_WORDS)
        or is_release_label(text)
    )


# A release's label with its number, its date or its sender, and nothing it is about:
# 'Pressemitteilung Nr. 214/2026 des Landratsamtes Bautzen', 'Medieninformation 612/2026',
# 'Press release No. 45/2026 from Harlow County', 'Pressemitteilung vom 26.11.2026'
_RELEASE_LABEL_RE = re.compile(
    r"(?i:pressemitteilung|pressemeldung|presseinformation|presseinfo|medieninformation"
    r"|medienmitteilung|pressenotiz|pressedienst|pm|pi|press\s+release|news\s+release"
    r"|media\s+release|media\s+advisory)"
    r"(?P<number>\s+(?i:nr\.?|no\.?|nummer|number)?\s*\d[\d/.-]*)?"
    r"(?P<date>,?\s+(?i:vom|from|of)?\s*\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäÄ]+)\s*(?:\d{2,4})?)?"
    # the sender, named with capitals only: 'des Landratsamtes Bautzen', 'der Stadt Leipzig';
    # 'der Stadt zur Wahl' says what it is about
    r"(?P<sender>,?\s+(?i:des|der|von|vom|from|of|by)\s+(?:the\s+)?[A-ZÄÖÜ][\w.&-]*"
    r"(?:\s+(?:[A-ZÄÖÜ0-9][\w.&-]*|für|und|der|des|the|of|and|de))*)?"
)


def is_release_label(text: str) -> bool:
    """A title that names only the kind of document it is: the headline is elsewhere."""
    match = _RELEASE_LABEL_RE.fullmatch(text.strip(" \t:–—-"))
    return match is not None and any(match.group(part) for part in ("number", "date", "sender"))


# A document's number alone: 'Nr. 87/2026', 'No. 45/2026', 'PM 87/2026', 'Pressemitteilung 12/2026'.
_RELEASE_NUMBER_RE = re.compile(
    r"(?:(?:pressemitteilung|pressemeldung|presseinformation|medieninformation|pm|pi)\s+)?"
    r"(?:nr|no|nummer)?\.?\s*\d{1,5}\s*/\s*(?:\d{4}|\d{2})|(?:nr|no)\.\s*\d{1,5}",
    re.I,
)


def is_release_number(text: str) -> bool:
    """A line that gives only the release's number ('Nr. 87/2026'), in bold or not."""
    return bool(_RELEASE_NUMBER_RE.fullmatch(text.strip(" \t:–—-*")))
