"""A mail's signature as the release's contact: under a closing greeting in one language or
two ('Mit freundlichen Grüßen / Kind regards'), the sender's whole block, without the company's
register details and the confidentiality notice under it."""

from __future__ import annotations

import pytest

from tests.normalize.test_plain_layouts import release

ENGLISH_RELEASE = """From: Julia Hartwig <julia.hartwig@novagene.example>
To: newsdesk@portal.example
Subject: NovaGene opens research centre in Lindenau
Date: Tue, 24 Nov 2026 10:12:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Lindenau, 24 November 2026 - NovaGene Biosciences today opened its new European research \
centre in Lindenau's science park. The centre will employ up to 150 scientists working on \
RNA-based therapies for rare diseases.

"Lindenau gives us access to outstanding talent," said Dr. Mark Ellison, Chief Scientific \
Officer of NovaGene. The company has invested EUR 38 million in the building.

{closing}

Julia Hartwig
Leiterin Kommunikation

NovaGene Biosciences GmbH
Deutscher Platz 5 | 04103 Leipzig
Sitz der Gesellschaft: Leipzig | Registergericht: Amtsgericht Leipzig HRB 40001
Geschäftsführer: Dr. Mark Ellison, Petra Lindqvist

Der Inhalt dieser E-Mail ist vertraulich und ausschließlich für den bezeichneten Adressaten \
bestimmt.
"""
SIGNATURE = (
    "Julia Hartwig\nLeiterin Kommunikation\nNovaGene Biosciences GmbH\n"
    "Deutscher Platz 5 | 04103 Leipzig"
)


@pytest.mark.parametrize(
    "closing",
    [
        "Mit freundlichen Grüßen / Kind regards",
        "Kind regards | Mit freundlichen Grüßen",
        "Best regards – Beste Grüße",
        "Kind regards,",
        "Mit freundlichen Grüßen",
    ],
)
def test_a_closing_in_one_or_two_languages_starts_the_signature(closing):
    found = release(ENGLISH_RELEASE.format(closing=closing), ".eml")
    assert found.text.endswith("The company has invested EUR 38 million in the building.")
    assert found.contact == SIGNATURE


def test_a_sentence_with_a_slash_between_greetings_is_text():
    line = "We send our regards / Grüße to everyone who visited the open day on Saturday."
    found = release(ENGLISH_RELEASE.format(closing=f"{line}\n\nKind regards"), ".eml")
    assert line in found.text
    assert found.contact == SIGNATURE


ZOO_RELEASE = """From: Ulrike Sander <sander@tierpark.example>
To: redaktion@portal.example
Subject: Nachwuchs bei den Roten Pandas
Date: Tue, 24 Nov 2026 10:12:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Im Tierpark Lindenau sind zwei Rote Pandas zur Welt gekommen. Die Jungtiere sind gesund und \
zeigen sich ab Dezember den Besuchern.

Die Namen der Jungtiere dürfen die Besucher aussuchen: Bis zum 30. November können Vorschläge \
an der Kasse abgegeben werden.

{signature}
"""
ZOO_BLOCK = (
    "Dr. Ulrike Sander\nDirektorin\nTierpark Lindenau gGmbH\nAm Auwald 1 | 04178 Lindenau\n"
    "Tel.: +49 341 555 3300"
)


@pytest.mark.parametrize(
    "signature",
    [
        f"Herzliche Grüße aus dem Tierpark\nUlrike Sander\n\n-- \n{ZOO_BLOCK}",
        f"Herzliche Grüße aus dem Tierpark\nUlrike Sander\n\n--\n{ZOO_BLOCK}",
        f"Herzliche Grüße aus dem Tierpark\nUlrike Sander\n\n{ZOO_BLOCK}",
        f"-- \n{ZOO_BLOCK}\n\nGeschäftsführerin: Dr. Ulrike Sander | Amtsgericht Leipzig HRB 12345",
    ],
)
def test_a_signature_after_the_delimiter_is_the_contact_naming_its_sender_once(signature):
    found = release(ZOO_RELEASE.format(signature=signature), ".eml")
    assert found.text.endswith("an der Kasse abgegeben werden.")
    assert found.contact == ZOO_BLOCK


def test_a_signed_name_that_differs_from_the_block_s_first_name_stays():
    signature = f"Herzliche Grüße\nTim Berger\n\n{ZOO_BLOCK}"
    found = release(ZOO_RELEASE.format(signature=signature), ".eml")
    assert found.contact == f"Tim Berger\n{ZOO_BLOCK}"


READING = """From: Kulturamt <kultur@lindenau.example>
To: redaktion@portal.example
Subject: Lesung in der Stadthalle
Date: Mon, 23 Nov 2026 16:44:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Die Schriftstellerin Anna Berg liest am Donnerstag, 10. Dezember, um 19.30 Uhr in der \
Stadthalle Lindenau aus ihrem neuen Roman. Im Anschluss signiert sie Bücher.

Mit freundlichen Grüßen
im Auftrag

Sabine Krause
{between}Pressestelle Kultur
Telefon 0341 555 4100
kultur@lindenau.example
"""
OFFICE_CONTACT = "Pressestelle Kultur\nTelefon 0341 555 4100\nkultur@lindenau.example"


def test_the_whole_block_under_the_greeting_is_the_contact_with_name_and_office():
    found = release(READING.format(between="Kulturamt der Stadt Lindenau\n"), ".eml")
    assert found.contact == f"Sabine Krause\nKulturamt der Stadt Lindenau\n{OFFICE_CONTACT}"
    found = release(READING.format(between=""), ".eml")
    assert found.contact == f"Sabine Krause\n{OFFICE_CONTACT}"


def test_a_sentence_between_the_name_and_the_office_is_no_part_of_the_contact():
    sentence = "Ich bin bis Freitag im Urlaub, bitte wenden Sie sich an meine Kollegen.\n\n"
    found = release(READING.format(between=sentence), ".eml")
    assert found.contact == OFFICE_CONTACT
