"""Kind `rss`: which entries of a feed are read, what counts as a teaser, and entry dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipeline.ingest.feed_entries import looks_like_teaser
from tests.remote_helpers import local, remote_source, run_kind

RSS = "application/rss+xml; charset=utf-8"
BODY = (
    "<p>Die Stadtverwaltung informiert über geänderte Öffnungszeiten des Bürgerbüros in der "
    "Vorweihnachtszeit. Termine können weiterhin online vereinbart werden, die Wartezeiten "
    "bleiben kurz, und das Team bittet um Verständnis für die Änderungen.</p><p>Weitere "
    "Auskünfte gibt es telefonisch unter der Servicenummer der Stadtverwaltung montags bis "
    "freitags von acht bis sechzehn Uhr.</p>"
)


def item(number: int, date: datetime | None, link: str | None = None, body: str = BODY) -> str:
    when = f"<pubDate>{date.strftime('%a, %d %b %Y %H:%M:%S +0100')}</pubDate>" if date else ""
    link = link or f"https://www.stadt.example/aktuelles/meldung-{number}"
    return (
        f"<item><title>Meldung {number}</title><link>{link}</link>"
        f"<description><![CDATA[{body}]]></description>{when}"
        f'<guid isPermaLink="false">meldung-{number}</guid></item>'
    )


def feed(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Stadt</title>'
        "<link>https://www.stadt.example/</link><description>Presse</description>"
        + "".join(items)
        + "</channel></rss>"
    )


def serve_feed(httpserver, text: str) -> str:
    httpserver.expect_request("/feed.xml").respond_with_data(text, content_type=RSS)
    return local(httpserver, "/feed.xml")


def titles(result) -> list[str]:
    return [raw.title for raw, _ in result.raws]


START = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def test_a_feed_listing_its_oldest_first_gives_its_newest_entries(httpserver, tmp_path):
    entries = [item(n, START + timedelta(days=n)) for n in range(1, 36)]
    url = serve_feed(httpserver, feed(*entries))
    result = run_kind("rss", remote_source("rss", url, follow_links="never"), tmp_path)
    assert titles(result) == [f"Meldung {n}" for n in range(6, 36)]
    assert result.failures == [
        f"{url}: 5 older entries beyond max_items = 30 were not taken (the oldest: "
        "'Meldung 1'); raise max_items to read them"
    ]


def test_a_feed_listing_its_newest_first_keeps_reading_its_top(httpserver, tmp_path):
    entries = [item(n, START - timedelta(days=n)) for n in range(1, 36)]
    url = serve_feed(httpserver, feed(*entries))
    stored = {f"meldung-{n}" for n in range(31, 36)}
    result = run_kind(
        "rss",
        remote_source("rss", url, follow_links="never"),
        tmp_path,
        seen=lambda locator, digest: locator in stored,
    )
    assert titles(result) == [f"Meldung {n}" for n in range(1, 31)]
    assert result.failures == []  # the entries left out are stored already


def test_entries_without_dates_keep_their_place_in_the_feed(httpserver, tmp_path):
    entries = [item(n, None) for n in range(1, 33)]
    url = serve_feed(httpserver, feed(*entries))
    result = run_kind("rss", remote_source("rss", url, follow_links="never"), tmp_path)
    assert titles(result) == [f"Meldung {n}" for n in range(1, 31)]


SHORT_REPORT = (
    "<p>Lindenau. Zwei Männer (19, 23) haben in der Nacht zum Freitag versucht, am Bahnhof drei "
    "Fahrräder zu stehlen. Ein Zeuge rief die Polizei.</p><p>Gegen beide wird ermittelt.</p>"
)


def test_a_short_complete_release_is_taken_from_the_feed_without_its_page(httpserver, tmp_path):
    page = local(httpserver, "/polizei/meldung-1187")
    url = serve_feed(httpserver, feed(item(1187, START, page, SHORT_REPORT)))
    result = run_kind("rss", remote_source("rss", url), tmp_path)  # follow_links = "auto"
    assert result.failures == []
    [(raw, _)] = result.raws
    assert "Gegen beide wird ermittelt." in raw.body_html
    assert raw.warnings == ()
    assert [request.path for request, _ in httpserver.log] == ["/feed.xml"]


def test_a_short_teaser_whose_page_is_gone_keeps_the_feed_s_text_with_a_warning(
    httpserver, tmp_path
):
    page = local(httpserver, "/pm/k12-sperrung.html")
    teaser = "Wegen Deckenerneuerung wird die K 12 ab Montag voll gesperrt. Mehr..."
    url = serve_feed(httpserver, feed(item(901, START, page, teaser)))
    httpserver.expect_request("/pm/k12-sperrung.html").respond_with_data("", status=403)
    result = run_kind("rss", remote_source("rss", url), tmp_path)
    assert result.failures == []
    [(raw, _)] = result.raws
    assert "voll gesperrt" in raw.body_html
    assert raw.warnings == ("its linked page answered 403: the feed's own text was taken",)


def test_what_counts_as_a_teaser():
    two_sentences = "Die Polizei sucht Zeugen. Hinweise nimmt jede Dienststelle an."
    assert looks_like_teaser(two_sentences) is False
    assert looks_like_teaser("Am 27. November öffnet der Markt.") is True  # one sentence
    assert looks_like_teaser("Der Markt öffnet. Es gibt Glühwein und mehr …") is True
    assert looks_like_teaser("Der Markt öffnet. Es gibt Glühwein [...]") is True
    assert looks_like_teaser("Der Markt öffnet. Alles zum Programm: Mehr") is True
    assert looks_like_teaser("Der Markt öffnet. Lesen Sie weiter: Weiterlesen") is True
    assert looks_like_teaser("Die Straße ist gesperrt. Durchfahren geht nicht mehr.") is False
    assert looks_like_teaser("Stadtrat tagt am Montag") is True


DATED = (
    "<item><title>Haushalt {n}</title><link>https://www.stadt.example/h-{n}</link>"
    "<description><![CDATA[" + BODY + "]]></description><pubDate>{date}</pubDate>"
    '<guid isPermaLink="false">h-{n}</guid></item>'
)


def test_feed_dates_with_german_zone_names_or_none_are_the_source_s_time(httpserver, tmp_path):
    dates = [
        "Fri, 27 Nov 2026 10:00:00 CET",
        "Fri, 27 Nov 2026 10:00:00 MEZ",
        "Sat, 27 Jun 2026 10:00:00 MESZ",
        "2026-11-27T10:00:00",
        "Fri, 27 Nov 2026 10:00:00 +0100",
        "2026-11-27T09:00:00Z",
    ]
    items = [DATED.format(n=n, date=date) for n, date in enumerate(dates)]
    url = serve_feed(httpserver, feed(*items))
    result = run_kind("rss", remote_source("rss", url, follow_links="never"), tmp_path)
    raws = [raw for raw, _ in result.raws]
    # a zone feedparser would read as UTC is left to the text, read in the source's zone
    assert [raw.published for raw in raws[:4]] == [None] * 4
    assert [raw.published_text for raw in raws[:4]] == dates[:4]
    assert [raw.published.isoformat() for raw in raws[4:]] == ["2026-11-27T09:00:00+00:00"] * 2


def test_tracking_parameters_in_a_link_are_no_part_of_the_entry_s_identity(httpserver, tmp_path):
    def feed_with(campaign: str) -> str:
        link = (
            "https://www.messe.example/presse/rekord?id=4&amp;utm_source=rss"
            f"&amp;utm_campaign={campaign}"
        )
        return feed(
            f"<item><title>Rekord</title><link>{link}</link><description><![CDATA[{BODY}]]>"
            "</description></item>"
        )

    url = serve_feed(httpserver, feed_with("2026-11-27"))
    first = run_kind("rss", remote_source("rss", url, follow_links="never"), tmp_path)
    httpserver.clear()
    serve_feed(httpserver, feed_with("2026-11-28"))
    second = run_kind("rss", remote_source("rss", url, follow_links="never"), tmp_path)
    assert [locator for _, locator in first.raws] == [locator for _, locator in second.raws]
    assert [locator for _, locator in first.raws] == [
        "https://www.messe.example/presse/rekord?id=4"
    ]


def test_a_bare_ampersand_in_a_broken_feed_s_links_stays_an_ampersand(httpserver, tmp_path):
    link = "https://www.kreis.example/pm/detail.php?id=17&lang=de&copy=1&sect=2&para=3&not=4"
    text = feed(
        f"<item><title>Kreis & Stadt: K 12 gesperrt</title><link>{link}</link>"
        f'<description><![CDATA[{BODY}<p>Zur <a href="{link}">Übersicht</a>.</p>]]>'
        '</description><guid isPermaLink="false">k12</guid></item>'
    )
    url = serve_feed(httpserver, text)
    result = run_kind("rss", remote_source("rss", url, follow_links="never"), tmp_path)
    [(raw, _)] = result.raws
    assert raw.title == "Kreis & Stadt: K 12 gesperrt"
    assert raw.base_url == link
    assert f'href="{link.replace("&", "&amp;")}"' in raw.body_html


def test_entities_in_a_well_formed_feed_read_as_before(httpserver, tmp_path):
    text = feed(
        "<item><title>Preis &amp; Ehre &#8211; &copy; Stadt</title>"
        "<link>https://www.stadt.example/pm?id=1&amp;lang=de</link>"
        f"<description><![CDATA[{BODY}]]></description></item>"
    )
    url = serve_feed(httpserver, text)
    result = run_kind("rss", remote_source("rss", url, follow_links="never"), tmp_path)
    [(raw, locator)] = result.raws
    assert raw.title == "Preis & Ehre – © Stadt"
    assert locator == "https://www.stadt.example/pm?id=1&lang=de"


DRUPAL_NODE = (
    '<span class="field field--name-title field--type-string field--label-hidden">'
    "Neue Kita in Hainichen eröffnet</span>"
    '<div class="clearfix text-formatted field field--name-body field__item">' + BODY + "</div>"
    '<span class="field field--name-uid field--type-entity-reference field--label-hidden">'
    "<span>pressestelle</span></span>"
    '<span class="field field--name-created field--type-created field--label-hidden">'
    '<time datetime="2026-11-24T09:05:00+01:00">Di., 24.11.2026 - 09:05</time></span>'
)


def test_drupal_s_author_and_date_fields_are_no_part_of_the_body(httpserver, tmp_path):
    text = feed(
        "<item><title>Neue Kita in Hainichen eröffnet</title>"
        "<link>https://www.landkreis.example/node/812</link>"
        f"<description><![CDATA[{DRUPAL_NODE}]]></description></item>"
    )
    url = serve_feed(httpserver, text)
    result = run_kind("rss", remote_source("rss", url, follow_links="never"), tmp_path)
    [(raw, _)] = result.raws
    assert "pressestelle" not in raw.body_html
    assert "24.11.2026" not in raw.body_html
    assert "Hainichen" not in raw.body_html  # the title field repeats the headline
    assert "Bürgerbüros in der Vorweihnachtszeit" in raw.body_html
    assert "Servicenummer der Stadtverwaltung" in raw.body_html


def test_a_body_naming_its_editors_and_date_in_its_text_keeps_them(httpserver, tmp_path):
    closing = "<p>Redaktion: Pressestelle, Di., 24.11.2026 - 09:05</p>"
    text = feed(
        "<item><title>Kita</title><link>https://www.landkreis.example/node/813</link>"
        f"<description><![CDATA[{BODY}{closing}]]></description></item>"
    )
    url = serve_feed(httpserver, text)
    result = run_kind("rss", remote_source("rss", url, follow_links="never"), tmp_path)
    [(raw, _)] = result.raws
    assert raw.body_html.endswith(closing)
