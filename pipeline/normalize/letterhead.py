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
    r"|Regierungspräsidium|Bundesamt|Landesamt|Staatsministerium|Magistrat)"
    r"(?:\s+(?:[A-ZÄÖÜ][\w.-]*|für|der|des|und|de|du|des))"
    r"{1,5}"
)


_DOCUMENT_LABEL_RE = re.compile(
    r"\b(?:pressemitteilung|pressemeldung|presseinformation|medieninformation|medienmitteilung"
    r"|lagebericht|press\s+release|news\s+release|media\s+release)\b|\b(?:nr|no)\.\s*\d"
    r"|(?:amt|ministerium|behörde|verwaltung|präsidium|direktion|inspektion|kammer|landkreis"
    r"|departement|kanzlei)\b",
    re.I,
)


def is_letterhead(text: str) -> bool:
    """A sender's name or its document's label and number, over the headline."""
    return bool(_DOCUMENT_LABEL_RE.search(text) or ORG_NAME_RE.fullmatch(text.strip()))
