"""Wire and newsroom pages as subscribers see them (PRWeb, PR Newswire and Business Wire in
German, EQS, Marketwired, a newsroom with event details): the release whole, the wire's lines
out, its contact and its time of day in."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.normalize.test_portal_and_wire_notes import typed
from tests.normalize.test_release_shapes import release

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_bullet_about_managing_subscriptions_ends_nothing():
    found = release("prweb.html", "en")
    assert "Manage subscriptions, upgrades and renewals" in found.text
    assert "About LedgerLoop" in found.text
    # 'Media Contact' over a one-column table
    assert found.contact.startswith("Jordan Blake\nLedgerLoop\n1 512-555-0147")


def test_an_event_s_language_line_is_no_eqs_issuer_block():
    found = release("newsroom-sprache-deutsch.html")
    assert "Sprache: Deutsch" in found.text
    assert found.text.count("\n\n") >= 6  # the quote, the recording note and 'About' follow


def test_the_time_beside_the_headline_beats_a_dateline_without_one():
    found = release("eqs-news-de.html")
    assert found.published_at == datetime(2026, 11, 25, 7, 30, tzinfo=BERLIN)
    apa = release("apa-ots-zwei-stempel.txt", "de")
    assert apa.published_at == datetime(2026, 11, 25, 11, 47, tzinfo=BERLIN)  # the timed stamp


def test_german_wire_lines_of_pr_newswire_and_business_wire_go():
    prn = release("prnewswire-de.html")
    assert "QUELLE" not in prn.text
    assert "mma.prnewswire.com" not in (prn.contact or "")
    assert [photo.url for photo in prn.media if "rt.prnewswire" in photo.url] == []  # pixel
    bw = release("businesswire-de.html")
    assert "Die Ausgangssprache" not in bw.text
    assert "Originalversion auf businesswire.com" not in bw.text


def test_a_contact_information_box_and_the_photo_link_line():
    found = release("marketwired.html", "en")
    assert found.contact.startswith("Cedarline Health Inc.\nNatalie Brooks")
    assert "To view the photo associated" not in found.text


def test_a_dpa_afx_copy_of_an_ots_release_loses_both_wires_lines_and_keeps_the_minute():
    found = release("dpa-afx-ots.txt", "de")
    assert found.title == "Kestrel Logistik übernimmt Mehrheit an polnischem Paketdienst Paczka24"
    assert found.published_at == datetime(2026, 11, 25, 8, 5, tzinfo=BERLIN)
    for stamp in ("dpa-AFX", "AXC0089", "Original-Content", "OTS:"):
        assert stamp not in found.text and stamp not in (found.contact or ""), stamp


def test_a_police_page_s_dateline_joins_the_first_report_not_its_heading():
    found = release("blaulicht-zwei-meldungen.html")
    assert found.body_html.startswith("<h3>Melle: Einbruch in Bäckerei</h3>\n<p>Osnabrück (ots) - ")


def test_lines_of_details_stay_lines():
    found = release("newsroom-sprache-deutsch.html")
    assert "\nOrt: online (Zugangsdaten nach Anmeldung)" in found.text


def test_a_dateline_over_lines_of_details_stays_where_it_stood():
    found = release("blaulicht-tatzeit.html")
    assert found.text.startswith("Hamburg (ots) -\n\nTatzeit: 24.11.2026, 22:40 Uhr")


def test_a_figure_split_over_two_cells_stays_one_figure_under_its_heading():
    found = release("gnw-quarter-split-figures.html", "en")
    rows = [line for line in found.text.splitlines() if " | " in line or line.startswith("|")]
    assert rows == [
        "| Three Months Ended |",
        "(Dollars in thousands) | Sept. 30, 2026 | Sept. 30, 2025",
        "Net interest income | $ 28,440 | $ 25,102",
        "Provision for credit losses | 950 | (215)",
        "Net income | $ 9,812 | $ 8,127",
        "Ratio | Q3 2026 | Q3 2025 | Change",
        # a unit over a column of figures is that column's heading, not a figure's mark
        "| | | %",
        "Return on average assets | 1.12% | 0.96% | +16.7",
        "Efficiency ratio | 58.4% | 61.0% | -4.3",
    ]


def test_a_portal_s_date_stamp_in_brackets_beside_the_headline_dates_the_release():
    found = release("pressebox-datumsstempel.html")
    assert found.published_at == datetime(2026, 11, 25, tzinfo=BERLIN)
    assert found.published_date_only
    assert "no publication date found" not in " ".join(found.warnings)


PORTAL_PAGE = (
    "<html><head><title>Kessler Logistik eröffnet Umschlaglager in Ulm</title></head><body>"
    "<h1>Kessler Logistik eröffnet Umschlaglager in Ulm</h1>{beside}"
    "<div class='text'><p>{opening}Die Kessler Logistik GmbH hat im Ulmer Donautal ein "
    "Umschlaglager mit 24.000 Quadratmetern Fläche eröffnet. Von dort aus beliefert das "
    "Unternehmen Händler in Baden-Württemberg und Bayern.</p><p>In dem Lager arbeiten zum "
    "Start 90 Beschäftigte, bis Ende 2027 sollen es 160 werden.</p></div></body></html>"
)


@pytest.mark.parametrize(
    ("beside", "opening"),
    [
        ("<p class='date'>(Ulm, 24.11.2026)</p>", ""),
        ("", "(PresseBox) (Ulm, 24.11.2026) "),
        ("", "(Ulm, 24.11.2026) "),
    ],
)
def test_a_dateline_in_brackets_with_or_without_the_portal_s_mark_dates_the_release(
    beside, opening
):
    found = typed(PORTAL_PAGE.format(beside=beside, opening=opening), ".html")
    assert found.published_at == datetime(2026, 11, 24, tzinfo=BERLIN)


@pytest.mark.parametrize("note", ["(Ergänzt am 24.11.2026) ", "(Sitzung am 24. November 2026) "])
def test_a_bracketed_note_with_a_date_opening_the_text_is_no_dateline(note):
    found = typed(PORTAL_PAGE.format(beside="", opening=note), ".html")
    assert found.published_at is None
    assert found.text.startswith(f"{note}Die Kessler Logistik GmbH")
