"""Dates and embargoes as British, American and German senders write them: ordinal days, US
slashed dates, an embargo Melder cannot read, and one that had passed on arrival."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from pipeline.normalize import normalize
from pipeline.normalize.dates import parse_datetime
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import ARRIVED, release

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
TORONTO = ZoneInfo("America/Toronto")


# --- Embargoes --------------------------------------------------------------------------------


def test_a_british_embargo_with_an_ordinal_day_holds_the_release_and_leaves_the_headline():
    found = release("embargo-ordinal-uk.txt", "en")
    assert found.embargo_until == datetime(2026, 12, 1, 0, 1, tzinfo=UTC)
    assert found.title == "Food banks report record demand as winter begins"
    assert "EMBARGOED" not in found.text
    assert found.errors == ()


@pytest.mark.parametrize(
    "line",
    [
        "Embargoed until 00:01 GMT Tuesday 1st December 2026",
        "EMBARGOED UNTIL 00:01 GMT ON THE 1ST OF DECEMBER 2026",
        "Strict embargo: 00:01 GMT, 1st Dec 2026",
    ],
)
def test_embargo_lines_with_ordinal_days_are_read(line):
    raw = raw_release(title="Report", body_text=f"{line}\n\nThe text of the release is here.")
    found = normalize(raw, SOURCE)
    assert found.embargo_until == datetime(2026, 12, 1, 0, 1, tzinfo=UTC)
    assert found.text == "The text of the release is here."


@pytest.mark.parametrize(
    "line",
    [
        "EMBARGOED UNTIL 00:01 GMT ON THE FIRST OF DECEMBER",
        "Embargoed until further notice",
        "Sperrfrist bis Ende der Pressekonferenz",
        "SPERRFRIST 31.11.2026, 10 Uhr",
        "Under embargo until midnight on Friday",
        "HOLD FOR RELEASE",
        "EMBARGO",
        "STRICT EMBARGO",
        "Nicht zur Veröffentlichung vor Ende der Sitzung",
    ],
)
def test_an_embargo_line_melder_cannot_read_holds_the_release_with_an_error(line):
    raw = raw_release(title="Meldung", body_text=f"{line}\n\nDer Text der Meldung steht hier.")
    found = normalize(raw, SOURCE)
    assert found.embargo_until is None
    assert [(p.field, p.message) for p in found.errors] == [
        ("embargo_until", f"cannot read the embargo date in {line!r}")
    ]
    assert found.text == "Der Text der Meldung steht hier."


@pytest.mark.parametrize(
    "line",
    [
        "Embargoed goods worth 2 million euros were seized at the port of Hamburg.",
        "Embargo bis 2030 verlängert",
        "Embargo gegen Russland ab März",
        "Sperrfrist beim Arbeitslosengeld",
        "Frei ab 18 Jahren",
        "Nicht vor 2027 wird die Brücke fertig",
        "Embargo 2027: Was sich für Exporteure ändert",
        "Embargo",  # a kicker over the headline of a trade newsletter
        "Under embargo since 1962, Cuba imports little.",
        "Veröffentlichung vor Ort im Rathaus",
    ],
)
def test_lines_that_only_mention_an_embargo_stay_text_and_hold_nothing(line):
    raw = raw_release(title="Meldung", body_text=f"{line}\n\nDer Text der Meldung steht hier.")
    found = normalize(raw, SOURCE)
    assert found.embargo_until is None
    assert found.errors == ()
    assert found.text.startswith(line)


def test_a_subject_embargo_melder_cannot_read_holds_the_release():
    raw = raw_release(
        format="email",
        title="SPERRFRIST 31.11.2026 – Neue Ampel am Marktplatz",
        body_text="Die Stadt stellt am Marktplatz eine neue Ampel auf. Sie geht im Dezember in "
        "Betrieb.",
    )
    found = normalize(raw, SOURCE)
    assert found.title == "Neue Ampel am Marktplatz"
    assert [p.field for p in found.errors] == ["embargo_until"]


def test_a_us_slashed_embargo_date_is_month_first_by_its_clock_and_zone():
    found = release("embargo-us-slashed.txt", "en")
    assert found.embargo_until == datetime(2026, 12, 1, 0, 1, tzinfo=NEW_YORK)
    assert found.title.startswith("Study: two in three renters in Ohio")
    assert not any("had passed" in warning for warning in found.warnings)


def test_a_slashed_date_with_a_european_clock_and_zone_stays_day_first():
    raw = raw_release(
        title="Report",
        body_text="Embargoed until 00:01 GMT on 12/01/2027\n\nThe text of the release is here.",
    )
    assert normalize(raw, SOURCE).embargo_until == datetime(2027, 1, 12, 0, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("12:01 a.m. ET on 12/01/2026", BERLIN, datetime(2026, 12, 1, 0, 1, tzinfo=NEW_YORK)),
        ("5 p.m. PT, 11/05/2026", BERLIN, datetime(2026, 11, 5, 17, tzinfo=LOS_ANGELES)),
        # a source in a US zone writes month first; one in Europe or Canada day first
        ("12/01/2026", NEW_YORK, datetime(2026, 12, 1, tzinfo=NEW_YORK)),
        ("12/01/2026", BERLIN, datetime(2026, 1, 12, tzinfo=BERLIN)),
        ("12/01/2026", TORONTO, datetime(2026, 1, 12, tzinfo=TORONTO)),
        ("25/11/2026", NEW_YORK, datetime(2026, 11, 25, tzinfo=NEW_YORK)),
    ],
)  # fmt: skip
def test_slashed_dates_are_month_first_where_the_text_or_the_source_says_us(text, zone, expected):
    assert parse_datetime(text, zone, ARRIVED) == expected


def test_an_embargo_that_had_passed_on_arrival_is_flagged():
    raw = raw_release(
        title="Meldung",
        body_text="Sperrfrist: 20.11.2026, 10:00 Uhr\n\nDer Text der Meldung steht hier.",
    )
    found = normalize(raw, SOURCE)
    assert found.embargo_until == datetime(2026, 11, 20, 10, tzinfo=BERLIN)
    assert (
        "the embargo 2026-11-20T10:00:00+01:00 had passed when the input arrived: it holds "
        "nothing; check the date with the sender"
    ) in found.warnings


def test_an_embargo_still_ahead_on_arrival_is_not_flagged():
    raw = raw_release(
        title="Meldung",
        body_text="Sperrfrist: 27.11.2026, 10:00 Uhr\n\nDer Text der Meldung steht hier.",
    )
    found = normalize(raw, SOURCE)
    assert not any("had passed" in warning for warning in found.warnings)


# --- Publication dates ------------------------------------------------------------------------


def test_a_british_dateline_with_an_ordinal_day_dates_the_release():
    found = release("dateline-ordinal-uk.txt", "en")
    assert found.published_at == datetime(2026, 11, 25, tzinfo=BERLIN)
    assert found.published_date_only
    assert found.text.startswith("BRISTOL, 25th November 2026 – Bristol's nine")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25th November 2026", datetime(2026, 11, 25, tzinfo=BERLIN)),
        ("25th Nov 2026", datetime(2026, 11, 25, tzinfo=BERLIN)),
        ("Tuesday 1st December 2026, 10am", datetime(2026, 12, 1, 10, tzinfo=BERLIN)),
        ("the 3rd of March 2027", datetime(2027, 3, 3, tzinfo=BERLIN)),
        ("22nd Jan 2027", datetime(2027, 1, 22, tzinfo=BERLIN)),
    ],
)
def test_british_ordinal_days_are_read(text, expected):
    assert parse_datetime(text, BERLIN, ARRIVED) == expected


def test_ordinal_numbers_that_are_no_day_give_no_date():
    assert parse_datetime("in the 2nd quarter of 2026", BERLIN, ARRIVED) is None
    assert parse_datetime("the 3rd many-handed attempt", BERLIN, ARRIVED) is None
