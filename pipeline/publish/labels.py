"""The words a fragment shows around a release, and dates as each language writes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_timezone_name


@dataclass(frozen=True)
class Labels:
    source: str
    contact: str
    links: str
    empty: str
    photo: str = "Photo"
    downloads: str = "Downloads"


LABELS = {
    "de": Labels(
        "Quelle", "Kontakt", "Links", "Derzeit liegen keine Meldungen vor.", "Foto", "Downloads"
    ),
    "en": Labels(
        "Source", "Contact", "Links", "There are no releases at the moment.", "Photo", "Downloads"
    ),
}


def labels_for(language: str, fallback: str) -> Labels:
    for candidate in (language, fallback):
        labels = LABELS.get(candidate.split("-")[0].lower())
        if labels:
            return labels
    return LABELS["en"]


def human_date(moment: datetime, language: str, *, with_time: bool = True) -> str:
    """'25. November 2026, 10:30 Uhr' / 'November 25, 2026, 10:30 AM', in the moment's zone;
    the date alone without `with_time`."""
    locale = _locale(language)
    date = format_date(moment, "long", locale=locale)
    if not with_time:
        return date
    time = format_time(moment, "short", locale=locale).replace("\u202f", " ")
    zone = zone_name(moment, locale)
    return f"{date}, {time} Uhr {zone}" if locale.language == "de" else f"{date}, {time} {zone}"


def zone_name(moment: datetime, locale: Locale | str) -> str:
    """The zone a reader needs to place a time: 'MEZ', 'CEST', 'EST'; the offset where the
    zone has no short name ('UTC+01:00')."""
    name = get_timezone_name(moment, width="short", locale=locale)
    return (moment.tzname() or "") if name.startswith(("+", "-", "GMT")) else name


def text_direction(language: str) -> str:
    """'rtl' for a language written right to left (Hebrew, Arabic, Persian, Urdu, Yiddish,
    Pashto, `pa-Arab`, …) as CLDR knows it, else 'ltr'."""
    return "rtl" if _locale(language or "en").text_direction == "rtl" else "ltr"


def dir_attribute(language: str, inside: str | None = None) -> str:
    """` dir="…"` for an element in `language` whose direction differs from the text it stands
    in (an element in language `inside`; a left-to-right page without): a Hebrew article, a
    German disclaimer inside it."""
    direction = text_direction(language)
    around = text_direction(inside) if inside else "ltr"
    return f' dir="{direction}"' if direction != around else ""


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    for candidate in (language.replace("_", "-"), language.split("-")[0]):
        try:
            return Locale.parse(candidate, sep="-")
        except (ValueError, TypeError, UnknownLocaleError):
            continue
    return Locale("en")
