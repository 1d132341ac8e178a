"""What press offices upload besides clean files: text copied out of a PDF, a letterhead over
the headline, an embargo or an office code in front of it, an error page, a cookie wall."""

from __future__ import annotations

from tests.normalize.test_release_shapes import release


def test_text_copied_out_of_a_pdf_loses_its_page_numbers_and_split_words():
    found = release("pdf-kopie.txt", "de")
    assert found.title == "Stadtverwaltung startet digitales Bürgerbüro im Rathaus Mitte"
    assert "Anliegen der Stadtverwaltung vollständig online" in found.text
    assert "bündelt mehr als 80" in found.text and "Stadtteilbibliotheken" in found.text
    assert "Seite 1 von 2" not in found.text and "Seite" not in found.body_html
    assert found.errors == ()


def test_a_page_footer_with_place_date_and_page_number_goes():
    found = release("pdf-fusszeile.txt", "de")
    assert "Seite 1/1" not in found.text
    assert found.text.endswith("zusätzlich von 15 bis 18 Uhr.")
    assert "Bürgermeister" in found.text and "Bürger-meister" not in found.text


def test_a_letterhead_label_is_no_headline_and_its_running_header_goes():
    found = release("pdf-briefkopf-cp1252.txt", "de")
    assert found.title == "Kreisstraße K 4312 zwischen Oberau und Niederau ab Montag voll gesperrt"
    assert "Pressemitteilung" not in found.text
    assert "Aubach" in found.text and "30. November 2026" in found.text
    assert found.published_at.date().isoformat() == "2026-11-23"


def test_a_sender_line_with_a_date_dates_the_release_and_leaves_the_body():
    found = release("absenderzeile.md", "de")
    assert found.title == "Winterdienst 2026/27: Das müssen Anwohnerinnen und Anwohner wissen"
    assert not found.text.startswith("Pressemitteilung")
    assert found.published_at.date().isoformat() == "2026-11-23"


def test_an_embargo_in_front_of_the_first_line_leaves_the_headline():
    found = release("sperrfrist-erste-zeile.txt", "de")
    assert found.title == "Studie: Jeder dritte Betrieb in Sachsen sucht Azubis"
    assert found.embargo_until.isoformat() == "2026-11-27T10:00:00+01:00"
    assert found.errors == ()


def test_a_police_office_code_is_cut_from_a_text_file_s_headline():
    found = release("blaulicht-pol.txt", "de")
    assert found.title == "Einbruch in Bäckerei – Täter erbeuten Tageseinnahmen"


def test_an_error_page_is_refused_as_an_error_page():
    [problem] = release("fehlerseite-404.html", "de").errors
    assert problem.message == (
        "no press release found: the page is an error page ('Seite nicht gefunden'); check the URL"
    )


def test_a_cookie_wall_is_refused_as_a_consent_banner():
    found = release("cookie-wand.html", "de")
    [problem] = found.errors
    assert "only a cookie or consent banner" in problem.message
    assert "akzeptieren" not in found.text


def test_a_release_read_from_a_mail_attachment_is_not_one_of_its_media():
    found = release("anhang-txt.eml", "de")
    assert (
        found.title == "Jobcenter Kreis Wesermarsch: Arbeitslosigkeit im November leicht gesunken"
    )
    assert found.media == ()


def test_a_letterhead_over_the_headline_names_the_sender_not_the_release():
    found = release("letterhead-us-state.txt", "en")
    assert found.title.startswith("Attorney General Secures $3.2 Million Settlement")
    assert found.text.startswith("MONTPELIER, Vt. –")
    assert "FOR IMMEDIATE RELEASE" not in found.text
    assert found.published_at.date().isoformat() == "2026-11-24"


def test_a_us_date_with_a_us_clock_is_read_month_first():
    found = release("police-us-date.txt", "en")
    assert found.title == "Cedar Falls Police Seek Public's Help Locating Missing 15-Year-Old"
    assert found.published_at.isoformat() == "2026-11-12T16:15:00-06:00"  # '11/12/2026 4:15 PM CST'


def test_a_release_pasted_under_a_signed_cover_note_is_the_release():
    found = release("pasted-under-signature.eml", "en")
    assert found.title == "Orchard AI Launches Offline Voice Assistant Built for Farmers"
    assert "Hope you had a great weekend" not in found.text
    assert "SAN FRANCISCO, Nov. 24, 2026 – Orchard AI" in found.text
    assert found.contact.startswith("Jake Moreno, Spark PR")


def test_a_signed_cover_note_pointing_to_the_attachment_gives_way_to_it():
    found = release("attached-is-our-release.eml", "en")
    assert found.title.startswith("Meridian Health to Build $640 Million Patient Tower")
    assert found.embargo_until.isoformat() == "2026-11-25T06:00:00-08:00"
    assert found.media == ()


def test_a_listing_of_teasers_with_dates_or_read_more_links_is_refused():
    for name in ("news-listing-dates.html", "news-flash-listing.html"):
        [problem] = release(name, "en").errors
        assert "looks like a listing" in problem.message and "several releases" in problem.message


def test_an_english_error_page_is_refused_as_an_error_page():
    [problem] = release("not-found-en.html", "en").errors
    assert "the page is an error page" in problem.message


def test_a_short_release_about_something_not_found_is_still_a_release():
    found = release("polizei-kurz.html", "de")
    assert found.errors == ()


def test_a_word_export_s_styled_title_is_the_headline_and_its_letterhead_goes():
    found = release("word-export.htm", "de")
    assert (
        found.title == "Stadtwerke senken Fernwärmepreis zum 1. Januar um 8 Prozent"
    )  # not 'PM Vorlage'
    assert found.text.startswith("Rund 14.000 Haushalte profitieren")
    for letterhead in ("Hafenstraße 12", "PRESSEMITTEILUNG", "Unternehmenskommunikation"):
        assert letterhead not in found.text, letterhead
    assert found.teaser.startswith("Die Stadtwerke Brunnstadt senken")
    assert found.published_at.date().isoformat() == "2026-11-24"


def test_a_libreoffice_export_loses_the_club_line_above_its_headline():
    found = release("libreoffice-export.html", "de")
    assert found.title == "Grünwalder Nikolauslauf erstmals mit Inklusionswertung"
    assert found.text.startswith("Grünwald, 23.11.2026 – Der 31. Grünwalder Nikolauslauf")


def test_a_page_cut_off_mid_sentence_says_where_its_text_stops():
    found = release("abgeschnitten-mitten-im-wort.html", "de")
    [warning] = [w for w in found.warnings if "cut off" in w]
    assert "its text stops mid-sentence at '…" in warning and "Rohbauarbeiten vorb'" in warning


def test_a_collected_police_report_keeps_each_incident_s_time_and_is_dated_by_its_headline():
    found = release("blaulicht-sammelmeldung.txt", "de")
    assert found.title == "Pressemeldungen der Polizeiinspektion Osnabrück vom 25.11.2026"
    assert found.published_at.date().isoformat() == "2026-11-25"
    assert "Dienstag, 24.11.2026, 17:45 Uhr" in found.text
    assert "Montag, 23.11.2026, 18:00 Uhr bis Dienstag, 24.11.2026, 06:30 Uhr" in found.text


def test_text_copied_across_a_pdfs_page_break_is_one_text_without_its_running_header():
    found = release("pdf-seitenumbruch.txt", "de")
    assert found.title == "Fahrraddiebe gefasst"
    assert "im Internet angeboten haben. Gegen beide" in found.text
    assert "Medieninformation" not in found.text and "- 1 -" not in found.text
    assert found.text.endswith("kann sich unter Telefon 06021 555-0 melden.")
