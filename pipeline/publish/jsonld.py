"""A release's schema.org NewsArticle, and how its dates are given: a day the input names
without a time of day is given as that day, never as a made-up midnight."""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Protocol

from pipeline.config import ChannelConfig
from pipeline.models import Release
from pipeline.publish.figures import image_objects


class PublishedItem(Protocol):  # publish.fragment's, which imports this module
    release: Release
    published: datetime
    updated: datetime
    id: str
    url: str
    author: str
    pictures: tuple


def day_only(item: PublishedItem) -> bool:
    """A day without a time of day is shown as the day: its start would be a made-up time."""
    named = item.release.published_at
    return (
        item.release.published_date_only
        and named is not None
        and (item.published.date() == named.date() and item.published.time() == time(0))
    )


def shown_moment(moment: datetime, day_only: bool) -> str:
    return moment.date().isoformat() if day_only else moment.isoformat()


def json_ld(item: PublishedItem, channel: ChannelConfig) -> str:
    """schema.org NewsArticle from our own data; '<', '>' and '&' escaped so it cannot end the
    script element or open a comment inside it."""
    release = item.release
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": item.id,
        "headline": release.title,
        "description": release.teaser or None,
        "inLanguage": release.language,
        "datePublished": shown_moment(item.published, day_only(item)),
        "dateModified": shown_moment(
            item.updated, day_only(item) and item.updated == item.published
        ),
        "url": item.url,
        "mainEntityOfPage": item.url,
        "author": {"@type": "Organization", "name": item.author},
        "keywords": list(release.categories) or None,
        "image": image_objects(item.pictures, channel.link) or None,
        "publisher": {"@type": "Organization", "name": channel.title, "url": channel.link},
    }
    text = json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
