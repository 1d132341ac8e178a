"""Where a press contact starts and ends: a contact set at the top of a text over the headline,
a sender's profile under the text beside a wire's contact box, an office's sign-off under
'Ends', a contact card under the text with links to the sender's profiles."""

from __future__ import annotations

import pytest

from tests.extract.test_page_dates import release_of_page
from tests.normalize.test_plain_layouts import release

TOP_CONTACT = """FOR IMMEDIATE RELEASE

Media Contact:
Dana Whitfield
Communications Manager
Riverbend Parks Conservancy
(614) 555-0142
dwhitfield@riverbendparks.example

RIVERBEND PARKS CONSERVANCY OPENS MOBILE NATURE LAB FOR SCHOOLS

Converted bus will visit 40 elementary schools in its first year

COLUMBUS, Ohio, March 3, 2027 -- The Riverbend Parks Conservancy today opened a mobile nature \
lab that brings microscopes, live specimens and a naturalist to schools across Franklin County.

The lab was paid for by a $480,000 grant from the Ohio Environmental Education Fund.

"Every child should get to look at pond water under a microscope," said executive director \
Tomas Reyes.
"""
TOP_CONTACT_LINES = (
    "Dana Whitfield\nCommunications Manager\nRiverbend Parks Conservancy\n(614) 555-0142\n"
    "dwhitfield@riverbendparks.example"
)
TOP_CONTACT_LEAD = (
    "COLUMBUS, Ohio, March 3, 2027 -- The Riverbend Parks Conservancy today opened a mobile "
    "nature lab that brings microscopes, live specimens and a naturalist to schools across "
    "Franklin County."
)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_contact_over_the_headline_ends_at_its_blank_line(suffix):
    found = release(TOP_CONTACT, suffix)
    assert found.contact == TOP_CONTACT_LINES
    assert found.title == "RIVERBEND PARKS CONSERVANCY OPENS MOBILE NATURE LAB FOR SCHOOLS"
    assert found.text.startswith(
        "Converted bus will visit 40 elementary schools in its first year\n\n" + TOP_CONTACT_LEAD
    )
    assert found.text.endswith("said executive director Tomas Reyes.")
    assert not found.errors


def test_a_mailed_release_keeps_its_lead_under_a_contact_at_the_top():
    mail = (
        "From: Dana Whitfield <dwhitfield@riverbendparks.example>\nTo: news@portal.example\n"
        "Subject: Riverbend Parks Conservancy opens mobile nature lab for schools\n"
        "Date: Wed, 03 Mar 2027 09:00:00 -0500\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + TOP_CONTACT
    )
    found = release(mail, ".eml")
    assert found.contact == TOP_CONTACT_LINES
    assert TOP_CONTACT_LEAD in found.text


def test_a_contact_given_one_field_a_paragraph_still_runs_to_its_address():
    found = release(
        "Mobile lab visits its first school\n\nContact:\n\nDana Whitfield\n\n"
        "Phone: (614) 555-0142\n\nThe lab stops at Weinland Park Elementary on Monday and "
        "stays for three days, then moves on to Linden STEM Academy on Thursday morning.\n",
        ".txt",
    )
    assert found.contact == "Dana Whitfield\nPhone: (614) 555-0142"
    assert found.text.startswith("The lab stops at Weinland Park Elementary on Monday")


BW_PAGE = """<html lang="en"><head><title>Norrland Batteries Opens Plant | Business Wire</title>
</head><body><article><h1>Norrland Batteries Opens Cell Plant in Kentucky</h1>
<div class="bw-release-story">
<p>BOWLING GREEN, Ky.--(BUSINESS WIRE)--Norrland Batteries AB today opened a battery cell plant \
in Warren County, its first outside Sweden.</p>
<p>The plant will make cells for electric buses and employ 600 people by 2029.</p>
<p><b>About Norrland Batteries</b></p>
<p>Norrland Batteries, based in Umeå, Sweden, makes battery cells for heavy vehicles. \
Learn more at <a href="https://www.norrland.example/">www.norrland.example</a>.</p>
</div>
<div class="bw-release-contact"><h3>Contacts</h3><p>Media:<br>Elin Berg<br>+46 90 555 01 77<br>\
<a href="mailto:elin.berg@norrland.example">elin.berg@norrland.example</a></p></div>
</article></body></html>"""


def test_a_wire_contact_box_is_the_contact_and_the_about_section_stays_in_the_text():
    found = release(BW_PAGE)
    assert found.contact == (
        "Contacts\nMedia:\nElin Berg\n+46 90 555 01 77\nelin.berg@norrland.example"
    )
    assert found.text.endswith(
        "About Norrland Batteries\n\nNorrland Batteries, based in Umeå, Sweden, makes battery "
        "cells for heavy vehicles. Learn more at www.norrland.example."
    )


def test_a_signature_under_the_text_is_still_the_contact_without_a_contact_box():
    story = BW_PAGE.split("</div>")[0]
    page = story + (
        "<p>Elin Berg<br>Norrland Batteries AB<br>+46 90 555 01 77</p>"
        "</div></article></body></html>"
    )
    found = release(page)
    assert found.contact == "Elin Berg\nNorrland Batteries AB\n+46 90 555 01 77"
    assert "About Norrland Batteries" in found.text


ENDS_TEXT = """Library opening hours extended over winter

Central Library will open until 9pm on weekdays from 1 December, Leeds City Council said today.

Councillor Mary Harland said: "Warm, quiet space matters more than ever this winter."

Ends

Leeds City Council Press Office
0113 555 4321
press.office@leeds.gov.uk.example
"""
ENDS_CONTACT = "Leeds City Council Press Office\n0113 555 4321\npress.office@leeds.gov.uk.example"


def test_an_office_signing_under_ends_is_the_contact_with_its_name():
    found = release(ENDS_TEXT, ".txt")
    assert found.contact == ENDS_CONTACT
    assert found.text.endswith('"Warm, quiet space matters more than ever this winter."')


def test_an_office_signing_under_ends_on_a_page_is_the_contact_with_its_name():
    paragraphs = ENDS_TEXT.strip().split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs[1:-1])
    office, phone, mail = paragraphs[-1].split("\n")
    page = (
        f"<html><head><title>{paragraphs[0]}</title></head><body><h1>{paragraphs[0]}</h1>"
        f"{body}<p>{office}<br>{phone}<br><a href='mailto:{mail}'>{mail}</a></p></body></html>"
    )
    found = release(page)
    assert found.contact == ENDS_CONTACT
    assert "0113 555 4321" not in found.text


def test_a_sentence_naming_a_press_office_stays_in_the_text():
    text = ENDS_TEXT.replace(
        "Ends\n\n",
        "Visitors with questions can call the Library Press Office\n0113 555 4000\n\nEnds\n\n",
    )
    found = release(text, ".txt")
    assert "Visitors with questions can call the Library Press Office" in found.text
    assert found.contact == ENDS_CONTACT


EIN_PAGE = """<html lang="en"><head><title>Cedar Hollow Food Bank Serves Millionth Meal \
- EIN Presswire</title></head><body><div class="article_column">
<h1>Cedar Hollow Food Bank Serves Millionth Meal</h1>
<p>ASHEVILLE, NC, UNITED STATES, January 12, 2027 /EINPresswire.com/ -- Cedar Hollow Food Bank \
served its millionth meal on Saturday at its Haywood Road pantry.</p>
<p>The food bank will keep its pantry open late every Friday through March 2027.</p>
<p>"A million meals is a million evenings someone did not go hungry," said director Ruth Okafor.</p>
<p>Ruth Okafor<br>Cedar Hollow Food Bank<br>+1 828-555-0190<br>\
<a href="mailto:ruth@cedarhollow.example">email us here</a><br>Visit us on social media:<br>\
<a href="https://www.facebook.com/cedarhollow">Facebook</a><br>\
<a href="https://www.instagram.com/cedarhollow">Instagram</a><br>\
<a href="https://www.linkedin.com/company/cedarhollow">LinkedIn</a><br>\
<a href="https://www.youtube.com/@cedarhollow">YouTube</a></p>
<div class="legal_disclaimer">Legal Disclaimer:<br>EIN Presswire provides this news content \
"as is" without warranty of any kind.</div>
<div class="more_news"><h3>You just read:</h3><p>Cedar Hollow Food Bank Serves Millionth Meal</p>\
<h3>Distribution channels:</h3><p><a href="/channel/charity">Charity</a></p></div>
</div></body></html>"""


def test_a_contact_card_with_many_profile_links_keeps_its_name():
    found = release(EIN_PAGE)
    assert found.contact == (
        "Ruth Okafor\nCedar Hollow Food Bank\n+1 828-555-0190\nruth@cedarhollow.example"
    )
    assert found.text.endswith("said director Ruth Okafor.")


GOVERNMENT_PAGE = """<html lang="en"><head>
<title>Clean water funding for Prairie communities</title>
</head><body><main><h1>Clean water funding for Prairie communities</h1>
<p>REGINA, Saskatchewan, February 8, 2027 — The Government of Canada today announced $42 million \
for water treatment plants in six First Nations communities in Saskatchewan.</p>
<p>Construction will start in spring 2027 and finish by the end of 2028.</p>
<h2>Contacts</h2>
<p>For more information (media only), please contact:</p>
<p>Marie Tremblay<br>Press Secretary<br>Office of the Minister of Indigenous Services<br>\
873-555-0144</p>
<p>Media Relations<br>Indigenous Services Canada<br>819-555-0177<br>media@isc.gc.ca.example</p>
<h2>Stay connected</h2>
<p>Join the conversation about Indigenous peoples in Canada: Twitter: @GCIndigenous</p>
<h3>Email Alerts</h3><p>Sign up to receive the latest news releases by email.</p>
</main></body></html>"""


def test_a_page_invitation_to_follow_it_or_sign_up_is_no_part_of_the_contact():
    found = release(GOVERNMENT_PAGE)
    assert found.contact == (
        "Marie Tremblay\nPress Secretary\nOffice of the Minister of Indigenous Services\n"
        "873-555-0144\nMedia Relations\nIndigenous Services Canada\n819-555-0177\n"
        "media@isc.gc.ca.example"
    )
    assert "Join the conversation" not in found.text and "@GCIndigenous" not in found.text
    assert "Email Alerts" not in (found.contact or "")


def test_a_contact_field_labelled_email_stays_in_the_contact():
    found = release(
        "Water plant opens in Piapot\n\nThe plant serves 900 residents and replaces a boil-water "
        "advisory that lasted eleven years, the band council said on Monday morning.\n\n"
        "Media contact:\nMarie Tremblay\nPhone: 873-555-0144\nEmail:\nmedia@isc.gc.ca.example\n",
        ".txt",
    )
    assert found.contact == ("Marie Tremblay\nPhone: 873-555-0144\nEmail: media@isc.gc.ca.example")


MINISTRY_PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Kultusminister
stellt Programm vor</title></head><body><main><article><h1>Kultusminister stellt Programm vor</h1>
<p>Dresden. Kultusminister Conrad Clemens hat am Mittwoch ein Programm vorgestellt, mit dem der
Freistaat bis 2030 zusätzlich 1.200 Lehrkräfte für den ländlichen Raum gewinnen will.</p>
<p>„Wir müssen dort ansetzen, wo der Mangel am größten ist“, sagte Clemens. Das Programm richtet
sich an Referendarinnen und Referendare ebenso wie an Seiteneinsteiger.</p>
<div class="pm-kontakt"><h3>Pressekontakt</h3><p>Sächsisches Staatsministerium für Kultus<br>
Pressesprecher: Dirk Reelfs<br>Telefon: +49 351 564-65030<br>E-Mail: presse@smk.example</p></div>
{stand}</article></main></body></html>"""
MINISTRY_CONTACT = (
    "Sächsisches Staatsministerium für Kultus\nPressesprecher: Dirk Reelfs\n"
    "Telefon: +49 351 564-65030\nE-Mail: presse@smk.example"
)


@pytest.mark.parametrize(
    "stand", ["", '<p class="stand">Stand: 25.11.2026 | aktualisiert am 26.11.2026</p>']
)
def test_a_contact_box_keeps_its_office_and_its_spokesperson_s_role(stand):
    found = release_of_page(MINISTRY_PAGE.format(stand=stand))
    assert found.contact == MINISTRY_CONTACT
    assert found.text.endswith("ebenso wie an Seiteneinsteiger.")


def test_the_page_s_stand_line_under_the_contact_box_dates_the_release():
    found = release_of_page(
        MINISTRY_PAGE.format(
            stand='<p class="stand">Stand: 25.11.2026 | aktualisiert am 26.11.2026</p>'
        )
    )
    assert (found.published_at.date().isoformat(), found.published_date_only) == (
        "2026-11-25",
        True,
    )
    assert "Stand" not in found.contact and "Stand" not in found.text


def test_a_spokesperson_s_role_alone_still_opens_the_contact():
    found = release_of_page(
        MINISTRY_PAGE.format(stand="").replace("<h3>Pressekontakt</h3>", "")
        .replace("Sächsisches Staatsministerium für Kultus<br>", "")
    )  # fmt: skip
    assert found.contact == "Dirk Reelfs\nTelefon: +49 351 564-65030\nE-Mail: presse@smk.example"
