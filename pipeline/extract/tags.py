"""The article's own tags: `article:tag` meta tags and JSON-LD `keywords`, never a page's tag
cloud."""

from __future__ import annotations

import json

from pipeline.extract.fragment import _clean_space

MAX_TAGS = 20


def page_tags(tree) -> tuple[str, ...]:
    """The article's own tags: `article:tag` meta tags and JSON-LD `keywords`, in page order,
    each once. A page's tag cloud (links with rel=tag in a sidebar) is no part of them."""
    found = [
        meta.get("content") or ""
        for meta in tree.iter("meta")
        if (meta.get("property") or meta.get("name") or "").lower() == "article:tag"
    ]
    for script in tree.iter("script"):
        if (
            script.get("type") == "application/ld+json"
            and script.text
            and "keywords" in script.text
        ):
            found += _ld_keywords(script.text)
    tags: dict[str, str] = {}
    for tag in map(_clean_space, found):
        if tag and len(tag) <= 100:
            tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())[:MAX_TAGS]


def _ld_keywords(text: str) -> list[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    items = data if isinstance(data, list) else [data]
    items += [part for item in items if isinstance(item, dict) for part in item.get("@graph", [])]
    words: list[str] = []
    for item in items:
        keywords = item.get("keywords") if isinstance(item, dict) else None
        if isinstance(keywords, str):
            words += keywords.split(",")
        elif isinstance(keywords, list):
            words += [word for word in keywords if isinstance(word, str)]
    return words
