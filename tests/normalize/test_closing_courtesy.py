"""The sender's offer of help to the editor under a release ('Für Rückfragen stehen wir Ihnen
gerne zur Verfügung.') is no part of the release; a sentence that tells readers whom to reach
stays."""

from __future__ import annotations

import pytest

from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import release

TEXT = (
    "Die Stadtbibliothek Aubach verleiht ab Dezember nicht nur Bücher, sondern auch Saatgut. "
    "In einem umgebauten Karteischrank im Foyer liegen 60 Sorten bereit.\n\n"
    "Die Saatgutbibliothek ist zu den üblichen Öffnungszeiten zugänglich, ein "
    "Bibliotheksausweis ist nicht nötig.\n\n"
)
LAST = "ein Bibliotheksausweis ist nicht nötig."


def text_of(lines: str) -> str:
    raw = raw_release(title="Bibliothek verleiht Saatgut", body_text=TEXT + lines, format="email")
    return normalize(raw, SOURCE).text


def test_the_agency_s_offer_under_the_client_s_release_is_not_published():
    found = release("agentur-rueckfragen-schluss.eml", "de")
    assert found.text.endswith(
        "Für Fragen zum Sortiment steht das Team des Hofladens unter Telefon 03437 555 310 zur "
        "Verfügung."
    )
    assert "stehen wir Ihnen" not in found.text
    assert found.contact == (
        "Mühle Bergmann GmbH\nKatrin Bergmann\nTelefon 03437 555 300\n"
        "presse@muehle-bergmann.example"
    )


@pytest.mark.parametrize(
    "closing",
    [
        "Für Rückfragen stehen wir Ihnen gerne zur Verfügung.",
        "Bei Fragen melden Sie sich gerne.",
        "Für weitere Informationen und Interviewwünsche stehe ich Ihnen jederzeit gern zur "
        "Verfügung.",
        "Sollten Sie Fragen haben, wenden Sie sich gerne an uns.",
        "Please don't hesitate to contact us with any questions.",
        "If you have any questions, please let me know.",
        "Für Rückfragen stehen wir Ihnen gerne zur Verfügung.\n\nBei Fragen melden Sie sich gerne.",
    ],
)
def test_a_closing_offer_of_help_leaves_the_body(closing):
    assert text_of(closing).endswith(LAST)


@pytest.mark.parametrize(
    "sentence",
    [
        "Für Rückfragen steht Bibliotheksleiterin Hanna Petersen unter Telefon 07361 555 230 zur "
        "Verfügung.",
        "Bei Fragen zum Saatgut wenden Sie sich bitte an das Team der Information im Foyer.",
        "Die Bibliothek steht allen Gärtnerinnen und Gärtnern bei Fragen zur Verfügung.",
    ],
)
def test_a_closing_sentence_that_tells_readers_whom_to_ask_stays(sentence):
    assert text_of(sentence).endswith(sentence)


def test_an_offer_of_help_inside_the_release_stays():
    inside = "Bei Fragen melden Sie sich gerne."
    text = text_of(f"{inside}\n\nDie Ausleihe ist kostenlos, Rückgabe bis Ende Oktober.")
    assert inside in text


@pytest.mark.parametrize(
    "closing",
    [
        "Stadtbibliothek Aubach, Hanna Petersen, Telefon 07361 555 230, presse@bibliothek.example"
        "\n\nFür Rückfragen stehen wir Ihnen gerne zur Verfügung.",
        "Für Rückfragen stehen wir Ihnen gerne zur Verfügung.\n\nStadtbibliothek Aubach, Hanna "
        "Petersen, Telefon 07361 555 230, presse@bibliothek.example",
    ],
)
def test_the_offer_beside_the_office_s_closing_line_goes_and_the_line_is_the_contact(closing):
    raw = raw_release(title="Bibliothek verleiht Saatgut", body_text=TEXT + closing, format="email")
    found = normalize(raw, SOURCE)
    assert found.text.endswith(LAST)
    assert found.contact == (
        "Stadtbibliothek Aubach\nHanna Petersen\nTelefon 07361 555 230\npresse@bibliothek.example"
    )
