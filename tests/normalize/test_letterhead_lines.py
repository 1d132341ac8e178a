"""A sender's letterhead over a mail's release (its name on one or two lines, its label and
number, the place and date) is no part of the published body, however long the name is."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import release


def test_a_two_line_letterhead_over_a_mailed_release_is_not_published():
    found = release("briefkopf-zweizeilig.eml")
    assert found.title == "Land fördert zwölf neue Professuren für Lehrerbildung"
    assert found.embargo_until == datetime(2026, 11, 27, 11, tzinfo=ZoneInfo("Europe/Berlin"))
    assert found.body_html.startswith("<p>Der Freistaat Sachsen richtet an den Universitäten")
    assert "Staatsministerium" not in found.text
    assert "233/2026" not in found.text
    assert found.errors == ()


def test_a_line_of_its_own_above_the_headline_that_names_no_sender_stays():
    raw = raw_release(
        format="email",
        title="Land fördert zwölf neue Professuren für Lehrerbildung",
        body_text="Ein Jahr nach dem Beschluss des Landtags zur Lehrerbildung\n\n"
        "Land fördert zwölf neue Professuren für Lehrerbildung\n\nDer Freistaat Sachsen richtet "
        "an drei Universitäten zwölf neue Professuren für die Ausbildung von Lehrkräften ein.",
    )
    found = normalize(raw, SOURCE)
    assert found.title == "Land fördert zwölf neue Professuren für Lehrerbildung"
    assert found.text.startswith("Ein Jahr nach dem Beschluss des Landtags zur Lehrerbildung")
