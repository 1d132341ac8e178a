"""A Markdown release's front matter fields: their spellings, and the kind of value each takes.

YAML types what it reads: `title: 2027` is a number, `title: [1, 2]` a list, `title: {de: …}`
a mapping, `language: no` the boolean false. A number or a date is the text it was written as;
a list, a mapping or a boolean where a text belongs is a problem of that field, named as a
JSON file's would be, and never a headline "['…']".
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.models import Problem

# Accepted spellings of each front matter field, first match wins.
KEYS = {
    "title": ("title",),
    "published": ("date", "published", "pubdate"),
    "teaser": ("teaser", "summary", "description", "lead"),
    "language": ("language", "lang"),
    "embargo": ("embargo", "embargo_until", "sperrfrist"),
    "contact": ("contact", "kontakt"),
    "categories": ("categories", "tags", "category"),
    "url": ("url", "canonical", "canonical_url"),
    "id": ("id",),
    "images": ("images", "image", "photos", "bilder"),
}
TEXT_FIELDS = frozenset({"title", "teaser", "language", "contact", "url", "id", "published"})
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")
DATE_EXAMPLE = "write it like 2026-11-26 or 2026-11-26T10:00:00+01:00"


def front_matter_fields(meta: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The release's fields by name, and a problem for each that holds the wrong kind of value
    (that field is left out)."""
    fields: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, spellings in KEYS.items():
        key = next((key for key in spellings if meta.get(key) not in (None, "")), None)
        if key is None:
            continue
        if message := _wrong_kind(name, meta[key]):
            problems.append(Problem(field=f"front_matter.{key}", message=message))
        else:
            fields[name] = meta[key]
    return fields, problems


def _wrong_kind(name: str, value: Any) -> str | None:
    if isinstance(value, bool) and name != "images":
        return (
            f"YAML read it as {str(value).lower()} (yes/no/on/off are booleans): put the value "
            'in quotes, e.g. "no"'
        )
    if name in TEXT_FIELDS and isinstance(value, (list, dict)):
        return f"must be a text, not {_kind(value)}"
    if name == "language" and not LANGUAGE_CODE.fullmatch(str(value).strip()):
        return f"{value!r} is not a language code such as 'de' or 'en'"
    if name == "published" and isinstance(value, str) and not re.search(r"\d", value):
        return f"{value!r} is not a date; {DATE_EXAMPLE}"
    if name == "categories" and (
        isinstance(value, dict)
        or (isinstance(value, list) and any(isinstance(item, (list, dict)) for item in value))
    ):
        return "must be a list of texts, like [Haushalt, Freibad], or one text"
    return None


def _kind(value: list | dict) -> str:
    if isinstance(value, dict):
        keys = ", ".join(map(str, list(value)[:3]))
        return f"a mapping ({keys}): give one text; a release in two languages is two releases"
    return f"a list ({len(value)} items)"
