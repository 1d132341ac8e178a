"""The teaser opens with the release's first paragraph, whatever symbols end it."""

from __future__ import annotations

from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release

SECOND = (
    "Der Nachhaltigkeitsbericht nennt Maßnahmen wie Photovoltaik auf allen Werksdächern und "
    "die Umstellung der Flotte auf Elektroautos."
)


def teaser_of(first: str) -> str:
    body = f"<p>{first}</p><p>{SECOND}</p>"
    return normalize(raw_release(title="Emissionen", body_html=body, format="html"), SOURCE).teaser


def test_an_emoji_after_the_first_paragraph_s_last_sentence_keeps_it_the_teaser():
    first = (
        "Die Stadtwerke haben ihre Emissionen seit 2020 um 30 Prozent gesenkt. Bis 2030 sollen "
        "es 60 Prozent sein."
    )
    assert teaser_of(f"{first} 🌱") == f"{first} 🌱"
    assert teaser_of(f"{first} 👍🏽") == f"{first} 👍🏽"  # with a skin tone
    assert teaser_of(f"{first} ❤️") == f"{first} ❤️"  # with its variation selector


def test_a_subheadline_over_the_text_is_no_teaser_with_an_emoji_after_it():
    assert teaser_of("Gute Nachrichten aus dem Werk 🎉") == SECOND
