"""A contact as a portal prints it: each person's entry on its own line. Wires and councils
write several on one line ('Investor Relations: Dana Fox, ir@…, 858-…; Media: Sam Reyes, …'),
or the way to reach the office as a sentence ('contact the communications team on 01632 960
412 or email press@…')."""

from __future__ import annotations

import re

# '…; Media: Sam Reyes, …': the next person's entry under their own label
_ENTRY_SEPARATOR_RE = re.compile(r"\s*;\s+(?=[^\W\d][\w &/.-]{1,40}:\s)")
_PHONE = r"\+?[\d(][\d ().-]{6,}\d"
_MAIL = r"[^\s@,;]+@[^\s@,;]+\.\w+"
# 'the communications team on 01632 960 412 or email press@…', 'the press office at 555-0100
# or press@…': who, then how to reach them, in a sentence's words
_SENTENCE_RE = re.compile(
    rf"(?:the\s+)?(?P<who>[^\d@,;:]{{2,60}}?)\s+(?:on|at|by calling|by (?:tele)?phone on)"
    rf"\s+(?P<phone>{_PHONE})(?:,?\s+(?:or|and)\s+(?:by\s+)?(?:e-?mail(?:\s+(?:us\s+)?at)?|at)?"
    rf"\s*(?P<mail>{_MAIL}))?\.?",
    re.I,
)


def contact_entries(contact: str | None) -> str | None:
    """The contact with each labelled person's entry on a line of its own, and a sentence
    that names whom to call as that name, phone and e-mail."""
    if not contact:
        return contact
    lines: list[str] = []
    public = False
    for line in _labels_with_values(contact.split("\n")):
        # the citizens' helpline under the press contacts is for no journalist; its sentence
        # may go on over a line break ('… 00 800 67 89 10 11' / 'or by email')
        public = bool(_PUBLIC_ENQUIRIES_RE.match(line)) or (public and line[:1].islower())
        if public:
            continue
        for entry in _ENTRY_SEPARATOR_RE.split(line.strip()):
            lines += _sentence_fields(entry)
    return "\n".join(line for line in lines if line) or None


# a field's name on a line of its own over its value ('Phone' / '+32 2 29 56186')
_FIELD_LABEL_RE = re.compile(
    r"(?:phone|telephone|tel\.?|mobile|mob\.?|cell|fax|e-?mail|mail|web(?:site)?|telefon"
    r"|mobil|handy|e-?mail-adresse|internet)",
    re.I,
)
_PUBLIC_ENQUIRIES_RE = re.compile(
    r"\W*(?:general\s+)?(?:public|citizens['’]?)\s+(?:inquiries|enquiries)\b"
    r"|\W*(?:allgemeine\s+)?b[üu]rgeranfragen\b",
    re.I,
)


def _labels_with_values(lines: list[str]) -> list[str]:
    """'Phone' over '+32 2 29 56186' as 'Phone: +32 2 29 56186'."""
    joined: list[str] = []
    for line in lines:
        label = joined[-1].strip() if joined else ""
        if _FIELD_LABEL_RE.fullmatch(label.rstrip(":")) and line.strip():
            joined[-1] = f"{label.rstrip(':')}: {line.strip()}"
        else:
            joined.append(line)
    return joined


def _sentence_fields(entry: str) -> list[str]:
    """'the communications team on 01632 960 412 or email press@…' as 'Communications team',
    the phone and the address; any other entry as it is."""
    sentence = _SENTENCE_RE.fullmatch(entry) if entry[:1].islower() else None
    if sentence is None:
        return [entry]
    who = sentence["who"].strip()
    return [who[:1].upper() + who[1:], sentence["phone"], sentence["mail"] or ""]
