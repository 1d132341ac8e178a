"""What a portal prints under a release copied as text: a share label, a wire's list of the
sender's other reports."""

# ruff: noqa: E501  (the copied pages keep their long lines)

from __future__ import annotations

from tests.normalize.test_pasted_messages import pasted

RELEASE = """Stadtbibliothek verlängert Öffnungszeiten

Ab dem 1. Dezember 2026 öffnet die Stadtbibliothek montags bis freitags bis 20 Uhr. Damit reagiert die Stadt auf den Wunsch vieler Berufstätiger nach längeren Öffnungszeiten.

Die zusätzlichen Stunden werden mit zwei neuen Teilzeitstellen abgedeckt, die der Stadtrat im Oktober beschlossen hat.
"""


def test_a_share_label_under_the_release_is_dropped():
    found = pasted(RELEASE + "\nDiesen Beitrag teilen:\nFacebook Twitter E-Mail\n")
    assert found.text.endswith("die der Stadtrat im Oktober beschlossen hat.")


def test_a_wires_list_of_the_senders_other_reports_ends_the_release():
    found = pasted(
        RELEASE
        + "\nWeitere Meldungen: Polizeiinspektion Kelheim\nAlle Meldungen\nMeldung versenden\n"
    )
    assert found.text.endswith("die der Stadtrat im Oktober beschlossen hat.")
    found = pasted(RELEASE + "\nMore news: City of Oakdale\n")
    assert found.text.endswith("die der Stadtrat im Oktober beschlossen hat.")


def test_a_sentence_about_sharing_or_further_reports_stays():
    found = pasted(
        RELEASE + "\nDie Bibliothek will ihr Wissen teilen und lädt zu offenen Abenden ein.\n\n"
        "Weitere Meldungen: Die Stadt informiert im Januar über die ersten Erfahrungen mit den neuen Zeiten und über die Nutzerzahlen, die sie bis dahin gesammelt hat.\n"
    )
    assert "Die Bibliothek will ihr Wissen teilen" in found.text
    assert found.text.endswith("die sie bis dahin gesammelt hat.")
