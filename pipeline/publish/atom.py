"""Atom 1.0 (`atom.xml`): plain-text summary, the full article as content type="html"."""

from __future__ import annotations

import uuid

from feedgen.feed import FeedGenerator

from pipeline.publish.fragment import ID_NAMESPACE, ChannelView, PublishedItem, feed_text

FILENAME = "atom.xml"


def render(view: ChannelView) -> dict[str, bytes]:
    channel = view.channel
    feed = FeedGenerator()
    feed.id(f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'channel:' + channel.link)}")
    feed.title(channel.title)
    feed.subtitle(channel.description)
    feed.link(href=view.url(FILENAME), rel="self")
    feed.link(href=channel.link, rel="alternate")  # the portal page, not this file
    feed.language(channel.language)
    feed.generator("Melder")
    if channel.author:
        feed.author(name=channel.author)
    # feedgen would stamp the current time; the newest change keeps the file reproducible.
    feed.updated(view.updated)
    for item in view.items:
        _add_entry(feed, item)
    return {FILENAME: feed.atom_str(pretty=True)}


def _add_entry(feed: FeedGenerator, item: PublishedItem) -> None:
    release = item.release
    entry = feed.add_entry(order="append")
    entry.id(item.id)
    entry.title(feed_text(release.title))
    entry.updated(item.updated)
    entry.published(item.published)
    entry.link(href=item.url, rel="alternate")
    entry.author(name=item.author)
    if release.teaser.strip():
        entry.summary(feed_text(release.teaser))
    entry.content(item.article, type="html")
