"""A post as WordPress's REST API exports it (`/wp-json/wp/v2/posts/ID`), read as a release
submission: a press office's site that runs WordPress hands its posts over as they are."""

from __future__ import annotations

import html
import re
from typing import Any


def wordpress_post(raw: dict) -> dict | None:
    """A post as WordPress's REST API gives it (/wp-json/wp/v2/posts/ID), in Melder's field
    names: its rendered title, content and excerpt, its UTC date, link and id."""
    title, content = raw.get("title"), raw.get("content")
    if not all(isinstance(part, dict) and "rendered" in part for part in (title, content)):
        return None
    excerpt = raw.get("excerpt") if isinstance(raw.get("excerpt"), dict) else {}
    published = f"{raw['date_gmt']}+00:00" if raw.get("date_gmt") else raw.get("date")
    mapped = {
        "title": _plain(title["rendered"]),
        "body_html": content["rendered"],
        "teaser": _plain(excerpt.get("rendered") or ""),
        "published": published,
        "url": raw.get("link"),
        "id": str(raw["id"]) if raw.get("id") is not None else None,
    }
    return {key: value for key, value in mapped.items() if value}


def _plain(rendered: Any) -> str:
    text = html.unescape(re.sub(r"<[^>]*>", " ", rendered if isinstance(rendered, str) else ""))
    return " ".join(text.split())
