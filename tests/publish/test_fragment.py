"""Release fragments and the teaser list as a portal embeds them."""

from __future__ import annotations

import json
from datetime import datetime

import lxml.html
import pytest

from pipeline.config import Disclaimer
from pipeline.models import Link
from pipeline.normalize.disclaimers import render_disclaimer
from pipeline.publish import feed_id, public_name, render_channel
from tests.publish_helpers import (
    BERLIN,
    CHANNEL_LINK,
    DISCLAIMER_DE,
    LEIPZIG_DISCLAIMER,
    channel,
    english_release,
    entry,
    release,
    sample_entries,
    sources,
)


def fragment_of(files: dict[str, bytes], an_entry) -> str:
    return files[f"releases/{an_entry.public_name}"].decode()


def render_one(rel, **channel_overrides) -> str:
    an_entry = entry(rel)
    files = render_channel("melder", channel(**channel_overrides), [an_entry], sources())
    return fragment_of(files, an_entry)


def article(html: str):
    return lxml.html.fragment_fromstring(html, create_parent="div").find("article")


def test_german_fragment_structure():
    html = render_one(release())
    node = article(html)
    assert node.get("lang") == "de"
    assert node.findtext(".//h2") == "3. Asienkonferenz nimmt kommunale Partnerschaften in Fokus"
    time = node.find(".//time")
    assert time.get("datetime") == "2026-11-25T10:30:00+01:00"
    assert time.text == "25. November 2026, 10:30 Uhr MEZ"  # the zone named, as the contract asks
    assert "Quelle: Stadt Leipzig – Medieninformationen" in node.text_content()
    assert "Partnerschaften leben vom Austausch." in node.text_content()
    contact = node.find(".//address")
    assert "Telefon: 0341 123-2018" in contact.text_content()


def test_a_date_without_a_time_of_day_is_shown_as_the_day_alone():
    day = release(published_at=datetime(2026, 11, 24, tzinfo=BERLIN)).model_copy(
        update={"published_date_only": True}
    )
    time = article(render_one(day)).find(".//time")
    assert time.get("datetime") == "2026-11-24"
    assert time.text == "24. November 2026"


def test_a_day_stays_that_day_when_the_source_moves_to_another_zone():
    from pipeline.config import SourceConfig

    day = release(published_at=datetime(2026, 11, 24, tzinfo=BERLIN)).model_copy(
        update={"published_date_only": True}
    )
    moved = sources() | {
        "leipzig": SourceConfig(title="Stadt Leipzig", kind="files", path="inbox/leipzig",
                                timezone="America/New_York")
    }  # fmt: skip
    an_entry = entry(day)
    files = render_channel("melder", channel(), [an_entry], moved)
    assert b"<pubDate>Tue, 24 Nov 2026 00:00:00 -0500</pubDate>" in files["rss.xml"]
    assert article(fragment_of(files, an_entry)).find(".//time").get("datetime") == "2026-11-24"


def test_english_fragment_uses_source_zone_and_language():
    html = render_one(english_release(published_at=None))
    node = article(html)
    assert node.get("lang") == "en"
    time = node.find(".//time")
    # First published 11:00 in Berlin; the Bristol source's zone shows 10:00.
    assert time.get("datetime") == "2026-11-25T10:00:00+00:00"
    assert time.text == "November 25, 2026, 10:00 AM GMT"  # the source's zone (Bristol), named
    assert "Source: Bristol City Council" in node.text_content()


def test_disclaimer_once_in_an_aside():
    html = render_one(release())
    assert html.count(LEIPZIG_DISCLAIMER) == 1
    asides = article(html).findall(".//aside")
    assert len(asides) == 1
    assert LEIPZIG_DISCLAIMER in asides[0].text_content()


@pytest.mark.parametrize("position", ["top", "bottom"])
def test_disclaimer_position(position):
    disclaimer = Disclaimer(text=DISCLAIMER_DE, position=position)
    html = render_one(release(), disclaimer=disclaimer)
    at = html.index(LEIPZIG_DISCLAIMER)
    body = html.index("Partnerschaften leben vom Austausch")
    assert (at < body) if position == "top" else (at > body)
    assert html.count(LEIPZIG_DISCLAIMER) == 1


def test_disclaimer_variant_follows_release_language():
    disclaimer = Disclaimer(
        text=DISCLAIMER_DE, variants={"en": "Unchecked third-party content by {source}."}
    )
    english = render_one(english_release(), disclaimer=disclaimer)
    assert "Unchecked third-party content by Bristol City Council." in english
    assert "allein" not in english
    german = render_one(release(), disclaimer=disclaimer)
    assert german.count(LEIPZIG_DISCLAIMER) == 1
    assert "Unchecked" not in german


def test_the_short_mark_has_its_variants_by_language_too():
    disclaimer = Disclaimer(
        text=DISCLAIMER_DE,
        short="Pressemitteilung: {source}",
        short_variants={"en": "Press release: {source}"},
    )
    files = render_channel(
        "melder", channel(disclaimer=disclaimer),
        [entry(release()), entry(english_release())], sources(),
    )  # fmt: skip
    index = files["index.html"].decode()
    assert "Press release: Bristol City Council" in index
    assert "Pressemitteilung: Stadt Leipzig – Medieninformationen" in index
    assert "Pressemitteilung: Bristol" not in index


def test_disclaimer_contact_email_placeholder():
    disclaimer = Disclaimer(text="Fragen an {contact_email}.")
    html = render_one(release(), disclaimer=disclaimer)
    assert html.count("Fragen an presse@leipzig.example.") == 1


def test_json_ld_is_a_news_article():
    rel = release()
    html = render_one(rel)
    node = lxml.html.fragment_fromstring(html, create_parent="div")
    scripts = node.findall(".//script")
    assert [script.get("type") for script in scripts] == ["application/ld+json"]
    data = json.loads(scripts[0].text)
    assert data["@type"] == "NewsArticle"
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == rel.title
    assert data["datePublished"] == "2026-11-25T10:30:00+01:00"
    assert data["inLanguage"] == "de"
    assert data["url"].startswith(f"{CHANNEL_LINK}/releases/")
    assert data["@id"] == feed_id(rel)
    assert data["author"]["name"] == "Stadt Leipzig – Medieninformationen"


def test_json_ld_cannot_close_its_script():
    rel = release(title="Ende </script><script>alert(1)</script> & <!-- mehr")
    html = render_one(rel)
    start = html.index('<script type="application/ld+json">')
    payload = html[start + len('<script type="application/ld+json">') : html.rindex("</script>")]
    assert "<" not in payload and ">" not in payload
    assert json.loads(payload)["headline"] == rel.title


def test_links_get_channel_rel_and_only_http():
    rel = release(
        body_html=(
            '<p><a href="https://example.org/a">A</a> <a href="mailto:x@example.org">Mail</a> '
            '<a href="/relative">Rel</a> <a href="javascript:alert(1)">JS</a></p>'
        ),
        links=(
            Link(url="https://example.org/b", text="B"),
            Link(url="ftp://example.org/file", text="FTP"),
            Link(url="javascript:alert(1)", text="JS"),
        ),
    )
    html = render_one(rel, link_rel="nofollow noopener ugc")
    anchors = article(html).findall(".//a")
    assert [a.get("href") for a in anchors] == ["https://example.org/a", "https://example.org/b"]
    assert {a.get("rel") for a in anchors} == {"nofollow noopener ugc"}
    # The words of dropped links stay readable.
    assert "Mail" in html and "Rel" in html


def test_text_is_escaped():
    rel = release(title='Müller & Söhne: "Qualität" <b>zählt</b>', teaser="1 < 2 & 3 > 2")
    node = article(render_one(rel))
    assert node.findtext(".//h2") == 'Müller & Söhne: "Qualität" <b>zählt</b>'
    assert node.find(".//h2/b") is None
    assert "1 < 2 & 3 > 2" in node.text_content()


def test_release_without_teaser_links_or_contact():
    html = render_one(release(teaser="", links=(), contact=None))
    node = article(html)
    assert node.find(".//ul") is None
    assert node.find(".//address") is None
    assert node.find(".//p[@class='melder-teaser']") is None
    assert html.count(LEIPZIG_DISCLAIMER) == 1


def test_a_teaser_made_of_the_first_two_paragraphs_is_not_printed_over_them():
    first, second = "Lindenau – Der Radweg ist fertig.", "Er ist zwei Kilometer lang."
    rel = release(
        teaser=f"{first} {second}",
        body_html=f"<p>{first}</p>\n<p>{second}</p>\n<p>Weitere Radwege folgen.</p>",
        text=f"{first}\n\n{second}\n\nWeitere Radwege folgen.",
    )
    html = render_one(rel)
    assert article(html).find(".//p[@class='melder-teaser']") is None
    assert article(html).text_content().count("Er ist zwei Kilometer lang.") == 1


def test_a_description_that_shortens_the_lead_is_not_printed_over_it():
    lead = (
        "Ab dem 1. März fährt die neue Fähre im 20-Minuten-Takt zwischen Altstadt und Hafen. "
        "Das hat der Stadtrat am Dienstag beschlossen."
    )
    rel = release(
        teaser="Ab dem 1. März fährt die neue Fähre im 20-Minuten-Takt.",
        body_html=f"<p>{lead}</p>\n<p>Die Fahrt kostet 2 Euro.</p>",
        text=f"{lead}\n\nDie Fahrt kostet 2 Euro.",
    )
    node = article(render_one(rel))
    assert node.find(".//p[@class='melder-teaser']") is None
    assert node.text_content().count("Ab dem 1. März") == 1
    report = "Dortmund (ots) - Unbekannte sind in der Nacht in eine Apotheke am Markt eingebrochen."
    rel = release(
        teaser="Unbekannte sind in eine Apotheke eingebrochen.", body_html=f"<p>{report}</p>",
        text=report,
    )  # fmt: skip
    assert article(render_one(rel)).find(".//p[@class='melder-teaser']") is None


def test_a_teaser_that_says_something_else_in_the_lead_s_words_is_printed():
    lead = "Die Stadt saniert ab Montag die Brücke am Hafen und sperrt sie für sechs Wochen."
    rel = release(
        teaser="Die Stadt saniert die Hafenbrücke: Umleitung über die Ringstraße, Busse später.",
        body_html=f"<p>{lead}</p>",
        text=lead,
    )
    teaser = article(render_one(rel)).find(".//p[@class='melder-teaser']")
    assert teaser is not None and "Umleitung über die Ringstraße" in teaser.text_content()


def test_index_lists_teasers_newest_first():
    entries = sample_entries()
    files = render_channel("melder", channel(), entries, sources())
    root = lxml.html.fragment_fromstring(files["index.html"].decode())
    assert root.get("lang") == "de"
    items = root.findall(".//li")
    assert [li.get("lang") for li in items] == ["de", "en"]
    hrefs = [li.find(".//a").get("href") for li in items]
    assert hrefs == [f"{CHANNEL_LINK}/releases/{e.public_name}" for e in entries]
    assert "Leipzig lädt am 25. November" in items[0].text_content()


def test_empty_index_says_so():
    files = render_channel("melder", channel(), [], sources())
    assert "keine Meldungen" in files["index.html"].decode()
    assert [name for name in files if name.startswith("releases/")] == []


def test_public_name_form():
    rel = release()
    assert public_name(rel, "1a2b3c4d5e6f7a8b") == (
        "3-asienkonferenz-nimmt-kommunale-partnerschaften-in-fokus-1a2b3c4d.html"
    )


def test_public_name_cuts_long_slugs_at_a_word():
    slug = "sehr-lange-ueberschrift-" * 5
    name = public_name(release(slug=slug), "abcdef0123456789")
    stem = name.removesuffix("-abcdef01.html")
    assert len(stem) <= 60
    assert not stem.endswith("-")
    assert slug.startswith(stem + "-")


def test_public_name_never_holds_path_parts():
    name = public_name(release(slug="../../etc/Passwd Ä"), "abcdef0123456789")
    assert "/" not in name and ".." not in name
    assert name == "etc-passwd-ae-abcdef01.html"
    assert public_name(release(slug="Straße-über-Café"), "abcdef0123456789") == (
        "strasse-ueber-cafe-abcdef01.html"
    )
    assert public_name(release(slug=""), "abcdef0123456789") == "release-abcdef01.html"


def test_unsafe_public_name_is_refused():
    unsafe = entry(release()).model_copy(update={"public_name": "../index.html"})
    with pytest.raises(ValueError, match="safe file name"):
        render_channel("melder", channel(), [unsafe], sources())


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://example.org/x?a=1&b=2", "https://example.org/x?a=1&b=2"),
        ('https://example.org/x?b="2"', "https://example.org/x?b=%222%22"),
        ("https://example.org/a b/100%", "https://example.org/a%20b/100%25"),
        ("HTTPS://Müller.example/Straße", "https://xn--mller-kva.example/Stra%C3%9Fe"),
        ("http://example.org:8080", "http://example.org:8080/"),
        ("javascript:alert(1)", None),
        ("mailto:presse@example.org", None),
        ("/relative/path", None),
        ("https://exa<mple.org/", None),
        ("https://example.org:99999/", None),
    ],
)
def test_links_become_valid_absolute_urls(given, expected):
    html = render_one(release(body_html="<p>Text</p>", links=(Link(url=given, text="L"),)))
    hrefs = [a.get("href") for a in article(html).findall(".//a")]
    assert hrefs == ([expected] if expected else [])


def test_unknown_source_is_attributed_by_name():
    an_entry = entry(release(source="gone"))
    files = render_channel("melder", channel(), [an_entry], sources())
    html = fragment_of(files, an_entry)
    assert "Quelle: gone" in html
    assert html.count("Für die Inhalte ist allein gone verantwortlich.") == 1


def test_a_contact_email_placeholder_without_an_address_leaves_no_empty_brackets():

    disclaimer = Disclaimer(text="Verantwortlich ist {source} ({contact_email}).")
    text = render_disclaimer(
        disclaimer, language="de", source="hafen", source_title="Hafen Lindenau", contact_email=None
    )
    assert text == "Verantwortlich ist Hafen Lindenau."


def test_a_sentence_that_only_gives_the_missing_address_is_left_out():
    for template in (
        "Third-party content. {source} alone is responsible. Contact: {contact_email}",
        "Third-party content. {source} alone is responsible. Questions to {contact_email}.",
    ):
        text = render_disclaimer(
            Disclaimer(text=template), language="en", source="hafen",
            source_title="Port of Lindenau", contact_email=None,
        )  # fmt: skip
        assert text == "Third-party content. Port of Lindenau alone is responsible."


def test_a_shared_mailbox_names_the_press_office_of_each_sender():
    from pipeline.config import SourceConfig
    from pipeline.models import Provenance

    mailbox = SourceConfig(
        title="Presse-Postfach",
        kind="imap",
        imap={
            "host": "imap.portal.example",
            "username_env": "U",
            "password_env": "P",
            "senders": ["lindenau.example", "presse@ihk.example"],
            "sender_names": {
                "lindenau.example": "Stadt Lindenau",
                "stadtwerke.lindenau.example": "Stadtwerke Lindenau GmbH",
                "presse@ihk.example": "IHK zu Lindenau",
            },
        },
    )
    every_source = sources() | {"postfach": mailbox}

    def published_by(sender: str) -> str:
        mail = release(source="postfach", identity=f"<{sender}>").model_copy(
            update={"provenance": Provenance(route="imap", received_at=datetime.now(BERLIN),
                                             sender=sender)}
        )  # fmt: skip
        an_entry = entry(mail)
        return fragment_of(render_channel("melder", channel(), [an_entry], every_source), an_entry)

    city = published_by("presse@lindenau.example")
    assert "Für die Inhalte ist allein Stadt Lindenau verantwortlich." in city
    assert "Quelle: Stadt Lindenau" in city and "Presse-Postfach" not in city
    assert "allein Stadtwerke Lindenau GmbH" in published_by("info@stadtwerke.lindenau.example")
    assert "allein IHK zu Lindenau" in published_by("IHK Presse <Presse@IHK.example>")
    assert "allein Presse-Postfach" in published_by("someone@elsewhere.example")  # unnamed


def test_the_body_s_sections_sit_below_the_fragment_s_headline():
    sectioned = release(
        body_html="<p>Die Messe beginnt am Montag.</p>\n<h2>Pressekonferenz</h2>\n"
        "<p>Am Dienstag um 10 Uhr.</p>\n<h3>Anmeldung</h3>\n<p>Bis Freitag.</p>\n"
        "<h4>Barrierefreiheit</h4>\n<p>Alle Räume sind stufenlos.</p>"
    )
    html = render_one(sectioned)
    assert "<h2>3. Asienkonferenz" in html  # the headline
    assert "<h3>Pressekonferenz</h3>" in html and "<h4>Anmeldung</h4>" in html
    assert "<h5>Barrierefreiheit</h5>" in html
    assert "<h2>Pressekonferenz" not in html


def hebrew_release(**overrides):
    values = {
        "identity": "inbox/leipzig/partnerstadt-herzlia.md",
        "title": "חדר תצוגה חדש נפתח ברחוב הנמל 12",
        "slug": "showroom",
        "teaser": "המבקרים יכולים לקבל שם ייעוץ על חיסכון באנרגיה.",
        "body_html": "<p>המבקרים יכולים לקבל שם ייעוץ על חיסכון באנרגיה, חמישה ימים בשבוע.</p>",
        "language": "he",
        "contact": None,
        "links": (),
    }
    return release(**(values | overrides))


def test_a_right_to_left_release_is_marked_so_and_its_german_disclaimer_reads_left_to_right():
    node = article(render_one(hebrew_release()))
    assert (node.get("lang"), node.get("dir")) == ("he", "rtl")
    aside = node.find(".//aside")
    assert (aside.get("lang"), aside.get("dir")) == ("de", "ltr")
    assert LEIPZIG_DISCLAIMER in aside.text_content()


def test_a_disclaimer_in_the_release_s_own_right_to_left_language_follows_the_article():
    disclaimer = Disclaimer(text=DISCLAIMER_DE, variants={"ar": "محتوى طرف ثالث من {source}."})
    node = article(render_one(hebrew_release(language="ar"), disclaimer=disclaimer))
    assert (node.get("lang"), node.get("dir")) == ("ar", "rtl")
    aside = node.find(".//aside")
    assert (aside.get("lang"), aside.get("dir")) == ("ar", None)  # it inherits rtl


@pytest.mark.parametrize("language", ["de", "en", "tr", "ku"])
def test_left_to_right_releases_carry_no_direction(language):
    html = render_one(release(language=language))
    assert "dir=" not in html


def test_index_teasers_name_their_direction_where_it_differs_from_the_channel():
    entries = [entry(hebrew_release(language="fa")), *sample_entries()]
    files = render_channel("melder", channel(), entries, sources())
    root = lxml.html.fragment_fromstring(files["index.html"].decode())
    assert root.get("dir") is None  # a German channel's list reads left to right
    assert [(li.get("lang"), li.get("dir")) for li in root.findall(".//li")] == [
        ("fa", "rtl"),
        ("de", None),
        ("en", None),
    ]
    hebrew_channel = render_channel("melder", channel(language="he"), entries, sources())
    root = lxml.html.fragment_fromstring(hebrew_channel["index.html"].decode())
    assert root.get("dir") == "rtl"
    assert [li.get("dir") for li in root.findall(".//li")] == [None, "ltr", "ltr"]
