"""What one feed entry says of itself: its identity, text, link, date, and whether its text is
only a teaser; and which entries of a long feed are the newest."""

from __future__ import annotations

import hashlib
import html
import json
import re
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import lxml.html

from pipeline.extract.urls import strip_session, strip_tracking

TEASER_CHARS = 400  # an entry with less text than this may be a teaser
TAG_RE = re.compile(r"<[^>]+>")
TRUNCATED_RE = re.compile(
    r"(…|\.\.\.|\[…\]|\[\.\.\.\]|weiterlesen|mehr lesen|read more)\s*\W*$"
    # a bare 'Mehr »' link text; 'nicht mehr.' ends a sentence
    r"|\b(?:mehr|more)\s*[»›>\])]*\s*$",
    re.I,
)
SENTENCE_END_RE = re.compile(r"[.!?][\"'»«“”‘’)\]]*$")
# a full stop before a capital starts the next sentence; not after a digit ('am 27. November')
# nor after a lone letter ('z. B. Die')
SENTENCE_BREAK_RE = re.compile(r"(?<!\d)(?<!\b\w)[.!?][\"'»«“”‘’)\]]*\s+[\"„“»]?[A-ZÄÖÜ0-9]")
# feedparser reads these zones right; any other name it reads as UTC, and a date without a
# zone too: such a date is left to the text, read in the source's own zone
ZONE_READ_RIGHT_RE = re.compile(r"(?:[+-]\d\d:?\d\d|\b(?:GMT|UTC|UT|Z)|\dZ)\s*$", re.I)


def entry_identity(entry, feed_url: str) -> str | None:
    """The entry's guid as it is; a link taken for its id without tracking parameters, so a
    new campaign in the link ('utm_campaign=…') is no new release."""
    own_id = (entry.get("id") or "").strip()
    from_link = not own_id or (
        entry.get("guidislink") and own_id == (entry.get("link") or "").strip()
    )
    value = (own_id or entry.get("link") or "").strip()
    if not value:
        return None
    value = urljoin(feed_url, value) if value.startswith("/") else value
    # a feed a Java CMS writes anew for each visitor links its entries with that visit's session
    return strip_tracking(value) if from_link else strip_session(value)


def entry_bytes(entry) -> bytes:
    """An entry's own fields as JSON: what the desk shows as its original input."""
    fields = {
        key: entry.get(key) for key in ("id", "title", "link", "summary", "published", "updated")
    }
    fields["content"] = [item.get("value") for item in entry.get("content", [])]
    media = [item.get("url") for item in entry.get("media_content", [])]
    media += [item.get("href") for item in entry.get("enclosures", [])]
    if media:  # only then: the digest of an entry without photos stays what it always was
        fields["media"] = media
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")


def entry_digest(entry) -> str:
    """What makes an entry "the same": its own fields, not the feed around it."""
    return hashlib.sha256(entry_bytes(entry)).hexdigest()


def entry_html(entry) -> str:
    """The fullest body the entry carries: content:encoded / atom:content, else the summary."""
    candidates = [
        item.get("value", "") if "html" in item.get("type", "html") else _as_html(item.get("value"))
        for item in entry.get("content", [])
    ]
    candidates.append(entry.get("summary", ""))
    return without_cms_fields(max(candidates, key=lambda value: len(plain_text(value))))


# Drupal's default RSS view renders the whole node: its title, author and date fields
# ('redaktion', 'Mi., 25.11.2026 - 14:12') stand around the body as fields of their own
CMS_FIELD_RE = re.compile(r"\bfield--name-(?:title|uid|created|changed)\b")


def without_cms_fields(body: str) -> str:
    if not CMS_FIELD_RE.search(body):
        return body
    holder = lxml.html.fragment_fromstring(body, create_parent="div")
    fields = [el for el in holder.iter() if CMS_FIELD_RE.search(el.get("class") or "")]
    for element in fields:
        element.drop_tree()
    kept = (lxml.html.tostring(child, encoding="unicode") for child in holder)
    return (holder.text or "") + "".join(kept)


def wants_page(body: str, follow_links: str) -> bool:
    if follow_links != "auto":
        return follow_links == "always"
    return looks_like_teaser(plain_text(body))


def looks_like_teaser(text: str) -> bool:
    """Cut-off text ('…', 'Weiterlesen'), or a short text that is not a finished piece: a
    police report of two whole sentences is complete however short."""
    if TRUNCATED_RE.search(text):
        return True
    if len(text) >= TEASER_CHARS:
        return False
    return not (SENTENCE_END_RE.search(text) and SENTENCE_BREAK_RE.search(text))


def entry_link(entry, feed_url: str) -> str | None:
    link = (entry.get("link") or "").strip()
    from_guid = entry.get("guidislink") and link == entry.get("id")
    if from_guid and not link.startswith(("http://", "https://")):
        return None  # feedparser took a guid such as "pm-0412" for a permalink
    if not link:
        return None
    link = urljoin(feed_url, link)
    return link if urlsplit(link).scheme in {"http", "https"} else None


def entry_date_text(entry) -> str | None:
    return entry.get("published") or entry.get("updated") or None


def entry_date(entry) -> datetime | None:
    """The entry's moment when its text names a zone feedparser reads right; else None, and
    the text is read later in the source's zone ('10:00 MEZ', '2026-11-27T10:00:00')."""
    for key in ("published", "updated"):
        parsed, text = entry.get(f"{key}_parsed"), entry.get(key) or ""
        if parsed and ZONE_READ_RIGHT_RE.search(text.strip()):
            try:
                return datetime(*parsed[:6], tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def entry_order_date(entry) -> datetime | None:
    """Near enough to order entries by (an unknown zone is at most hours off)."""
    for key in ("published_parsed", "updated_parsed"):
        if parsed := entry.get(key):
            try:
                return datetime(*parsed[:6], tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def newest_entries(entries: list, limit: int) -> tuple[list, list]:
    """The `limit` newest entries by their dates, in feed order, and the ones left out. A feed
    may list its oldest first; an entry without a date ranks with the dated one before it in
    the feed, so it keeps its place."""
    if len(entries) <= limit:
        return list(entries), []
    dates = [entry_order_date(entry) for entry in entries]
    known = [date for date in dates if date is not None]
    if len(known) < 2:
        return list(entries[:limit]), list(entries[limit:])
    oldest_first = known[0] < known[-1]
    ranks, previous = [], None
    for position, date in enumerate(dates):
        previous = date or previous or known[0]
        # among equal dates the one nearer the feed's new end is newer
        ranks.append((previous, position if oldest_first else -position))
    chosen = set(sorted(range(len(entries)), key=ranks.__getitem__, reverse=True)[:limit])
    taken = [entry for position, entry in enumerate(entries) if position in chosen]
    left_out = [entry for position, entry in enumerate(entries) if position not in chosen]
    return taken, left_out


def entry_categories(entry) -> tuple[str, ...]:
    terms = (plain_text(tag.get("term")) for tag in entry.get("tags", []))
    return tuple(dict.fromkeys(term for term in terms if term))


def plain_text(value: str | None) -> str:
    return " ".join(html.unescape(TAG_RE.sub(" ", value or "")).split())


def _as_html(value: str | None) -> str:
    paragraphs = (value or "").split("\n\n")
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in paragraphs if p.strip())
