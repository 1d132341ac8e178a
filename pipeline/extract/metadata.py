"""Metadata from the page head: title, publication date text, language, canonical URL.

Cheap xpaths only; no date guessing (`normalize` parses dates).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from pipeline.extract.fragment import _clean_space, _resolve

_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "pubdate",
    "publish-date",
    "publishdate",
    "sailthru.date",
    "parsely-pub-date",
)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·:-]\s+")


def _head_metadata(tree) -> dict[str, str]:
    """Every <meta> of the page by lower-cased name/property/itemprop (first one wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if key is None:
            key = meta.get("http-equiv")
        content = meta.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _canonical_url(tree, meta: dict[str, str], url: str | None) -> str | None:
    """The page's own permanent address: link rel=canonical, else og:url (http(s) only)."""
    candidates = [
        link.get("href")
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    candidates.append(meta.get("og:url"))
    for candidate in candidates:
        href = _resolve(candidate, url)
        if href and href.startswith(("http://", "https://")):
            return href
    return None


def _title(tree, meta: dict[str, str]) -> str | None:
    if meta.get("og:title"):
        return _clean_space(meta["og:title"])
    for heading in tree.iter("h1"):
        text = _clean_space(heading.text_content())
        if text:
            return text
    title = tree.find(".//title")
    if title is not None and title.text:
        parts = _TITLE_SEPARATORS.split(_clean_space(title.text))
        return max(parts, key=len) if parts else None
    return None


def _published(tree, meta: dict[str, str]) -> str | None:
    for key in _DATE_KEYS:
        if meta.get(key):
            return meta[key]
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            match = _LD_DATE.search(script.text)
            if match:
                return match.group(1)
    for element in tree.iter("time"):
        value = element.get("datetime") or element.text_content()
        if value and value.strip():
            return _clean_space(value)
    return None


def _language(tree, meta: dict[str, str]) -> str | None:
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    value = value or meta.get("content-language") or meta.get("og:locale")
    if not value:
        return None
    primary = re.split(r"[-_,;\s]", value.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _base_url(tree, url: str | None) -> str | None:
    base = tree.find(".//base[@href]")
    if base is not None:
        return urljoin(url or "", base.get("href").strip()) or url
    return url
