"""A line or heading that introduces a contact leaves the text with it: in text files, mails and
pages, where the contact is read from the text or from the page's contact box. One that
introduces text of its own stays."""

from __future__ import annotations

import pytest

from tests.normalize.test_plain_layouts import release

POLICE_REPORT = """Unbekannter beschädigt Lieferwagen auf Parkplatz

Pirna, 25.11.2026. Ein Unbekannter hat am Mittwochvormittag auf dem Parkplatz am Elbufer einen \
geparkten Lieferwagen angefahren und ist weitergefahren. Der Schaden wird auf rund 3.500 Euro \
geschätzt.

Zeugen melden sich bitte im Polizeirevier Pirna unter 03501 515-0.

{lead_in}
Polizeidirektion Dresden
Pressestelle
Telefon: 0351 483-2202
E-Mail: presse.pd-dd@polizei.example
"""
POLICE_CONTACT = (
    "Polizeidirektion Dresden\nPressestelle\nTelefon: 0351 483-2202\n"
    "E-Mail: presse.pd-dd@polizei.example"
)
LAST_SENTENCE = "Zeugen melden sich bitte im Polizeirevier Pirna unter 03501 515-0."


@pytest.mark.parametrize(
    "lead_in",
    [
        "Medienauskünfte:",
        "Rückfragen von Journalisten bitte an:",
        "Rückfragen von Journalisten bitte an:\n",
    ],
)
def test_a_line_introducing_the_contact_leaves_the_text_with_it(lead_in):
    found = release(POLICE_REPORT.format(lead_in=lead_in), ".txt")
    assert found.contact == POLICE_CONTACT
    assert found.text.endswith(LAST_SENTENCE)


def test_a_mail_loses_the_line_introducing_its_contact():
    mail = (
        "From: Polizeidirektion Dresden <presse.pd-dd@polizei.example>\n"
        "To: redaktion@portal.example\n"
        "Subject: Unbekannter beschädigt Lieferwagen auf Parkplatz\n"
        "Date: Wed, 25 Nov 2026 14:05:00 +0100\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        + POLICE_REPORT.format(lead_in="Rückfragen von Journalisten bitte an:\n")
    )
    found = release(mail, ".eml")
    assert found.contact == POLICE_CONTACT
    assert found.text.endswith(LAST_SENTENCE)


def test_a_colon_line_over_a_list_before_the_contact_stays():
    report = POLICE_REPORT.format(lead_in="Medienauskünfte:").replace(
        "\n\nMedienauskünfte:",
        "\n\nFür Anfragen von Zeugen gilt:\n- bitte nur telefonisch\n- nicht per E-Mail\n\n"
        "Medienauskünfte:",
    )
    found = release(report, ".txt")
    assert found.contact == POLICE_CONTACT
    assert found.text.endswith(
        LAST_SENTENCE + "\n\nFür Anfragen von Zeugen gilt:\n\n- bitte nur telefonisch\n"
        "- nicht per E-Mail"
    )


def ferry_page(contact_heading: str, under_heading: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Nordsund Ferries orders a hybrid vessel"
        "</title></head><body><main><article class='release'>"
        "<div class='release-meta'><time datetime='2026-11-24T08:00:00+01:00'>24 November "
        "2026 08:00 CET</time></div><h1>Nordsund Ferries orders a hybrid vessel</h1>"
        "<div class='lead'><p><strong>Nordsund Ferries has signed a contract with Kystverft "
        "for a hybrid ferry for the Molde–Vestnes route, worth about NOK 410 million.</strong>"
        "</p></div><div class='body'><p>The ferry will carry 90 cars and 350 passengers and "
        "will charge its batteries at Molde during loading.</p>"
        '<p>"The new ferry halves our fuel use on the route," says CEO Lars Brekke.</p>'
        "<h2>Key figures</h2><ul><li>Length: 96 metres</li><li>Battery: 4.2 MWh</li></ul>"
        "<p>It will enter service in 2028, replacing a diesel vessel built in 1994.</p>"
        f"{under_heading}</div>"
        f"<div class='release-contacts'><h2>{contact_heading}</h2>"
        "<div class='contact'><p class='name'>Ingrid Solberg</p>"
        "<p class='title'>Communications Manager</p><p>+47 915 55 301</p>"
        "<p><a href='mailto:ingrid.solberg@nordsund.example'>ingrid.solberg@nordsund.example"
        "</a></p></div></div>"
        "<div class='about'><h2>About Nordsund Ferries</h2><p>Nordsund Ferries runs nine "
        "ferry routes in Møre og Romsdal and carries 3 million passengers a year.</p></div>"
        "</article></main></body></html>"
    )


@pytest.mark.parametrize("heading", ["For more information, please contact:", "Contacts"])
def test_a_page_loses_the_heading_of_its_contact_box(heading):
    found = release(ferry_page(heading))
    assert found.contact == (
        "Ingrid Solberg\nCommunications Manager\n+47 915 55 301\ningrid.solberg@nordsund.example"
    )
    assert heading not in found.text
    assert "replacing a diesel vessel built in 1994.\n\nAbout Nordsund Ferries" in found.text


def test_a_press_heading_over_text_of_its_own_stays():
    found = release(
        ferry_page(
            "Contacts",
            "<h2>Press enquiries</h2><p>Journalists are welcome on the first sea trial in "
            "March; places on board are limited and given in the order requests arrive.</p>",
        )
    )
    assert "1994.\n\nPress enquiries\n\nJournalists are welcome on the first sea trial" in (
        found.text
    )
