"""Dates as releases write them, German and English, always with a time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from pipeline.normalize.datelines import dateline_text
from pipeline.normalize.dates import (
    is_date_line,
    localize,
    opens_meta_line,
    parse_datetime,
    plausibility_problem,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
EST = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25.11.2026", datetime(2026, 11, 25, tzinfo=BERLIN)),
        ("25.11.26", datetime(2026, 11, 25, tzinfo=BERLIN)),
        ("25. November 2026, 10:30 Uhr", datetime(2026, 11, 25, 10, 30, tzinfo=BERLIN)),
        ("Mittwoch, 25. November 2026", datetime(2026, 11, 25, tzinfo=BERLIN)),
        ("1. März 2027, 10.00 Uhr", datetime(2027, 3, 1, 10, 0, tzinfo=BERLIN)),
        ("Dienstag, 14. Juli 2026 um 9 Uhr", datetime(2026, 7, 14, 9, 0, tzinfo=BERLIN)),
        ("November 25, 2026", datetime(2026, 11, 25, tzinfo=BERLIN)),
        ("Nov. 25, 2026 9:00 AM EST", datetime(2026, 11, 25, 9, 0, tzinfo=EST)),
        ("January 1st, 2027", datetime(2027, 1, 1, tzinfo=BERLIN)),
        ("25 November 2026 12:00 PM", datetime(2026, 11, 25, 12, 0, tzinfo=BERLIN)),
        ("00:01 GMT, 26 November 2026", datetime(2026, 11, 26, 0, 1, tzinfo=UTC)),
        (
            "26.11.2026, 10:00 Uhr MEZ",
            datetime(2026, 11, 26, 10, 0, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("2026-11-25", datetime(2026, 11, 25, tzinfo=BERLIN)),
        ("2026-11-25 10:30", datetime(2026, 11, 25, 10, 30, tzinfo=BERLIN)),
        ("2026-11-25T10:30:00+01:00", datetime(2026, 11, 25, 9, 30, tzinfo=UTC)),
        ("2026-07-14T08:00:00Z", datetime(2026, 7, 14, 8, 0, tzinfo=UTC)),
        ("Wed, 25 Nov 2026 10:30:00 +0100", datetime(2026, 11, 25, 9, 30, tzinfo=UTC)),
        # zones of other continents, by abbreviation and by name
        ("6:00AM AEDT Friday 27 November 2026", datetime(2026, 11, 26, 19, 0, tzinfo=UTC)),
        ("27 November 2026 9:30 AEST", datetime(2026, 11, 26, 23, 30, tzinfo=UTC)),
        ("27 November 2026, 10:00 NZDT", datetime(2026, 11, 26, 21, 0, tzinfo=UTC)),
        (
            "Wednesday 25 November 2026, 10:30am Australian Eastern Daylight Time",
            datetime(2026, 11, 24, 23, 30, tzinfo=UTC),
        ),
        ("Nov. 25, 2026 9:00 AM MT", datetime(2026, 11, 25, 16, 0, tzinfo=UTC)),
        # Asia's and Africa's zones, and the UK's by name: an embargo in them lifts on time
        ("25 November 2026, 16:30 HKT", datetime(2026, 11, 25, 8, 30, tzinfo=UTC)),
        ("25 November 2026, 16:30 SGT", datetime(2026, 11, 25, 8, 30, tzinfo=UTC)),
        ("26 NOV 2026 3:45PM IST", datetime(2026, 11, 26, 10, 15, tzinfo=UTC)),
        ("10:00 EAT, 26 November 2026", datetime(2026, 11, 26, 7, 0, tzinfo=UTC)),
        ("00:01 HRS (UK TIME) FRIDAY 27 NOVEMBER 2026", datetime(2026, 11, 27, 0, 1, tzinfo=UTC)),
        ("00:01 BST, 1 July 2027", datetime(2027, 6, 30, 23, 1, tzinfo=UTC)),
        ("1 July 2027, 00:01 UK time", datetime(2027, 6, 30, 23, 1, tzinfo=UTC)),
        # US numbers: month first before a clock with seconds, or when the day is past 12
        ("11/5/2026 3:15:00 PM", datetime(2026, 11, 5, 15, 15, tzinfo=BERLIN)),
        ("11/25/2026 3:15 PM", datetime(2026, 11, 25, 15, 15, tzinfo=BERLIN)),
        # or when the weekday in front holds only that way (Drupal's 'D, m/d/Y - H:i')
        (
            "Submitted by Press on Tue, 03/10/2026 - 09:15",
            datetime(2026, 3, 10, 9, 15, tzinfo=BERLIN),
        ),
        ("Sat, 03/10/2026", datetime(2026, 10, 3, tzinfo=BERLIN)),
        ("Dienstag, 10/03/2026", datetime(2026, 3, 10, tzinfo=BERLIN)),
        ("03/10/2026", datetime(2026, 10, 3, tzinfo=BERLIN)),
        # a number with a thousands point is no time of day
        ("12. Februar 2027, Funde aus 10.000 Jahren", datetime(2027, 2, 12, tzinfo=BERLIN)),
    ],
)
def test_parse_datetime(text, expected):
    parsed = parse_datetime(text, BERLIN, NOW)
    assert parsed == expected
    assert parsed.tzinfo is not None


def test_wall_clock_time_follows_summer_and_winter_time():
    summer = parse_datetime("14.07.2026 10:00", BERLIN, NOW)
    winter = parse_datetime("14.01.2026 10:00", BERLIN, NOW)
    assert summer.utcoffset() == timedelta(hours=2)  # CEST
    assert winter.utcoffset() == timedelta(hours=1)  # CET
    assert summer.astimezone(UTC).hour == 8
    assert winter.astimezone(UTC).hour == 9


def test_eastern_time_is_a_real_zone():
    parsed = parse_datetime("July 14, 2026 at 3 p.m. ET", BERLIN, NOW)
    assert parsed.utcoffset() == timedelta(hours=-4)  # EDT in July


def test_year_is_inferred_from_now():
    assert parse_datetime("25. Nov.", BERLIN, NOW) == datetime(2026, 11, 25, tzinfo=BERLIN)
    assert parse_datetime("3. März", BERLIN, NOW) == datetime(2027, 3, 3, tzinfo=BERLIN)
    assert parse_datetime("3. März", BERLIN) is None  # no year and no "now" to guess from


@pytest.mark.parametrize(
    "text", ["", "kein Datum", "31.02.2026", "25.11.2026 25:00 Uhr x 99.99.9999"]
)
def test_no_date_or_impossible_date(text):
    result = parse_datetime(text, BERLIN, NOW)
    assert result is None or result == datetime(2026, 11, 25, tzinfo=BERLIN)


def test_localize_keeps_aware_and_localizes_naive():
    naive = datetime(2026, 12, 24, 18, 0)
    assert localize(naive, BERLIN).utcoffset() == timedelta(hours=1)
    aware = datetime(2026, 12, 24, 18, 0, tzinfo=UTC)
    assert localize(aware, BERLIN) is aware


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Leipzig, 25.11.2026", True),
        ("Bad Düben, den 25.11.2026", True),
        ("Waren (Müritz), 25.11.2026", True),  # a town with its river or region
        ("Halle (Saale), den 25.11.2026", True),
        ("Pressemitteilung vom 25.11.2026", True),
        ("Stand: 25.11.2026, 10:30 Uhr", True),
        ("Wednesday, November 25, 2026", True),
        ("Konferenz am 25. November 2026", False),
        ("3. Asienkonferenz nimmt kommunale Partnerschaften in Fokus", False),
        ("Leipzig, 25.11.2026 – Die Stadt baut eine Schule", False),
    ],
)
def test_is_date_line(line, expected):
    assert is_date_line(line) is expected


def test_plausibility():
    assert plausibility_problem(datetime(1989, 12, 31, tzinfo=UTC), NOW)
    assert plausibility_problem(NOW + timedelta(days=400), NOW)
    assert plausibility_problem(NOW + timedelta(days=30), NOW) is None
    assert plausibility_problem(datetime(2001, 1, 1, tzinfo=UTC), NOW) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a day and a month with a time: the year comes from the arrival, never from the hour
        ("24.12. 18:00 Uhr", datetime(2026, 12, 24, 18, 0, tzinfo=BERLIN)),
        ("24.12. 20:15", datetime(2026, 12, 24, 20, 15, tzinfo=BERLIN)),
        ("am 3.2.", datetime(2027, 2, 3, tzinfo=BERLIN)),
        # two-digit years pivot as POSIX %y does
        ("31.12.99", datetime(1999, 12, 31, tzinfo=BERLIN)),
        ("1.1.30", datetime(2030, 1, 1, tzinfo=BERLIN)),
        # an offset no zone has is ignored, never a crash
        ("25.11.2026 10:00 +25:00", datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN)),
        ("Nov. 25, 2026 10:00 UTC+30", datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN)),
    ],
)
def test_day_month_dates_two_digit_years_and_impossible_offsets(text, expected):
    assert parse_datetime(text, BERLIN, NOW) == expected


@pytest.mark.parametrize(
    ("paragraph", "head"),
    [
        ("PORTLAND, Ore. – November 24, 2026 – It said", "PORTLAND, Ore. – November 24, 2026"),
        ("PORTLAND, Ore.—November 24, 2026—Cascade today", "PORTLAND, Ore.—November 24, 2026"),
        ("DENVER - November 24, 2026 - The city council", "DENVER - November 24, 2026"),
        ("Leipzig, 25. November 2026 – Die Stadt", "Leipzig, 25. November 2026"),
        # a sentence with a date in it, set off by dashes, is no dateline
        ("Baden-Württemberg – Ab 12. Februar 2027 zeigt das Museum – viel Neues", None),
        # a sentence with a date in it is no dateline; a place's connectors are
        ("The pilot starts on 11 January 2027. It runs for a year.", None),
        ("Frankfurt am Main, 25.11.2026. Die Messe", "Frankfurt am Main, 25.11.2026"),
        # a police report's time after the date
        ("Leipzig, 26.11.2026, 08:15 Uhr. In der Nacht", "Leipzig, 26.11.2026, 08:15 Uhr"),
        ("Gera, 26. November 2026, 8.15 Uhr: Am Morgen", "Gera, 26. November 2026, 8.15 Uhr"),
        # a deck's reference date is not the release's
        ("Zwischenbilanz zum 30. September 2026 – Kreditneugeschäft zieht an", None),
    ],
)  # fmt: skip
def test_a_dateline_s_place_may_be_set_off_by_a_dash(paragraph, head):
    block = SimpleNamespace(kind="p", text=paragraph)
    assert dateline_text([block]) == head


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Freitag, 20. November 2026 · Kategorie: Kita", True),
        ("20.11.2026, 10:15 Uhr | Presse", True),
        ("November 20, 2026 — By Anna Berg", True),
        ("Zwischenbilanz zum 30. September 2026 – Kreditneugeschäft zieht an", False),
        ("Ab 12. Februar 2027 zeigt das Museum Funde", False),
    ],
)
def test_a_meta_line_that_opens_with_a_date_dates_the_release(line, expected):
    assert opens_meta_line(line) is expected
