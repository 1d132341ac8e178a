"""The publication date a page states for machines: a timestamp says more than a date alone,
and a date in an info block that extraction turns into text is still read."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.config import SourceConfig
from pipeline.extract import extract_article
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize
from tests.normalize.test_release_shapes import ARRIVED, SHAPES, release

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

PROSE = "<p>" + "Die Stadt saniert im Frühjahr die Brücke über die Elster und sperrt sie. " * 4
PROSE += "</p>"


def page(head: str, body: str) -> str:
    return (
        f"<html><head><title>Brücke wird saniert</title>{head}</head><body><main>"
        f"<h1>Brücke wird saniert</h1>{body}{PROSE}</main></body></html>"
    )


def test_a_date_only_meta_tag_gives_way_to_a_timestamp_of_the_same_day():
    html = page(
        '<meta name="dc.date" content="2026-11-23">',
        '<time datetime="2026-11-23T07:00:00-05:00">November 23, 2026 07:00 ET</time>',
    )
    assert extract_article(html).published_text == "2026-11-23T07:00:00-05:00"


def test_a_date_only_meta_tag_stays_beside_a_timestamp_of_another_day():
    html = page(
        '<meta name="dc.date" content="2026-11-23">',
        '<aside><time datetime="2026-11-20T09:00:00+01:00">20.11.2026</time></aside>',
    )
    assert extract_article(html).published_text == "2026-11-23"


def test_a_timed_meta_tag_wins_over_a_later_timestamp():
    html = page(
        '<meta property="article:published_time" content="2026-11-23T10:15:00+01:00">',
        '<time datetime="2026-11-23T07:00:00+01:00">23.11.2026</time>',
    )
    assert extract_article(html).published_text == "2026-11-23T10:15:00+01:00"


def test_a_microdata_date_in_an_article_info_list_keeps_its_time():
    html = page(
        "",
        '<dl class="article-info"><dt>Details</dt><dd class="published"><time '
        'datetime="2026-11-26T16:20:00+01:00" itemprop="datePublished">Veröffentlicht: '
        '26. November 2026</time></dd><dd class="hits">Zugriffe: 312</dd></dl>',
    )
    assert extract_article(html).published_text == "2026-11-26T16:20:00+01:00"


def release_from(name: str, timezone: str):
    """The release a `files` source in `timezone` makes of a shapes fixture."""
    source = SourceConfig(title="Probe", kind="files", path="inbox", timezone=timezone)
    context = InputContext(
        source="probe", config=source, locator=f"inbox/{name}", received_at=ARRIVED, route="files"
    )
    path = SHAPES / name
    return normalize(read_input(path.read_bytes(), Path(name).suffix, context), source)


def test_a_joomla_article_keeps_the_time_of_its_machine_readable_date():
    found = release("joomla-article-info.html")
    assert found.published_at == datetime(2026, 11, 24, 11, 5, tzinfo=BERLIN)
    assert not found.published_date_only
    assert found.title == "Freibad Am Mühlgraben öffnet mit neuer Rutsche"


def test_a_date_only_meta_tag_gives_way_to_the_page_s_timestamp_of_that_day():
    found = release_from("wire-dc-date-and-timestamp.html", "America/New_York")
    assert found.published_at == datetime(2026, 11, 24, 8, 30, tzinfo=NEW_YORK)
    assert found.published_at.utcoffset() == timedelta(hours=-5)
    assert not found.published_date_only


def release_of_page(html: str):
    """The release a `files` source in Berlin makes of a page given as text."""
    source = SourceConfig(title="Probe", kind="files", path="inbox", timezone="Europe/Berlin")
    context = InputContext(
        source="probe", config=source, locator="inbox/post.html", received_at=ARRIVED, route="files"
    )
    return normalize(read_input(html.encode(), ".html", context), source)


def test_an_old_post_saved_again_keeps_the_day_its_article_data_and_its_page_show():
    found = release_from("newsroom-resaved-old-post.html", "Europe/Berlin")
    assert found.published_at == datetime(2026, 9, 14, 9, 30, tzinfo=BERLIN)
    assert found.warnings == (
        "the page's dates disagree: its head's meta tag says 2026-11-25T06:05:12Z, its "
        "article data 2026-09-14T09:30:00+02:00: the article's date is used",
    )


def test_without_article_data_the_date_beside_the_headline_beats_a_later_meta_tag():
    html = page(
        '<meta property="article:published_time" content="2026-11-25T06:05:12Z">',
        '<p class="meta">Veröffentlicht am 14.09.2026</p>',
    )
    found = release_of_page(html)
    assert found.published_at == datetime(2026, 9, 14, tzinfo=BERLIN)
    assert found.published_date_only
    assert found.warnings[0] == (
        "the page's dates disagree: it shows 2026-09-14 to its readers, its metadata says "
        "2026-11-25T06:05:12Z: the date it shows is used"
    )


def test_one_moment_written_in_two_zones_is_no_conflict():
    html = page(
        '<meta property="article:published_time" content="2026-11-24T23:30:00Z">'
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"datePublished":"2026-11-25T00:30:00+01:00"}</script>',
        '<p class="meta">Veröffentlicht am 25.11.2026</p>',
    )
    found = release_of_page(html)
    assert found.published_at == datetime(2026, 11, 25, 0, 30, tzinfo=BERLIN)
    assert not any("disagree" in warning for warning in found.warnings)


def test_a_meta_tag_that_agrees_with_the_shown_date_keeps_its_time():
    html = page(
        '<meta property="article:published_time" content="2026-11-25T10:15:00+01:00">',
        '<p class="meta">Veröffentlicht am 25.11.2026</p>',
    )
    found = release_of_page(html)
    assert found.published_at == datetime(2026, 11, 25, 10, 15, tzinfo=BERLIN)
    assert found.warnings == ()
