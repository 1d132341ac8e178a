"""Layouts nobody tuned Melder for: each file in tests/fixtures/shapes/ is read and normalized
as a `files` source would, and the clean release (or the refusal) is what an editor sees."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import SourceConfig
from pipeline.extract import html_fragment
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize
from tests.conftest import FIXTURES_ROOT

SHAPES = FIXTURES_ROOT / "shapes"
ARRIVED = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def release(name: str, language: str | None = None):
    source = SourceConfig(title="Probe", kind="files", path="inbox", language=language)
    context = InputContext(
        source="probe", config=source, locator=f"inbox/{name}", received_at=ARRIVED, route="files"
    )
    path = SHAPES / name
    return normalize(read_input(path.read_bytes(), Path(name).suffix, context), source)


def test_the_site_name_is_cut_from_the_title_and_not_repeated_in_the_body():
    found = release("parliament-og-suffix.html")
    assert found.title == "Parliament backs new rules on packaging waste"
    assert found.errors == ()
    assert "packaging waste</h2>" not in found.body_html
    assert found.text.startswith("Parliament on Tuesday adopted new rules")


def test_page_tools_and_items_outside_li_keep_the_text_and_lose_the_furniture():
    found = release("parliament-og-suffix.html")
    assert "Reuse targets for beverages" in found.text
    assert "Deposit schemes for bottles" in found.text
    for tool in ("Seite drucken", "zurück", "nach oben"):
        assert tool not in found.text


def test_links_to_internationalized_hosts_survive_in_ascii_form():
    found = release("idn-link.html")
    assert 'href="https://xn--bcher-kva.example/pfand"' in found.body_html
    assert "%C3" not in found.body_html
    assert found.links[0].url == "https://xn--bcher-kva.example/pfand"


def test_a_headline_of_176_characters_is_a_headline():
    found = release("long-headline.txt", "de")
    assert found.errors == ()
    assert len(found.title) == 176 and found.title.startswith("Landkreis und Stadtwerke")
    assert found.published_at.date().isoformat() == "2026-11-25"  # 'Lindenau, 25.11.2026. Der'


def test_a_contact_line_mid_page_takes_only_its_own_line():
    found = release("kontakt-mitten.txt", "de")
    assert found.contact == "Jugendamt Lindenau"
    assert "Ab 14 Uhr gibt es Musik" in found.text
    assert "Programm am Eröffnungstag" in found.text
    assert "Dienstag bis Samstag" in found.text


def test_ots_footer_and_mailing_list_footer_are_dropped_the_contact_kept():
    found = release("ots-mail-footer.txt", "de")
    assert found.contact.startswith("Nordlicht Energie AG\nAnna Beispiel")
    assert "presse@nordlicht.example" in found.contact
    for furniture in ("Original-Content", "news aktuell", "Presseverteiler", "abmelden"):
        assert furniture not in found.text and furniture not in (found.contact or "")
    assert found.text.endswith("Das Programm läuft bis Ende 2027.")


def test_pr_newswire_view_original_content_and_source_lines_are_dropped():
    found = release("prnewswire-en.txt", "en")
    assert "View original content" not in found.text
    assert "SOURCE Acme" not in found.text
    assert found.text.endswith("The company raised its outlook for the full year.")


def test_a_category_page_is_refused_with_the_reason_never_a_release():
    found = release("category-page.html", "de")
    [problem] = found.errors
    assert problem.field == "body"
    assert problem.message.startswith("no press release found on this page (looks like a listing")


def test_a_three_line_police_report_is_still_a_release():
    found = release("polizei-kurz.html", "de")
    assert found.errors == ()
    assert found.title == "Fahrrad aus Hinterhof gestohlen"
    assert found.published_at.isoformat() == "2026-11-25T09:40:00+01:00"


def test_text_standing_in_a_list_without_items_is_kept():
    assert html_fragment("<ul><p>Erster Punkt</p><p>Zweiter Punkt</p></ul>") == (
        "<p>Erster Punkt</p>\n<p>Zweiter Punkt</p>"
    )
    mixed = html_fragment("<ul><li>Eins</li>dazwischen<p>Zwei <b>fett</b></p></ul>")
    assert mixed == "<ul><li>Eins</li><li>dazwischen</li><li>Zwei <strong>fett</strong></li></ul>"


def test_business_wire_dateline_contacts_and_source_link():
    found = release("businesswire-en.txt", "en")
    assert found.published_at.date().isoformat() == "2026-11-25"
    assert found.contact == "Media:\nJohn Smith\n+1 775 555 0100\npress@globex.example"
    assert "View source version" not in found.text and "Contacts" not in found.text
    assert "About Globex" in found.text  # the company's boilerplate is part of the release


def test_eqs_header_footer_and_listing_data_are_dropped_the_contact_kept():
    found = release("eqs-news.txt", "de")
    assert found.title == "Muster AG eröffnet neues Werk in Sachsen"
    assert found.published_at.isoformat() == "2026-11-25T10:30:00+01:00"
    assert found.contact == (
        "Muster AG\nInvestor Relations\nTelefon: +49 371 123456\nE-Mail: ir@muster.example"
    )
    for furniture in ("EQS", "ISIN", "WKN", "Sprache", "Emittent", "Ende der Mitteilung"):
        assert furniture not in found.text
    assert found.text.endswith("Wachstumsstrategie des Unternehmens.")


def test_a_city_press_office_page_in_an_old_table_layout():
    found = release("stadt-pressemitteilung.html", "de")
    assert found.title == "Winterdienst startet in die Saison"
    assert found.published_at.date().isoformat() == "2026-11-25"  # 'Nr. 412/2026 vom 25.11.2026'
    assert found.contact.startswith("Pressestelle der Stadt Lindenau\nMarkt 1, 04109 Lindenau")
    assert found.text.endswith("www.lindenau.de/winterdienst.")
    for furniture in ("Bürgerbüro", "Mo–Fr", "Seite drucken", "Weitere Meldungen", "Impressum"):
        assert furniture not in found.text


def test_an_html_newsletter_mail_loses_its_label_browser_link_and_list_footer():
    found = release("newsletter-html.eml", "de")
    assert found.title == "Stadtwerke senken Fernwärmepreis"  # 'Pressemitteilung:' cut
    assert found.text.startswith("Lindenau, 25. November 2026 – Die Stadtwerke")
    assert found.contact.endswith("presse@stadtwerke-lindenau.example")
    for furniture in ("Im Browser ansehen", "Presseverteiler", "Abmelden", "HRB 1234"):
        assert furniture not in found.text


def test_a_pr_newswire_page_keeps_the_release_and_its_time_zone():
    found = release("prnewswire-page.html", "en")
    assert found.title == "Acme Robotics Announces Record Third Quarter Results"
    assert found.published_at.isoformat() == "2026-11-25T08:00:00-05:00"
    assert found.contact == "Tom Press, +1 617 555 0199, press@acme.example"
    assert found.text.startswith("BOSTON, Nov. 25, 2026 /PRNewswire/ -- Acme Robotics")
    for furniture in ("News provided by", "View original content", "SOURCE Acme", "GET STARTED",
                      "Also from this source", "Opens Office in Berlin"):  # fmt: skip
        assert furniture not in found.text


def test_apa_ots_footer_goes_and_its_stamp_dates_the_release():
    found = release("apa-ots.txt", "de")
    assert found.published_at.isoformat() == "2026-11-25T10:15:00+01:00"
    assert found.contact.startswith("Wiener Linien\nPressestelle")
    for furniture in ("OTS-ORIGINALTEXT", "Pressemappe", "OTS0045", "Rückfragehinweis"):
        assert furniture not in found.text


def test_globenewswire_investor_contact_and_dateline():
    found = release("globenewswire-en.txt", "en")
    assert found.published_at.date().isoformat() == "2026-11-25"
    assert found.contact == "Ann Lee\nir@northwind.example\n+1 617 555 0142"
    assert "Forward-Looking Statements" in found.text  # the wire's own text stays
    assert "Investor Contact" not in found.text


def test_other_releases_under_a_weitere_meldungen_heading_are_not_part_of_the_report():
    """Teasers written in sentences share the report's container; their heading says what they
    are, and the section it opens goes, however much prose it holds."""
    found = release("polizei-weitere-meldungen.html", "de")
    assert found.errors == ()
    assert found.title == "Fahrrad aus Hinterhof gestohlen"
    assert "stahlen Unbekannte ein Fahrrad" in found.text
    assert "Hinweise an die Polizei unter 0341 123456" in found.text
    assert "Mobiltelefone" not in found.text and "Einbruch Nummer" not in found.text


def test_a_page_title_that_only_names_the_page_gives_way_to_the_bold_headline():
    """An old table layout: `<title>Stadt Lindenau - Pressemitteilung</title>`, the headline a
    bold line in the cell, Latin-1 bytes."""
    found = release("tabellen-layout-latin1.html", "de")
    assert found.errors == ()
    assert found.title == "Neue Öffnungszeiten im Bürgeramt ab Dezember"
    assert found.text.startswith("Lindenau, 24.11.2026. Das Bürgeramt der Stadt Lindenau öffnet")
    assert "Seite drucken" not in found.text and "Bereich 3" not in found.text
    assert found.contact and "presse@lindenau.example" in found.contact
    # the side cell's dates ("Ratssitzung 3.12.") are the page's, not the release's
    assert "Ratssitzung" not in found.text and "Termine\n" not in found.text


def test_an_english_wire_page_keeps_its_sections_and_loses_the_wires_other_news():
    found = release("globenewswire-page.html", "en")
    assert found.errors == ()
    assert found.title == "Northwind Robotics Reports Third Quarter 2026 Results"
    assert found.text.startswith("BOSTON, Nov. 25, 2026 (GLOBE NEWSWIRE) -- Northwind Robotics")
    for kept in ("Gross margin of 48.1%", "About Northwind Robotics", "Forward-Looking"):
        assert kept in found.text
    for other in ("Investor Conference", "European Headquarters", "New CFO", "Share"):
        assert other not in found.text
    assert found.contact and "press@northwind.example" in found.contact


def test_a_page_cut_off_in_transfer_is_kept_with_a_warning_to_compare():
    """The first 1,500 bytes of the wire page: what arrived is a release, and the editor learns
    that the page stops before its end."""
    found = release("globenewswire-cut-off.html", "en")
    assert found.errors == ()
    assert found.text.startswith("BOSTON, Nov. 25, 2026 (GLOBE NEWSWIRE)")
    assert any("cut off" in warning for warning in found.warnings)
    assert not any("cut off" in w for w in release("globenewswire-page.html", "en").warnings)


def test_the_line_a_wordpress_feed_appends_leaves_with_its_links():
    found = release("wordpress-erschien-zuerst.html")
    assert "erschien zuerst auf" not in found.text
    assert found.text.endswith("Anmeldung unter rosenau.example/fruehjahrsputz.")
    assert [link.url for link in found.links] == ["https://rosenau.example/fruehjahrsputz"]


def test_a_contact_line_set_apart_with_bars_is_the_contact_not_a_menu():
    found = release("kontakt-mit-strichen.txt")
    assert found.contact == (
        "Stadt Lindenau | Kulturamt\nJonas Weber | Tel. 03491 555 210 | presse@lindenau.example"
    )
    assert "Jonas Weber" not in found.text


def test_a_page_dumps_comments_and_newsletter_box_leave_with_their_lines():
    found = release("dump-kommentare.txt")
    assert found.title == "Stadtbibliothek verlängert Öffnungszeiten am Samstag"
    assert found.text.endswith("sagt Bibliotheksleiterin Anne Roth.")
    for line in ("kommentieren", "Peter K.", "Endlich!", "Familien", "Postfach", "E-Mail-Adresse"):
        assert line not in found.text, line


def test_a_lead_of_bullet_points_in_a_summary_field_opens_the_body():
    found = release("drupal-kurzfassung.html")
    assert found.body_html.startswith("<ul>\n<li>600 Plätze auf zwei Etagen</li>")
    assert "Öffnungszeiten bis 20 Uhr in der Prüfungszeit" in found.text
    assert "Nach zwei Jahren Bauzeit" in found.text


def test_a_tables_caption_is_a_line_over_it_not_a_row_of_empty_cells():
    found = release("tabelle-mit-titel.html")
    assert (
        "Standorte nach Ländern\n\nLand | Rastanlagen | Ladepunkte\nBayern | 9 | 36" in found.text
    )
    assert "| |" not in found.text


def test_a_table_with_a_two_row_head_keeps_each_figure_under_its_column():
    found = release("ir-tabelle-zwei-kopfzeilen.html")
    assert (
        "in Mio. Euro | Geschäftsjahr | | Veränderung\n| 2025 | 2024 |\n"
        "Umsatz | 840,2 | 785,3 | +7,0 %\nEBIT | 71,5 | 63,0 | +13,5 %\n"
        "Konzernergebnis¹ | 44,8 | 40,1 | +11,7 %\n\n¹ den Aktionären zurechenbar"
    ) in found.text
    # a hostile span is cut to a few columns, not a hundred thousand
    assert len(found.body_html) < 20_000


def test_a_date_that_links_to_its_category_over_the_headline_dates_the_release():
    found = release("civicplus-posted-on.html", "en")
    assert found.title == "Hydrant Flushing Begins Next Week"
    assert found.published_at.date().isoformat() == "2026-04-08"


def test_an_ots_dateline_with_its_date_beside_the_headline_dates_the_release():
    found = release("apa-ots-datum-neben-titel.html", "de")
    assert found.published_at.isoformat() == "2026-05-12T09:45:00+02:00"
