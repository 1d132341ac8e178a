"""Mails around a release: forwards of forwards, replies, corrections, notices that a program
or a person sends instead of a release. Only the release is published, and what is no release
is held or refused with the reason."""

from __future__ import annotations

from tests.normalize.test_release_shapes import release


def test_a_forward_of_a_forward_publishes_only_the_original_release():
    found = release("weitergeleitet-zweimal.eml")
    assert found.title == "Musikschule Talheim lädt zum Tag der offenen Tür"
    assert found.slug == "musikschule-talheim-laedt-zum-tag-der-offenen-tuer"
    assert found.text.startswith("Talheim, 27. November 2026. Die Musikschule Talheim öffnet")
    assert found.text.endswith("Der Eintritt ist frei.")
    for forwarding in ("Maren", "Uwe", "magst du", "Forwarded", "Von:", "@freemail", "Betreff"):
        assert forwarding not in found.text, forwarding
    assert found.published_at.isoformat() == "2026-11-27T11:20:00+01:00"  # the original's date
    assert found.contact == "Musikschule Talheim, Carola Winter\nTelefon 07131 889 20"


def test_an_html_forward_of_an_outlook_forward_publishes_only_the_original_release():
    found = release("weitergeleitet-zweimal-html.eml")
    assert found.title == "Talheimer Sportlerehrung im Januar"
    assert found.text.startswith("Talheim, 27. November 2026 – Der Landkreis Talheim ehrt")
    assert found.text.endswith("besonderes ehrenamtliches Engagement.")
    for forwarding in ("Ines", "Bernd", "Ursprüngliche", "Gesendet", "@", "WG:"):
        assert forwarding not in found.text, forwarding
    assert found.published_at.isoformat() == "2026-11-27T14:30:00+01:00"
