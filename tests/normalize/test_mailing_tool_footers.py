"""A mailing tool's footer with the subscriber's own links (unsubscribe, preferences, profile)
leaves the release, in German and English and as the common tools write it; a release's own
sentences about subscribing or an imprint line stay."""

from __future__ import annotations

import pytest

from tests.normalize.test_mail_layers import mail

GRANTS = (
    "<p>PORTLAND, Maine, Nov. 26, 2026 -- The Harbor Foundation today announced 37 grants "
    "totaling $2.4 million to community organizations across southern Maine.</p>"
    "<p>\u201cThese groups are the backbone of our towns,\u201d said executive director Maria "
    "Lopez.</p>"
)
GRANTS_TEXT = (
    "PORTLAND, Maine, Nov. 26, 2026 -- The Harbor Foundation today announced 37 grants totaling "
    "$2.4 million to community organizations across southern Maine.\n\n\u201cThese groups are "
    "the backbone of our towns,\u201d said executive director Maria Lopez."
)
MC = "https://harborfoundation.us21.list-manage.com"


@pytest.mark.parametrize(
    "footer",
    [
        # Mailchimp: two links side by side, no separator
        f'<p><a href="{MC}/unsubscribe?u=abc&id=def&e=0f1e">unsubscribe from this list</a> '
        f'<a href="{MC}/profile?u=abc&id=def&e=0f1e">update subscription preferences</a></p>',
        f'<p>Want to change how you receive these emails?<br>You can <a href="{MC}/profile?u=a'
        f'">update your preferences</a> or <a href="{MC}/unsubscribe?u=a">unsubscribe from this '
        "list</a>.</p>",
        # Mailchimp in German
        "<p>Möchten Sie ändern, wie Sie diese E-Mails erhalten?<br>Sie können Ihre "
        f'<a href="{MC}/profile?u=a">Einstellungen aktualisieren</a> oder sich '
        f'<a href="{MC}/unsubscribe?u=a">von dieser Liste abmelden</a>.</p>',
        # HubSpot
        '<p><a href="https://hs.example/hs/manage-preferences/unsubscribe?d=Vn">Unsubscribe</a> '
        '<a href="https://hs.example/hs/manage-preferences?d=Vn">Manage preferences</a></p>',
        # CleverReach, rapidmail
        '<p><a href="https://cr.example/f/1-2/wcu/">Abmelden</a> | '
        '<a href="https://cr.example/f/1-2/wcp/">Profil bearbeiten</a> | Impressum</p>',
        '<p><a href="https://t.rapidmail.example/unsubscribe/x">Newsletter abmelden</a> · '
        '<a href="https://t.rapidmail.example/profile/x">Daten ändern</a></p>',
        # Brevo (Sendinblue)
        "<p>Sie haben diese E-Mail erhalten, weil Sie sich für unseren Newsletter angemeldet "
        'haben.</p><p><a href="https://r.brevo.example/unsubscribe/x">Abmelden</a></p>',
    ],
)
def test_a_mailing_tool_s_footer_with_the_subscriber_s_links_leaves_the_release(footer):
    found = mail("Harbor Foundation awards $2.4 million in community grants", GRANTS + footer)
    assert found.text == GRANTS_TEXT
    assert found.links == ()


@pytest.mark.parametrize(
    "line",
    [
        "Anwohner können den Newsletter der Baustelle auf www.talheim.de abonnieren und ihre "
        "Einstellungen jederzeit ändern.",
        "Profil bearbeiten, Einstellungen ändern, abmelden: Das neue Bürgerkonto kann all das "
        "ab Dezember auch in der App.",
    ],
)
def test_a_release_s_own_words_about_subscribing_stay(line):
    found = mail(
        "Harbor Foundation awards $2.4 million in community grants", GRANTS + f"<p>{line}</p>"
    )
    assert found.text == f"{GRANTS_TEXT}\n\n{line}"
