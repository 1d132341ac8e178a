"""What pages print around an article's headline, as text dumps keep it (select-all copies,
Reader mode): the byline, the reading time, a read-aloud button and the publication date are
no part of the headline, the text or the teaser; the date among them dates the release."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize
from tests.normalize.test_normalize import RECEIVED

BERLIN = ZoneInfo("Europe/Berlin")
_LEAD = (
    "Die Tafel sucht dringend Verstärkung für ihr Fahrerteam. Seit dem Herbst ist die Zahl der "
    "Kundinnen und Kunden um fast ein Drittel gestiegen."
)
_MORE = "Gesucht werden Menschen, die an einem oder zwei Vormittagen pro Woche Waren abholen."


def dumped(text: str, timezone: str = "Europe/Berlin"):
    source = SourceConfig(title="Dumps", kind="files", path="inbox", timezone=timezone)
    context = InputContext(
        source="dumps", config=source, locator="inbox/dump.txt", received_at=RECEIVED,
        route="files",
    )  # fmt: skip
    return normalize(read_input(text.encode(), ".txt", context), source)


def test_a_publication_line_under_the_headline_dates_the_release_and_stays_off_the_title():
    found = dumped(
        "Tafel sucht ehrenamtliche Fahrerinnen und Fahrer\n"
        f"Veröffentlicht am 09.11.2026 um 10:05 Uhr\n\n{_LEAD}\n\n{_MORE}\n"
    )
    assert found.title == "Tafel sucht ehrenamtliche Fahrerinnen und Fahrer"
    assert found.published_at == datetime(2026, 11, 9, 10, 5, tzinfo=BERLIN)
    assert found.text == f"{_LEAD}\n\n{_MORE}"
    assert found.teaser == _LEAD


def test_a_bare_date_and_time_under_the_headline_dates_the_release():
    found = dumped(
        f"Tafel sucht ehrenamtliche Fahrerinnen und Fahrer\n9. November 2026 10:05\n\n{_LEAD}\n"
    )
    assert found.title == "Tafel sucht ehrenamtliche Fahrerinnen und Fahrer"
    assert found.published_at == datetime(2026, 11, 9, 10, 5, tzinfo=BERLIN)
    assert found.text == _LEAD


def test_reader_mode_s_byline_and_reading_time_are_neither_title_nor_text():
    found = dumped(
        "Kita-Neubau in Grünau: Richtfest gefeiert\nRedaktion\n4–5 Minuten\n\n"
        f"{_LEAD}\n\nLeipzig, 12. November 2026. {_MORE}\n"
    )
    assert found.title == "Kita-Neubau in Grünau: Richtfest gefeiert"
    assert found.text == f"{_LEAD}\n\nLeipzig, 12. November 2026. {_MORE}"
    assert found.teaser == _LEAD
    assert found.published_at.date().isoformat() == "2026-11-12"


def test_a_portal_s_meta_line_and_read_aloud_button_leave_the_teaser_and_give_the_time():
    found = dumped(
        "Musikschule Crailsheim: Anmeldung für Bläserklassen läuft\n"
        "Von Pressemitteilung Musikschule Crailsheim | 15.11.2026, 08:45 Uhr | Lesezeit: 2 Min.\n"
        "Artikel vorlesen\n"
        f"{_LEAD}\n{_MORE}\n"
    )
    assert found.title == "Musikschule Crailsheim: Anmeldung für Bläserklassen läuft"
    assert found.teaser == _LEAD
    assert found.text == f"{_LEAD}\n\n{_MORE}"
    assert found.published_at == datetime(2026, 11, 15, 8, 45, tzinfo=BERLIN)


def test_a_us_page_s_posted_on_line_and_timed_dateline_date_it_in_its_zone():
    lead = (
        "SPRINGFIELD, Ill. (Nov. 14, 2026, 10:30 a.m. CST) — The City of Springfield today "
        "announced a $48 million program to replace all remaining lead service lines."
    )
    found = dumped(
        "News Flash\n\nPress Releases\n\nPosted on: November 14, 2026\n\n"
        "City Launches Lead Service Line Replacement Program\n\n"
        f"{lead}\n\nThe program will begin this spring in the oldest neighborhoods.\n",
        timezone="America/Chicago",
    )
    assert "Posted on" not in found.text
    assert found.published_at == datetime(2026, 11, 14, 10, 30, tzinfo=ZoneInfo("America/Chicago"))
    assert found.warnings == ()


def test_a_release_s_own_lines_that_look_like_meta_lines_stay():
    found = dumped(
        "Bürgerbüro mit neuen Öffnungszeiten\n\n"
        "Von Montag bis Freitag\n\n"
        "Das Bürgerbüro im Rathaus öffnet ab Dezember an allen Werktagen schon\n"
        "um 7.30 Uhr, teilt die Stadtverwaltung mit. Die Arbeiten beginnen am\n"
        "12. November 2026.\n\n"
        "Die Redaktion der Stadtzeitung berichtet in der nächsten Ausgabe ausführlich.\n"
    )
    assert found.text == (
        "Von Montag bis Freitag\n\n"
        "Das Bürgerbüro im Rathaus öffnet ab Dezember an allen Werktagen schon um 7.30 Uhr, "
        "teilt die Stadtverwaltung mit. Die Arbeiten beginnen am 12. November 2026.\n\n"
        "Die Redaktion der Stadtzeitung berichtet in der nächsten Ausgabe ausführlich."
    )


def test_the_timed_date_under_the_headline_beats_the_day_the_page_was_read():
    found = dumped(
        "Samstag, 9. November 2026\n\nVermischtes\n\n"
        "Tafel sucht ehrenamtliche Fahrerinnen und Fahrer\n9. November 2026 10:05\n\n"
        f"{_LEAD}\n"
    )
    assert found.title == "Tafel sucht ehrenamtliche Fahrerinnen und Fahrer"
    assert found.published_at == datetime(2026, 11, 9, 10, 5, tzinfo=BERLIN)
