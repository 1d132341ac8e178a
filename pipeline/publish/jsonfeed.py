"""JSON Feed 1.1 (`feed.json`), written deterministically: sorted keys, UTF-8, final newline."""

from __future__ import annotations

import json

from pipeline.publish.fragment import ChannelView, PublishedItem, feed_text

FILENAME = "feed.json"
VERSION = "https://jsonfeed.org/version/1.1"


def render(view: ChannelView) -> dict[str, bytes]:
    channel = view.channel
    feed = {
        "version": VERSION,
        "title": channel.title,
        "description": channel.description,
        "home_page_url": channel.link,
        "feed_url": view.url(FILENAME),
        "language": channel.language,
        "items": [_item(item) for item in view.items],
    }
    if channel.author:
        feed["authors"] = [{"name": channel.author}]
    text = json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=True)
    return {FILENAME: (text + "\n").encode()}


def _item(item: PublishedItem) -> dict:
    release = item.release
    data = {
        "id": item.id,
        "url": item.url,
        "title": feed_text(release.title),
        "content_html": item.article,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "language": release.language,
        "authors": [{"name": item.author}],
    }
    if item.summary:
        data["summary"] = item.summary
    if release.categories:
        data["tags"] = [feed_text(category) for category in release.categories]
    return data
