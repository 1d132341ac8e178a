"""ninjs 2.0 against IPTC's own schema, and the Google News sitemap."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import jsonschema
from lxml import etree

from pipeline.publish import render_channel
from tests.publish_helpers import BERLIN, channel, entry, release, sample_entries, sources

SCHEMA = json.loads((Path(__file__).parents[1] / "schemas" / "ninjs-schema_2.0.json").read_text())
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_every_ninjs_item_is_valid_against_the_iptc_schema():
    files = render_channel("melder", channel(), sample_entries(), sources())
    items = json.loads(files["ninjs.json"])
    assert len(items) == 2
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for item in items:
        assert list(validator.iter_errors(item)) == []
    german, english = items
    assert german["headlines"][0]["value"].startswith("3. Asienkonferenz")
    assert german["language"] == "de" and english["language"] == "en"
    assert german["subjects"] == [{"name": "Internationales"}, {"name": "Rathaus"}]
    assert german["pubstatus"] == "usable"
    assert german["bodies"][0]["contenttype"] == "text/html"
    assert german["descriptions"][0]["value"].startswith("Pressemitteilung: ")
    assert english["embargoed"].startswith("2026-11-24T00:01")


def test_the_news_sitemap_lists_the_last_two_days_only():
    newest = datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN)
    entries = [
        entry(release(identity=f"pm-{days}", title=f"Meldung vor {days} Tagen",
                      published_at=newest - timedelta(days=days)),
              first_published_at=newest - timedelta(days=days))
        for days in range(4)
    ]  # fmt: skip
    files = render_channel("melder", channel(), entries, sources())
    root = etree.fromstring(files["news-sitemap.xml"])
    titles = [url.findtext(f"{NEWS}news/{NEWS}title") for url in root.iter(f"{SITEMAP}url")]
    assert titles == ["Meldung vor 0 Tagen", "Meldung vor 1 Tagen", "Meldung vor 2 Tagen"]
    first = next(root.iter(f"{SITEMAP}url"))
    assert first.findtext(f"{SITEMAP}loc").startswith("https://")
    assert first.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name") == "Melder"
    assert first.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") == "de"
    assert first.findtext(f"{NEWS}news/{NEWS}publication_date") == "2026-11-25T10:00:00+01:00"
