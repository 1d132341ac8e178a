"""The labels in front of a headline that are no part of it: 'Pressemitteilung:', a wire's
or a police office's code, a release's number; and where a headline's words start."""

from __future__ import annotations

import re
import unicodedata

# a police report's number: its day (YYMMDD) and its count that day, an office's letter after it
_REPORT_NUMBER = (
    r"\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-\d{1,4}(?:-(?-i:[A-ZÄÖÜ]{1,4}))?\.?\s+"
)
LABEL_PREFIX_RE = re.compile(
    # a social post's symbol in front ('📢 Pressemitteilung: …')
    r"^(?:[^\w\s\"„“'‘(\[]{1,3}\s*)?"
    r"(?:(?:pressemitteilung|pressemeldung|presseinformation|presseinfo|medieninformation"
    r"|medienmitteilung|pressenotiz|pm|pi|press release|news release|media release|news"
    r"|fotos?|photos?|bild(?:er)?"
    r"|media advisory|roundup(?:\s\d)?"
    # a correction's label, also in front of another: 'KORREKTUR: Pressemitteilung: …'
    r"|korrektur|berichtigung|korrigierte (?:fassung|version|meldung)|correction|corrected"
    r"|updated?|aktualisierung|for immediate release)"
    r"(?:\s*(?:nr\.?|no\.?)?\s*[\d/.-]+)?\s*[:–—|-]\s+)+(?=(?:\S+\s+){2,}\S)"
    # the release's number alone: 'Nr. 123/2026: …', 'No. 45/2026 – …'
    r"|^(?:nr|no)\.?\s*\d{1,5}/(?:\d{4}|\d{2})\s*[:–—-]\s+(?=(?:\S+\s+){2,}\S)"
    # the sender in front of the label: 'City of Oakdale News Release: City of Oakdale to host …'
    r"|^(?-i:[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of|the|and|for|&)){0,6})\s+"
    r"(?:news|press|media)\s+release\s*[:|–—-]\s+(?=(?:\S+\s+){2,}\S)"
    # a wire's subject line: 'OTS: Kornfeld Backwaren GmbH / Kornfeld ruft …', 'EQS-News: X / …'
    r"|^(?:ots|apa-ots|(?:eqs|dgap)-[\w-]{2,30}):\s*[^/]{2,80}?\s/\s+(?=(?:\S+\s+){2,}\S)"
    # a wire's name alone: 'IRW-PRESS: …', 'dpa-AFX: …', 'pressetext: …', 'PTA-News: …',
    # EQS's page title 'EQS-News: Firma AG: Headline' (EQS headlines name the company first)
    r"|^(?:irw-press|dpa-afx(?: analyser)?|pressetext(?:\.\w+)?|pta-\w+|newsfile|accesswire"
    r"|globenewswire|pr newswire|business wire|(?:eqs|dgap)-[\w-]{2,30})\s*:\s+"
    r"(?=(?:\S+\s+){2,}\S)"
    # a police or fire office's code on presseportal: 'POL-KRB: …', 'FW-E: …', 'BPOL-HH: …'
    # (and its running number after it: 'POL-GÖ: (112/2026) Fahrrad …', 'POL-HH: 261127-1.
    # Festnahme …', the day's date and the report's number, 'POL-K: 261127-2-K Zeugensuche …')
    r"|^(?-i:(?:POL|FW|BPOL[DI]?|LPI|KPI|PP|HZA|ZOLL)(?:-[A-ZÄÖÜ0-9]{1,8})+):\s+"
    r"(?:\(\d{1,5}/\d{2,4}\)\s+|" + _REPORT_NUMBER + r")?(?=(?:\S+\s+){2,}\S)"
    r"|^" + _REPORT_NUMBER + r"(?=(?:\S+\s+){2,}\S)"
    # a distributor's mark in slashes in front: '/CNW/ - Maple Grid …', '/PRNewswire/ -- …'
    r"|^/\s?[A-Z][\w.&' -]{1,40}/\s*(?:--|[-–—:])\s+(?=(?:\S+\s+){2,}\S)",
    re.I,
)


def headline_start(text: str) -> str:
    """`text` from its first word or quote on: a social post opens its headline with symbols
    ('📢 Neue Ladesäulen …', '☀️ Rekord: …') that are no part of it."""
    position = 0
    while position < len(text) and (
        text[position].isspace() or unicodedata.category(text[position]) in ("So", "Mn", "Cf")
    ):
        position += 1
    return text[position:]
