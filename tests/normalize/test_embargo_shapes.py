"""Embargoes and dates where senders really put them: in an e-mail's subject, in the page
header above the headline, or as a date that lies before the embargo."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from pipeline.normalize import normalize
from pipeline.normalize.embargo import take_title_embargo
from pipeline.normalize.findings import Findings
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import release

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def test_an_embargo_in_the_subject_holds_the_release_and_leaves_the_title():
    found = release("sperrfrist-im-betreff.eml")
    assert found.title == "Einwohnerzahl in Hessenwald erstmals über zwei Millionen"
    assert found.embargo_until == datetime(2026, 11, 27, 10, tzinfo=BERLIN)
    # the mail went out a day before: the release is dated when readers may see it
    assert found.published_at == found.embargo_until
    assert any("dated by its embargo" in warning for warning in found.warnings)
    # the body's own headline line is the title, not a first subheading
    assert not found.text.startswith("Einwohnerzahl in Hessenwald")
    assert found.errors == ()


def test_an_embargo_and_a_date_above_the_headline_are_read_outside_the_article():
    found = release("sperrfrist-ueber-der-schlagzeile.html")
    assert found.title.startswith("Brennecke Stahlbau erhält Großauftrag")
    assert found.embargo_until == datetime(2026, 11, 27, 10, tzinfo=BERLIN)
    assert found.published_at == found.embargo_until
    assert "Sperrfrist" not in found.text


@pytest.mark.parametrize(
    ("subject", "title", "embargo"),
    [
        (
            "SPERRFRIST 27.11.2026, 10:00 Uhr – Einwohnerzahl steigt weiter",
            "Einwohnerzahl steigt weiter",
            datetime(2026, 11, 27, 10, tzinfo=BERLIN),
        ),
        (
            "[Sperrfrist 27.11., 10 Uhr] Einwohnerzahl steigt weiter",
            "Einwohnerzahl steigt weiter",
            datetime(2026, 11, 27, 10, tzinfo=BERLIN),
        ),
        (
            "EMBARGOED UNTIL 27 November 2026, 10:00 CET: UK households cut food waste",
            "UK households cut food waste",
            datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Etc/GMT-1")),
        ),
        (
            "EMBARGOED UNTIL 9 a.m. CT Monday, Nov. 30, 2026 -- Daily walk linked to lower risk",
            "Daily walk linked to lower risk",
            datetime(2026, 11, 30, 9, tzinfo=ZoneInfo("America/Chicago")),
        ),
        ("EMBARGOED: UK households cut food waste", "UK households cut food waste", None),
        ("Embargo gegen Russland verlängert", "Embargo gegen Russland verlängert", None),
        # a headline that begins with the word is no embargo label
        (
            "Embargo gegen Russland: Hafen verliert Kunden",
            "Embargo gegen Russland: Hafen verliert Kunden",
            None,
        ),
        (
            "Sperrfrist aufgehoben: Stadt darf wieder bauen",
            "Sperrfrist aufgehoben: Stadt darf wieder bauen",
            None,
        ),
        ("SPERRFRIST: Neue Ampel am Markt", "Neue Ampel am Markt", None),
    ],
)
def test_embargo_prefixes_of_subjects(subject, title, embargo):
    found = Findings(problems=[])
    assert take_title_embargo(subject, BERLIN, NOW, found) == title
    assert found.embargo == embargo


NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("line", "embargo"),
    [
        (
            "Achtung, Sperrfrist: 27.11.2026, 18:30 Uhr",
            datetime(2026, 11, 27, 18, 30, tzinfo=BERLIN),
        ),
        (
            "Bitte beachten Sie die Sperrfrist: 27.11.2026, 18.00 Uhr",
            datetime(2026, 11, 27, 18, tzinfo=BERLIN),
        ),
        (
            "Achtung Sperrfrist! Nicht vor dem 27.11.2026, 18 Uhr veröffentlichen.",
            datetime(2026, 11, 27, 18, tzinfo=BERLIN),
        ),
        (
            "Nicht zur Veröffentlichung vor 27.11.2026, 18:00 Uhr",
            datetime(2026, 11, 27, 18, tzinfo=BERLIN),
        ),
        (
            "HOLD FOR RELEASE UNTIL 10:00 A.M. EST, DEC. 9, 2026",
            datetime(2026, 12, 9, 10, tzinfo=NEW_YORK),
        ),
        ("Under embargo until 10:00 GMT, 9 December 2026", datetime(2026, 12, 9, 10, tzinfo=UTC)),
        (
            "STRICT EMBARGO: 00:01 GMT Wednesday 9 December 2026",
            datetime(2026, 12, 9, 0, 1, tzinfo=UTC),
        ),
        ("FOR RELEASE: 6 A.M. ET, DEC. 9, 2026", datetime(2026, 12, 9, 6, tzinfo=NEW_YORK)),
        (
            "EMBARGOED FOR RELEASE UNTIL 12:01 a.m. ET, Tuesday, Dec. 8, 2026",
            datetime(2026, 12, 8, 0, 1, tzinfo=NEW_YORK),
        ),
        # a label on the embargo's line
        (
            "PRESSEMITTEILUNG – SPERRFRIST: 27.11.2026, 10:30 Uhr",
            datetime(2026, 11, 27, 10, 30, tzinfo=BERLIN),
        ),
        (
            "Pressemitteilung 07/2026 · Sperrfrist: 27.11.2026, 10:30 Uhr",
            datetime(2026, 11, 27, 10, 30, tzinfo=BERLIN),
        ),
        (
            "Press release – Embargoed until 27 November 2026, 10:30 CET",
            datetime(2026, 11, 27, 10, 30, tzinfo=ZoneInfo("Etc/GMT-1")),
        ),
        (
            "News Release | EMBARGOED UNTIL 6 A.M. ET, DEC. 9, 2026",
            datetime(2026, 12, 9, 6, tzinfo=NEW_YORK),
        ),
    ],
)
def test_embargo_lines_in_the_wordings_press_offices_use_hold_the_release(line, embargo):
    raw = raw_release(title="Meldung", body_text=f"{line}\n\nDer Text der Meldung steht hier.")
    found = normalize(raw, SOURCE)
    assert found.embargo_until == embargo
    assert found.embargo_until.utcoffset() == embargo.utcoffset()
    assert found.text == "Der Text der Meldung steht hier."
    assert found.errors == ()


@pytest.mark.parametrize(
    "line",
    [
        "FOR IMMEDIATE RELEASE",
        "For release: immediately",
        "Das Embargo gegen Kuba gilt seit 1962.",
        "Handel – Embargo: neue Sanktionen gegen Iran treffen den Hafen",
    ],
)
def test_lines_that_only_sound_like_an_embargo_hold_nothing(line):
    found = normalize(
        raw_release(title="Meldung", body_text=f"{line}\n\nText der Meldung."), SOURCE
    )
    assert found.embargo_until is None
    assert found.errors == ()


def test_an_embargo_that_waits_for_an_event_is_an_error_named_once():
    line = "Sperrfrist: Ende der Pressekonferenz am 27.11.2026"
    raw = raw_release(
        title="Meldung",
        above_headline=(line,),
        body_text=f"{line}\n\nText der Meldung.",
    )
    found = normalize(raw, SOURCE)
    assert found.embargo_until is None  # never midnight: that would lift it before the event
    assert [p.field for p in found.errors] == ["embargo_until"]
    assert "waits for an event" in found.errors[0].message
    assert "Sperrfrist" not in found.text


def test_a_labelled_embargo_that_waits_for_an_event_is_an_error():
    raw = raw_release(
        title="Meldung", body_text="PRESSEMITTEILUNG – SPERRFRIST: Redebeginn\n\nText der Meldung."
    )
    found = normalize(raw, SOURCE)
    assert found.embargo_until is None
    assert [p.field for p in found.errors] == ["embargo_until"]


def test_an_embargo_day_without_a_time_holds_until_that_day_and_says_so():
    found = normalize(
        raw_release(title="Meldung", body_text="Sperrfrist: 27.11.2026\n\nText der Meldung."),
        SOURCE,
    )
    assert found.embargo_until == datetime(2026, 11, 27, tzinfo=BERLIN)
    assert any("names no time of day" in warning for warning in found.warnings)


def test_an_embargo_subject_that_says_hold_for_release_leaves_the_title():
    found = Findings(problems=[])
    title = take_title_embargo(
        "HOLD FOR RELEASE UNTIL 10:00 A.M. EST, DEC. 9, 2026 – Orbis opens Ohio chip plant",
        BERLIN,
        NOW,
        found,
    )
    assert title == "Orbis opens Ohio chip plant"
    assert found.embargo == datetime(2026, 12, 9, 10, tzinfo=NEW_YORK)
