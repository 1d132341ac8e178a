"""A sender's sentences to the editor above a mailed release ('Wir freuen uns, Ihnen folgende
Veranstaltung ankündigen zu dürfen:', 'Über eine Ankündigung in Ihrem Medium würden wir uns
freuen.') go like the greeting: they are neither the release's first paragraph nor its teaser.
A release that opens with such words of its own keeps them."""

from __future__ import annotations

import pytest

from tests.normalize.test_plain_layouts import release

MAIL = """From: Kulturamt Lindenau <kultur@lindenau.example>
To: redaktion@portal.example
Subject: Lesung in der Stadthalle
Date: Tue, 24 Nov 2026 10:12:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Liebe Kolleginnen und Kollegen,

{note}

Lesung in der Stadthalle

Die Schriftstellerin Anna Berg liest am Donnerstag, 10. Dezember, um 19.30 Uhr in der \
Stadthalle Lindenau aus ihrem neuen Roman. Im Anschluss signiert sie Bücher.

Karten gibt es für 18 Euro in der Buchhandlung am Markt und an der Abendkasse.
"""
FIRST = (
    "Die Schriftstellerin Anna Berg liest am Donnerstag, 10. Dezember, um 19.30 Uhr in der "
    "Stadthalle Lindenau aus ihrem neuen Roman. Im Anschluss signiert sie Bücher."
)


@pytest.mark.parametrize(
    "note",
    [
        "wir freuen uns, Ihnen folgende Veranstaltung ankündigen zu dürfen:",
        "Bitte beachten Sie die folgende Pressemitteilung. Über eine Ankündigung in Ihrem Medium "
        "würden wir uns freuen.",
        "Gerne möchten wir Sie auf nachstehenden Termin hinweisen.",
        "We are pleased to share the following announcement with your readers:",
    ],
)
def test_a_note_to_the_editor_above_the_headline_goes(note):
    found = release(MAIL.format(note=note), ".eml")
    assert found.title == "Lesung in der Stadthalle"
    assert found.text.startswith(FIRST)
    assert found.teaser.startswith("Die Schriftstellerin Anna Berg liest")


def test_a_release_that_opens_by_addressing_its_readers_keeps_that_paragraph():
    opening = (
        "Wir freuen uns, Ihnen mitteilen zu können, dass die Stadthalle nach der Sanierung "
        "wieder für Veranstaltungen offen steht."
    )
    mail = MAIL.replace(
        "Liebe Kolleginnen und Kollegen,\n\n{note}\n\nLesung in der Stadthalle\n\n", ""
    )
    found = release(
        mail.replace("Die Schriftstellerin", f"{opening}\n\nDie Schriftstellerin"), ".eml"
    )
    assert found.text.startswith(opening)
