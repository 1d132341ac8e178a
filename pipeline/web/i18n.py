"""The desk's words in German and English, and dates in the reader's locale.

The words live in gettext catalogs, `locales/de.po` and `locales/en.po`, keyed by message id;
`pybabel extract -F pipeline/web/locales/babel.cfg -k t -k words -o messages.pot pipeline/web`
lists every id the templates and the code use.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from babel.messages.pofile import read_po

from pipeline.publish.labels import text_direction, zone_name
from pipeline.review import scheduled_for

LANGUAGES = ("de", "en")
# audit trail notes an editor typed (a reason), in whatever language they wrote; the other
# notes are the pipeline's own English findings
TYPED_NOTES = frozenset({"rejected", "withdrawn"})
DESK_ZONE = ZoneInfo("Europe/Berlin")

LOCALES = Path(__file__).parent / "locales"


def _catalog(language: str) -> dict[str, str]:
    """One language's words from its gettext catalog (`locales/<language>.po`)."""
    with open(LOCALES / f"{language}.po", "rb") as handle:
        catalog = read_po(handle, locale=language)
    return {message.id: message.string for message in catalog if message.id and message.string}


CATALOGS = {language: _catalog(language) for language in LANGUAGES}


def choose_language(cookie: str | None, accept_language: str | None) -> str:
    """The language the user picked, else the first German or English one the browser asks for."""
    if cookie in LANGUAGES:
        return cookie
    ranked = []
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, tag.split("-")[0].lower()))
    for _, language in sorted(ranked):
        if language in LANGUAGES:
            return language
    return "en"


class Words:
    """Lookups for one language: `t("key", n=1)` in templates, state names, dates."""

    def __init__(self, language: str):
        self.language = language
        self.strings = CATALOGS[language]

    def __call__(self, key: str, **values) -> str:
        text = self.strings.get(key) or CATALOGS["en"].get(key, key)
        return text.format(**values) if values else text

    def state(self, value: str) -> str:
        return self.strings.get(f"state_{value}", value)

    def action(self, value: str) -> str:
        """An audit trail action ("approved", "edited") in the reader's language."""
        return self.strings.get(f"action_{value}", value)

    def note(self, action: str, note: str | None) -> tuple[str, str | None]:
        """An audit trail note as the desk shows it, and its language where it is not the
        page's: a scheduled moment in the desk's words and zone ("erscheint ab 27.11.2026,
        15:40 MEZ"), a reason as typed, a finding of the pipeline in English."""
        if not note:
            return "", None
        moment = scheduled_for(note)
        if moment is not None:
            return self("note_publish_at", moment=self.date(moment)), None
        return note, None if action in TYPED_NOTES else "en"

    def direction(self, language: str) -> str:
        """The direction a release's own text runs in ("rtl" for Hebrew, Arabic, …)."""
        return text_direction(language)

    def date(self, moment: datetime | None) -> str:
        """A moment in the desk's zone, with the zone named: "26.11.2026, 06:00 MEZ"."""
        if moment is None:
            return ""
        day, clock = self.day_and_time(moment)
        return f"{day}, {clock}" if clock else day

    def day_and_time(self, moment: datetime) -> tuple[str, str]:
        """The day and the time with its zone apart ("26.11.2026", "06:00 MEZ"), for a narrow
        column that puts them on two lines."""
        try:
            local = moment.astimezone(DESK_ZONE)
        except (OverflowError, ValueError):  # a stored year 9999 never takes a page down
            return moment.isoformat(), ""
        day = format_date(local, "medium", locale=self.language)
        time = format_time(local, "short", locale=self.language).replace("\u202f", " ")
        return day, f"{time} {self._zone_name(local)}"

    def day(self, moment: datetime) -> str:
        """The day a release names without a time of day ("17.11.2026"): its own calendar day
        where it was given, never moved into the desk's zone, where its midnight would read as
        a time the sender never wrote."""
        return format_date(moment.date(), "medium", locale=self.language)

    def _zone_name(self, local: datetime) -> str:
        return zone_name(local, self.language)
