"""Wire copy as subscribers receive it (EQS, APA-OTS, ots mails, ACCESSWIRE) and tables of
figures: the headline alone as the title, the wire's stamps out, its dates read, rows whole."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import html_fragment
from pipeline.extract.contact_box import contact_box_lines
from pipeline.extract.parse import parse_html
from pipeline.normalize import furniture, normalize
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import release

BERLIN = ZoneInfo("Europe/Berlin")


def test_an_eqs_ad_hoc_keeps_its_headline_date_and_notice_and_loses_the_wire_blocks():
    found = release("eqs-ad-hoc-en.txt")
    assert found.title.startswith("Veltra Biosciences AG resolves capital increase")
    # '25-Nov-2026 / 21:15 CET/CEST': the ad-hoc's minute, in German time
    assert found.published_at == datetime(2026, 11, 25, 21, 15, tzinfo=BERLIN)
    assert "NOT FOR DISTRIBUTION" in found.text and "Important Notice" in found.text
    for stamp in (
        "EQS-Ad-hoc",
        "transmitted by EQS News",
        "Distribution Services",
        "View original content",
        "Language: English",
        "Am Klopferspitz",
        "2041302",
    ):
        assert stamp not in found.text, stamp
    assert found.contact.startswith("Veltra Biosciences AG\nDr. Julia Krämer")


def test_an_apa_ots_header_is_no_headline_and_dates_the_release():
    found = release("apa-ots-kopfzeile.txt")
    assert (
        found.title == "Donautal Wasserkraft investiert 120 Millionen Euro in Pumpspeicher Ybbstal"
    )
    assert found.published_at.date().isoformat() == "2026-11-25"
    assert "OTS0087" not in found.text and "Wirtschaft/Energie" not in found.text
    # the subtitle stays, without APA's 'Utl.:' and '=' marks
    assert found.text.startswith("Baubeginn im Frühjahr 2027")
    assert "Utl.:" not in found.text and "ausgleichen =" not in found.text


def test_an_apa_ots_subtitle_right_under_the_headline_is_a_subheadline_not_part_of_it():
    found = release("apa-ots-untertitel-unter-titel.txt")
    assert found.title == "Salzburger Bergbahnen setzen auf Wasserkraft aus eigenen Speicherteichen"
    assert found.text.startswith(
        "Drei neue Turbinen ab Dezember - Strombedarf der Beschneiung zu einem Drittel "
        "gedeckt\n\nSalzburg (OTS) - Die Salzburger Bergbahnen nehmen"
    )
    assert "Utl" not in found.text


def test_an_ots_mail_subject_loses_the_wire_and_sender_and_the_body_does_not_repeat_it():
    found = release("ots-betreff.eml")
    assert (
        found.title
        == 'Kornfeld ruft Dinkel-Vollkornbrot "Landkorn 750 g" wegen Glassplittern zurück'
    )
    assert found.text.startswith("Bielefeld (ots) - Die Kornfeld Backwaren GmbH ruft")
    # the teaser starts with what the sender says, not with the wire's dateline
    assert found.teaser.startswith("Die Kornfeld Backwaren GmbH ruft vorsorglich")


def test_an_accesswire_dateline_dates_the_release():
    found = release("accesswire-en.txt")
    assert found.published_at.date().isoformat() == "2026-11-25"
    assert found.text.startswith("DALLAS, TX / ACCESSWIRE / November 25, 2026 / Lonestar")
    assert found.teaser.startswith("Lonestar Minerals Corp.")


def test_a_table_of_figures_keeps_each_row_on_one_line():
    found = release("datentabelle.html")
    assert "Kreis | Arbeitslose | Veränderung zum Vormonat | Quote" in found.text
    assert "Stadt Sonnenfeld | 5.318 | −97 | 6,2 %" in found.text
    assert "<br>Stadt Sonnenfeld | 5.318 | −97 | 6,2 %<br>" in found.body_html
    assert "<h3>Stadt Sonnenfeld" not in found.body_html
    # the date beside the headline, outside the article
    assert found.published_at == datetime(2026, 11, 25, 10, tzinfo=BERLIN)


def test_an_eqs_page_keeps_its_results_table_and_loses_header_and_issuer_table():
    found = release("eqs-news-tabelle.html")
    assert "Revenue | 318.4 | 284.3 | +12.0% | 912.7 | 829.5 | +10.0%" in found.text
    assert "EQS-News" not in found.text and "Key word(s)" not in found.text
    assert "Language:" not in found.text and "WKN" not in found.text
    assert found.contact.startswith("Nordhafen Logistics SE\nMatthias Kruse")


def test_a_page_laid_out_in_a_table_is_not_read_as_rows():
    page = (
        "<table><tr><td>Menü</td><td><p>"
        + "Ein langer Absatz der Meldung mit vielen Wörtern. " * 8
        + "</p></td></tr><tr><td>Fuß</td><td>Impressum</td></tr></table>"
    )
    assert " | " not in html_fragment(page)


def test_a_preformatted_block_keeps_its_lines():
    fragment = html_fragment(
        "<pre>EQS-News: Firma AG / Key word(s): Quarter\nFirma AG: Headline</pre>"
    )
    assert fragment == "<p>EQS-News: Firma AG / Key word(s): Quarter<br>Firma AG: Headline</p>"


def test_a_police_office_code_in_front_of_the_headline_is_cut():
    from pipeline.normalize.findings import Findings
    from pipeline.normalize.headline import take_title

    for subject, title in [
        ("POL-KRB: Einbruch in Apotheke - Zeugen gesucht", "Einbruch in Apotheke - Zeugen gesucht"),
        ("FW-E: Brand in Lagerhalle gelöscht", "Brand in Lagerhalle gelöscht"),
        ("POL-GÖ: (112/2026) Fahrrad aus Keller gestohlen", "Fahrrad aus Keller gestohlen"),
        # a report's number: its day and its count that day, an office's letter after it
        ("POL-HH: 261127-1. Festnahme nach Raub auf Tankstelle",
         "Festnahme nach Raub auf Tankstelle"),
        ("POL-K: 261127-2-K Zeugensuche nach Unfallflucht", "Zeugensuche nach Unfallflucht"),
        ("261127-1. Festnahme nach Raub auf Tankstelle", "Festnahme nach Raub auf Tankstelle"),
        # numbers that are the headline's own
        ("POL-HH: 1.000 Euro Belohnung nach Raub ausgesetzt",
         "1.000 Euro Belohnung nach Raub ausgesetzt"),
        ("261 neue Wohnungen in Barmbek fertiggestellt",
         "261 neue Wohnungen in Barmbek fertiggestellt"),
        ("2026-11-27: Sperrung der Elbbrücken am Wochenende",
         "2026-11-27: Sperrung der Elbbrücken am Wochenende"),
        ("Polizei: Zeugen nach Unfall gesucht", "Polizei: Zeugen nach Unfall gesucht"),
        ("IRW-PRESS: Silverpeak Minerals: Bohrergebnisse von 12,4 g/t Gold",
         "Silverpeak Minerals: Bohrergebnisse von 12,4 g/t Gold"),
        ("dpa-AFX: Hafenlogistiker HLX erhält Auftrag", "Hafenlogistiker HLX erhält Auftrag"),
    ]:  # fmt: skip
        assert take_title([], subject, Findings(problems=[]))[0] == title


def test_a_police_report_s_number_leaves_its_headline_and_its_address():
    found = release("blaulicht-berichtsnummer.html")
    assert found.title == "Zeugensuche nach Unfallflucht in Köln-Ehrenfeld"
    assert found.slug.startswith("zeugensuche-nach-unfallflucht-in-koeln-ehrenfeld")


FURNITURE_LINES = [
    "Mit der Bitte um Veröffentlichung und freundlichen Grüßen",
    "Anbei sende ich Ihnen unsere Pressemitteilung zur Eröffnung.",
    "Hiermit übersenden wir Ihnen die aktuelle Pressemeldung der Stadt.",
    "We are sending you the attached press release for your readers.",
    "Die Stiftung ist eine Körperschaft des öffentlichen Rechts mit Sitz in Köln.",
    "Sitz der Gesellschaft: Leipzig, Amtsgericht Leipzig HRB 12345",
    "Die Mitteilung wurde übermittelt durch EQS News – ein Service der EQS Group AG.",
    "Original-Content von: Stadtwerke Beispiel, übermittelt durch news aktuell",
    "Seite 2 von 5",
    "Seite 1 von 2 Weiter zu Seite 2: Bildung und Verkehr »",
    "Page 1 of 3 | Next page »",
    "« Zurück",
    "Seite 1 2 3 weiter »",
]


@pytest.mark.parametrize(
    ("line", "furniture_line"),
    [
        ("Seite 1 von 2 Weiter zu Seite 2: Bildung und Verkehr »", True),
        ("Page 1 of 3 | Next page »", True),
        ("« Zurück zu Seite 1", True),
        ("‹ Previous page", True),
        ("Seite 1 2 3 weiter »", True),
        # a release's own words
        ("Zurück zur Natur: Stadt pflanzt 500 Bäume", False),
        ("Weiter geht es am 3. Dezember mit dem zweiten Bauabschnitt.", False),
        ("Next, the council will vote on the budget.", False),
        ("Weiter zu Seite 2 der Broschüre geht es mit den Terminen.", False),
    ],
)
def test_a_paginated_page_s_pager_is_furniture(line, furniture_line):
    table, _ = furniture._compiled()
    assert bool(table.fullmatch(line)) is furniture_line


@settings(max_examples=300, deadline=None)
@given(
    before=st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß .,-:", max_size=120),
    line=st.sampled_from(FURNITURE_LINES),
    after=st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß .,-:", max_size=120),
)
def test_the_furniture_table_answers_as_one_alternation_of_its_patterns(before, line, after):
    """Patterns that start anywhere are tried only behind their words: never another answer."""
    every = re.compile("|".join(f"(?:{p})" for ps in furniture.LINES.values() for p in ps), re.I)
    table, _ = furniture._compiled()
    for text in (line, before + line, line + after, before + line + after, before):
        assert table.fullmatch(text) == bool(every.fullmatch(text)), text


NEW_YORK = ZoneInfo("America/New_York")


def test_a_wire_s_timed_stamp_with_its_source_beside_it_gives_the_time_of_day():
    text = (
        "Kestrel Logistics Reports Record Third Quarter Revenue\n\n"
        "October 29, 2026 16:05 ET | Source: Kestrel Logistics, Inc.\n\n"
        "DENVER, Oct. 29, 2026 (GLOBE NEWSWIRE) -- Kestrel Logistics, Inc. today reported "
        "results for the quarter ended September 30, 2026."
    )
    found = normalize(raw_release(body_text=text), SOURCE)
    assert found.published_at == datetime(2026, 10, 29, 16, 5, tzinfo=NEW_YORK)
    assert "Source:" not in found.text


def test_an_issuer_beside_the_timed_date_under_the_headline_still_dates_it():
    for beside in (
        "Northwind Robotics, Inc. Nov 25, 2026, 08:00 ET",
        "NEWS PROVIDED BY Borealis Rail Inc. Nov 25, 2026, 08:00 ET",
    ):
        raw = raw_release(
            title="Northwind Unveils Atlas-7",
            body_text="SAN FRANCISCO, Nov. 25, 2026 /PRNewswire/ -- Northwind today announced "
            "Atlas-7, a fleet platform for warehouses.",
            below_headline=(beside,),
            format="html",
        )
        found = normalize(raw, SOURCE)
        assert found.published_at == datetime(2026, 11, 25, 8, tzinfo=NEW_YORK), beside


def test_contacts_by_role_under_a_wire_release_are_one_contact_in_their_order():
    body = (
        "MOBILE, Ala., Dec. 1, 2026 /PRNewswire/ -- Harborview Financial Corp. today completed "
        "its acquisition of Coastal Savings Bancorp, Inc.\n\n"
        "Media Contact:\nClaire Thibodeaux\n251-555-0101\nclaire@harborview.example\n\n"
        "Investor Contact:\nNate Holloway\n251-555-0102\n"
    )
    found = normalize(raw_release(title="Harborview completes merger", body_text=body), SOURCE)
    assert found.contact == (
        "Media Contact:\nClaire Thibodeaux\n251-555-0101\nclaire@harborview.example\n"
        "Investor Contact:\nNate Holloway\n251-555-0102"
    )
    assert "Holloway" not in found.text
    box = ("Contacts", "Investors:", "Lena Ortiz", "ir@helio.example", "Media:", "Sam Becker",
           "sbecker@tenbridge.example")  # fmt: skip
    raw = raw_release(title="Helio reports results", body_text="Helio reported revenue of $48.2 "
                      "million for the quarter.", contact_box=box, format="html")  # fmt: skip
    assert normalize(raw, SOURCE).contact == (
        "Investors:\nLena Ortiz\nir@helio.example\nMedia:\nSam Becker\nsbecker@tenbridge.example"
    )


def test_a_signature_s_links_to_forms_and_profiles_are_no_part_of_the_contact():
    body = (
        "<p>PLYMOUTH, Minn., Sept. 8, 2026 /EINPresswire.com/ -- Maple Grove Dental Group today "
        "opened its fourth clinic, a 14-chair practice on Vicksburg Lane.</p>"
        "<p>Hannah Lindqvist<br>Maple Grove Dental Group<br>+1 763-555-0124<br>"
        '<a href="https://www.einpresswire.example/contact_author/4567890">email us here</a><br>'
        'Visit us on social media:<br><a href="https://www.facebook.com/mgd">Facebook</a><br>'
        '<a href="https://www.instagram.com/mgd">Instagram</a></p>'
    )
    found = normalize(raw_release(title="Clinic opens", body_html=body, format="html"), SOURCE)
    assert found.contact == "Hannah Lindqvist\nMaple Grove Dental Group\n+1 763-555-0124"
    assert "Instagram" not in found.text


def test_a_contact_box_s_mail_link_keeps_the_punctuation_around_it():
    box = (
        "<div class='contact'><h3>Media Contact</h3><p>Region 5 Press Office (<a "
        "href='mailto:r5press@agency.example'>r5press@agency.example</a>)</p><p>Jess Moreno, "
        "<a href='mailto:jm@solar.example'>jm@solar.example</a>, 512-555-0188</p></div>"
    )
    assert contact_box_lines(parse_html(f"<html><body><p>Text.</p>{box}</body></html>")) == (
        "Media Contact",
        "Region 5 Press Office (r5press@agency.example)",
        "Jess Moreno, jm@solar.example, 512-555-0188",
    )


def test_a_contact_box_the_extractor_took_along_leaves_the_body_whole():
    body = (
        "<p>Skyline Air will launch daily nonstop flights between Chicago and Lisbon from May "
        "14, 2027, the airline's first route to Portugal.</p><p>Skyline Air Media Relations<br>"
        "media@skylineair.example<br>+1 312-555-0150</p><p>Skyline Air is a U.S. airline serving "
        "120 destinations on four continents.</p>"
    )
    box = ("Contacts", "Skyline Air Media Relations", "media@skylineair.example", "+1 312-555-0150")
    raw = raw_release(title="Lisbon", body_html=body, contact_box=box, format="html")
    found = normalize(raw, SOURCE)
    assert "Media Relations" not in found.body_html and "<h3>" not in found.body_html
    assert found.contact.startswith("Skyline Air Media Relations\nmedia@skylineair.example")


def test_a_contact_box_under_a_heading_no_label_matches_is_the_contact():
    box = ("Weitere Informationen", "Tiefbauamt", "Kommunikation", "Telefon 044 412 27 58",
           "tiefbau@stadt.example")  # fmt: skip
    raw = raw_release(title="Velostreifen", body_text="Die Stadt baut einen neuen Velostreifen "
                      "an der Langstrasse.", contact_box=box, format="html")  # fmt: skip
    assert normalize(raw, SOURCE).contact == (
        "Tiefbauamt\nKommunikation\nTelefon 044 412 27 58\ntiefbau@stadt.example"
    )
