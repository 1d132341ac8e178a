"""A press contact under 'Weitere Informationen:' leaves the text with its label and keeps its
lines; notes and links under the same label stay in the text."""

from __future__ import annotations

from tests.normalize.test_release_gate import extracted

TEXT = (
    "<h1>5000 Eichen für den Auwald</h1><p>Leipzig, 26.11.2026. Der Naturschutzverband pflanzt "
    "im Auwald 5000 junge Stieleichen. Die Aktion findet mit 300 Freiwilligen statt.</p>"
    "<p>Die Pflanzung beginnt am Samstag um 9 Uhr am Treffpunkt Schleußiger Weg.</p>"
)
LAST_PARAGRAPH = "Die Pflanzung beginnt am Samstag um 9 Uhr am Treffpunkt Schleußiger Weg."


def page(article: str) -> str:
    return f"<html><body><main><article>{article}</article></main></body></html>"


def test_a_contact_in_one_br_block_under_more_information_keeps_its_lines():
    found = extracted(
        page(
            f"{TEXT}<p><strong>Weitere Informationen:</strong><br>Dr. Maria Fiedler, "
            "Pressesprecherin NSV Sachsen<br>Tel. 0341 4940 1111, Mobil 0172 1234567<br>"
            "presse@nsv.example</p>"
        )
    )
    assert found.text.endswith(LAST_PARAGRAPH)
    assert found.contact == (
        "Dr. Maria Fiedler, Pressesprecherin NSV Sachsen\n"
        "Tel. 0341 4940 1111, Mobil 0172 1234567\npresse@nsv.example"
    )


def test_the_label_leaves_with_a_contact_set_one_field_a_line():
    found = extracted(
        page(
            f"{TEXT}<p><strong>Weitere Informationen:</strong><br>Dr. Maria Fiedler<br>"
            "Pressesprecherin<br>Tel. 0341 4940 1111<br>presse@nsv.example</p>"
        )
    )
    assert found.text.endswith(LAST_PARAGRAPH)
    assert (
        found.contact
        == "Dr. Maria Fiedler\nPressesprecherin\nTel. 0341 4940 1111\npresse@nsv.example"
    )


def test_a_media_enquiries_label_leaves_with_its_contact():
    found = extracted(
        page(
            f"{TEXT}<p><strong>Rückfragehinweis für Medien:</strong><br>Amt der Landesregierung"
            "<br>Landespressestelle<br>Tel. +43 5574 511-20135<br>presse@land.example</p>"
        )
    )
    assert found.text.endswith(LAST_PARAGRAPH)
    assert found.contact == (
        "Amt der Landesregierung\nLandespressestelle\nTel. +43 5574 511-20135\npresse@land.example"
    )


def test_links_and_notes_under_more_information_stay_in_the_text():
    notes = (
        "<p><strong>Weitere Informationen:</strong><br>Treffpunkt und Anfahrt unter "
        "www.nsv.example/auwald<br>Anmeldung bis 30. November</p>"
    )
    found = extracted(page(f"{TEXT}{notes}"))
    assert "Weitere Informationen:" in found.text
    assert "Anmeldung bis 30. November" in found.text
