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


COURT_RULING = """Kein Schadensersatz für Sturmschaden an geparktem Wagen

Lüneburg, 26.11.2026. Ein Landkreis haftet nicht für einen Wagen, den ein Sturm mit einem \
gesunden Ast getroffen hat. Das hat die 3. Zivilkammer des Landgerichts Lüneburg entschieden \
(Az. 3 O 88/26).

Das Urteil ist noch nicht rechtskräftig.

{contact}
"""


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "Dr. Jonas Weidemann\nRichter am Landgericht\nPressesprecher\nTel. 04131 202-118",
            "Dr. Jonas Weidemann\nRichter am Landgericht\nPressesprecher\nTel. 04131 202-118",
        ),
        (
            "Prof. Dr. Jonas Weidemann\nPressestelle\nTel. 04131 202-118",
            "Prof. Dr. Jonas Weidemann\nPressestelle\nTel. 04131 202-118",
        ),
        (
            "Pressesprecher\nDr. Jonas Weidemann\nRichter am Landgericht\nTel. 04131 202-118",
            "Pressesprecher\nDr. Jonas Weidemann\nRichter am Landgericht\nTel. 04131 202-118",
        ),
    ],
)
def test_a_court_spokesperson_keeps_their_name_and_title(written, expected):
    found = release(COURT_RULING.format(contact=written), ".txt")
    assert found.contact == expected
    assert found.text.endswith("Das Urteil ist noch nicht rechtskräftig.")
    assert "Weidemann" not in found.text


def test_a_sentence_over_a_spokesperson_stays_in_the_text():
    found = release(
        COURT_RULING.format(
            contact="Fragen beantwortet die Pressestelle des Gerichts.\nPressesprecher\n"
            "Tel. 04131 202-118"
        ),
        ".txt",
    )
    assert found.contact == "Pressesprecher\nTel. 04131 202-118"
    assert found.text.endswith(
        "Das Urteil ist noch nicht rechtskräftig.\n\nFragen beantwortet die Pressestelle des "
        "Gerichts."
    )


def test_a_court_page_keeps_its_spokeswoman_named_over_her_title():
    page = (
        "<html lang='de'><head><title>Kein Schadensersatz für Sturmschaden</title></head><body>"
        "<div id='inhalt'><h1>Kein Schadensersatz für Sturmschaden an geparktem Wagen</h1>"
        "<p>Ein Landkreis haftet nicht für einen Wagen, den ein Sturm mit einem gesunden Ast "
        "getroffen hat. Das hat die 3. Zivilkammer des Landgerichts Lüneburg am 24. November "
        "2026 entschieden (Az. 3 O 88/26).</p><p>Das Urteil ist noch nicht rechtskräftig; die "
        "Berufung zum Oberlandesgericht ist möglich.</p>"
        "<p>Dr. Hanna Seidel<br>Richterin am Landgericht<br>Pressesprecherin<br>"
        "Tel. 04131 202-118</p></div></body></html>"
    )
    found = release(page)
    assert found.contact == (
        "Dr. Hanna Seidel\nRichterin am Landgericht\nPressesprecherin\nTel. 04131 202-118"
    )
    assert found.text.endswith("die Berufung zum Oberlandesgericht ist möglich.")


MINISTRY_RELEASE = """Land fördert zwanzig neue Dorfläden

Schwerin, 25. November 2026. Das Land fördert in diesem Jahr zwanzig neue Dorfläden mit \
zusammen 1,8 Millionen Euro. Die Läden sollen in Orten ohne Supermarkt die Versorgung sichern.

Anträge für das kommende Jahr sind bis zum 31. März möglich.

{label}
Ministerium für Wirtschaft, Infrastruktur,
Tourismus und Arbeit
Pressestelle
Johannes-Stelling-Straße 14
19053 Schwerin
Tel.: 0385 588-15010
"""
MINISTRY_CONTACT = (
    "Ministerium für Wirtschaft, Infrastruktur,\nTourismus und Arbeit\nPressestelle\n"
    "Johannes-Stelling-Straße 14\n19053 Schwerin\nTel.: 0385 588-15010"
)


@pytest.mark.parametrize("label", ["Impressum:", "Kontakt:"])
def test_a_sender_named_on_two_lines_keeps_its_whole_name(label):
    found = release(MINISTRY_RELEASE.format(label=label), ".txt")
    assert found.contact == MINISTRY_CONTACT
    assert found.text.endswith("Anträge für das kommende Jahr sind bis zum 31. März möglich.")
