"""One limit for a headline, in ingest and on the desk: a longer one is named as too long, never
as missing."""

from __future__ import annotations

from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release

LONG_HEADLINE = (
    "Stadt Beispielstadt startet umfassendes Programm zur Modernisierung der öffentlichen "
    "Infrastruktur einschließlich Straßen, Brücken, Schulen, Kindergärten, Sporthallen, "
    "Schwimmbäder, Bibliotheken und Verwaltungsgebäude sowie zur Digitalisierung sämtlicher "
    "Bürgerdienste bis zum Jahr 2035 mit Beteiligung der Bürgerinnen und Bürger in allen "
    "Stadtteilen"
)
BODY = (
    "Beispielstadt, 27. November 2026. Das Programm umfasst 312 Einzelmaßnahmen. Die "
    "Bürgerbeteiligung beginnt im Januar mit Versammlungen in allen zwölf Stadtteilen."
)


def test_a_headline_over_the_limit_is_named_too_long():
    found = normalize(raw_release(body_text=f"{LONG_HEADLINE}\n\n{BODY}"), SOURCE)
    assert len(LONG_HEADLINE) == 350
    assert [f"{p.field}: {p.message}" for p in found.errors] == [
        "title: the headline is too long (350 of at most 300 characters)"
    ]
    assert found.text.startswith("Beispielstadt, 27. November 2026.")


def test_a_text_that_opens_with_a_paragraph_still_has_no_headline():
    found = normalize(raw_release(body_text=f"{LONG_HEADLINE}.\n\n{BODY}"), SOURCE)
    assert [f"{p.field}: {p.message}" for p in found.errors] == ["title: no headline found"]
