"""Dates as press releases write them, German and English, turned into tz-aware datetimes.

A date without a time zone is wall-clock time of the source (`zone`), never silently UTC.
Parsing is pure: a date without a year needs `now` to pick the year.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

from babel.core import get_global
from babel.dates import get_day_names, get_month_names

from pipeline.normalize.event_dates import labels_an_event
from pipeline.normalize.updates import first_publication
from pipeline.normalize.zones import (
    ZONE_ABBR_RE,
    ZONE_AFTER_TIME_RE,
    zone_abbreviation,
    zone_after_time,
    zone_of,
)


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    # French and Italian too: Swiss, Belgian and Canadian offices write 'le 24 novembre 2026',
    # 'Bellinzona, 25 novembre 2026'; their three-letter stems are no German or English word
    for locale in ("de", "en", "de_AT", "fr", "it"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    key = name.casefold().rstrip(".")
                    if locale in ("fr", "it") and len(key) < 4:
                        continue  # Italian 'set', 'ago' are English words
                    names.setdefault(key, number)
                    if locale in ("de", "en", "de_AT"):
                        names.setdefault(key[:3], number)
    names.update({"maerz": 3, "sept": 9, "jän": 1, "jänner": 1, "feber": 2})
    return names


def _weekday_numbers() -> dict[str, int]:
    """Weekday names (wide and abbreviated, German, English, French, Italian) → Monday = 0."""
    numbers: dict[str, int] = {}
    for locale in ("de", "en", "fr", "it"):
        for width in ("wide", "abbreviated"):
            for number, name in get_day_names(width, "format", locale).items():
                numbers.setdefault(name.casefold().rstrip("."), number)
    return numbers


def _weekday_names() -> frozenset[str]:
    names = set(WEEKDAY_NUMBERS)
    return frozenset(names)


MONTHS = _month_names()
WEEKDAY_NUMBERS = _weekday_numbers()
WEEKDAYS = _weekday_names()
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
# the letters a month's name starts with: a cheap test before trying every name at a word
_MONTH_START = "".join(sorted({re.escape(m[0]) for m in MONTHS}))

ISO_RE = re.compile(
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<off>Z|[+-]\d{2}:?\d{2})?)?"
)
# "24.12.2026", "24.12.26", and "24.12." without a year; "24.12. 18:00" is a day and a time,
# never the year 2018.
NUMERIC_RE = re.compile(
    r"\b(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.(?:\s?(?P<y>\d{4}|\d{2})(?![\d.:]\d))?(?![\d])"
)
# '11/12/2026 4:15 PM CST': a US date (month first) by its clock or its zone
US_TIME_RE = re.compile(
    r"\W{0,3}(?:at\s+)?\d{1,2}(?::\d\d){0,2}\s*(?:[AaPp]\.?\s?[Mm]\.?)(?!\w)"
    r"|[^\n]{0,30}?\b(?:[ECMP][SD]T|ET|CT|PT)\b"
)
# '12:01 a.m. ET on 12/01/2026': the US clock or zone may stand before the date as well
US_TIME_BEFORE_RE = re.compile(
    r"(?:\d{1,2}(?::\d\d){0,2}\s*[AaPp]\.?\s?[Mm]\.?|\b(?:[ECMP][SD]T|ET|CT|PT)\b)[^\d\n]{0,20}$"
)
US_TIME_REACH = 40  # characters before a date where its clock or zone may stand
SLASH_RE = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b")
DAY_MONTH_RE = re.compile(  # '25. November 2026', '25 Nov 2026', EQS's '25-Nov-2026', the
    # British '25th November 2026', '1st of December 2026'
    rf"\b(?P<d>\d{{1,2}})(?:(?:st|nd|rd|th)(?:\s+of)?\s+|\.?\s*|-)(?P<mon>{_MONTH})\b\.?"
    r"(?:,?\s+|-)?(?:(?P<y>\d{4})\b)?",
    re.I,
)
MONTH_DAY_RE = re.compile(
    rf"\b(?=[{_MONTH_START}])(?P<mon>{_MONTH})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:,?\s+(?P<y>\d{{4}})\b)?",
    re.I,
)
DATE_RES = (ISO_RE, NUMERIC_RE, DAY_MONTH_RE, MONTH_DAY_RE, SLASH_RE)

TIME_RE = re.compile(
    r"(?<![\d.:])(?P<H>\d{1,2})(?:[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?"
    r"(?:\s*(?P<suffix>uhr|h\b|[ap]\.?\s?m\b\.?))?"
    r"(?:\s?(?P<off>[+-]\d{2}:?\d{2})\b)?(?!\d|[.:]\d)",  # '10.000 Jahre' holds no time
    re.I,
)
# Words that may stand around a date on a line that says nothing else.
DATE_LINE_WORDS = frozenset(
    "am um vom den ab bis uhr at on of stand datum date veröffentlicht published updated update "
    "aktualisierung zuletzt "
    "aktualisiert erstellt posted pressemitteilung pressemeldung medieninformation "
    "presseinformation presseinfo medienmitteilung press release news nr no erscheinungsdatum "
    "veröffentlichungsdatum erschienen publiziert folgen follow teilen share issued post "
    "release le il du ots apa dpa sda afp reuters".split()
)
# A release's number before its place and date: 'Presseinfo Nr. 058/2026 – Sonnenfeld, …'.
NUMBERED_LABEL_RE = re.compile(
    r"^\s*(?:[^\W\d_]+\s+)?(?:nr|no)\.?\s*\d+(?:/\d+)?\s*[–—|·:,-]?\s*", re.I
)

DIGIT_RE = re.compile(r"\d")
# 'Leipzig,', 'BERLIN, Germany,', 'Waren (Müritz),', 'Frankfurt am Main, den'
PLACE_RE = re.compile(
    r"(?:[^\W\d_][\w'.-]*,?\s?(?:\([^\W\d_][\w .'-]{0,30}\)\s?)?){1,4},"
    r"(?:\s*(?:den|am|the|le|il))?",
    re.I,
)
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)


def localize(value: datetime, zone: tzinfo) -> datetime:
    """A naive datetime is wall-clock time in `zone`; an aware one is kept as it is."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=zone)
    return value


def parse_datetime(text: str, zone: tzinfo, now: datetime | None = None) -> datetime | None:
    """The first date (with time and zone when given) in `text`, tz-aware; None if there is none."""
    parsed = parse_moment(text, zone, now)
    return parsed[0] if parsed else None


def parse_moment(
    text: str, zone: tzinfo, now: datetime | None = None
) -> tuple[datetime, bool] | None:
    """Like `parse_datetime`, with whether `text` gave a time of day (else it is 00:00)."""
    text = first_publication(text.strip(), find_date)
    if not text:
        return None
    quick = _parse_iso(text, zone)
    if quick is not None:
        return quick, not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)
    found = find_date(text, month_first=writes_month_first(zone))
    if found is None:
        return None
    match, year, month, day = found
    if year is None:
        if now is None:
            return None
        year = _infer_year(month, day, now)
    rest = text[: match.start()] + " " + text[match.end() :]
    hour, minute, second, offset = _date_match_time(match)
    if hour is None:
        hour, minute, second, offset, rest = _find_time(rest)
    tz = (_offset(offset) if offset else None) or zone_abbreviation(rest) or zone
    try:
        value = datetime(year, month, day, hour or 0, minute or 0, second or 0)
    except ValueError:
        return None
    return value.replace(tzinfo=tz), hour is not None


def _parse_iso(text: str, zone: tzinfo) -> datetime | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-][\d:]+)?)?", text):
        return None
    try:
        return localize(datetime.fromisoformat(text.replace("Z", "+00:00")), zone)
    except ValueError:
        return None


def writes_month_first(zone: tzinfo) -> bool:
    """A source in a US time zone writes '12/01/2026' for the first of December."""
    return _ZONE_TERRITORIES.get(getattr(zone, "key", ""), "") == "US"


_ZONE_TERRITORIES: dict[str, str] = get_global("zone_territories")


def find_date(
    text: str, *, month_first: bool = False
) -> tuple[re.Match, int | None, int, int] | None:
    """The earliest date in `text`: (match, year or None, month, day). `month_first`: a slashed
    date that nothing in the text dates either way is month first (a US source's)."""
    best = None
    for pattern in DATE_RES:
        match = pattern.search(text)
        if match and (best is None or match.start() < best.start()):
            parts = _date_parts(match, month_first)
            if parts is not None:
                best, found = match, parts
    if best is None:
        return None
    return (best, *found)


def _date_parts(match: re.Match, month_first: bool = False) -> tuple[int | None, int, int] | None:
    groups = match.groupdict()
    if "mon" in groups:
        month = MONTHS.get(groups["mon"].casefold())
        day, year = int(groups["d"]), groups["y"]
    elif "a" in groups:  # d/m/y unless the second number cannot be a month, or US time is beside
        first, second, year = int(groups["a"]), int(groups["b"]), groups["y"]
        us = second > 12 or (
            first <= 12
            and (
                month_first
                or US_TIME_RE.match(match.string, match.end())
                or US_TIME_BEFORE_RE.search(
                    match.string, max(0, match.start() - US_TIME_REACH), match.start()
                )
                or _weekday_says_month_first(match, first, second)
            )
        )
        day, month = (second, first) if us else (first, second)
    else:
        day, month, year = int(groups["d"]), int(groups["m"]), groups["y"]
    if year is not None:
        year = int(year)
        if year < 100:  # two digits: 00-68 are this century, 69-99 the last (as POSIX %y)
            year += 2000 if year < 69 else 1900
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return year, month, day


WEEKDAY_BEFORE_RE = re.compile(r"(?P<day>[^\W\d_]{2,12})\.?,?\s*$")


def _weekday_says_month_first(match: re.Match, first: int, second: int) -> bool:
    """'Tue, 03/10/2026' (Drupal's default): the weekday named before the date holds only if the
    first number is the month."""
    before = WEEKDAY_BEFORE_RE.search(match.string, max(0, match.start() - 14), match.start())
    weekday = WEEKDAY_NUMBERS.get(before["day"].casefold()) if before else None
    if weekday is None:
        return False
    year = int(match["y"])
    try:
        return (
            datetime(year, first, second).weekday() == weekday
            and datetime(year, second, first).weekday() != weekday
        )
    except ValueError:
        return False


def _date_match_time(match: re.Match):
    groups = match.groupdict()
    if groups.get("H") is None:
        return None, None, None, None
    second = int(groups["S"]) if groups.get("S") else 0
    return int(groups["H"]), int(groups["M"]), second, groups.get("off")


def _find_time(rest: str):
    for match in TIME_RE.finditer(rest):
        minute, suffix = match.group("M"), (match.group("suffix") or "").lower().replace(" ", "")
        if minute is None and not suffix:
            continue  # a bare number is no time
        hour = int(match.group("H"))
        if suffix.startswith("p") and hour < 12:
            hour += 12
        elif suffix.startswith("a") and hour == 12:
            hour = 0
        if hour > 23 or int(minute or 0) > 59:
            continue
        second = int(match.group("S") or 0)
        end, offset = match.end(), match.group("off")
        named = ZONE_AFTER_TIME_RE.match(rest, end) if offset is None else None
        if named and zone_after_time(named.group("zone")):
            end, offset = named.end(), named.group("zone")  # '1:00 p.m. Pacific'
        remaining = rest[: match.start()] + " " + rest[end:]
        return hour, int(minute or 0), second, offset, remaining
    return None, None, None, None, rest


def _offset(text: str) -> tzinfo | None:
    """A UTC offset; None for one no zone has (24 hours or more): the source's zone applies."""
    if text == "Z":
        return UTC
    if text[0] not in "+-":
        return zone_after_time(text)
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return zone_of(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def _infer_year(month: int, day: int, now: datetime) -> int:
    """A date without a year is the nearest one: this year unless that is long past."""
    try:
        candidate = datetime(now.year, month, day, tzinfo=now.tzinfo)
    except ValueError:
        return now.year
    return now.year + 1 if candidate < now - timedelta(days=183) else now.year


def is_date_line(text: str) -> bool:
    """True for a line that only states a date, such as 'Leipzig, 25.11.2026' or 'Nov. 25, 2026'."""
    if len(text) > 90 or not DIGIT_RE.search(text):
        return False
    found = find_date(text)
    if found is None:
        return False
    match = found[0]
    before, after = text[: match.start()], text[match.end() :]
    after = ZONE_ABBR_RE.sub(" ", _find_time(after)[4])
    if _leftover_words(after):
        return False
    before = NUMBERED_LABEL_RE.sub("", before)
    # A place before the date ("Leipzig, 25.11.2026", "BERLIN, Germany, ...") is fine.
    return not _leftover_words(before) or bool(PLACE_RE.fullmatch(before.strip()))


PUBLISHED_WORDS_RE = re.compile(
    r"\b(?:veröffentlicht|erschienen|erscheinungsdatum|datum|stand|published|posted|updated"
    r"|aktualisiert|pressemitteilung|medieninformation|press release|news release|issued"
    r"|post date|release date)\b",
    re.I,
)


def is_labelled_date(text: str, spare: int = 3, *, published: bool = False) -> bool:
    """A short line that states a date among a few labels: 'Verkehr 25. Nov. 2026, 11:45 Uhr
    LK 1247/2026', 'Veröffentlicht am 24. November 2026 von Pressestelle'. Only for lines a page
    prints beside its headline, where nothing else is dated; with `published`, only a line that
    says it is a publication date."""
    if len(text) > 90 or not DIGIT_RE.search(text):
        return False
    if published and not PUBLISHED_WORDS_RE.search(text):
        return False
    found = find_date(text)
    if found is None or labels_an_event(text[: found[0].start()]):
        return False  # 'Alarmzeit: 21.11.2026 23:47' dates the incident, not the page
    before, after = text[: found[0].start()], text[found[0].end() :]
    after = ZONE_ABBR_RE.sub(" ", _find_time(after)[4])
    return len(_leftover_words(before) + _leftover_words(after)) <= spare


def words_beside_date(text: str) -> list[str]:
    """The words of `text` besides its date, its time, its zone and the usual fillers ('am',
    'um', 'Uhr', weekdays): 'Ende der Pressekonferenz' in 'Ende der Pressekonferenz am 27.11.'."""
    found = find_date(text)
    if found is None:
        return _leftover_words(text)
    rest = text[: found[0].start()] + " " + text[found[0].end() :]
    return _leftover_words(ZONE_ABBR_RE.sub(" ", _find_time(rest)[4]))


# a meta line's fields after its date: 'Freitag, 20. November 2026 · Kategorie: Kita'
_META_SEPARATOR_RE = re.compile(r"^[\s,]*(?:[·•|/]|[-–—])\s")


def opens_meta_line(text: str) -> bool:
    """A line under a headline that opens with the date, then other fields set apart by a
    separator ('Freitag, 20. November 2026 · Kategorie: Kita · von Anna Berg')."""
    if len(text) > 200 or not DIGIT_RE.search(text[:40]):
        return False
    found = find_date(text)
    if found is None or _leftover_words(text[: found[0].start()]):
        return False
    rest = ZONE_ABBR_RE.sub(" ", _find_time(text[found[0].end() :])[4])  # '07:00 ET | Source'
    return bool(_META_SEPARATOR_RE.match(rest))


_LETTERS_RE = re.compile(r"[^\W\d_]+")


def _leftover_words(text: str) -> list[str]:
    words = _LETTERS_RE.findall(text)
    return [word for word in words if word.casefold() not in DATE_LINE_WORDS | WEEKDAYS]


def plausibility_problem(value: datetime, now: datetime, what: str = "date") -> str | None:
    """Why a publication date (or an embargo) cannot be right, or None when it may be. The
    years are compared first: a moment near year 1 or 9999 cannot be moved to UTC at all."""
    if value.year < EARLIEST.year or value < EARLIEST:
        return f"{what} {value.date().isoformat()} is before 1990; check the input's {what}"
    if value.year > now.year + 1 or value > now + timedelta(days=366):
        return f"{what} {value.date().isoformat()} is more than a year in the future"
    return None


# 'Pressemeldungen der Polizeiinspektion Osnabrück vom 25.11.2026': the headline dates itself
_TITLE_DATE_RE = re.compile(r"\b(?:vom|from|dated)\s+(?P<date>[^–—|]{6,30})$", re.I)


def title_date(title: str) -> str | None:
    match = _TITLE_DATE_RE.search(title)
    return match.group("date") if match and find_date(match.group("date")) else None
