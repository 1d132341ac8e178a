"""Times that name their zone by a word after the clock, as North American and Australian
offices write them: the release is dated in that zone, and the date line leaves the body."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pipeline.normalize.dates import is_date_line, parse_datetime
from tests.normalize.test_portal_and_wire_notes import typed

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 27, tzinfo=NEW_YORK)


def _offset(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "hour", "offset"),
    [
        ("December 2, 2026 11:00 a.m. Pacific", 11, -8),
        ("December 2, 2026 2:15 p.m. Central", 14, -6),
        ("Dec 2, 2026 9:30 AM Eastern", 9, -5),
        ("July 14, 2026 9:30 AM Eastern", 9, -4),  # summer time on that day
        ("July 14, 2026 8:00 a.m. Mountain", 8, -6),
        ("2 December 2026 at 09:00 Sydney time", 9, 11),
        ("2 December 2026 at 17:00 New York time", 17, -5),
        ("December 2, 2026 10:00 AM NST", 10, -3.5),
        ("December 2, 2026 10:00 AM AST", 10, -4),
        ("December 2, 2026 10:00 AM Atlantic Time", 10, -4),
    ],
)
def test_a_zone_word_after_the_time_gives_the_offset(text, hour, offset):
    parsed = parse_datetime(text, NEW_YORK, NOW)
    assert (parsed.hour, parsed.utcoffset()) == (hour, timedelta(hours=offset))
    assert is_date_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "December 2, 2026 at 10 a.m. Central Park opens its ice rink",
        "December 2, 2026 at 10 a.m. Community time is set aside for questions",
    ],
)
def test_a_place_after_the_time_is_no_zone(text):
    parsed = parse_datetime(text, NEW_YORK, NOW)
    assert parsed.utcoffset() == timedelta(hours=-5)  # the source's own
    assert not is_date_line(text)


def test_a_release_dated_in_pacific_time_loses_its_date_line():
    found = typed(
        "<html lang='en'><body><main><h1>Harbor Road reopens after bridge repairs</h1>"
        "<p>December 2, 2026 11:00 a.m. Pacific</p>"
        "<p>Harbor Road reopened to traffic this morning after six weeks of repairs to the"
        " Willow Creek bridge, the county's public works department said.</p>"
        "<p>Crews replaced the bridge deck and two expansion joints.</p></main></body></html>",
        ".html",
        "en",
    )
    assert found.published_at == datetime(2026, 12, 2, 11, tzinfo=_offset(-8))
    assert found.text.startswith("Harbor Road reopened to traffic this morning")
