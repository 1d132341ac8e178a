"""Atom 1.0 (`atom.xml`): plain-text summary, the full article as content type="html"."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta

from feedgen.feed import FeedGenerator
from lxml import etree

from pipeline.publish.fragment import ID_NAMESPACE, ChannelView, PublishedItem, feed_text
from pipeline.publish.rss import with_hub

FILENAME = "atom.xml"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


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
    document = _with_entry_languages(feed.atom_str(pretty=True), view)
    return {FILENAME: with_hub(document, channel.hub) if channel.hub else document}


def _with_entry_languages(document: bytes, view: ChannelView) -> bytes:
    """xml:lang on every entry (feedgen sets it only on the feed): an English release in a German
    channel is English to every reader. And a `rel="enclosure"` link per photo, which feedgen
    writes without its rel, type and length."""
    root = etree.fromstring(document)
    entries = root.findall(f"{{{ATOM}}}entry")
    for element, item in zip(entries, view.items, strict=True):
        element.set(XML_LANG, item.release.language)
        after = element.find(f"{{{ATOM}}}link")
        for picture in item.pictures:
            file = picture.largest
            link = etree.Element(
                f"{{{ATOM}}}link",
                rel="enclosure",
                href=f"{view.channel.link}/{file.path}",
                type=file.content_type,
                length=str(file.size),
            )
            if title := feed_text(picture.media.caption or picture.media.alt):
                link.set("title", title)
            link.tail = after.tail
            after.addnext(link)
            after = link
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def _add_entry(feed: FeedGenerator, item: PublishedItem) -> None:
    release = item.release
    entry = feed.add_entry(order="append")
    entry.id(item.id)
    entry.title(feed_text(release.title))
    entry.updated(distinct_update(item.updated, item.id))
    entry.published(item.published)
    entry.link(href=item.url, rel="alternate")
    entry.author(name=item.author)
    entry.summary(item.summary)
    for category in release.categories:
        entry.category(term=feed_text(category))
    entry.content(item.article, type="html")


def distinct_update(moment: datetime, entry_id: str) -> datetime:
    """The entry's `updated` with milliseconds of its own. Releases dated by the day alone, or
    approved in one batch, share the second; the W3C validator warns of entries that share an
    `updated`, and readers that sort by it would order them at random. The milliseconds come
    from the entry's id: the same on every publish, a tie only once in a thousand pairs."""
    if moment.microsecond:
        return moment
    offset = int.from_bytes(hashlib.sha256(entry_id.encode()).digest()[:4], "big") % 999 + 1
    return moment + timedelta(milliseconds=offset)
