"""Reports as portals print them and as offices send them: a page copied out of a browser with
its offers and display switches, a report's fact lines ('Tatort: …', 'Einsatzort: …') between
its dateline and its text, a letterhead's bank and tax lines under the contact."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import release

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_police_page_dump_keeps_its_headline_fact_lines_and_time_of_publication():
    found = release("dump-blaulicht-abo.txt", "de")
    assert found.title == "Polizeirevier Bautzen: Einbruch in Bäckerei – Kripo sucht Zeugen"
    assert found.text.startswith(
        "Tatort: Bautzen, Wendische Straße\n\n"
        "Tatzeit: 24.11.2026, 22:00 Uhr bis 25.11.2026, 04:30 Uhr\n\n"
        "Unbekannte sind in der Nacht zu Mittwoch"
    )
    assert found.text.endswith("unter 03591 356-0 entgegen.")
    # the page's own date of the day it was read is not the report's date
    assert found.published_at == datetime(2026, 11, 25, 8, 42, tzinfo=BERLIN)
    assert not found.published_date_only
    assert found.teaser.startswith("Unbekannte sind in der Nacht zu Mittwoch")
    for furniture in ("abonnieren", "1,99 €", "Adventsmarkt", "Veröffentlicht am", "Teilen"):
        assert furniture not in found.text, furniture


def test_a_town_page_dump_loses_its_display_switches_and_gives_its_date():
    found = release("dump-gemeinde-barrierefrei.txt", "de")
    assert found.title == "Laubsammlung: Bauhof holt Grüngut an zwei Samstagen ab"
    assert found.text.startswith("Der Bauhof des Marktes Feucht sammelt")
    assert found.text.endswith("unter 09128 9900-50 zur Verfügung.")
    assert found.published_at == datetime(2026, 11, 24, tzinfo=BERLIN)
    for furniture in ("Schriftgröße", "Kontrast", "Datum:", "Seite drucken"):
        assert furniture not in found.text, furniture


def test_a_subscription_offer_goes_but_a_report_about_a_subscription_stays():
    body = (
        "Jetzt abonnieren – 4 Wochen gratis\n\n"
        "Verkehrsverbund: Deutschlandticket-Abo kostet ab Januar 63 Euro\n\n"
        "Der Verkehrsverbund Oberelbe erhöht den Preis des Deutschlandtickets zum 1. Januar. "
        "Wer jetzt abonnieren will, zahlt bis Jahresende noch 58 Euro im Monat.\n\n"
        "Ort: Kundenzentrum am Hauptbahnhof\n"
        "Zeit: montags bis freitags, 8 bis 18 Uhr\n"
    )
    found = normalize(raw_release(body_text=body), SOURCE)
    assert found.title == "Verkehrsverbund: Deutschlandticket-Abo kostet ab Januar 63 Euro"
    assert found.text == (
        "Der Verkehrsverbund Oberelbe erhöht den Preis des Deutschlandtickets zum 1. Januar. "
        "Wer jetzt abonnieren will, zahlt bis Jahresende noch 58 Euro im Monat.\n\n"
        "Ort: Kundenzentrum am Hauptbahnhof\n\n"
        "Zeit: montags bis freitags, 8 bis 18 Uhr"
    )


def test_a_fire_report_keeps_its_order_and_its_teaser_is_its_first_sentence():
    found = release("feuerwehr-einsatzdaten.txt", "de")
    assert found.title == "Kellerbrand in Wohnhaus - Bewohner bringen sich selbst in Sicherheit"
    assert found.text.startswith(
        "Hagen (ots)\n\n"
        "Einsatzstichwort: Feuer 2 - Kellerbrand\n\n"
        "Einsatzort: Hagen-Wehringhausen, Lange Straße\n\n"
        "Einsatzzeit: 25.11.2026, 19:05 Uhr bis 21:10 Uhr\n\n"
        "Am Mittwochabend wurde die Feuerwehr Hagen"
    )
    assert found.teaser == (
        "Am Mittwochabend wurde die Feuerwehr Hagen um 19:05 Uhr zu einem Kellerbrand in der "
        "Langen Straße gerufen. Als die ersten Kräfte eintrafen, hatten alle Bewohner das Haus "
        "bereits verlassen."
    )


def test_a_dateline_alone_on_its_line_still_opens_the_first_paragraph():
    body = (
        "Kreisbrand in Scheune\n\n"
        "Kassel (ots)\n\n"
        "Nach einem Brand in einer Scheune in Kassel-Bettenhausen ist ein Schaden von rund "
        "50.000 Euro entstanden. Verletzt wurde niemand.\n"
    )
    found = normalize(raw_release(body_text=body), SOURCE)
    assert found.text.startswith("Kassel (ots) Nach einem Brand in einer Scheune")


def test_a_letterhead_s_bank_and_tax_lines_go_with_its_address():
    found = release("kreis-bankverbindung.txt", "de")
    assert found.text == (
        "Plauen, 25.11.2026. Der Kreistag des Vogtlandkreises hat am Dienstag eine neue "
        "Gebührensatzung für die Abfallentsorgung beschlossen. Die Grundgebühr sinkt ab Januar "
        "um drei Euro je Haushalt.\n\n"
        "Die Satzung wird im Amtsblatt vom 4. Dezember bekannt gemacht."
    )
    assert found.contact == (
        "Jens Morgenstern\nPressesprecher\nTelefon: 03741 300-1010\n"
        "E-Mail: presse@vogtlandkreis.example"
    )


def test_an_english_company_footer_goes_too():
    body = (
        "Harbour Robotics opens Bristol test centre\n\n"
        "BRISTOL, 25 November 2026 – Harbour Robotics today opened a test centre for underwater "
        "drones at Avonmouth, creating 40 jobs over the next two years.\n\n"
        "Harbour Robotics Ltd | 12 Quay Street | Bristol BS1 4DJ\n"
        "Registered in England and Wales: 09876543\n"
        "VAT ID: GB 123 4567 89\n"
        "Bank details: Lloyds Bank, sort code 30-00-00\n"
    )
    found = normalize(raw_release(body_text=body), SOURCE)
    assert found.text.endswith("creating 40 jobs over the next two years.")
    for footer in ("Registered", "VAT", "Bank details"):
        assert footer not in found.text, footer


def test_a_donation_appeal_keeps_its_account():
    found = release("spendenaufruf-iban.txt", "de")
    assert (
        "Spenden bitte auf das Konto IBAN DE12 8705 5000 0000 4321 00 bei der Sparkasse Zwickau"
        in found.text
    )
    assert found.text.endswith(
        "Spendenkonto: Sparkasse Zwickau\n\nIBAN: DE12 8705 5000 0000 4321 00"
    )
