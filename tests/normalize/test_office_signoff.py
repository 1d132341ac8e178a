"""A press office's sign-off under a US release's end mark ('###'): the pointer to its
newsroom and its fields run together with bars are no text; notes under the mark stay."""

from __future__ import annotations

import pytest

from tests.normalize.test_release_gate import extracted

TEXT = (
    "<h1>Governor Announces $85 Million for Child Care</h1><p>Governor Kathy Hochul today "
    "announced $85 million in awards to expand child care capacity in 28 counties across "
    "Upstate New York.</p><p>Applications for the next round of funding open on January 15, "
    "2027.</p>"
)
LAST_PARAGRAPH = "Applications for the next round of funding open on January 15, 2027."
SIGN_OFF = (
    "<p><strong>Additional news available at</strong> <a href='https://www.governor.ny.gov/"
    "news'>www.governor.ny.gov</a><br>New York State | Executive Chamber | <a href='mailto:"
    "press.office@exec.ny.gov'>press.office@exec.ny.gov</a> | 518.474.8418</p>"
)


def page(article: str, aside: str = "") -> str:
    return f"<html><body><main><article>{article}</article>{aside}</main></body></html>"


def test_the_office_sign_off_under_the_end_mark_becomes_the_contact():
    found = extracted(page(f"{TEXT}<p>###</p>{SIGN_OFF}"))
    assert found.text.endswith(LAST_PARAGRAPH)
    assert found.contact == (
        "New York State\nExecutive Chamber\npress.office@exec.ny.gov\n518.474.8418"
    )


def test_beside_a_contact_box_the_sign_off_leaves_the_text_and_the_box_is_the_contact():
    box = (
        "<div class='contact-block'><h3>Contact the Governor's Press Office</h3><p>NYC Press: "
        "212.681.4640<br>Albany Press: 518.474.8418<br>press.office@exec.ny.gov</p></div>"
    )
    found = extracted(page(f"{TEXT}<p>###</p>{SIGN_OFF}", box))
    assert found.text.endswith(LAST_PARAGRAPH)
    assert "Executive Chamber" not in found.text and "Additional news" not in found.text
    assert found.contact.startswith("Contact the Governor's Press Office\nNYC Press:")


def test_notes_under_the_end_mark_and_a_labelled_line_of_bars_stay():
    notes = (
        "<p>Note to editors: The full list of awards is attached.</p>"
        "<p>Child Care Hotline: Monday to Friday | 8 am to 6 pm | 1-844-863-9314</p>"
    )
    found = extracted(page(f"{TEXT}<p>###</p>{notes}"))
    assert found.text.endswith(
        "Note to editors: The full list of awards is attached.\n\n"
        "Child Care Hotline: Monday to Friday | 8 am to 6 pm | 1-844-863-9314"
    )
    assert found.contact is None


def test_a_mail_s_closing_line_of_office_name_phone_and_mail_is_the_contact():
    from tests.normalize.test_release_shapes import release

    found = release("mail-kontaktzeile-ohne-label.eml", "de")
    assert found.contact == (
        "Pressestelle der Stadt Aubach\nLena Hartmann\nTelefon 07361 555 120\npresse@aubach.example"
    )
    assert found.text.endswith(
        "Wer eine leere Kiste bemerkt, kann sie dem Bürgertelefon unter 07361 555 100 melden."
    )


@pytest.mark.parametrize(
    "last",
    [
        "Anmeldung bei Lena Hartmann, Telefon 07361 555 120, oder per E-Mail an "
        "streugut@aubach.example.",
        "Karten: Bürgerbüro Aubach, Telefon 07361 555 100, karten@aubach.example",
    ],
)
def test_a_closing_sentence_for_readers_that_gives_a_phone_and_mail_stays_text(last):
    from pipeline.normalize import normalize
    from tests.normalize.test_normalize import SOURCE, raw_release

    raw = raw_release(
        title="Stadt Aubach stellt Streugutkisten auf",
        body_text="Der Bauhof stellt in dieser Woche 40 neue Streugutkisten an steilen Straßen "
        f"auf.\n\nLeere Kisten füllt er nach jedem Schneefall wieder auf.\n\n{last}",
        format="email",
    )
    found = normalize(raw, SOURCE)
    assert found.text.endswith(last)
    assert found.contact is None


def test_a_second_person_s_closing_line_stays_beside_the_press_contact():
    from tests.normalize.test_release_shapes import release

    found = release("mail-zwei-kontakte.eml", "de")
    assert found.text.endswith(
        "Wissenschaftlicher Kontakt:\n\nProf. Dr. Ingrid Sommerfeld, Institut für Pflanzenbau, "
        "Tel. 0641 99-37410, ingrid.sommerfeld@uni-hollerbach.example"
    )
    assert found.contact.startswith("Universität Hollerbach, Stabsstelle Kommunikation\n")
