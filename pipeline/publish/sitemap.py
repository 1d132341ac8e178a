"""Google News sitemap (`news-sitemap.xml`) for portals that publish the fragments as pages.

Google wants only articles of the last two days, at most 1,000. "Now" is the channel's newest
change, never the clock, so the file stays byte-identical until something changes.
"""

from __future__ import annotations

from datetime import timedelta

from lxml import etree

from pipeline.publish.fragment import ChannelView, feed_text

FILENAME = "news-sitemap.xml"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
WINDOW = timedelta(days=2)
MAX_URLS = 1000


def render(view: ChannelView) -> dict[str, bytes]:
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "news": NEWS})
    since = view.updated - WINDOW
    live = [item for item in view.items if item.entry.withdrawn_at is None]
    for item in [item for item in live if item.published >= since][:MAX_URLS]:
        url = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(url, f"{{{SITEMAP}}}loc").text = item.url
        news = etree.SubElement(url, f"{{{NEWS}}}news")
        publication = etree.SubElement(news, f"{{{NEWS}}}publication")
        etree.SubElement(publication, f"{{{NEWS}}}name").text = view.channel.title
        etree.SubElement(publication, f"{{{NEWS}}}language").text = item.release.language
        date = etree.SubElement(news, f"{{{NEWS}}}publication_date")
        date.text = item.published.isoformat()
        etree.SubElement(news, f"{{{NEWS}}}title").text = feed_text(item.release.title)
    return {
        FILENAME: etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    }
