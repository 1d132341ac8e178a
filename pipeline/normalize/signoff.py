"""A press office's sign-off closing a release: its name, e-mail and phone run together with
bars ('New York State | Executive Chamber | press.office@exec.ny.gov | 518.474.8418'), under
the pointer to its site that the furniture table drops. It is the office's contact, not text."""

from __future__ import annotations

import re

from pipeline.normalize.body import Line

_FIELD_SEPARATOR_RE = re.compile(r"\s+[|•·]\s+")
_MAIL_OR_PHONE_RE = re.compile(r"\S+@\S+\.\w+|\+?[\d(][\d ().-]{6,}\d")
MIN_FIELDS, MAX_FIELD = 3, 60


def take_office_signoff(lines: list[Line]) -> tuple[list[Line], str | None]:
    """The body without a closing line of an office's fields, and those fields, one a line, as
    its contact. Only the body's last line of text, and only fields without a label: a labelled
    contact ('Media contact: Jane Doe | …') is read as one before this."""
    last = len(lines) - 1
    while last >= 0 and lines[last].kind == "h":
        last -= 1  # a heading with nothing under it (a contact box's, taken along) ends no text
    if last < 0 or lines[last].kind != "p":
        return lines, None
    fields = _FIELD_SEPARATOR_RE.split(lines[last].text.strip())
    if len(fields) < MIN_FIELDS or any(len(field) > MAX_FIELD or ":" in field for field in fields):
        return lines, None
    if not any(_MAIL_OR_PHONE_RE.fullmatch(field) for field in fields):
        return lines, None
    return lines[:last] + lines[last + 1 :], "\n".join(fields)
