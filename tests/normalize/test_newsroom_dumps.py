"""A university's or an agency's newsroom page copied as text: its tags, and a scientist's
contact beside the press office's."""

# ruff: noqa: E501  (the copied page keeps its long lines)

from __future__ import annotations

from tests.normalize.test_pasted_messages import pasted

NEWSROOM = """Hochschule Lindenau
Newsroom

24.11.2026

Neue Messstation erfasst Feinstaub am Stadtring

Ein Team des Instituts für Umwelttechnik hat am Stadtring eine Messstation in Betrieb genommen, die Feinstaub und Stickoxide im Minutentakt misst. Die Daten sind öffentlich einsehbar.

Die Station ergänzt die drei Messpunkte des Landesamts und soll zwei Jahre lang Daten liefern.

Kontakt:
Dr. Mira Okafor
Institut für Umwelttechnik
mira.okafor@hs-lindenau.example

Pressekontakt:
Jonas Feld
Hochschulkommunikation
Telefon 0341 555-2200
presse@hs-lindenau.example

{tags}
"""


def test_a_newsroom_page_gives_its_tags_as_categories_and_keeps_the_scientists_contact_whole():
    found = pasted(NEWSROOM.format(tags="Schlagwörter: Umwelt, Luftqualität, Stadtentwicklung"))
    assert found.categories == ("Umwelt", "Luftqualität", "Stadtentwicklung")
    assert "Schlagwörter" not in found.text
    assert (
        found.contact
        == "Jonas Feld\nHochschulkommunikation\nTelefon 0341 555-2200\npresse@hs-lindenau.example"
    )
    assert found.text.endswith(
        "Kontakt: Dr. Mira Okafor, Institut für Umwelttechnik, mira.okafor@hs-lindenau.example"
    )


def test_hashtags_after_a_tags_label_are_categories_too():
    found = pasted(NEWSROOM.format(tags="Tags: #Umwelt #Messtechnik"))
    assert found.categories == ("Umwelt", "Messtechnik")


def test_a_sentence_after_a_keywords_label_stays_in_the_text():
    found = pasted(
        NEWSROOM.format(
            tags="Stichworte: Die Messstation wurde mit Mitteln des Landes gefördert und bleibt bis 2028 in Betrieb."
        )
    )
    assert found.categories == ()
    assert "Mitteln des Landes gefördert" in found.text
