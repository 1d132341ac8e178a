"""IPTC ninjs 2.0 (`ninjs.json`): the channel's items as news objects, the format Superdesk and
news agencies exchange. Written deterministically: sorted keys, UTF-8, final newline."""

from __future__ import annotations

import json

from pipeline.publish.fragment import ChannelView, PublishedItem, feed_text

FILENAME = "ninjs.json"
STANDARD = {
    "name": "ninjs",
    "version": "2.0",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json",
}


def render(view: ChannelView) -> dict[str, bytes]:
    items = [news_object(item, view.channel.link) for item in view.items]
    text = json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True)
    return {FILENAME: (text + "\n").encode()}


def news_object(item: PublishedItem, link: str) -> dict:
    """One release as a ninjs 2.0 news object; a withdrawn one is `canceled`."""
    release = item.release
    withdrawn = item.entry.withdrawn_at is not None
    data = {
        "uri": item.id,
        "standard": STANDARD,
        "type": "text",
        "representationtype": "full",
        "profile": "press-release",
        "version": str(item.entry.revision),
        "firstcreated": item.published.isoformat(),
        "versioncreated": item.updated.isoformat(),
        "pubstatus": "canceled" if withdrawn else "usable",
        "language": release.language,
        "headlines": [{"role": "main", "value": feed_text(release.title)}],
        "by": item.author,
        "copyrightholder": item.author,
        "infosources": [{"name": item.author}],
        "altids": [{"role": "url", "value": item.url}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": item.article}],
    }
    if item.summary:
        data["descriptions"] = [
            {"role": "summary", "contenttype": "text/plain", "value": item.summary}
        ]
    if release.embargo_until is not None:
        data["embargoed"] = release.embargo_until.isoformat()
    if release.categories:
        data["subjects"] = [{"name": feed_text(category)} for category in release.categories]
    if item.pictures:
        data["associations"] = [
            _picture(f"photo{number}", picture, link)
            for number, picture in enumerate(item.pictures, start=1)
        ]
    return data


def _picture(name: str, picture, link: str) -> dict:
    """A photo as an associated ninjs picture object with one rendition per published width."""
    media = picture.media
    data = {
        "name": name,
        "type": "picture",
        "uri": f"{link}/{picture.largest.path}",
        "renditions": [
            {
                "name": f"w{file.width}",
                "href": f"{link}/{file.path}",
                "contenttype": file.content_type,
                "width": file.width,
                "height": file.height,
                **({"sizeinbytes": file.size} if file.size else {}),
            }
            for file in picture.files
        ],
    }
    if media.caption:
        data["descriptions"] = [
            {"role": "caption", "contenttype": "text/plain", "value": media.caption}
        ]
    if media.alt:
        data["headlines"] = [{"role": "alt", "value": media.alt}]
    if media.credit:
        data["by"] = media.credit
        data["copyrightnotice"] = f"© {media.credit}"
    if media.license:
        data["usageterms"] = media.license
    return data
