"""Whom a press contact names: the signer of a mail under 'Im Auftrag' with the office's phone
and e-mail under a long letterhead, a spokesperson named with a title and a job over or under
the name, and a sender's whole name under a label it shares with the imprint."""

from __future__ import annotations

import pytest

from tests.normalize.test_plain_layouts import release

SIGNED_FOR_THE_OFFICE = """From: "Pressestelle Landkreis Talheim" <presse@lk-talheim.example>
To: redaktion@portal.example
Subject: Kreisstraße K 7412 ab Montag wieder frei
Date: Tue, 24 Nov 2026 10:12:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Kreisstraße K 7412 ab Montag wieder frei

Talheim, 24. November 2026

Die Sanierung der Kreisstraße K 7412 zwischen Oberau und Talheim ist abgeschlossen. Ab Montag, \
30. November, ist die Strecke wieder für den gesamten Verkehr freigegeben.

Der Landkreis hat rund 1,2 Millionen Euro in die neue Fahrbahndecke und zwei Bushaltestellen \
investiert.

Mit freundlichen Grüßen
{mark}

Sabine Rothmund
Pressesprecherin

Landkreis Talheim
Landratsamt
Büro des Landrats
Presse- und Öffentlichkeitsarbeit
Schlossplatz 3
74821 Talheim

Telefon: 07261 84-1020
E-Mail: presse@lk-talheim.example
Internet: www.lk-talheim.example

Folgen Sie uns auch auf Instagram und Mastodon!
"""
SIGNER_CONTACT = (
    "Sabine Rothmund\nPressesprecherin\nLandkreis Talheim\nLandratsamt\nBüro des Landrats\n"
    "Presse- und Öffentlichkeitsarbeit\nSchlossplatz 3\n74821 Talheim\nTelefon: 07261 84-1020\n"
    "E-Mail: presse@lk-talheim.example\nInternet: www.lk-talheim.example"
)


@pytest.mark.parametrize("mark", ["Im Auftrag", "i. A.", "i.A."])
def test_a_mail_signed_for_the_office_gives_the_signer_with_phone_and_mail(mark):
    found = release(SIGNED_FOR_THE_OFFICE.format(mark=mark), ".eml")
    assert found.contact == SIGNER_CONTACT
    assert found.text.endswith("zwei Bushaltestellen investiert.")
    assert not found.errors


def test_a_signer_marked_on_the_name_line_is_named_without_the_mark():
    mail = SIGNED_FOR_THE_OFFICE.format(mark="").replace(
        "\n\nSabine Rothmund", "i. A. Sabine Rothmund"
    )
    assert release(mail, ".eml").contact == SIGNER_CONTACT


def test_a_signature_ends_where_its_lines_stop_giving_an_address():
    mail = SIGNED_FOR_THE_OFFICE.format(mark="Im Auftrag").replace(
        "\nTelefon: 07261 84-1020\nE-Mail: presse@lk-talheim.example\n"
        "Internet: www.lk-talheim.example\n",
        "\nBesuchszeiten: Montag bis Freitag\nBitte vereinbaren Sie einen Termin\n",
    )
    found = release(mail, ".eml")
    assert found.contact == (
        "Sabine Rothmund\nPressesprecherin\nLandkreis Talheim\nLandratsamt\nBüro des Landrats\n"
        "Presse- und Öffentlichkeitsarbeit\nSchlossplatz 3\n74821 Talheim"
    )
