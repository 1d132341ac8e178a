"""Links: absolute, http(s) only, without tracking parameters."""

from __future__ import annotations

import pytest

from pipeline.normalize import normalize
from pipeline.normalize.links import clean_url, split_bare_urls, strip_tracking
from tests.normalize.test_normalize import SOURCE, raw_release


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://example.org/a?utm_source=x&utm_medium=y", "https://example.org/a"),
        ("https://example.org/a?id=7&fbclid=abc&gclid=d", "https://example.org/a?id=7"),
        (
            "https://example.org/a?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&page=2",
            "https://example.org/a?page=2",
        ),
        ("https://example.org/a?x=1#teil-2", "https://example.org/a?x=1#teil-2"),
        ("www.leipzig.de/rathaus/", "https://www.leipzig.de/rathaus/"),
        ("//cdn.example.org/x", "https://cdn.example.org/x"),
        ("HTTP://Example.org/", "http://Example.org/"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("ftp://example.org/file", None),
        ("mailto:presse@example.org", None),
        ("#anker", None),
        ("/relativ", None),
        ("", None),
    ],
)
def test_clean_url(href, expected):
    assert clean_url(href) == expected


def test_relative_links_resolve_against_base():
    base = "https://www.example.org/presse/2026/meldung.html"
    assert clean_url("../bilder/a.jpg", base) == "https://www.example.org/presse/bilder/a.jpg"
    assert clean_url("/kontakt?utm_campaign=x", base) == "https://www.example.org/kontakt"


def test_mailto_only_when_allowed():
    assert clean_url("mailto:presse@example.org", allow_mailto=True) == "mailto:presse@example.org"


def test_strip_tracking_keeps_other_parameters_in_order():
    url = "https://example.org/s?b=2&utm_term=x&a=1&pk_campaign=y"
    assert strip_tracking(url) == "https://example.org/s?b=2&a=1"
    assert strip_tracking("https://example.org/s") == "https://example.org/s"


def test_bare_urls_become_links_without_sentence_punctuation():
    pieces = split_bare_urls("Mehr unter www.leipzig.de/vietnam/. Oder (https://example.org/a).")
    assert pieces == [
        ("Mehr unter ", None),
        ("www.leipzig.de/vietnam/", "https://www.leipzig.de/vietnam/"),
        (". Oder (", None),
        ("https://example.org/a", "https://example.org/a"),
        (").", None),
    ]


def test_shown_url_loses_tracking_too():
    pieces = split_bare_urls("Siehe https://example.org/x?utm_source=nl&id=3 heute")
    assert pieces[1] == ("https://example.org/x?id=3", "https://example.org/x?id=3")


def test_url_with_parentheses_keeps_them():
    url = "https://de.wikipedia.org/wiki/Leipzig_(Begriffsklärung)"
    assert split_bare_urls(url) == [(url, url)]


def test_text_without_urls_is_one_piece():
    assert split_bare_urls("Kein Link hier, nur www und http.") == [
        ("Kein Link hier, nur www und http.", None)
    ]


def test_a_wire_service_s_click_counter_gives_way_to_the_link_s_own_target():
    from pipeline.normalize.links import clean_url

    counted = (
        "https://cts.businesswire.com/ct/CT?id=smartlink&url=https%3A%2F%2Fkeystone.example"
        "%2Fnews%3Futm_source%3Dbw&esheet=1"
    )
    assert clean_url(counted) == "https://keystone.example/news"
    assert clean_url("https://c212.net/c/link/?t=0&u=https%3A%2F%2Fwww.nahi.example%2Fs") == (
        "https://www.nahi.example/s"
    )
    # only a web address is followed: a counter pointing elsewhere stays as it is
    assert clean_url("https://c212.net/c/link/?u=javascript%3Aalert(1)").startswith(
        "https://c212.net/"
    )


def test_a_mailing_tool_s_click_counter_gives_way_to_the_link_s_own_target():
    from pipeline.normalize.links import clean_url

    cleverreach = (
        "https://seu2.cleverreach.example/c/4711/2839-1?u=https%3A%2F%2Fwww.gifhorn.example%2Fr"
    )
    assert clean_url(cleverreach) == "https://www.gifhorn.example/r"
    # rapidmail writes the target into its path, in base64
    rapidmail = (
        "https://t.rapidmail.example/click/a1b2c3/aHR0cHM6Ly93d3cuaHdrLmV4YW1wbGUva29uanVua3R1cg"
    )
    assert clean_url(rapidmail) == "https://www.hwk.example/konjunktur"
    # Google's redirect and Outlook's SafeLinks; Google's search stays a search
    google = "https://www.google.com/url?q=https://www.lk-musterland.example/rufbus&sa=D"
    assert clean_url(google) == "https://www.lk-musterland.example/rufbus"
    safe = "https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.gw.example%2Fn"
    assert clean_url(safe) == "https://www.gw.example/n"
    search = "https://www.google.com/search?q=https%3A%2F%2Fx.example"
    assert clean_url(search) == search
    # a counter whose target is unknown (an account id, no address) stays as it is
    mailchimp = "https://x.us21.list-manage.example/track/click?u=8f2a&id=77c1"
    assert clean_url(mailchimp) == mailchimp
    # a page's own query parameter named 'url' on a site that is no counter is left alone
    assert clean_url("https://www.stadt.example/suche?url=https%3A%2F%2Fa.example") == (
        "https://www.stadt.example/suche?url=https%3A%2F%2Fa.example"
    )


def test_a_counter_that_hides_its_target_links_to_the_address_its_text_shows():
    from pipeline.normalize.links import shown_target

    tracker = "https://www.globenewswire.example/Tracker?data=abc123XYZ"
    assert shown_target(tracker, "www.aurorabio.example") == "https://www.aurorabio.example"
    counted = "https://t.mailtool.example/click?id=77c1"
    assert shown_target(counted, " https://www.hwk.example/konjunktur. ") == (
        "https://www.hwk.example/konjunktur"
    )
    # words are no address, and a page's own link says nothing about a counter
    assert shown_target(tracker, "Aurora website") == tracker
    page = "https://www.stadt.example/bauen/baustellen.php"
    assert shown_target(page, "www.stadt.example/baustellen") == page
    # an 'l' parameter that holds an address is the counter's target
    assert clean_url(
        "https://t.rapidmail.example/click?u=abc&l=https%3A%2F%2Fwww.k.example%2Fp"
    ) == ("https://www.k.example/p")


MAIL_WITH_COUNTERS = (
    "<p>The first free Sunday is on 3 January. Details are available at <a href="
    "'https://sendibt3.com/tr/cl/AbCdEf0123456789'>harbourarts.org.uk/first-sundays</a>.</p>"
    "<p>Residents can report a pothole at <a href='https://kingsbridgedc.createsend1.com/t/"
    "r-l-tldkhyt-l-y/'>kingsbridge.gov.uk/potholes</a> or read the plan on <a href='https://"
    "d2v8tf04.na1.hubspotlinks.com/Ctc/5G+113/d2v8tf04/VWc1Mx5Q'>www.kingsbridge.gov.uk</a>.</p>"
    "<p>The full programme is on the <a href='https://trust.us21.list-manage.com/track/click?"
    "u=8a1b2c&id=a1b2c3&e=3f9a1c2b7d'>trust's website</a>; the annual report is <a href="
    "'https://cdn.harbourarts.org.uk/files/annual-report.pdf'>annual-report.pdf</a>, the "
    "gallery's page <a href='https://www.harbourarts.org.uk/gallery/quayside'>"
    "harbourarts.org.uk/gallery</a>.</p>"
)


def test_a_mailing_tool_s_counter_on_a_link_that_shows_its_address_goes_to_that_address():
    found = normalize(
        raw_release(title="Free first Sundays", format="email", body_html=MAIL_WITH_COUNTERS),
        SOURCE,
    )
    assert [(link.url, link.text) for link in found.links] == [
        ("https://harbourarts.org.uk/first-sundays", "harbourarts.org.uk/first-sundays"),
        ("https://kingsbridge.gov.uk/potholes", "kingsbridge.gov.uk/potholes"),
        ("https://www.kingsbridge.gov.uk", "www.kingsbridge.gov.uk"),
        (
            "https://trust.us21.list-manage.com/track/click?u=8a1b2c&id=a1b2c3&e=3f9a1c2b7d",
            "trust's website",
        ),
        # a file of the name shown, and a deeper page of the site shown, stay as sent
        ("https://cdn.harbourarts.org.uk/files/annual-report.pdf", "annual-report.pdf"),
        ("https://www.harbourarts.org.uk/gallery/quayside", "harbourarts.org.uk/gallery"),
    ]
    assert [w for w in found.warnings if "counter" in w] == [
        "the link 'trust's website' goes through the mailing tool's click counter "
        "(https://trust.us21.list-manage.com/track/click?u=8a1b2c&id=a1b2c3&e=3f9a1c2b7d), "
        "personal to the mail's recipient: Melder cannot read where it leads; replace it with "
        "the address it leads to"
    ]


@pytest.mark.parametrize("words", ["St.Pauli", "Jahresbericht.pdf", "Presse.Info", "z.B."])
def test_a_link_whose_text_only_looks_like_an_address_keeps_its_target(words):
    from pipeline.normalize.links import shown_target

    href = "https://www.fcstpauli.example/saison/bericht"
    assert shown_target(href, words) == href


def test_a_link_that_no_parser_can_join_to_its_base_is_no_link():
    assert clean_url("//[", "https://www.stadt.example/presse/") is None
    assert clean_url("seite.html", "http://[") is None


def test_a_mail_filter_s_rewritten_link_gives_way_to_the_link_it_wraps():
    v3 = (
        "https://urldefense.com/v3/__https://www.klinikum.example/tag-der-offenen-tuer__;!!AbC1!x9$"
    )
    assert clean_url(v3) == "https://www.klinikum.example/tag-der-offenen-tuer"
    v2 = "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.klinikum.example_a-3Fid-3D5&d=D"
    assert clean_url(v2) == "https://www.klinikum.example/a?id=5"


@pytest.mark.parametrize(
    "href",
    [
        "https://lindenau.us12.list-manage.example/unsubscribe?u=abc&id=1&e=9f",
        "https://t.rapidmail.example/unsubscribe/abc/123",
        "https://www.lindenau.example/newsletter/abmelden?id=4",
        "https://mail.lindenau.example/optout?u=1",
    ],
)
def test_a_mailing_list_s_unsubscribe_link_is_never_a_link(href):
    """It is personal to the address the mail went to: any reader could take the portal off
    the press office's list."""
    assert clean_url(href) is None


@pytest.mark.parametrize(
    "href",
    [
        "https://www.lindenau.example/buergerservice/kfz-abmelden",
        "https://www.bmg.example/themen/organspende/opt-out-regelung",
    ],
)
def test_pages_about_signing_off_something_else_stay_links(href):
    assert clean_url(href) == href


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (
            "https://www.bmuv.de/DE/Themen/wasser.html;jsessionid=4F2A9C0B1D.live891?nn=16046",
            "https://www.bmuv.de/DE/Themen/wasser.html?nn=16046",
        ),
        ("https://shop.example/a.php?PHPSESSID=9b1f&id=5", "https://shop.example/a.php?id=5"),
        ("https://forum.example/viewtopic.php?t=12&sid=0f3e9a41c7d2b8e5a9f0c3d6e1b4a7f2", "https://forum.example/viewtopic.php?t=12"),
        ("https://amt.example/(S(lit3py55t21z5v55vlm25s55))/pm.aspx?id=3", "https://amt.example/pm.aspx?id=3"),
    ],
)  # fmt: skip
def test_a_server_s_session_id_never_stays_in_a_link(href, expected):
    assert clean_url(href) == expected


@pytest.mark.parametrize(
    "href",
    [
        "https://www.example.org/presse/side-by-side.html",
        "https://www.example.org/suche?sidebar=1&session=herbst",
        "https://www.example.org/matrix;color=red/pm.html",
        "https://www.example.org/modules.php?name=News&file=article&sid=4711",  # a story's id
    ],
)
def test_parameters_that_only_look_like_a_session_stay(href):
    assert clean_url(href) == href


def test_a_script_s_more_button_at_a_paragraph_s_end_leaves_and_the_sentence_stays_a_sentence():
    """'<a href="javascript:…">Mehr</a>' is a button: without it the paragraph would end in
    'Mehr' and read as a heading in the middle of the release."""
    body = (
        "<p>Der neue Radweg an der Lindenallee ist seit Montag freigegeben. Auf 1,8 Kilometern "
        "fahren Radfahrende getrennt vom Autoverkehr.</p>"
        '<p>Der Streckenplan steht im Rathaus aus. <a href="javascript:void(0)">Mehr</a></p>'
        '<p>Die Karte gibt es <a href="javascript:openMap()">im Stadtplan</a> der Stadt.</p>'
    )
    found = normalize(raw_release(body_html=body), SOURCE)
    assert "<p>Der Streckenplan steht im Rathaus aus.</p>" in found.body_html
    assert "Mehr" not in found.text
    assert "Die Karte gibt es im Stadtplan der Stadt." in found.text  # other words stay


def test_a_button_left_out_between_words_leaves_one_space():
    body = (
        "<p>Die Arbeiten dauern voraussichtlich 18 Monate. "
        '<a href="javascript:more()">Mehr</a> Die Pläne liegen im Rathaus aus.</p>'
    )
    found = normalize(raw_release(body_html=body), SOURCE)
    assert "18 Monate. Die Pläne liegen im Rathaus aus." in found.text
