"""Several press contacts under a release, one block per office ('Karen Fox / Alana Johnson,
Headquarters' over 'Gretchen McCartney, JPL'): every one is the contact, in page order."""

from __future__ import annotations

from tests.normalize.test_plain_layouts import release

ARTICLE = (
    "<h1>NASA selects instruments for Europa lander concept study</h1>"
    "<p>NASA has selected four science instruments for further development as part of a "
    "concept study for a potential lander mission to Jupiter's icy moon Europa.</p>"
    "<p>Each instrument team will receive up to $2 million over 18 months to mature its "
    "design.</p>"
)
HEADQUARTERS = (
    "<p><strong>Karen Fox / Alana Johnson</strong><br>Headquarters, Washington<br>"
    "202-358-1600<br><a href='mailto:karen.c.fox@nasa.example'>karen.c.fox@nasa.example</a> / "
    "<a href='mailto:alana.r.johnson@nasa.example'>alana.r.johnson@nasa.example</a></p>"
)
LABORATORY = (
    "<p><strong>Gretchen McCartney</strong><br>Jet Propulsion Laboratory, Pasadena, Calif.<br>"
    "818-393-6215<br><a href='mailto:gretchen.mccartney@jpl.example'>"
    "gretchen.mccartney@jpl.example</a></p>"
)
BOTH = (
    "Karen Fox / Alana Johnson\nHeadquarters, Washington\n202-358-1600\n"
    "karen.c.fox@nasa.example / alana.r.johnson@nasa.example\n"
    "Gretchen McCartney\nJet Propulsion Laboratory, Pasadena, Calif.\n818-393-6215\n"
    "gretchen.mccartney@jpl.example"
)


def page(body: str) -> str:
    return f"<html><head><title>Europa</title></head><body><main>{body}</main></body></html>"


def test_every_contact_box_in_page_order_is_the_contact() -> None:
    found = release(page(f"{ARTICLE}<div class='contacts'>{HEADQUARTERS}{LABORATORY}</div>"))
    assert found.contact == BOTH
    assert "McCartney" not in found.text and "Karen Fox" not in found.text


def test_contact_blocks_closing_the_text_are_all_taken() -> None:
    found = release(page(f"<article>{ARTICLE}<p>-end-</p>{HEADQUARTERS}{LABORATORY}</article>"))
    assert found.contact == BOTH


def test_a_paragraph_over_the_contact_stays_in_the_text() -> None:
    closing = "<p>The agency will decide in 2028 whether to proceed with a full mission.</p>"
    found = release(page(f"<article>{ARTICLE}{closing}{LABORATORY}</article>"))
    assert found.contact == BOTH.split("\n", 4)[4]
    assert found.text.endswith("whether to proceed with a full mission.")
