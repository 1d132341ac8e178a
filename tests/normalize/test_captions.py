"""Captions and credits as wires and press offices write them: the credit is the name alone,
and a wire's note on using the picture is no part of the caption."""

from __future__ import annotations

import pytest

from pipeline.normalize.captions import credit_name, split_credit
from tests.normalize.test_release_shapes import release


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "Die neuen Linien. Bild: Land Salzach/Neumayr",
            ("Die neuen Linien.", "Land Salzach/Neumayr"),
        ),
        (
            "Das Büro in München. (PRNewsfoto/Veltrona Inc.)",
            ("Das Büro in München.", "Veltrona Inc."),
        ),
        ("Centre in Kelowna. (Photo: Cedarline Inc.)", ("Centre in Kelowna.", "Cedarline Inc.")),
        ("Ohne Angabe eines Urhebers.", ("Ohne Angabe eines Urhebers.", "")),
    ],
)
def test_a_credit_at_the_caption_s_end_is_split_off(caption, expected):
    assert split_credit(caption) == expected


def test_a_credit_loses_its_label():
    assert credit_name("Bildrechte: Hanseatische Fährlinien GmbH") == "Hanseatische Fährlinien GmbH"


def test_news_aktuell_s_usage_note_leaves_the_caption_and_the_date_beside_a_button_counts():
    found = release("presseportal-firma.html")
    [photo] = found.media
    assert photo.caption == "Die neue Elektrofähre „Finkenwerder“ bei einer Testfahrt auf der Elbe."
    assert found.published_at.isoformat() == "2026-11-25T10:30:00+01:00"  # '… Folgen'


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "Stena Harmony arriving at Harwich. © Stena-Hart Ferries Download License: Use for "
            "journalistic and editorial purposes",
            ("Stena Harmony arriving at Harwich. © Stena-Hart Ferries", "Use for journalistic "
             "and editorial purposes"),
        ),
        (
            "Verlegung einer Fernwärmeleitung. Lizenz: Creative Commons Namensnennung 4.0 · "
            "Fotograf: Stadtwerke Lüneburg",
            ("Verlegung einer Fernwärmeleitung. Fotograf: Stadtwerke Lüneburg",
             "Creative Commons Namensnennung 4.0"),
        ),
        ("Die neue Fähre im Hafen. Foto: Stadt Grimma", ("Die neue Fähre im Hafen. Foto: Stadt "
         "Grimma", "")),
    ],
)  # fmt: skip
def test_a_licence_in_the_caption_becomes_the_picture_s_licence(caption, expected):
    from pipeline.normalize.captions import split_license

    assert split_license(caption) == expected


def test_the_portrait_in_a_contact_person_s_box_is_no_press_photo():
    from pipeline.normalize import normalize
    from tests.normalize.test_page_headlines import HEADLINE, PAGE, SOURCE, read_page

    box = (
        "<div class='contact-person'><img src='https://x.example/contact_jharris.jpg' "
        "alt='James Harris'><div><h3>James Harris</h3><p>Press contact</p><p>+44 1255 555 210"
        "</p></div></div>"
    )
    page = PAGE.format(title=HEADLINE, og=HEADLINE, h1=HEADLINE).replace(
        "</article>", f"{box}</article>"
    )
    assert normalize(read_page(page), SOURCE).media == ()
