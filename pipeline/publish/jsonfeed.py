"""JSON Feed 1.1 (`feed.json`), written deterministically: sorted keys, UTF-8, final newline."""

from __future__ import annotations

import json

from pipeline.publish.fragment import ChannelView, PublishedItem, feed_text

FILENAME = "feed.json"
VERSION = "https://jsonfeed.org/version/1.1"


def render(view: ChannelView) -> dict[str, bytes]:
    link = view.channel.link
    channel = view.channel
    feed = {
        "version": VERSION,
        "title": channel.title,
        "description": channel.description,
        "home_page_url": channel.link,
        "feed_url": view.url(FILENAME),
        "language": channel.language,
        "items": [_item(item, link) for item in view.items],
    }
    if channel.author:
        feed["authors"] = [{"name": channel.author}]
    text = json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=True)
    return {FILENAME: (text + "\n").encode()}


def _item(item: PublishedItem, link: str) -> dict:
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
    if item.pictures:
        data["image"] = f"{link}/{item.pictures[0].largest.path}"
    attachments = [
        _attachment(f"{link}/{picture.largest.path}", picture.largest, picture.media)
        for picture in item.pictures
    ]
    attachments += [_attachment(f"{link}/{d.file.path}", d.file, d.media) for d in item.downloads]
    if attachments:
        data["attachments"] = attachments
    return data


def _attachment(url: str, file, media) -> dict:
    data = {"url": url, "mime_type": file.content_type, "size_in_bytes": file.size}
    title = media.caption or media.alt or (media.filename if media.kind == "document" else "")
    if title:
        data["title"] = feed_text(title)
    return data
