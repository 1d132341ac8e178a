"""Pages of small press offices as they really are: a site laid out in tables, paragraphs made
of <br><br> with the headline in a <div>, a CMS that sets the lead and the contact apart."""

from __future__ import annotations

from tests.normalize.test_release_shapes import release


def test_a_page_laid_out_in_tables_gives_the_release_without_menus_or_side_columns():
    found = release("landratsamt-tabellen.html")
    assert found.title.startswith("Landkreis stellt Winterdienst neu auf")
    assert found.text.startswith("Der Landkreis Tannbach stellt sich für den kommenden Winter")
    for furniture in (
        "Startseite",
        "Pressearchiv",
        "Öffnungszeiten",
        "Kreistag beschließt Haushalt",
        "Seite drucken",
        "Impressum",
    ):
        assert furniture not in found.text, furniture
    assert found.contact.startswith("Sabine Rothfuß, Pressestelle Landratsamt Tannbach")
    assert "zurück" not in found.contact
    assert found.media == ()  # neither the header banner nor the printer icon
    assert found.published_at.date().isoformat() == "2026-11-18"


def test_paragraphs_of_br_and_a_headline_in_a_div_are_read_as_such():
    found = release("feuerwehr-br-absaetze.html")
    assert found.errors == ()
    assert found.title == "Großbrand in Lagerhalle: 120 Einsatzkräfte die ganze Nacht im Einsatz"
    assert found.text.startswith("Bergheide. Ein Großbrand in einer Lagerhalle")
    assert found.text.count("\n\n") >= 5  # six paragraphs, not one
    for furniture in ("Cookies", "Startseite", "Jugendfeuerwehr gewinnt", "Besucher"):
        assert furniture not in found.text, furniture
    assert found.published_at.date().isoformat() == "2026-11-23"
    assert found.contact.startswith("Freiwillige Feuerwehr Bergheide\nPressesprecher")


def test_a_typo3_lead_and_contact_box_belong_to_the_release():
    found = release("typo3-teaser-text.html")
    assert found.text.startswith("Nach zweieinhalb Jahren Umbau zieht die Stadtbibliothek")
    assert found.contact.startswith("Stadt Lindenfels, Pressestelle\nJonas Albrecht")
    assert "Weihnachtsmarkt" not in found.text
