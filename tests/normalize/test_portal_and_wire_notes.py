"""Press portals' and wires' own notes around a release (PresseBox, openPR, ots, EQS, ACCESSWIRE,
Newsfile, Medianet, Cision) and datelines in teasers: readers get the sender's release once, with
its headline, and a teaser that starts with what the sender says."""

from __future__ import annotations

import pytest

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize
from pipeline.normalize.disclaimers import is_disclaimer
from tests.normalize.test_normalize import RECEIVED
from tests.normalize.test_release_shapes import release


def typed(text: str, suffix: str = ".txt", language: str | None = None):
    """The release made of `text` as a file of that kind in a source's inbox."""
    source = SourceConfig(title="Probe", kind="files", path="inbox", language=language)
    context = InputContext(
        source="probe", config=source, locator=f"inbox/r{suffix}", received_at=RECEIVED,
        route="files",
    )  # fmt: skip
    return normalize(read_input(text.encode(), suffix, context), source)


# --- press portals' notices -------------------------------------------------------------------


def test_pressebox_s_responsibility_notice_goes_and_its_mark_opens_no_teaser():
    found = release("pressebox-seite.html", "de")
    assert "oben stehenden Pressemitteilungen" not in found.text
    assert "Urheber der Pressetexte" not in found.text
    assert "an old portal disclaimer was removed from the body" in found.warnings
    assert found.teaser.startswith("Die Stadtwerke Auenfeld bauen am Hafen einen Wärmespeicher")
    # the body keeps its dateline, the sender's 'about' paragraph stays
    assert "(PresseBox) (Auenfeld, 24.11.2026) Die Stadtwerke" in found.text
    assert "versorgen rund 120.000 Menschen" in found.text


def test_openpr_s_note_that_it_carried_the_release_goes_with_its_disclaimer():
    found = release("openpr-seite.html", "de")
    assert "openPR" not in found.text
    assert "allein der Verfasser" not in found.text
    assert found.text.endswith("In der neuen Werkstatt entstehen sechs Arbeitsplätze.")
    assert found.teaser.startswith("Das Radhaus Lindgren eröffnet am 1. Dezember")


def test_a_portal_s_notice_that_neither_it_nor_its_operator_is_liable_goes():
    found = release("openpr-haftungshinweis.html", "de")
    assert "Verfasser verantwortlich" not in found.text
    assert "Haftung" not in found.text
    assert "an old portal disclaimer was removed from the body" in found.warnings
    # the release's own 'Weder … noch …' sentence stays
    assert found.text.endswith(
        "„Unsere Öfen laufen ab drei Uhr morgens, da zählt jede Kilowattstunde“, sagt "
        "Inhaberin Greta Hollmann. Weder die Filialen noch die Backstube werden dafür umgebaut."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Für die oben stehenden Pressemitteilungen, das angezeigte Event bzw. das Stellenangebot "
        "ist allein der jeweils angegebene Herausgeber (siehe Firmeninfo rechte Spalte) "
        "verantwortlich. Dieser ist in der Regel auch Urheber der Pressetexte.",
        "The press releases displayed on this site are the sole responsibility of the respective "
        "publisher, who is usually also the author of the texts and pictures.",
        "Für den Inhalt der Meldungen sind allein die jeweiligen Herausgeber verantwortlich.",
        "The publisher of the press release is solely responsible for its content and its "
        "pictures.",
        "Releases on this site are published by their authors, who alone are responsible for "
        "what they say.",
        "Für die Inhalte dieser Pressemitteilung ist der Verfasser verantwortlich.",
        "Für den Inhalt der Pressemitteilung ist der Herausgeber verantwortlich. Weder das "
        "Portal noch dessen Betreiber übernehmen Haftung für die Inhalte.",
        "Newsportal24 is not responsible for the content of this press release.",
        "Neither the portal nor its operator accepts any liability for the content. The "
        "author is solely responsible for it.",
    ],
)
def test_portal_notices_about_the_senders_of_the_texts_they_show_are_disclaimers(text):
    assert is_disclaimer(text)


@pytest.mark.parametrize(
    "text",
    [
        "Für die Sicherheit der Anlagen ist allein der jeweilige Betreiber verantwortlich, "
        "das Landratsamt prüft sie einmal im Jahr.",
        "Für die Umsetzung der oben stehenden Maßnahmen ist allein das Bauamt (Abteilung "
        "Tiefbau, Zimmer 204) verantwortlich.",
        "The respective publisher of each district newsletter will receive the new template "
        "in January.",
        "Weder der Veranstalter noch die Stadt haften für Schäden an abgestellten Fahrzeugen, "
        "teilt das Ordnungsamt mit.",
        "Verantwortlich für den Inhalt dieser Pressemitteilung: Jana Roth, Pressesprecherin "
        "der Stadt Göttingen",
        "Neither the city nor the county will be liable for the cost of the new bridge, the "
        "minister said on Tuesday.",
    ],
)
def test_a_release_s_own_sentences_about_who_is_responsible_stay(text):
    assert not is_disclaimer(text)


def test_a_release_that_says_where_something_was_published_keeps_the_sentence():
    found = typed(
        "Gemeinderat beschließt neuen Haushalt\n\n"
        "Der Gemeinderat hat am Montag den Haushalt für 2027 beschlossen. Er umfasst 48 "
        "Millionen Euro.\n\n"
        "Die Meldung wurde auf Wunsch der Fraktionen veröffentlicht.\n"
    )
    assert "auf Wunsch der Fraktionen veröffentlicht" in found.text


# --- wire headlines -----------------------------------------------------------------------------


def test_an_ots_subject_line_opening_the_text_gives_the_headline_without_the_sender():
    found = release("ots-betreff-erste-zeile.txt", "de")
    assert found.title == ("Verkehrsverbund Mittelweser führt Deutschlandticket für Schüler ein")
    assert found.errors == ()
    assert found.text.startswith(
        "- Ticket kostet 29 Euro im Monat\n- Gilt ab dem Schuljahr 2027/28\n"
        "- Antrag über die Schulen\n\nNienburg (ots) - Der Verkehrsverbund Mittelweser bietet"
    )
    assert "OTS:" not in found.text
    assert found.teaser.startswith("Der Verkehrsverbund Mittelweser bietet Schülerinnen")


def test_an_eqs_page_s_title_loses_the_wire_label_and_the_body_its_repeated_headline():
    found = release("eqs-news-seite.html", "de")
    assert found.title == (
        "Hallberg Pumpen AG: Auftragseingang wächst im dritten Quartal um 11 Prozent"
    )
    assert found.text.startswith("Bielefeld, 24. November 2026 – Die Hallberg Pumpen AG hat")
    assert "Auftragseingang wächst" not in found.text
    assert found.teaser.startswith("Die Hallberg Pumpen AG hat im dritten Quartal Aufträge")


# --- wire footers -------------------------------------------------------------------------------


def test_a_wire_line_ending_in_a_colon_takes_the_address_on_the_next_line_with_it():
    found = release("accesswire-url-zeile.txt", "en")
    assert "ACCESSWIRE:" not in found.text
    assert "accesswire.com/913377" not in found.text
    assert [link.url for link in found.links if "accesswire.com" in link.url] == []
    # the sender's own line and its address stay
    assert "For more details on the new clinic:" in found.text
    assert "https://www.harborviewdental.example/sarasota" in found.text


def test_newsfile_s_source_line_goes_and_its_dateline_opens_no_teaser():
    found = release("newsfile-seite.html", "en")
    assert "To view the source version" not in found.text
    assert found.text.startswith("Toronto, Ontario--(Newsfile Corp. - November 23, 2026) - ")
    assert found.teaser.startswith("Silverpine Resources Corp. (TSXV: SPR)")


def test_medianet_s_distribution_line_is_no_part_of_the_contact():
    found = release("medianet-text.txt", "en")
    assert found.contact == "Sam Okafor, 0411 555 208, sam.okafor@huntercouncils.example"
    assert "Medianet" not in found.text
    assert found.teaser.startswith("Eleven councils on the NSW coast have agreed")


def test_the_eu_market_abuse_notice_is_wire_furniture_and_the_intro_is_the_teaser():
    found = release("cision-mar.html", "en")
    assert "Market Abuse Regulation" not in found.text
    assert "obliged to make public" not in found.teaser
    assert found.teaser == (
        "Fjordline Logistics has been awarded a ten-year contract to run the new rail terminal "
        "at the Port of Gothenburg, worth about SEK 1.4 billion."
    )
    assert '"This contract doubles our rail volumes on the west coast,"' in found.text


def test_a_short_intro_over_the_first_section_heading_is_the_teaser():
    found = typed(
        "<h1>Nordhavn Shipping AB: Interim report January–September 2026</h1>"
        "<p>Strong quarter driven by tanker rates</p>"
        '<h3>CEO comment</h3><p>"The third quarter was the strongest in our history," says '
        "CEO Erik Example.</p><h3>About Nordhavn Shipping AB</h3><p>Nordhavn Shipping is a "
        "Gothenburg-based tanker company listed on Nasdaq Stockholm.</p>",
        ".html",
        "en",
    )
    assert found.teaser == "Strong quarter driven by tanker rates"


# --- datelines in teasers -----------------------------------------------------------------------

LEAD = "The City will open two warming centers on December 1 and add 180 shelter beds this winter."
GERMAN_LEAD = "Die Stadt öffnet am 1. Dezember zwei Wärmestuben und schafft 180 Notschlafplätze."


@pytest.mark.parametrize(
    ("dateline", "lead"),
    [
        ("WASHINGTON (November 24, 2026) — ", LEAD),
        ("DAKAR/NEW YORK, 24 November 2026 – ", LEAD),
        ("PORTLAND, Ore. – November 24, 2026 – ", LEAD),
        ("Sydney, 2 December 2026: ", LEAD),
        ("RIVERTON – ", LEAD),
        ("SPRINGFIELD, Ill. – ", LEAD),
        ("Leipzig, 25. November 2026 – ", GERMAN_LEAD),
        ("Münster (SMS) ", GERMAN_LEAD),
        ("Kiel (pm) – ", GERMAN_LEAD),
        ("NEW YORK, Nov. 25, 2026 /Acme Newswire/ -- ", LEAD),
    ],
)
def test_a_teaser_starts_with_what_the_sender_says_and_the_body_keeps_the_dateline(dateline, lead):
    found = typed(f"Warming centers open for the winter\n\n{dateline}{lead}\n\nMore follows.\n")
    assert found.teaser == lead
    assert found.text.startswith(f"{dateline}{lead}")


@pytest.mark.parametrize(
    "lead",
    [
        "Ab 12. Februar 2027 zeigt das Stadtmuseum – zum ersten Mal seit 1986 – die Sammlung.",
        "NASA – the agency that flew Apollo – will test the new suit in the pool in March.",
        "The pilot starts on 11 January 2027 – and runs for a year in three districts of Leeds.",
        "Siemens (SIE) Aktien werden künftig auch an der Börse in Zürich gehandelt, hieß es.",
    ],
)
def test_a_sentence_that_opens_with_a_date_or_a_name_keeps_it_in_the_teaser(lead):
    found = typed(f"Die Nachricht des Tages\n\n{lead}\n\nMehr folgt.\n")
    assert found.teaser == lead


def test_an_author_s_summary_stays_as_written_and_a_copied_lead_loses_its_dateline():
    page = (
        '<html lang="en"><head><meta name="description" content="{}"></head><body>'
        "<h1>Warming centers open for the winter</h1>"
        f"<p>RIVERTON – {LEAD}</p><p>The centers are open from 6 p.m. to 8 a.m. every day "
        "until the end of March, and guests can bring pets.</p></body></html>"
    )
    summary = "RIVERTON – Two warming centers and 180 beds: the City's winter plan in brief."
    written = typed(page.format(summary), ".html", "en")
    assert written.teaser == summary
    copied = typed(page.format(f"RIVERTON – {LEAD}"), ".html", "en")
    assert copied.teaser == LEAD


def test_a_distributor_s_mark_in_slashes_leaves_the_headline():
    found = typed(
        "/CNW/ - Maple Grid Energy Commissions 200 MW Battery Storage Facility\n\nTORONTO, Nov. "
        f"26, 2026 /CNW/ - {LEAD}\n\nMore follows.\n"
    )
    assert found.title == "Maple Grid Energy Commissions 200 MW Battery Storage Facility"
    assert found.teaser == LEAD


def test_an_intro_over_the_first_section_heading_loses_its_dateline_in_the_teaser():
    found = typed(
        "Winterdienst startet\n\nLindenau, 27. November 2026 – Der Winterdienst ist ab Montag "
        "in Bereitschaft. 40 Fahrzeuge räumen und streuen bei Bedarf.\n\n## Streupläne\n\n"
        "Vorrang haben Hauptstraßen, Buslinien und Schulwege.\n",
        ".md",
    )
    assert found.teaser.startswith("Der Winterdienst ist ab Montag in Bereitschaft.")
    assert found.text.startswith("Lindenau, 27. November 2026 – Der Winterdienst")


def test_a_government_department_s_byline_under_the_headline_goes():
    found = typed(
        "NEWS RELEASE\n\nTransport Canada announces new rail safety measures for the Prairies\n\n"
        "From: Transport Canada\n\nOTTAWA, ON, Nov. 26, 2026 - The Minister of Transport today "
        "announced $38 million for 92 rail safety projects at grade crossings.\n\nThe projects "
        "include new lights, bells and gates at crossings.\n\nFrom: the Minister's office, a "
        "letter went to every municipality concerned.\n"
    )
    assert found.title == "Transport Canada announces new rail safety measures for the Prairies"
    assert found.text.startswith("OTTAWA, ON, Nov. 26, 2026 - The Minister of Transport")
    assert found.text.endswith(
        "From: the Minister's office, a letter went to every municipality concerned."
    )


WIRE_ALERT = """From: Newswire Alerts <alerts@wire.example>
To: desk@portal.example
Subject: Lakeshore Transit orders 40 electric buses
Date: Tue, 24 Nov 2026 08:03:11 -0500
Message-ID: <alert.302399@wire.example>
Content-Type: text/html; charset=utf-8

<html><body><table><tr><td>
<p style="font-size:11px">{alert} <a href="https://www.wire.example/news-releases/\
lakeshore-transit-302399.html?tc=eml_cleartime">View online</a></p>
<h1>Lakeshore Transit orders 40 electric buses</h1>
<p>CHICAGO, Nov. 24, 2026 /Wire/ -- Lakeshore Transit today ordered 40 battery-electric buses,
which will replace its oldest diesel buses on six routes from autumn 2027.</p>
<p>{sentence}</p>
</td></tr></table></body></html>
"""


@pytest.mark.parametrize(
    "alert",
    [
        "PR Newswire alert: news you subscribed to.",
        "Business Wire Alert: News matching your profile |",
        "Your news alert: releases for your saved search.",
    ],
)
def test_a_wire_alert_s_subscription_line_and_its_view_online_link_go(alert):
    sentence = "Riders can follow the new buses on the agency's app."
    found = typed(WIRE_ALERT.format(alert=alert, sentence=sentence), ".eml", "en")
    assert found.title == "Lakeshore Transit orders 40 electric buses"
    assert found.text == (
        "CHICAGO, Nov. 24, 2026 /Wire/ -- Lakeshore Transit today ordered 40 battery-electric "
        "buses, which will replace its oldest diesel buses on six routes from autumn 2027.\n\n"
        + sentence
    )
    assert found.links == ()


def test_a_release_s_own_alert_sentence_stays():
    sentence = "Weather alert: residents on the lakeshore routes should expect delays on Monday."
    found = typed(
        WIRE_ALERT.format(alert="PR Newswire alert: news you subscribed to.", sentence=sentence),
        ".eml",
        "en",
    )
    assert found.text.endswith("\n\n" + sentence)
