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
