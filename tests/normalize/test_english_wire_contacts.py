"""English wire pages' contact boxes as subscribers see them: every contact of the box under
its own label ('Investors', 'Media'), none of their lines left in the body."""

from __future__ import annotations

import pytest

from tests.normalize.test_portal_and_wire_notes import typed
from tests.normalize.test_release_shapes import release

INVESTORS = "Investors\nRaj Menon\nNorwell Grid\nir@norwellgrid.example"
MEDIA = "Media\nChloe Barrett\nFlatiron Public Relations\ncbarrett@flatironpr.example\n303-555-0186"


@pytest.mark.parametrize(
    ("name", "contact"),
    [
        ("businesswire-two-contacts.html", f"{INVESTORS}\n{MEDIA}"),
        ("businesswire-media-first.html", f"{MEDIA}\n{INVESTORS}"),
    ],
)
def test_both_contacts_of_a_business_wire_box_keep_their_labels(name, contact):
    found = release(name, "en")
    assert found.contact == contact
    assert found.text.endswith(
        "Norwell Grid builds and operates battery storage for utilities in the Mountain West."
    )
    for line in ("Raj Menon", "Chloe Barrett", "303-555-0186", "Investors"):
        assert line not in found.text


WIRE_TEXT = (
    "Lakeshore Bio Reports Third Quarter 2026 Results\n\n"
    "SAN DIEGO, Nov. 12, 2026 (GLOBE NEWSWIRE) -- Lakeshore Bio, Inc. (Nasdaq: LKBO) today"
    " reported a net loss of $18.2 million for the third quarter of 2026.\n\n"
    "Cash and investments of $212 million are expected to fund operations into 2029.\n\n"
    "CONTACT: Investor Relations: Priya Shah, ir@lakeshorebio.example, 858-555-0172;"
    " Media: Owen Clarke, media@lakeshorebio.example, 858-555-0173\n"
)


def test_two_labelled_contacts_on_one_line_are_two_entries():
    found = typed(WIRE_TEXT, ".txt", "en")
    assert found.contact == (
        "Investor Relations: Priya Shah, ir@lakeshorebio.example, 858-555-0172\n"
        "Media: Owen Clarke, media@lakeshorebio.example, 858-555-0173"
    )
    assert found.text.endswith("expected to fund operations into 2029.")


COUNCIL_PAGE = """<html lang="en"><head><title>Library hours extended over winter</title>
</head><body><main><h1>Library hours extended over winter</h1>
<p>Published 24 November 2026</p>
<p>Five of the borough's libraries will stay open until 8pm on weekdays from 1 December to
28 February, so that residents can use them as warm spaces after work.</p>
<p>The extra hours cost £38,000 and are paid for from the council's household support fund.</p>
<p>For media enquiries contact the communications team on 01632 960 517 or email
press@ashdown.gov.example.</p>
</main></body></html>"""


def test_a_council_s_sentence_naming_whom_to_call_becomes_their_contact():
    found = typed(COUNCIL_PAGE, ".html", "en")
    assert found.contact == "Communications team\n01632 960 517\npress@ashdown.gov.example"
    assert found.text.endswith("paid for from the council's household support fund.")


def test_a_semicolon_inside_one_contact_s_line_splits_nothing():
    text = WIRE_TEXT.replace(
        "CONTACT: Investor Relations: Priya Shah, ir@lakeshorebio.example, 858-555-0172;"
        " Media: Owen Clarke, media@lakeshorebio.example, 858-555-0173",
        "Media contact: Owen Clarke, Lakeshore Bio; media@lakeshorebio.example; 858-555-0173",
    )
    found = typed(text, ".txt", "en")
    assert found.contact == "Owen Clarke, Lakeshore Bio; media@lakeshorebio.example; 858-555-0173"
