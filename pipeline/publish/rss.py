"""RSS 2.0 (`rss.xml`): teaser as description, the full article as content:encoded."""

from __future__ import annotations

from html import escape

from feedgen.feed import FeedGenerator
from lxml import etree

from pipeline.publish.fragment import ChannelView, PublishedItem, feed_text

FILENAME = "rss.xml"
MEDIA = "{http://search.yahoo.com/mrss/}"


def render(view: ChannelView) -> dict[str, bytes]:
    channel = view.channel
    feed = FeedGenerator()
    feed.load_extension("dc", atom=False, rss=True)
    feed.title(channel.title)
    feed.description(channel.description)
    feed.link(href=view.url(FILENAME), rel="self")
    # feedgen takes the channel <link> from the last link added: the portal page.
    feed.link(href=channel.link, rel="alternate")
    feed.language(channel.language)
    feed.generator("Melder")
    # feedgen would stamp the current time; the newest change keeps the file reproducible.
    feed.lastBuildDate(view.updated)
    pictured = any(item.pictures for item in view.items)
    if pictured:
        feed.load_extension("media", atom=False, rss=True)
    for item in view.items:
        _add_item(feed, item, channel.link)
    document = feed.rss_str(pretty=True)
    if pictured:
        document = with_media_details(document, view)
    return {FILENAME: with_hub(document, channel.hub) if channel.hub else document}


def with_media_details(document: bytes, view: ChannelView) -> bytes:
    """Media RSS credit and caption inside each `media:content` (feedgen writes bare ones)."""
    root = etree.fromstring(document)
    for element, item in zip(root.iter("item"), view.items, strict=True):
        contents = element.findall(f"{MEDIA}content")
        for content, picture in zip(contents, item.pictures, strict=True):
            media = picture.media
            if media.credit:
                credit = etree.SubElement(content, f"{MEDIA}credit", role="photographer")
                credit.text = media.credit
            if media.caption or media.alt:
                description = etree.SubElement(content, f"{MEDIA}description", type="plain")
                description.text = media.caption or media.alt
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def with_hub(document: bytes, hub: str) -> bytes:
    """WebSub discovery: `<atom:link rel="hub">` beside the self link (feedgen has no hubs)."""
    root = etree.fromstring(document)
    parent = root.find("channel") if root.tag == "rss" else root
    link = etree.Element("{http://www.w3.org/2005/Atom}link", rel="hub", href=hub)
    self_link = parent.find("{http://www.w3.org/2005/Atom}link")
    if self_link is not None:
        self_link.addnext(link)
    else:
        parent.insert(0, link)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def _add_item(feed: FeedGenerator, item: PublishedItem, link: str) -> None:
    release = item.release
    entry = feed.add_entry(order="append")
    entry.id(item.id)  # also the guid, isPermaLink="false"
    entry.title(feed_text(release.title))
    entry.link(href=item.url, rel="alternate")
    entry.pubDate(item.published)
    entry.content(item.article)  # escaped text, not CDATA: "]]>" can never break it
    # RSS readers treat description as HTML, so the plain-text summary is escaped once more.
    entry.description(escape(item.summary, quote=False), isSummary=True)
    for category in release.categories:
        entry.category(term=feed_text(category))
    # RSS has no author without an e-mail address and one language per channel: Dublin Core
    entry.dc.dc_creator(item.author)
    entry.dc.dc_language(release.language)
    if item.pictures:  # RSS allows one enclosure: the lead photo; Media RSS names them all
        lead = item.pictures[0].largest
        entry.enclosure(f"{link}/{lead.path}", str(lead.size), lead.content_type)
        for picture in item.pictures:
            file = picture.largest
            entry.media.content(
                url=f"{link}/{file.path}",
                type=file.content_type,
                medium="image",
                width=str(file.width),
                height=str(file.height),
                fileSize=str(file.size),
                group=None,
            )
