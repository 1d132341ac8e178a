"""Pages of small press offices as they really are: a site laid out in tables, paragraphs made
of <br><br> with the headline in a <div>, a CMS that sets the lead and the contact apart."""

from __future__ import annotations

from pipeline.normalize import normalize
from tests.normalize.test_page_headlines import SOURCE, read_page
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


def test_a_report_set_with_line_breaks_only_and_a_bold_headline_is_read_as_paragraphs():
    page = (
        "<html><head><title>Polizeiinspektion Talheim - Pressebericht</title></head><body>"
        "<div id='menue'><a href='/'>Startseite</a> | <a href='/presse.html'>Presseberichte</a>"
        "</div><div id='inhalt'><b>Pressebericht der PI Talheim vom 26.11.2026</b><br><br>"
        "<b>Einbruch in Vereinsheim – Zeugen gesucht</b><br>Talheim. In der Nacht von Dienstag "
        "auf Mittwoch sind Unbekannte in das Vereinsheim des SV Talheim eingebrochen und haben "
        "Bargeld und einen Laptop gestohlen.<br>Der Schaden liegt bei 1.500 Euro.<br><br>Die "
        "Polizei bittet Zeugen, sich unter der Telefonnummer 07131 555-0 zu melden.<br><br>"
        "Rückfragen bitte an:<br>PHK Markus Seidel<br>Telefon: 07131 555-1020<br></div>"
        "<div id='fuss'><a href='/impressum.html'>Impressum</a></div></body></html>"
    )
    found = normalize(read_page(page), SOURCE)
    assert found.title == "Einbruch in Vereinsheim – Zeugen gesucht"
    assert found.published_at.date().isoformat() == "2026-11-26"
    paragraphs = found.text.split("\n\n")
    assert paragraphs[0].startswith("Talheim. In der Nacht von Dienstag auf Mittwoch")
    assert "Die Polizei bittet Zeugen, sich unter der Telefonnummer 07131 555-0 zu melden." in (
        paragraphs
    )  # a paragraph of its own, not run into one line with the rest
    assert found.contact.startswith("PHK Markus Seidel")
    assert "Startseite" not in found.text and "Impressum" not in found.text


def test_an_old_page_s_headline_in_a_big_font_is_its_headline_and_its_menu_cell_no_text():
    page = (
        "<HTML><HEAD><TITLE>Presse - Musikverein Harmonie</TITLE></HEAD><BODY><TABLE><TR>"
        "<TD WIDTH=150><FONT SIZE=2><A HREF='index.htm'>Startseite</A><BR><A HREF='verein.htm'>"
        "Der Verein</A><BR><A HREF='termine.htm'>Termine</A><BR><A HREF='presse.htm'>Presse</A>"
        "</FONT></TD><TD><CENTER><FONT SIZE=5><B>Jubiläumskonzert zum 125-jährigen Bestehen"
        "</B></FONT></CENTER><CENTER><I>Pressemitteilung vom 21. November 2026</I></CENTER><P>"
        "<FONT SIZE=2>Der Musikverein feiert sein 125-jähriges Bestehen mit einem Konzert am "
        "Samstag, 12. Dezember 2026, in der Festhalle.</FONT><P><FONT SIZE=2>Karten gibt es im "
        "Vorverkauf und an der Abendkasse, der Erlös kommt der Jugendarbeit zugute.</FONT>"
        "</TD></TR></TABLE></BODY></HTML>"
    )
    found = normalize(read_page(page), SOURCE)
    assert found.title == "Jubiläumskonzert zum 125-jährigen Bestehen"
    assert found.published_at.date().isoformat() == "2026-11-21"
    assert found.text.startswith("Der Musikverein feiert sein 125-jähriges Bestehen")
    assert "Termine" not in found.text
