"""English wire pages' contact boxes as subscribers see them: every contact of the box under
its own label ('Investors', 'Media'), none of their lines left in the body."""

from __future__ import annotations

import pytest

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
