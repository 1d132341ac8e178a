"""The release's publication date: the input's own, its dateline, a date beside its headline or
in its file name, never before its embargo, and a date without a time kept as a date."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

from pipeline.models import Problem, RawRelease
from pipeline.normalize import dates
from pipeline.normalize.body import clean_inline
from pipeline.normalize.datelines import bracketed_dateline
from pipeline.normalize.event_dates import labels_an_event
from pipeline.normalize.findings import Findings

_COMPACT_DATE = re.compile(
    r"((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:T?(\d\d)(\d\d))?"
)


def _spaced_compact_date(text: str) -> str:
    """A meta tag's '20261125' (or '202611251030') as '2026-11-25' ('2026-11-25 10:30')."""
    match = _COMPACT_DATE.fullmatch(text.strip())
    if match is None:
        return text
    year, month, day, hour, minute = match.groups()
    return f"{year}-{month}-{day}" + (f" {hour}:{minute}" if hour else "")


def published_at(
    raw: RawRelease,
    zone: tzinfo,
    now: datetime,
    found: Findings,
    *,
    embargo: datetime | None = None,
) -> datetime | None:
    """The release's date; never before its `embargo`: readers learn of it when the embargo
    lifts, and an earlier date would bury it among older items in every feed."""
    value, timed = None, True
    if raw.published is not None:
        value = dates.localize(raw.published, zone)
        if problem := dates.plausibility_problem(value, now):  # before any zone is applied
            found.problems.append(Problem(field="published_at", message=problem))
            return None
        own = dates.parse_moment(found.date_text, zone, now) if found.date_text else None
        if raw.format == "email" and own and own[0].date() < value.astimezone(zone).date():
            value, timed = own  # a mail sent days after the release's own dateline
    elif raw.published_text:
        parsed = dates.parse_moment(
            _spaced_compact_date(clean_inline(raw.published_text)), zone, now
        )
        if parsed is None and found.date_text:  # the page's own line dates it instead
            parsed = dates.parse_moment(found.date_text, zone, now)
        if parsed is None:
            found.warnings.append(f"publication date {raw.published_text!r} not understood")
        value, timed = parsed or (None, True)
        if value is not None and not timed and found.date_text:
            # a page's date-only meta tag, and beside the headline that day with its time
            exact = dates.parse_moment(found.date_text, zone, now)
            if exact is not None and exact[1] and exact[0].date() == value.date():
                value, timed = exact
        if value is not None and raw.format == "html" and found.date_text:
            value, timed = _shown_date_wins(raw.published_text, (value, timed), zone, now, found)
    elif found.date_text:
        value, timed = dates.parse_moment(found.date_text, zone, now) or (None, True)
    if value is None:
        value, timed = _date_in_name(raw, zone)
    if value is None:
        if not raw.problems:  # an input that could not be read has no date to miss
            found.warnings.append("no publication date found: it goes out dated by its publishing")
        return None
    if (
        embargo is not None
        and dates.plausibility_problem(embargo, now) is None
        and (value < embargo if timed else value.date() <= embargo.date())
    ):
        found.warnings.append(
            f"dated by its embargo ({embargo.isoformat()}); the input's own date "
            f"{value.isoformat() if timed else value.date().isoformat()} lies before it"
        )
        value, timed = embargo, True
    if not timed:
        value = _time_of_day(value, zone, now, found)
    problem = dates.plausibility_problem(value, now)
    if problem:
        found.problems.append(Problem(field="published_at", message=problem))
        return None  # kept out of the store: no zone or feed can show year 9999
    if value > now + timedelta(days=1):
        found.warnings.append(
            f"publication date {value.date().isoformat()} lies in the future: held for an "
            "editor; feeds date it when it goes out"
        )
    return value


def _shown_date_wins(
    declared: str, moment: tuple[datetime, bool], zone: tzinfo, now: datetime, found: Findings
) -> tuple[datetime, bool]:
    """A page's metadata that names another day than the date it shows its readers (beside
    the headline, in the dateline) gives way to that date: a CMS stamps its metadata anew when
    an old release is saved again, the page keeps printing the release's own day."""
    shown = dates.parse_moment(found.date_text or "", zone, now)
    value = moment[0]
    if shown is None or shown[0].date() in (value.date(), value.astimezone(zone).date()):
        return moment
    found.warnings.append(
        f"the page's dates disagree: it shows {shown[0].date().isoformat()} to its readers, "
        f"its metadata says {declared}: the date it shows is used"
    )
    return shown


FILE_DATE_RE = re.compile(r"(?<!\d)(20\d\d)-([01]\d)-([0-3]\d)(?!\d)")


def _date_in_name(raw: RawRelease, zone: tzinfo) -> tuple[datetime | None, bool]:
    """A file named `2026-11-20-stadtfest.txt` is dated by its name when its text is not."""
    name = (raw.provenance.path or "").rsplit("/", 1)[-1]
    match = FILE_DATE_RE.search(name)
    if not match:
        return None, True
    try:
        return datetime(*map(int, match.groups()), tzinfo=zone), False
    except ValueError:
        return None, True


def _time_of_day(value: datetime, zone: tzinfo, now: datetime, found: Findings) -> datetime:
    """A date without a time of day: on its day of arrival it takes the arrival time, else it
    stays the start of that day; either way the editor is told, nothing is made up silently."""
    day = value.date().isoformat()
    if value.date() == now.astimezone(zone).date():
        found.warnings.append(f"the date {day} gives no time of day: the arrival time is used")
        return now.astimezone(value.tzinfo).replace(microsecond=0)
    found.warnings.append(
        f"the date {day} gives no time of day: it stays a date (feeds show the start of that day)"
    )
    found.date_only = True
    return value


def date_beside_headline(raw: RawRelease) -> str | None:
    """A line above the headline that states a date among a few labels ('Verkehr 25. Nov.
    2026, 11:45 Uhr LK 1247/2026'), or one below it that says it is the publication date
    ('Veröffentlicht am 24. November 2026 von …'): a subtitle's date is an event's."""
    above = (text for text in raw.above_headline if dates.is_labelled_date(text))
    below = (
        bracketed_dateline(text) or text
        for label, text in zip(("", *raw.below_headline), raw.below_headline, strict=False)
        if not labels_an_event(f"{label} ")  # a details list's 'Einsatzbeginn:' over its value
        and (
            dates.is_date_line(text)
            or dates.is_labelled_date(text, published=True)
            or dates.opens_meta_line(text)
            or _issuer_stamp(text)
            or bracketed_dateline(text)
        )
    )
    published_field = (
        field
        for line in raw.below_headline
        for field in _run_together_fields(line)
        if dates.is_labelled_date(field, published=True)
    )
    return next(above, None) or next(below, None) or next(published_field, None)


# a second 'Label:' inside a meta line whose fields a page set as blocks of one box:
# 'Published: Thursday 26 November 2026 at 3:15 pm Released by: The Hon. …'
_NEXT_FIELD_RE = re.compile(r"(?<=\S)\s+(?=[A-Z][\w-]*(?:\s+[a-z][\w-]*){0,2}:\s)")


def _run_together_fields(line: str) -> list[str]:
    fields = _NEXT_FIELD_RE.split(line)
    return fields if len(fields) > 1 else []


ISSUER_WORDS = 4
_PROVIDED_BY_RE = re.compile(r"^\s*(?:news|release|content)\s+provided\s+by:?\s*", re.I)


def _issuer_stamp(text: str) -> bool:
    """A wire page's issuer beside its timed date: 'Northwind Robotics, Inc. Nov 25, 2026,
    08:00 ET'. Only with a time: an event's subtitle names a day ('Konzert am 3. Dezember')."""
    text = _PROVIDED_BY_RE.sub("", text)
    if not dates.is_labelled_date(text, spare=ISSUER_WORDS):
        return False
    moment = dates.parse_moment(text, UTC)
    return moment is not None and moment[1]
