"""A Swiss or Austrian release names its contact 'Auskunft:' or 'Auskünfte:': it is the press
contact, out of the text, its lines kept apart."""

from __future__ import annotations

import pytest

from tests.normalize.test_page_headlines import SOURCE, normalize, read_page

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Medienmitteilung</title>
</head><body><main><article><h1>Gemeinderat beschliesst Budget 2027</h1>
<p>Der Gemeinderat hat am Mittwoch das Budget für das kommende Jahr beschlossen. Es umfasst
Ausgaben von 48 Millionen Franken und sieht keine neuen Schulden vor.</p>
<p>Grösster Posten sind die Investitionen in Schulen mit zusammen 11 Millionen Franken.</p>
{contact}</article></main></body></html>"""
TEXT_END = "Grösster Posten sind die Investitionen in Schulen mit zusammen 11 Millionen Franken."


def release(contact: str):
    return normalize(read_page(PAGE.format(contact=contact)), SOURCE)


@pytest.mark.parametrize(
    ("block", "contact"),
    [
        (
            "<p><strong>Auskunft:</strong> Ursula Keller, Gemeindepräsidentin, "
            "Tel. 044 123 45 67</p>",
            "Ursula Keller, Gemeindepräsidentin, Tel. 044 123 45 67",
        ),
        (
            "<h3>Auskunft</h3><p>Ursula Keller, Gemeindepräsidentin<br>Tel. 044 123 45 67<br>"
            "ursula.keller@gemeinde.example</p>",
            "Ursula Keller, Gemeindepräsidentin\nTel. 044 123 45 67"
            "\nursula.keller@gemeinde.example",
        ),
        (
            "<h3>Auskünfte:</h3><p>Ursula Keller, Gemeindepräsidentin<br>Tel. 044 123 45 67</p>",
            "Ursula Keller, Gemeindepräsidentin\nTel. 044 123 45 67",
        ),
    ],
)
def test_an_auskunft_block_under_the_text_is_the_contact(block, contact):
    found = release(block)
    assert found.contact == contact
    assert found.text.endswith(TEXT_END)


def test_an_auskunft_box_beside_the_text_is_the_contact():
    page = PAGE.format(contact="").replace(
        "</article>",
        '</article><div class="mm-auskunft"><h2>Auskunft:</h2><p>Ursula Keller, '
        "Gemeindepräsidentin, Tel. 044 123 45 67</p></div>",
    )
    found = normalize(read_page(page), SOURCE)
    assert found.contact == "Ursula Keller, Gemeindepräsidentin, Tel. 044 123 45 67"
    assert found.text.endswith(TEXT_END)


def test_a_sentence_that_offers_information_stays_in_the_text():
    sentence = (
        "Auskunft über die Öffnungszeiten der Schulbibliotheken gibt das Schulsekretariat "
        "während der Bürozeiten."
    )
    found = release(f"<p>{sentence}</p>")
    assert found.text.endswith(sentence)
    assert found.contact is None
