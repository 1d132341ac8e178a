"""RSS, Atom and JSON Feed as a feed reader sees them."""

from __future__ import annotations

import json
from datetime import datetime

import feedparser
import pytest
from lxml import etree

from pipeline.publish import feed_id, render_channel
from tests.normalize.test_release_gate import extracted
from tests.publish_helpers import (
    BERLIN,
    BRISTOL_DISCLAIMER,
    CHANNEL_LINK,
    LEIPZIG_DISCLAIMER,
    channel,
    english_release,
    entry,
    many_entries,
    release,
    sample_entries,
    sources,
)

ATOM = "{http://www.w3.org/2005/Atom}"
SHORT_DE = (
    "Pressemitteilung: Stadt Leipzig – Medieninformationen – "
    "Leipzig lädt am 25. November Gäste aus „Partnerstädten“ ein."
)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return render_channel("melder", channel(), sample_entries(), sources())


def parse(data: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def test_rss_channel_fields(files):
    feed = parse(files["rss.xml"])
    assert feed.version == "rss20"
    assert feed.feed.title == "Melder"
    assert feed.feed.link == CHANNEL_LINK
    assert feed.feed.language == "de"
    assert feed.feed.subtitle == "Pressemitteilungen aus Leipzig"
    channel_el = etree.fromstring(files["rss.xml"]).find("channel")
    self_link = channel_el.find(f"{ATOM}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == f"{CHANNEL_LINK}/rss.xml"
    # The newest change among the entries, never the time of publishing.
    assert channel_el.findtext("lastBuildDate") == "Wed, 25 Nov 2026 12:15:00 +0100"


def test_rss_items_field_by_field(files):
    german, english = parse(files["rss.xml"]).entries
    first = sample_entries()[0]
    assert german.title == "3. Asienkonferenz nimmt kommunale Partnerschaften in Fokus"
    assert german.link == f"{CHANNEL_LINK}/releases/{first.public_name}"
    assert german.id == feed_id(first.release)
    assert german.guidislink is False
    assert german.published == "Wed, 25 Nov 2026 10:30:00 +0100"
    assert german.summary == SHORT_DE
    assert german.content[0].value.count(LEIPZIG_DISCLAIMER) == 1
    assert german.author == "Stadt Leipzig – Medieninformationen"  # dc:creator
    assert german.language == "de" and english.language == "en"  # dc:language
    assert [tag.term for tag in german.tags] == list(first.release.categories)
    # A release without its own date shows when the channel first published it.
    assert english.published == "Tue, 24 Nov 2026 07:00:00 +0000"
    assert english.content[0].value.count(BRISTOL_DISCLAIMER) == 1


def test_rss_guid_is_not_a_permalink(files):
    guids = etree.fromstring(files["rss.xml"]).findall("channel/item/guid")
    assert [guid.get("isPermaLink") for guid in guids] == ["false", "false"]
    assert all(guid.text.startswith("urn:uuid:") for guid in guids)


def test_atom_feed_fields(files):
    feed = parse(files["atom.xml"])
    assert feed.version == "atom10"
    assert feed.feed.title == "Melder"
    assert feed.feed.updated == "2026-11-25T12:15:00+01:00"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": f"{CHANNEL_LINK}/atom.xml", "alternate": CHANNEL_LINK}
    root = etree.fromstring(files["atom.xml"])
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"


def test_atom_entries_field_by_field(files):
    german, english = parse(files["atom.xml"]).entries
    first = sample_entries()[0]
    assert german.id == feed_id(first.release)
    assert german.title == "3. Asienkonferenz nimmt kommunale Partnerschaften in Fokus"
    assert german.link == f"{CHANNEL_LINK}/releases/{first.public_name}"
    assert german.published == "2026-11-25T10:30:00+01:00"
    assert german.updated.startswith("2026-11-25T12:15:00.")  # its own milliseconds
    assert german.updated.endswith("+01:00")
    assert german.author == "Stadt Leipzig – Medieninformationen"
    assert german.summary == SHORT_DE
    assert german.content[0].type == "text/html"
    assert german.content[0].value.count(LEIPZIG_DISCLAIMER) == 1
    assert english.published == "2026-11-24T07:00:00+00:00"
    assert english.author == "Bristol City Council"
    assert english.content[0].value.count(BRISTOL_DISCLAIMER) == 1


def test_json_feed_fields(files):
    feed = json.loads(files["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["home_page_url"] == CHANNEL_LINK
    assert feed["feed_url"] == f"{CHANNEL_LINK}/feed.json"
    assert feed["language"] == "de"
    german, english = feed["items"]
    first = sample_entries()[0]
    assert german["id"] == feed_id(first.release)
    assert german["url"] == f"{CHANNEL_LINK}/releases/{first.public_name}"
    assert german["title"] == "3. Asienkonferenz nimmt kommunale Partnerschaften in Fokus"
    assert german["date_published"] == "2026-11-25T10:30:00+01:00"
    assert german["date_modified"] == "2026-11-25T12:15:00+01:00"
    assert german["language"] == "de"
    assert german["authors"] == [{"name": "Stadt Leipzig – Medieninformationen"}]
    assert german["summary"] == SHORT_DE
    assert german["tags"] == list(first.release.categories)
    assert english["summary"].startswith("Press release: Bristol City Council – ")
    assert german["content_html"].count(LEIPZIG_DISCLAIMER) == 1
    assert english["language"] == "en"
    assert english["content_html"].count(BRISTOL_DISCLAIMER) == 1


def test_json_feed_is_deterministic_utf8_with_final_newline(files):
    data = files["feed.json"]
    assert data.endswith(b"}\n")
    assert "Gäste".encode() in data  # not \u escaped
    feed = json.loads(data)
    assert data.decode() == json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_one_id_per_release_across_all_feeds(files):
    rss_ids = [item.id for item in parse(files["rss.xml"]).entries]
    atom_ids = [item.id for item in parse(files["atom.xml"]).entries]
    json_ids = [item["id"] for item in json.loads(files["feed.json"])["items"]]
    assert rss_ids == atom_ids == json_ids
    assert len(set(rss_ids)) == 2


def test_id_survives_a_new_revision_and_title():
    original = release()
    revised = release(title="Asienkonferenz: neues Programm", slug="asienkonferenz-neu")
    assert feed_id(original) == feed_id(revised)
    assert feed_id(original) != feed_id(english_release())


def test_feed_content_has_no_script(files):
    for item in json.loads(files["feed.json"])["items"]:
        assert "<script" not in item["content_html"]
    for name in ("rss.xml", "atom.xml"):
        for item in parse(files[name]).entries:
            assert "<script" not in item.content[0].value
            assert "ld+json" not in item.content[0].value


def test_entries_keep_the_given_order_newest_first():
    entries = many_entries(5)
    files = render_channel("melder", channel(), entries, sources())
    names = [e.public_name for e in entries]
    for data in (files["rss.xml"], files["atom.xml"]):
        links = [item.link for item in parse(data).entries]
        assert links == [f"{CHANNEL_LINK}/releases/{name}" for name in names]


def test_feed_date_is_the_latest_update_not_the_first_entry():
    older_but_updated = entry(
        english_release(),
        first_published_at=datetime(2026, 11, 20, 9, 0, tzinfo=BERLIN),
        updated_at=datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN),
    )
    entries = [sample_entries()[0], older_but_updated]
    files = render_channel("melder", channel(), entries, sources())
    # The feed's own date is in the channel's zone, whichever source changed last.
    assert parse(files["atom.xml"]).feed.updated == "2026-11-26T09:00:00+01:00"


def test_empty_channel_gives_valid_feeds_with_a_fixed_date():
    files = render_channel("melder", channel(), [], sources())
    rss = parse(files["rss.xml"])
    atom = parse(files["atom.xml"])
    assert rss.entries == [] and atom.entries == []
    assert rss.feed.updated == "Thu, 01 Jan 1970 01:00:00 +0100"
    assert atom.feed.updated == "1970-01-01T01:00:00+01:00"
    assert json.loads(files["feed.json"])["items"] == []
    assert files == render_channel("melder", channel(), [], sources())


def test_a_title_s_text_in_angle_brackets_reaches_every_output_as_the_sender_typed_it():
    """A headline's escaped '&lt;article&gt;' is the sender's text: every feed shows it, and
    the page escapes it once. Real tags in the headline element are markup and go."""
    page = (
        "<html><body><article><h1>Workshop: Die <b>Elemente</b> &lt;article&gt; und "
        "&lt;section&gt; <script>alert(1)</script>barrierefrei nutzen</h1>"
        "<p>Die Volkshochschule bietet am 4. Dezember einen Workshop für Webredakteure an. Er "
        "zeigt, wie die Elemente &lt;article&gt; und &lt;section&gt; eine Seite gliedern.</p>"
        "</article></body></html>"
    )
    found = extracted(page).model_copy(update={"source": "leipzig"})
    shown = "Workshop: Die Elemente <article> und <section> barrierefrei nutzen"
    assert found.title == shown
    assert found.slug.startswith("workshop-die-elemente-article-und-section-barrierefrei")
    assert found.teaser.endswith("wie die Elemente <article> und <section> eine Seite gliedern.")
    files = render_channel("melder", channel(), [entry(found)], sources())
    assert parse(files["rss.xml"]).entries[0].title == shown
    assert parse(files["atom.xml"]).entries[0].title == shown
    item = json.loads(files["feed.json"])["items"][0]
    assert item["title"] == shown
    assert item["summary"].endswith("Elemente <article> und <section> eine Seite gliedern.")
    fragment = files[next(name for name in files if name.startswith("releases/"))].decode()
    escaped = "Workshop: Die Elemente &lt;article&gt; und &lt;section&gt; barrierefrei nutzen"
    assert f"<h2>{escaped}</h2>" in fragment
    assert "alert" not in fragment


def test_a_given_title_tag_and_caption_keep_the_sender_s_characters():
    """Fields given as text (front matter, JSON) are text: '<live>' and '&' stay as typed; a
    '<script>' typed there is shown, escaped once, and never runs."""
    rel = release(
        title='Tom & Jerry <live> im "Kulturhaus": <script>alert(1)</script>',
        teaser="Preise < 5 € & mehr",
        categories=("R&D <Test>",),
    )
    files = render_channel("melder", channel(), [entry(rel)], sources())
    shown = 'Tom & Jerry <live> im "Kulturhaus": <script>alert(1)</script>'
    rss, atom = parse(files["rss.xml"]).entries[0], parse(files["atom.xml"]).entries[0]
    assert rss.title == shown and atom.title == shown
    assert [tag.term for tag in rss.tags] == ["R&D <Test>"]
    item = json.loads(files["feed.json"])["items"][0]
    assert item["title"] == shown and item["tags"] == ["R&D <Test>"]
    mark = "Pressemitteilung: Stadt Leipzig – Medieninformationen"
    assert item["summary"] == f"{mark} – Preise < 5 € & mehr"
    fragment = files[next(name for name in files if name.startswith("releases/"))].decode()
    assert "Tom &amp; Jerry &lt;live&gt; im" in fragment and "<script>" not in fragment


def test_a_release_dated_earlier_going_out_moves_the_channels_date():
    """Readers skip a feed whose date has not moved: the channel's date is when it last
    changed, even when the new release gives an earlier date of its own."""
    first = release(
        identity="inbox/a.txt", title="Schwimmbad öffnet wieder",
        published_at=datetime(2026, 11, 27, 10, 0, tzinfo=BERLIN),
    )  # fmt: skip
    later = release(
        identity="inbox/b.txt", title="Stadtwerke senken den Gaspreis",
        published_at=datetime(2026, 11, 27, 9, 0, tzinfo=BERLIN),
    )  # fmt: skip
    went_out = datetime(2026, 11, 27, 12, 34, tzinfo=BERLIN)
    entries = [
        entry(first, first_published_at=datetime(2026, 11, 27, 10, 5, tzinfo=BERLIN)),
        entry(later, first_published_at=went_out),
    ]
    files = render_channel("melder", channel(), entries, sources())
    rss = feedparser.parse(files["rss.xml"])
    atom = feedparser.parse(files["atom.xml"])
    assert rss.feed.updated_parsed[:5] == went_out.utctimetuple()[:5]
    assert atom.feed.updated_parsed[:5] == went_out.utctimetuple()[:5]
    # the item keeps its own date
    [item] = [e for e in rss.entries if e.title == "Stadtwerke senken den Gaspreis"]
    assert item.published_parsed[:5] == later.published_at.utctimetuple()[:5]
