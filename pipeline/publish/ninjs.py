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
    items = [news_object(item) for item in view.items]
    text = json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True)
    return {FILENAME: (text + "\n").encode()}


def news_object(item: PublishedItem) -> dict:
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
    return data
