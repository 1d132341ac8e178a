"""A town's page dump ends with the site's own boxes: its services, the town hall's address and
opening hours, and the footer's links. None of it is the release's contact, unless it names the
press; a footer's row of links is never part of a contact."""

from __future__ import annotations

import pytest

from tests.normalize.test_plain_layouts import release

TOWN_PAGE_DUMP = """Markt Feuchtwangen
Startseite > Rathaus > Aktuelles

Schriftgröße: A A A

Aktuelles

Neue Buslinie verbindet Ortsteile mit dem Bahnhof
Datum: 24.11.2026

Ab dem 1. Dezember fährt die neue Buslinie 812 stündlich vom Bahnhof über Dorfgütingen und \
Breitenau nach Larrieden. Die Fahrzeiten sind auf die Züge nach Ansbach abgestimmt.

Die Linie wird vom Landkreis und vom Markt gemeinsam finanziert und zunächst zwei Jahre erprobt.

Fahrpläne liegen im Bürgerbüro aus und stehen im Netz des Verkehrsverbunds.

Seite drucken
zurück

Bürgerservice
Online-Dienste
Formulare
Veranstaltungen

{box}
"""
LAST_SENTENCE = "Fahrpläne liegen im Bürgerbüro aus und stehen im Netz des Verkehrsverbunds."
TOWN_HALL = (
    "Rathaus Feuchtwangen\nKirchplatz 2\n91555 Feuchtwangen\nTelefon 09852 904-0\n"
    "Öffnungszeiten: Mo–Fr 8–12 Uhr, Di 14–17 Uhr"
)


@pytest.mark.parametrize(
    "box",
    [
        TOWN_HALL + "\n\nImpressum  Datenschutz  Barrierefreiheit",
        TOWN_HALL + "\nImpressum | Datenschutz | Leichte Sprache | Sitemap",
        "Rathaus Feuchtwangen\nKirchplatz 2\n91555 Feuchtwangen\nTelefon 09852 904-0",
    ],
)
def test_a_town_hall_sidebar_is_no_contact_and_leaves_the_text(box):
    found = release(TOWN_PAGE_DUMP.format(box=box), ".txt")
    assert found.contact is None
    assert found.text.endswith(LAST_SENTENCE)
    assert "Rathaus Feuchtwangen" not in found.text


def test_a_closing_block_that_names_the_press_office_is_the_contact():
    box = (
        "Rathaus Feuchtwangen\nPressestelle\nKirchplatz 2\n91555 Feuchtwangen\n"
        "Telefon 09852 904-120\n\nImpressum  Datenschutz  Barrierefreiheit"
    )
    found = release(TOWN_PAGE_DUMP.format(box=box), ".txt")
    assert found.contact == (
        "Rathaus Feuchtwangen\nPressestelle\nKirchplatz 2\n91555 Feuchtwangen\n"
        "Telefon 09852 904-120"
    )


def test_a_labelled_contact_stops_at_the_footer_links_under_it():
    text = (
        "Neue Buslinie verbindet Ortsteile mit dem Bahnhof\n\nFeuchtwangen, 24.11.2026. Ab dem "
        "1. Dezember fährt die neue Buslinie 812 stündlich vom Bahnhof nach Larrieden. Die "
        "Fahrzeiten sind auf die Züge nach Ansbach abgestimmt.\n\nPressekontakt:\n"
        "Markt Feuchtwangen\nJulia Brenner\nTelefon 09852 904-120\n"
        "presse@feuchtwangen.example\nKontakt | Impressum | Datenschutz | Leichte Sprache\n"
    )
    found = release(text, ".txt")
    assert found.contact == (
        "Markt Feuchtwangen\nJulia Brenner\nTelefon 09852 904-120\npresse@feuchtwangen.example"
    )
