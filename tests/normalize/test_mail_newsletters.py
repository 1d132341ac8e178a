"""A press release sent with a newsletter tool: the teasers of other items that the tool sets
under a heading such as "Weitere Meldungen" leave with the heading; a release whose own text
goes on under such a line keeps it."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize

ARRIVED = datetime(2026, 11, 13, 9, 0, tzinfo=UTC)
RELEASE = (
    "Mit dem Fahrplanwechsel am 13. Dezember fahren im Verkehrsverbund mehr Busse in den "
    "Abendstunden. Auf zwölf Regionalbuslinien wird der Takt nach 20 Uhr von 120 auf 60 "
    "Minuten verdichtet."
)
QUOTE = (
    '"Wer abends aus der Stadt nach Hause will, soll nicht auf das Auto angewiesen sein", '
    "sagte die Geschäftsführerin Claudia Krämer. Finanziert wird das Angebot vom Landkreis."
)
TEASERS = (
    "Deutschlandticket: Preis steigt ab Januar\nAb 1. Januar kostet das Deutschlandticket 63 "
    "Euro im Monat. Abonnenten müssen nichts tun, die Abbuchung … Weiterlesen: "
    "https://www.vv.example/presse/dticket\n\nBaustelle am Hauptbahnhof: Haltestelle verlegt\n"
    "Wegen Gleisarbeiten wird die Haltestelle Hauptbahnhof vom 16. bis 27. November verlegt. "
    "Fahrgäste … Weiterlesen: https://www.vv.example/presse/baustelle"
)


def _mail(content_type: str, body: str):
    data = (
        "From: Verkehrsverbund <newsletter@vv.example>\r\nSubject: Neuer Fahrplan ab 13. "
        "Dezember\r\nDate: Fri, 13 Nov 2026 07:00:03 +0100\r\nMessage-ID: <nl-1@vv.example>\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: {content_type}; charset=utf-8\r\n\r\n{body}"
    ).encode()
    source = SourceConfig(title="Postfach", kind="files", path="inbox", language="de")
    context = InputContext(
        source="postfach", config=source, locator="inbox/nl.eml", received_at=ARRIVED, route="files"
    )
    return normalize(read_input(data, ".eml", context), source)


def test_a_newsletter_s_other_items_leave_with_their_heading():
    for heading in ("Weitere Meldungen", "Weitere Nachrichten", "More news", "Auch interessant"):
        found = _mail(
            "text/plain",
            f"{RELEASE}\n\n{QUOTE}\n\nPressekontakt: Robert Lang, Telefon 0341 555 9090\n\n"
            f"{heading}\n\n{TEASERS}\n",
        )
        assert found.text == f"{RELEASE}\n\n{QUOTE}", heading
        assert found.contact == "Robert Lang, Telefon 0341 555 9090"


def test_a_newsletter_in_html_loses_the_teaser_section_too():
    teasers = (
        '<h3><a href="https://www.vv.example/presse/dticket">Deutschlandticket: Preis steigt ab '
        "Januar</a></h3><p>Ab 1. Januar kostet das Deutschlandticket 63 Euro im Monat. "
        'Abonnenten müssen nichts tun … <a href="https://www.vv.example/presse/dticket">'
        "Weiterlesen</a></p>"
    )
    found = _mail(
        "text/html",
        f"<h1>Neuer Fahrplan ab 13. Dezember</h1><p>{RELEASE}</p><p>{QUOTE}</p>"
        f"<table><tr><td><h2>Weitere Meldungen</h2>{teasers}</td></tr></table>",
    )
    assert found.text == f"{RELEASE}\n\n{QUOTE}"


def test_a_release_that_goes_on_under_such_a_line_keeps_its_text():
    more = (
        "Weitere Meldungen aus dem Verkehrsverbund folgen in der kommenden Woche, wenn die "
        "Landkreise über den Haushalt des nächsten Jahres beraten haben. Dann steht auch fest, "
        "welche Linien im Sommer zusätzlich fahren und welche Haltestellen barrierefrei werden."
    )
    found = _mail("text/plain", f"{RELEASE}\n\nWeitere Meldungen\n\n{QUOTE}\n\n{more}\n\n{more}\n")
    assert "Finanziert wird das Angebot vom Landkreis." in found.text
    assert found.text.endswith("barrierefrei werden.")
