"""Embargoes and dates where senders really put them: in an e-mail's subject, in the page
header above the headline, or as a date that lies before the embargo."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from pipeline.normalize.findings import Findings, take_title_embargo
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
    ],
)
def test_embargo_prefixes_of_subjects(subject, title, embargo):
    found = Findings(problems=[])
    assert take_title_embargo(subject, BERLIN, NOW, found) == title
    assert found.embargo == embargo
