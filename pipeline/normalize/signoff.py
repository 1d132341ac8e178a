"""A press office's sign-off closing a release: its name, e-mail and phone run together with
bars ('New York State | Executive Chamber | press.office@exec.ny.gov | 518.474.8418'), under
the pointer to its site that the furniture table drops, or with commas ('Pressestelle der Stadt
Lindenau, Maren Köhler, Telefon 0341 555 1001, pressestelle@lindenau.de'). It is the office's
contact, not text."""

from __future__ import annotations

import re

from pipeline.normalize.body import Line

_FIELD_SEPARATOR_RE = re.compile(r"\s+[|•·]\s+")
_MAIL_OR_PHONE_RE = re.compile(r"\S+@\S+\.\w+|\+?[\d(][\d ().-]{6,}\d")
MIN_FIELDS, MAX_FIELD = 3, 60


def take_office_signoff(lines: list[Line], *, commas: bool = True) -> tuple[list[Line], str | None]:
    """The body without a closing line of an office's fields, and those fields, one a line, as
    its contact. Only the body's last line of text, and only fields without a label: a labelled
    contact ('Media contact: Jane Doe | …') is read as one before this. With `commas` false
    (the release has its contact already) a line of fields set apart by commas stays text: it
    may be a second person readers can ask."""
    last = len(lines) - 1
    while last >= 0 and lines[last].kind == "h":
        last -= 1  # a heading with nothing under it (a contact box's, taken along) ends no text
    if last < 0 or lines[last].kind != "p":
        return lines, None
    text = lines[last].text.strip()
    # under its own label ('Wissenschaftlicher Kontakt:') the line is that label's, not a sign-off
    labelled = last > 0 and lines[last - 1].text.strip().endswith(":")
    fields = _bar_fields(text) or (_comma_fields(text) if commas and not labelled else None)
    if fields is None:
        return lines, None
    return lines[:last] + lines[last + 1 :], "\n".join(fields)


def _bar_fields(text: str) -> list[str] | None:
    fields = _FIELD_SEPARATOR_RE.split(text)
    if len(fields) < MIN_FIELDS or any(len(field) > MAX_FIELD or ":" in field for field in fields):
        return None
    if not any(_MAIL_OR_PHONE_RE.fullmatch(field) for field in fields):
        return None
    return fields


# Fields set apart by commas are a sign-off only with a phone and an e-mail among them and names
# beside them: a sentence that gives a number ('Anmeldung bei Maren Köhler, Telefon 0341 …')
# holds words a name does not, and a labelled line ('Karten: Bürgerbüro, Telefon …') is the
# readers' information.
_COMMA_RE = re.compile(r"\s*[,;]\s+")
_PHONE_FIELD_RE = re.compile(
    r"(?:(?:telefon|tel|fon|phone|mobil|mobile|handy|fax|t|m|f)\.?:?\s*)?\+?[\d(][\d ()/.-]{6,}\d",
    re.I,
)
_MAIL_FIELD_RE = re.compile(r"(?:(?:e-?mail|mail)\s*:?\s*)?[^\s@,;]+@[^\s@,;]+\.\w+\.?", re.I)
_WEB_FIELD_RE = re.compile(r"(?:https?://|www\.)\S+", re.I)
# what a name, an office or a role holds in lower case: 'Pressestelle der Stadt Lindenau'
_NAME_WORDS = frozenset(
    "der des die dem den für und von vom zu zur zum im am an of the for and & de van von la"
    " le du e.v. e. v. mbh gmbh ag".split()
)
MAX_NAME_WORDS = 6


def _comma_fields(text: str) -> list[str] | None:
    fields = _COMMA_RE.split(text.rstrip("."))
    if len(fields) < MIN_FIELDS or any(len(field) > MAX_FIELD for field in fields):
        return None
    phones = [field for field in fields if _PHONE_FIELD_RE.fullmatch(field)]
    mails = [field for field in fields if _MAIL_FIELD_RE.fullmatch(field)]
    names = [
        field
        for field in fields
        if field not in phones and field not in mails and not _WEB_FIELD_RE.fullmatch(field)
    ]
    if not phones or not mails or not names:
        return None
    return fields if all(_is_name(field) for field in names) else None


def _is_name(field: str) -> bool:
    """An office's, a person's or a role's name: its words capitalized, or joining words."""
    words = field.split()
    return (
        len(words) <= MAX_NAME_WORDS
        and not any(character.isdigit() or character == ":" for character in field)
        and all(word[:1].isupper() or word.casefold() in _NAME_WORDS for word in words)
    )
