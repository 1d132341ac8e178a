"""A fire brigade's or an organiser's page sets the incident's or the event's times in a table
or a list of details under the headline: those date the incident, the page is dated by its own
publication date."""

from __future__ import annotations

import pytest

from tests.normalize.test_page_headlines import SOURCE, normalize, read_page

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Brand Scheune</title>
<meta property="article:published_time" content="2026-11-22T08:40:12+00:00"></head>
<body><main><article><h1>Brand Scheune</h1>{details}
<p>Kurz vor Mitternacht wurden wir zu einem Scheunenbrand im Hofweg alarmiert. Beim Eintreffen
stand die Scheune bereits in Vollbrand, das angrenzende Wohnhaus war akut gefährdet.</p>
<p>Unter Atemschutz wurde ein Löschangriff aufgebaut. Verletzt wurde niemand.</p>
</article></main></body></html>"""


def published(details: str) -> str:
    return normalize(read_page(PAGE.format(details=details)), SOURCE).published_at.isoformat()


@pytest.mark.parametrize(
    "details",
    [
        "<table><tr><td>Alarmzeit:</td><td>21.11.2026 23:47</td></tr>"
        "<tr><td>Einsatzort:</td><td>Lindenbach, Hofweg</td></tr></table>",
        "<dl><dt>Einsatzbeginn:</dt><dd>21.11.2026 23:47 Uhr</dd>"
        "<dt>Einsatzende:</dt><dd>22.11.2026 04:00 Uhr</dd></dl>",
        "<p>Datum der Veranstaltung: 21.11.2026, 19:00 Uhr</p>",
    ],
)
def test_an_incident_s_or_event_s_time_under_the_headline_does_not_date_the_page(details):
    assert published(details) == "2026-11-22T08:40:12+00:00"


def test_a_publication_date_the_page_shows_under_the_headline_still_dates_it():
    assert (
        published("<p>Veröffentlicht am 21.11.2026, 23:47 Uhr</p>") == "2026-11-21T23:47:00+01:00"
    )
