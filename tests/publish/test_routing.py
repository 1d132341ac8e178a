"""Channels that route like presseportal: by category, language, region and exclusions, and
a feed of its own per press office."""

from __future__ import annotations

from datetime import UTC, datetime

import feedparser

from pipeline import runner
from pipeline.config import load_config
from pipeline.store import Store
from tests.conftest import write
from tests.security.test_xss_routes import _paragraphs

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _release(root, source: str, name: str, title: str, categories: list[str], lang: str):
    text = "\n\n".join(_paragraphs(["Ende."], hash(name) % 1000, name))
    write(
        root / "in" / source / f"{name}.md",
        f"---\ntitle: {title}\ncategories: {categories}\nlanguage: {lang}\n---\n\n{text}\n",
    )


def _channel(root, name: str, extra: str) -> None:
    write(
        root / "outputs" / f"{name}.toml",
        f'title = "{name}"\ndescription = "d"\nlink = "https://portal.example/{name}"\n{extra}\n'
        '[disclaimer]\ntext = "Inhalte Dritter: {source}."\n',
    )


def _titles(root, path: str) -> set[str]:
    feed = feedparser.parse((root / "outputs" / path).read_bytes())
    assert feed.bozo == 0
    return {entry.title for entry in feed.entries}


def test_filters_and_per_source_feeds(tmp_path):
    root = tmp_path / "root"
    for source, region in (("lindenau", "Sachsen"), ("eastbridge", None)):
        extra = f'region = "{region}"\n' if region else ""
        write(
            root / "sources" / f"{source}.toml",
            f'title = "{source.title()}"\nkind = "files"\npath = "in/{source}"\n'
            f'review = "auto"\n{extra}',
        )
    _release(root, "lindenau", "kultur", "Museum öffnet", ["Kultur"], "de")
    _release(root, "lindenau", "verkehr", "Baustelle Ringstraße", ["Verkehr"], "de")
    _release(root, "eastbridge", "ferry", "Night ferry to Lindenau", ["Transport"], "en")
    _release(root, "eastbridge", "festival", "Harbour festival in Sachsen", ["Culture"], "en")
    _channel(root, "kultur", 'categories = ["kultur", "Culture"]')
    _channel(root, "english", 'languages = ["en"]\nexclude = ["festival"]')
    _channel(root, "sachsen", 'regions = ["Sachsen"]')
    _channel(root, "alle", "source_feeds = true")
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    runner.publish(load_config(root), store, now=NOW)
    store.close()
    assert _titles(root, "kultur/rss.xml") == {"Museum öffnet", "Harbour festival in Sachsen"}
    assert _titles(root, "english/atom.xml") == {"Night ferry to Lindenau"}
    # Lindenau's releases by the source's region, Eastbridge's by the region in the text
    assert _titles(root, "sachsen/rss.xml") == {
        "Museum öffnet",
        "Baustelle Ringstraße",
        "Harbour festival in Sachsen",
    }
    assert _titles(root, "alle/sources/lindenau/rss.xml") == {
        "Museum öffnet",
        "Baustelle Ringstraße",
    }
    assert _titles(root, "alle/sources/eastbridge/atom.xml") == {
        "Night ferry to Lindenau",
        "Harbour festival in Sachsen",
    }
    feed = feedparser.parse((root / "outputs" / "alle/sources/lindenau/rss.xml").read_bytes())
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == "https://portal.example/alle/sources/lindenau/rss.xml"
    # the pages stay with the channel: the per-source feeds link to them
    assert all(
        entry.link.startswith("https://portal.example/alle/releases/") for entry in feed.entries
    )


def test_a_release_no_channels_filters_take_stays_approved_and_is_named(tmp_path):
    from pipeline.models import State

    root = tmp_path / "root"
    write(
        root / "sources" / "lindenau.toml",
        'title = "Lindenau"\nkind = "files"\npath = "in/lindenau"\nreview = "auto"\n',
    )
    _release(root, "lindenau", "kultur", "Museum öffnet", ["Kultur"], "de")
    _release(root, "lindenau", "ferry", "Night ferry to Lindenau", ["Transport"], "en")
    _channel(root, "english", 'languages = ["en"]')
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    report = runner.publish(load_config(root), store, now=NOW)
    assert _titles(root, "english/rss.xml") == {"Night ferry to Lindenau"}
    [german] = [view for view in store.queue() if view.release.title == "Museum öffnet"]
    assert german.state == State.APPROVED  # not "published" on no feed
    assert report.unrouted == [german.release.id]
    assert len(report.published) == 1
    store.close()


def test_a_withdrawal_reaches_only_the_channels_that_carried_the_release(tmp_path):
    root = tmp_path / "root"
    write(
        root / "sources" / "lindenau.toml",
        'title = "Lindenau"\nkind = "files"\npath = "in/lindenau"\nreview = "auto"\n',
    )
    _release(root, "lindenau", "kultur", "Museum öffnet", ["Kultur"], "de")
    _channel(root, "kultur", 'categories = ["Kultur"]')
    _channel(root, "english", 'languages = ["en"]')
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    runner.publish(load_config(root), store, now=NOW)
    [view] = store.queue()
    from pipeline.review import withdraw

    withdraw(store, view.release.id, reason="falsch", actor="erika", now=NOW, seen=view.version)
    runner.publish(load_config(root), store, now=NOW)
    store.close()
    assert list((root / "outputs" / "kultur" / "releases").glob("*.html"))
    assert not (root / "outputs" / "english" / "releases").exists() or not list(
        (root / "outputs" / "english" / "releases").glob("*.html")
    )
    assert "deleted-entry" not in (root / "outputs" / "english" / "atom.xml").read_text()
    assert "deleted-entry" in (root / "outputs" / "kultur" / "atom.xml").read_text()


def test_every_source_of_a_channel_for_all_gets_its_own_feed_beyond_the_window(tmp_path):
    root = tmp_path / "root"
    for source in ("lindenau", "eastbridge"):
        write(
            root / "sources" / f"{source}.toml",
            f'title = "{source.title()}"\nkind = "files"\npath = "in/{source}"\nreview = "auto"\n',
        )
    _release(root, "eastbridge", "ferry", "Night ferry to Lindenau", ["Transport"], "en")
    for number in range(3):  # newer releases push the ferry out of a window of two
        _release(root, "lindenau", f"k{number}", f"Museum {number} öffnet", ["Kultur"], "de")
    ferry = root / "in" / "eastbridge" / "ferry.md"
    ferry.write_text(ferry.read_text().replace("language: en", "language: en\ndate: 2026-11-20"))
    _channel(root, "alle", "source_feeds = true\nmax_items = 2")
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    runner.publish(load_config(root), store, now=NOW)
    store.close()
    assert "Night ferry to Lindenau" not in _titles(root, "alle/rss.xml")
    assert _titles(root, "alle/sources/eastbridge/rss.xml") == {"Night ferry to Lindenau"}
