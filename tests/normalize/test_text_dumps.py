"""Text as people paste or save it: a portal page copied out of a browser with its widgets,
a Word document saved with hard line breaks, numbered lists, Swiss and Austrian conventions."""

from __future__ import annotations

import pytest

from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import release


def test_a_portal_dump_gives_the_release_without_widgets_ads_or_other_teasers():
    found = release("portal-dump-widgets.txt", "de")
    assert found.title == "Neue Fähre verbindet Höfgen und Grimma ab Frühjahr 2027"
    assert found.text.startswith("Die Stadtwerke Grimma nehmen im April 2027")
    for furniture in (
        "4°C",
        "Mo 5°",
        "Login",
        "Glasfaser",  # the advert under its 'Anzeige' label
        "Hochwasserschutz: Neue Mauer",  # teasers of other articles, each with one sentence
        "Brandstiftung in Trebsen",
        "Kommentare",
        "Meistgelesen",
    ):
        assert furniture not in found.text, furniture
    assert found.published_at.isoformat() == "2026-11-26T09:15:00+01:00"
    assert found.contact.startswith("Stadtwerke Grimma GmbH")


def test_an_english_dump_skips_the_masthead_weather_menu_and_byline():
    found = release("portal-dump-en.txt", "en")
    assert found.title == "Harbourside Energy to build tidal test berth off Portishead"
    for furniture in ("The Harbour Gazette", "Weather", "Sign in", "Opinion", "By Staff Reporter"):
        assert furniture not in found.text, furniture
    assert found.text.startswith("BRISTOL, 25 November 2026 – Harbourside Energy Ltd")


def test_a_word_document_saved_as_text_has_its_headline_and_its_words_whole():
    found = release("word-zeilenumbruch.txt", "de")
    assert found.title == "Landrat eröffnet Ausbildungsmesse „Zukunft im Vogelsberg“"
    assert "Gießen-Friedberg" in found.text  # a hyphen at a line's end joins the word
    assert "Industrie- und Handelskammer" in found.text  # but not before 'und'
    assert not found.teaser.startswith("Landrat eröffnet")


def test_numbered_paragraphs_are_an_ordered_list():
    found = release("nummerierte-liste.txt", "de")
    assert "<ol>\n<li>Die Anlage hat eine Wechselrichterleistung" in found.body_html
    assert "\n2. Sie ist im Marktstammdatenregister angemeldet.\n" in found.text
    assert "ab dem 1. Januar 2027" in found.text  # a date at a line's start is no item


def test_swiss_and_bilingual_contact_labels_and_the_apa_disclaimer():
    swiss = release("kanton-weitere-auskuenfte.txt", "de")
    assert swiss.contact.startswith("Dominik Baumgartner, Kommunikation")
    assert "dominik.baumgartner@" not in swiss.text
    bilingual = release("zweisprachig.txt")
    assert bilingual.contact.startswith("Hochschule für Musik und Handwerk Freiberg")
    austrian = release("apa-ots-gewaehr.txt", "de")
    assert "OHNE GEWÄHR" not in austrian.text


def test_markdown_keeps_a_contact_s_lines_and_reads_tables_as_rows():
    contact = release("kontakt-zeilen.md")
    assert contact.contact.startswith("Stadtbibliothek Jena\nPaul Oehlschläger\nTelefon:")
    table = release("tabelle.md")
    assert "Quartal | Fahrgäste 2025 | Fahrgäste 2026 | Veränderung" in table.text
    # one table, one paragraph: its rows on adjacent lines, split by <br> in the snippet
    assert "Veränderung\n1. Quartal | 18,6 Mio. | 19,9 Mio. | +7,0 %\n2. Quartal" in table.text
    assert "Veränderung<br>1. Quartal | 18,6 Mio." in table.body_html
    # wrapped prose in Markdown is still one paragraph
    assert "\n" not in table.text.split("\n\n")[0]


def test_a_headline_right_under_an_advert_label_is_the_headline_not_the_advert():
    paragraph = (
        "Die Stadt saniert ab Montag die Brücke am Hafen. Die Arbeiten dauern bis März, "
        "der Verkehr wird über die Ringstraße umgeleitet."
    )
    found = normalize(
        raw_release(body_text=f"Anzeige\n\nStadt saniert Brücke am Hafen\n\n{paragraph}\n"),
        SOURCE,
    )
    assert found.title == "Stadt saniert Brücke am Hafen"
    assert found.text.startswith("Die Stadt saniert") and not found.errors
    advert = normalize(
        raw_release(
            body_text=f"Anzeige\nJetzt Strom vergleichen\nStadt saniert Brücke\n\n{paragraph}\n"
        ),
        SOURCE,
    )
    assert advert.title == "Stadt saniert Brücke"
    assert "vergleichen" not in advert.text


def test_notes_to_the_editor_and_calls_to_follow_leave_the_text():
    lead = (
        "Rostock. Die Tafel Rostock versorgt so viele Menschen wie nie zuvor. Im November "
        "kamen wöchentlich rund 2.900 Kundinnen und Kunden zu den fünf Ausgabestellen."
    )
    furniture = [
        "Zeichen: 1.612",
        "Abdruck honorarfrei, Beleg erbeten.",
        "Hinweis an die Redaktionen: Das Foto steht Ihnen im Rahmen der Berichterstattung "
        "honorarfrei zur Verfügung. Weitere Fotos senden wir Ihnen gern auf Anfrage.",
        "Die Fotos stehen zur honorarfreien Nutzung im Rahmen der Berichterstattung zur Verfügung.",
        "Note to editors: Photos may be used free of charge with credit to the university.",
        "Stay connected",
        "Follow Indigenous Services Canada on X, Facebook and Instagram.",
        "Sign up to receive the latest news and events.",
        "Categories: Acquisitions, Solar",
        "- Date modified: 2026-11-24",
        "Work starts in spring on the greenway | View this email in your browser",
    ]
    text = "Tafel Rostock versorgt Rekordzahl an Bedürftigen\n\n" + lead + "\n\n"
    found = normalize(raw_release(body_text=text + "\n\n".join(furniture) + "\n"), SOURCE)
    assert found.text == lead
    footer = "Sie möchten keine Pressemitteilungen mehr erhalten? Antworten Sie mit „Abmelden“."
    mail = normalize(raw_release(body_text=f"{text}{footer}\nHochschule Coburg\n"), SOURCE)
    assert mail.text == lead


@pytest.mark.parametrize(
    "letterhead",
    [
        "Bayerisches Landesamt für Statistik\nPressemitteilung 287/2026/32/A",
        "Kanton Graubünden\nDepartement für Volkswirtschaft und Soziales\n\nMedienmitteilung",
    ],
)
def test_a_letterhead_and_its_document_number_over_place_and_date_are_not_the_headline(
    letterhead,
):
    text = (
        f"{letterhead}\n\n"
        "Fürth, 24. November 2026\n\nBayerns Bevölkerung wächst 2026 langsamer\n\n"
        "Zum 30. Juni 2026 lebten in Bayern 13 461 720 Menschen. Das waren 26 950 oder 0,2 "
        "Prozent mehr als zum Jahresende 2025.\n"
    )
    found = normalize(raw_release(title=None, body_text=text), SOURCE)
    assert found.title == "Bayerns Bevölkerung wächst 2026 langsamer"
    assert found.published_at.date().isoformat() == "2026-11-24"
    assert found.text.startswith("Zum 30. Juni 2026")


def test_what_government_portals_and_wire_pages_print_around_a_release_leaves_it():
    paragraph = (
        "The Cabinet approved a national mission to build 270,000 tonnes of annual recycling "
        "capacity by 2031, the ministry said on Thursday."
    )
    furniture = (
        "(Release ID: 2198765) Visitor Counter : 1523",
        "More from: Electricity and Energy",
        "For information media. Not an official record.",
        "Topic",
        "Components",
        "Press Release Number: 26-1187",
        "November 25, 2026 11:05 ET | Source: Helix Logistics Inc.",
    )
    found = normalize(
        raw_release(
            title="Cabinet approves recycling mission",
            body_text="\n\n".join([paragraph, *furniture]),
        ),
        SOURCE,
    )
    assert found.text == paragraph


def test_a_dpa_afx_story_loses_its_trailer_and_is_dated_by_it():
    text = (
        "ROUNDUP: Hafenlogistiker HHLA rechnet mit Erholung\n\n"
        "HAMBURG (dpa-AFX) - Der Hamburger Hafenlogistiker HHLA rechnet nach einem schwachen "
        "Sommer mit einer Erholung im Containerumschlag, sagte die Vorstandschefin am Donnerstag."
        "\n\nDie Prognose für das Gesamtjahr bestätigte das Unternehmen./xyz/jha/stk\n\n"
        "--- Von Jan Hauke, dpa-AFX ---\n\n"
        "Veröffentlichungsdatum: 24.11.2026 - 09:48\nRedaktionsschluss: 24.11.2026 - 09:50\n"
    )
    found = normalize(raw_release(title=None, body_text=text), SOURCE)
    assert found.title == "Hafenlogistiker HHLA rechnet mit Erholung"
    assert found.text.endswith("Die Prognose für das Gesamtjahr bestätigte das Unternehmen.")
    assert found.published_at.isoformat() == "2026-11-24T09:48:00+01:00"


def test_a_label_with_the_date_after_it_dates_the_release_by_its_whole_day():
    text = (
        "Pressemitteilung 24.11.2026\n\nStadt saniert Brücke am Mühlbach\n\n"
        "Die Stadt saniert ab Montag die Brücke. Die Arbeiten dauern sechs Wochen.\n"
    )
    found = normalize(raw_release(title=None, body_text=text), SOURCE)
    assert found.title == "Stadt saniert Brücke am Mühlbach"
    assert found.published_at.date().isoformat() == "2026-11-24"


def test_a_report_label_with_a_two_digit_year_dates_the_release():
    found = release("pressebericht-zweistellig.txt", "de")
    assert found.published_at.isoformat() == "2026-11-25T00:00:00+01:00"
    assert found.published_date_only
    assert found.title == "Wildunfall auf der Kreisstraße TA 14"
    assert "Pressebericht" not in found.text


def test_picture_credits_comment_prompts_and_teaser_pointers_leave_the_text():
    lead = (
        "Rostock. Die Tafel Rostock versorgt so viele Menschen wie nie zuvor. Im November "
        "kamen wöchentlich rund 2.900 Kundinnen und Kunden zu den fünf Ausgabestellen."
    )
    furniture = [
        "Titelbild: Max Muster/picture-alliance",
        "Die Ausgabestelle in Lütten Klein am Dienstag. © Tafel Rostock / Anna Berg",
        "Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)",
        "Sie sind aktuell nicht eingeloggt.",
        "Verraten Sie gerne in den Kommentaren: Wo helfen Sie mit?",
        "Lesen Sie hier: Tafeln in Mecklenburg-Vorpommern am Limit",
        "Kategorie: Soziales",
    ]
    kept = "Die Stadt hat 2026 © Rechte an der Marke erworben und nutzt sie ab Januar für Busse."
    text = "Tafel Rostock versorgt Rekordzahl an Bedürftigen\n\n" + lead + "\n\n"
    teasers = "Schon gelesen?\n\nTafeln im ganzen Land am Limit\n"
    body = text + "\n\n".join(furniture) + f"\n\n{kept}\n\n{teasers}"
    found = normalize(raw_release(body_text=body), SOURCE)
    assert found.text == f"{lead}\n\n{kept}"


def test_a_row_of_menu_entries_beside_the_breadcrumb_is_no_headline():
    found = normalize(
        raw_release(
            body_text="Zum Inhalt springen\nStartseite > Presse > Meldungen\n"
            "Bürger Wirtschaft Tourismus Rathaus\nSuche\n\n"
            "Wir verwenden Cookies, um unsere Website für Sie zu verbessern.\nAlle akzeptieren\n\n"
            "24.11.2026 | 10.00 Uhr\n\n"
            "Neues Hallenbad in Lindenau öffnet im Januar\n\n"
            "Das neue Hallenbad an der Parkstraße öffnet am 8. Januar. Es hat ein Sportbecken mit "
            "acht Bahnen und ein Lehrschwimmbecken.\n\n"
            "Der Eintritt kostet für Erwachsene 5 Euro, für Kinder 3 Euro.\n"
        ),
        SOURCE,
    )
    assert found.title == "Neues Hallenbad in Lindenau öffnet im Januar"
    assert found.text.startswith("Das neue Hallenbad an der Parkstraße öffnet am 8. Januar.")
    assert "Tourismus" not in found.text and "Cookies" not in found.text
    assert found.published_at.isoformat() == "2026-11-24T10:00:00+01:00"


def test_a_title_case_headline_under_the_breadcrumb_stays_the_headline():
    found = normalize(
        raw_release(
            body_text="Home > News > Press Releases\n"
            "Harbourside Energy Opens Tidal Test Berth\n\n"
            "BRISTOL, 25 November 2026 – Harbourside Energy opened its tidal test berth off "
            "Portishead today. The berth can test three turbines at once.\n\n"
            "The company will open the berth to other developers next year.\n"
        ),
        SOURCE,
    )
    assert found.title == "Harbourside Energy Opens Tidal Test Berth"


def test_the_when_and_where_under_the_text_stay_while_sidebar_labels_go():
    body = (
        "Tag der offenen Tür in der Musikschule\n\nLindenau, 25. November 2026 – Die "
        "Musikschule lädt am Samstag zum Tag der offenen Tür ein. Kinder und Eltern können alle "
        "Instrumente ausprobieren.\n\nDatum: Samstag, 5. Dezember 2026\nZeit: 10 bis 15 Uhr\n"
        "Ort: Musikschule, Am Markt 3\nEintritt: frei\n\nPressekontakt:\nStadt Lindenau, "
        "Pressestelle\nTel. 03421 758-1010\n"
    )
    found = normalize(raw_release(body_text=body), SOURCE)
    for fact in ("Zeit: 10 bis 15 Uhr", "Ort: Musikschule, Am Markt 3", "Eintritt: frei"):
        assert fact in found.text
    assert found.contact.startswith("Stadt Lindenau")
    sidebar = body.split("\n\nDatum")[0] + "\n\nBürgerbüro\nMo–Fr 8–18 Uhr\n"
    assert "Bürgerbüro" not in normalize(raw_release(body_text=sidebar), SOURCE).text


def test_a_dateline_with_its_time_is_read_though_the_first_sentence_holds_an_aside():
    body = (
        "Impfaktion am Samstag\n\nBeispielkreis, 27. November 2026, 08:00 Uhr. Das "
        "Gesundheitsamt bietet – wie angekündigt – am Samstag Impfungen an. Termine sind nicht "
        "nötig.\n\nWeitere Informationen gibt es im Bürgerbüro."
    )
    found = normalize(raw_release(body_text=body), SOURCE)
    assert found.published_at.isoformat() == "2026-11-27T08:00:00+01:00"
    assert found.teaser.startswith("Das Gesundheitsamt bietet – wie angekündigt – am Samstag")


def test_a_police_daily_report_of_two_reports_says_it_holds_two():
    found = release("polizei-sammelbericht.txt")
    assert any(
        "seems to hold 2 releases" in warning and "Ladendieb gestellt" in warning
        for warning in found.warnings
    )
    assert "Erstellt durch: Rainer Seebauer" in found.text  # both kept, nothing lost


def test_a_release_pasted_twice_goes_out_once_and_the_editor_is_told():
    found = release("zweimal-eingefuegt.txt")
    assert found.text.count("Die Stadt Lindenau eröffnet am Montag") == 1
    assert found.text.count("Termine können ab sofort") == 1
    assert "Pressekontakt" not in found.text and "Neues Bürgerbüro" not in found.text
    assert any("given twice, word for word" in warning for warning in found.warnings)
    assert found.contact.startswith("Stadt Lindenau, Pressestelle")


def test_a_sentence_said_twice_in_a_release_is_no_second_copy():
    body = (
        "Sommerfest im Park\n\nLindenau, 2. Dezember 2026 – Der Verein lädt zum Sommerfest in den "
        "Volkspark ein. Es gibt Musik, einen Flohmarkt und Spiele für Kinder.\n\nDer Eintritt ist "
        "frei, Spenden für die Jugendarbeit sind willkommen.\n\nDer Verein lädt zum Sommerfest in "
        "den Volkspark ein. Es gibt Musik, einen Flohmarkt und Spiele für Kinder.\n"
    )
    found = normalize(raw_release(body_text=body), SOURCE)
    assert found.text.count("Es gibt Musik") == 2
    assert not any("given twice" in warning for warning in found.warnings)
