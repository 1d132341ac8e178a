"""A newsroom's call to follow it ('Stay connected', 'Join the conversation about …:' and the
profiles under it) is the sender's page, not the release: it goes whole, and a 'Contacts'
heading whose contact was taken out does not stay over nothing."""

from __future__ import annotations

from tests.normalize.test_portal_and_wire_notes import typed

GOVERNMENT_PAGE = """<html lang="en"><head><title>Funding for rural broadband in Yukon</title>
</head><body><main><h1>Funding for rural broadband in Yukon</h1>
<p>November 20, 2026 — Whitehorse, Yukon</p>
<p>The Government of Canada is investing $22 million to bring high-speed internet to 1,900
households in 14 rural Yukon communities, the Minister of Rural Economic Development announced
today.</p>
<h2>Quick facts</h2>
<ul><li>Construction starts in spring 2027.</li><li>All households are to be connected by
2029.</li></ul>
<h2>Contacts</h2>
<p>For more information (media only), please contact:</p>
<p>Media Relations<br>Innovation, Science and Economic Development Canada<br>343-555-0102<br>
<a href="mailto:media@ised.example">media@ised.example</a></p>
<h2>Stay connected</h2>
<p>Join the conversation about rural connectivity:</p>
<p>X: <a href="https://x.com/ISED_CA">@ISED_CA</a><br>
Facebook: <a href="https://www.facebook.com/ISED.CA">@ISED.CA</a></p>
<h2>Backgrounder</h2>
<p>The Universal Broadband Fund supports projects that bring internet at 50/10 Mbps to rural
and remote communities across Canada.</p>
</main></body></html>"""


def test_a_call_to_follow_and_its_profiles_go_and_no_empty_heading_stays():
    found = typed(GOVERNMENT_PAGE, ".html", "en")
    assert found.text.endswith(
        "All households are to be connected by 2029.\n\nBackgrounder\n\nThe Universal Broadband"
        " Fund supports projects that bring internet at 50/10 Mbps to rural and remote"
        " communities across Canada."
    )
    assert found.contact.startswith("Media Relations\n")
    assert [link.url for link in found.links if "x.com" in link.url or "facebook" in link.url] == []


MAIL = (
    "BRANTFORD, Ontario - The City of Brantford will open its new splash pad at Lions Park on"
    " Saturday, June 6.\n\n"
    "The splash pad is free and open daily from 10 a.m. to 8 p.m. until Labour Day.\n\n"
    "Stay Connected with the City of Brantford:\n"
)


def test_a_mail_closing_with_a_call_to_follow_loses_it():
    found = typed(MAIL, ".txt", "en")
    assert found.text.endswith("open daily from 10 a.m. to 8 p.m. until Labour Day.")


def test_an_invitation_to_join_a_conversation_stays():
    text = MAIL.replace(
        "Stay Connected with the City of Brantford:\n",
        "Join the conversation about the park's future at the open house\n\n"
        "Residents can share ideas for the next phase at the Lions Park pavilion on June 13.\n",
    )
    found = typed(text, ".txt", "en")
    assert "Join the conversation about the park's future at the open house" in found.text
