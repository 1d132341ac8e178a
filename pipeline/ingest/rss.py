"""Kind `rss`: a press office's RSS 2.0, Atom or RDF feed, read with feedparser.

An entry's own id (guid, atom:id, rdf:about, else its link) is the release's identity, so an
edited entry becomes a new revision of the same release. An entry that carries only a teaser
is completed from its linked page, read like any HTML input of the source.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser

from pipeline.config import Config, SourceConfig
from pipeline.errors import SourceError
from pipeline.extract.urls import strip_session
from pipeline.ingest.base import IngestResult, keep_original
from pipeline.ingest.client import HttpClient
from pipeline.ingest.http import FetchError, FetchPolicy, Page
from pipeline.ingest.mediarss import feed_media
from pipeline.ingest.pages import client_for, page_release
from pipeline.ingest.readers import InputContext
from pipeline.ingest.readers.html import body_photos
from pipeline.models import MediaInput, RawRelease

log = logging.getLogger(__name__)

TEASER_CHARS = 400  # an entry with less text than this is taken for a teaser
ENTITY_RE = re.compile(r"<!ENTITY", re.I)
XML_ENCODING_RE = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")
TAG_RE = re.compile(r"<[^>]+>")
TRUNCATED_RE = re.compile(r"(…|\.\.\.|\[…\]|weiterlesen|mehr lesen|read more)\s*\W*$", re.I)


@dataclass(frozen=True)
class FeedJob:
    """What every entry of one feed needs to become a release."""

    name: str
    source: SourceConfig
    now: datetime
    client: HttpClient
    policy: FetchPolicy
    feed_url: str
    language: str | None
    root: Path
    media: dict[str, tuple[MediaInput, ...]] = field(default_factory=dict)


def ingest(
    name: str,
    source: SourceConfig,
    config: Config,
    *,
    now: datetime,
    seen,
    client: HttpClient | None = None,
) -> IngestResult:
    client = client_for(client)
    policy = FetchPolicy.for_source(name, source)
    result = IngestResult()
    page = client.get(source.url, policy)
    if page.not_modified:
        return result
    feed = parse_feed(page)
    job = FeedJob(
        name,
        source,
        now,
        client,
        policy,
        page.final_url,
        feed_language(feed),
        config.root,
        feed_media(page.text(), page.final_url),
    )
    complete = True
    identities: set[str] = set()
    for entry in feed.entries[: source.max_items]:
        identity = entry_identity(entry, job.feed_url)
        if identity is not None and identity in identities:
            result.failures.append(
                f"{job.feed_url}: two items share the id {identity!r}; the later one "
                f"({entry.get('title', '')[:80]!r}) was left out: ask the press office to give "
                "each item its own <guid>"
            )
            continue
        identities.add(identity or "")
        complete = take_entry(entry, job, seen, result) and complete
    if complete:  # otherwise the next run must see the feed again to retry what failed
        client.remember(policy, page)
    result.on_stored.append(partial(client.commit_validators, policy.source))
    return result


# What may stand before a document's DOCTYPE: space, the XML declaration, other processing
# instructions and comments, of any length (a padded comment must not hide the DTD)
_BEFORE_DOCTYPE_RE = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)


def _prolog_end(text: str) -> int:
    """Where the document's DTD ends (its internal subset holds any entity declaration);
    where the root element starts when it has none."""
    start = _BEFORE_DOCTYPE_RE.match(text).end()
    if not text.startswith(("<!DOCTYPE", "<!doctype"), start):
        return start
    close, subset = text.find(">", start), text.find("[", start)
    if subset < 0 or 0 <= close < subset:  # '<!DOCTYPE rss>': no internal subset
        return len(text) if close < 0 else close + 1
    subset_end = text.find("]>", subset)
    return len(text) if subset_end < 0 else subset_end + 2


def parse_feed(page: Page) -> feedparser.FeedParserDict:
    """Parse a feed from already decoded text; refuse entity declarations outright."""
    text = page.text()
    if ENTITY_RE.search(text, 0, _prolog_end(text)):
        raise SourceError(
            f"{page.url}: feed refused: it declares XML entities (<!ENTITY>), which can expand "
            "without bound or read local files; no real feed needs them"
        )
    text = XML_ENCODING_RE.sub(r"\1\2utf-8\2", text, count=1)
    # No content-location: feedparser would make relative guids absolute, and an identity must
    # not change when the feed's address does. Links are resolved per entry instead.
    feed = feedparser.parse(
        text.encode("utf-8"), response_headers={"content-type": "application/xml; charset=utf-8"}
    )
    if not feed.entries and (feed.bozo or not feed.version):
        reason = feed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> element found"
        raise SourceError(f"{page.url}: not a readable RSS/Atom feed: {reason}")
    if feed.bozo:
        log.warning(
            "feed %s is not well-formed (%s); read leniently", page.url, feed.bozo_exception
        )
    return feed


def feed_language(feed: feedparser.FeedParserDict) -> str | None:
    code = (feed.feed.get("language") or "").split("-")[0].strip().lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def take_entry(entry, job: FeedJob, seen, result: IngestResult) -> bool:
    """Add one entry to `result`; False when it failed in a way a later run may fix."""
    identity = entry_identity(entry, job.feed_url)
    if identity is None:
        title = entry.get("title", "")[:80]
        result.failures.append(f"{job.feed_url}: entry {title!r} has neither id nor link; skipped")
        return True
    digest = entry_digest(entry)
    if seen(identity, digest):
        result.skipped += 1
        return True
    try:
        raw = entry_release(entry, job, identity, digest)
    except FetchError as exc:
        result.failures.append(f"{identity}: {exc}")
        return False
    result.raws.append((raw, identity))
    return True


def entry_identity(entry, feed_url: str) -> str | None:
    value = (entry.get("id") or entry.get("link") or "").strip()
    if not value:
        return None
    # a feed a Java CMS writes anew for each visitor links its entries with that visit's session
    return strip_session(urljoin(feed_url, value) if value.startswith("/") else value)


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


def entry_release(entry, job: FeedJob, identity: str, digest: str) -> RawRelease:
    body = entry_html(entry)
    link = entry_link(entry, job.feed_url)
    if link and wants_page(body, job.source.follow_links):
        page = job.client.get(link, job.policy, conditional=False)
        raw = page_release(
            page,
            name=job.name,
            source=job.source,
            identity=identity,
            route="rss",
            now=job.now,
            kept=keep_original(job.root, job.name, page.body, ".html"),
        )
        return raw.model_copy(update=_entry_metadata(entry, job, raw, digest))
    context = InputContext(
        source=job.name,
        config=job.source,
        locator=identity,
        received_at=job.now,
        route="rss",
        base_url=link or job.feed_url,
        kept=keep_original(job.root, job.name, entry_bytes(entry), ".json"),
    )
    return RawRelease(
        source=job.name,
        identity=identity,
        format="feed",
        provenance=context.provenance(),
        content_hash=digest,
        title=plain_text(entry.get("title")) or None,
        body_html=body or None,
        published=entry_date(entry),
        published_text=entry.get("published") or entry.get("updated"),
        language=job.language,
        base_url=link or job.feed_url,
        categories=entry_categories(entry),
        media=body_photos(body, link or job.feed_url, entry_media(entry, job)),
    )


def _entry_metadata(entry, job: FeedJob, raw: RawRelease, digest: str) -> dict:
    """The feed's own title, date and tags win over what the page extraction guessed."""
    update: dict = {"content_hash": digest, "categories": entry_categories(entry)}
    if title := plain_text(entry.get("title")):
        update["title"] = title
    if published := entry_date(entry):
        update["published"] = published
        update["published_text"] = entry.get("published") or entry.get("updated")
    if job.language and not raw.language:
        update["language"] = job.language
    if media := entry_media(entry, job):
        update["media"] = (*raw.media, *media)
    return update


def entry_html(entry) -> str:
    """The fullest body the entry carries: content:encoded / atom:content, else the summary."""
    candidates = [
        item.get("value", "") if "html" in item.get("type", "html") else _as_html(item.get("value"))
        for item in entry.get("content", [])
    ]
    candidates.append(entry.get("summary", ""))
    return max(candidates, key=lambda value: len(plain_text(value)))


def wants_page(body: str, follow_links: str) -> bool:
    if follow_links != "auto":
        return follow_links == "always"
    text = plain_text(body)
    return len(text) < TEASER_CHARS or bool(TRUNCATED_RE.search(text))


def entry_link(entry, feed_url: str) -> str | None:
    link = (entry.get("link") or "").strip()
    from_guid = entry.get("guidislink") and link == entry.get("id")
    if from_guid and not link.startswith(("http://", "https://")):
        return None  # feedparser took a guid such as "pm-0412" for a permalink
    if not link:
        return None
    link = urljoin(feed_url, link)
    return link if urlsplit(link).scheme in {"http", "https"} else None


def entry_date(entry) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime(*parsed[:6], tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def entry_categories(entry) -> tuple[str, ...]:
    terms = (plain_text(tag.get("term")) for tag in entry.get("tags", []))
    return tuple(dict.fromkeys(term for term in terms if term))


def entry_media(entry, job: FeedJob) -> tuple[MediaInput, ...]:
    """The photos the feed names for this entry (Media RSS, enclosures), with their captions."""
    for key in (entry.get("id"), entry.get("link")):
        if key and (media := job.media.get(key.strip())):
            return media
    found = []
    for enclosure in entry.get("enclosures", []):  # a feed the XML pass could not read
        url = urljoin(job.feed_url, enclosure.get("href", ""))
        kind = enclosure.get("type", "")
        wanted = not kind or kind.startswith(("image/", "application/pdf"))
        if urlsplit(url).scheme in {"http", "https"} and wanted:
            found.append(MediaInput(url=url, declared_type=kind))
    return tuple(found)


def plain_text(value: str | None) -> str:
    return " ".join(html.unescape(TAG_RE.sub(" ", value or "")).split())


def _as_html(value: str | None) -> str:
    paragraphs = (value or "").split("\n\n")
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in paragraphs if p.strip())
