"""Kind `rss`: a press office's RSS 2.0, Atom or RDF feed, read with feedparser.

An entry's own id (guid, atom:id, rdf:about, else its link) is the release's identity, so an
edited entry becomes a new revision of the same release. An entry that carries only a teaser
is completed from its linked page, read like any HTML input of the source.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser

from pipeline.config import Config, SourceConfig
from pipeline.errors import SourceError
from pipeline.ingest.base import IngestResult, keep_original
from pipeline.ingest.client import HttpClient
from pipeline.ingest.feed_entries import (
    entry_bytes,
    entry_categories,
    entry_date,
    entry_date_text,
    entry_digest,
    entry_html,
    entry_identity,
    entry_link,
    newest_entries,
    plain_text,
    wants_page,
)
from pipeline.ingest.http import FetchError, FetchPolicy, Page, PageRefused
from pipeline.ingest.mediarss import feed_media
from pipeline.ingest.pages import client_for, page_release
from pipeline.ingest.readers import InputContext
from pipeline.ingest.readers.html import body_photos
from pipeline.models import MediaInput, RawRelease

log = logging.getLogger(__name__)

ENTITY_RE = re.compile(r"<!ENTITY", re.I)
# '&lang=' in a URL is no entity: a browser keeps a bare '&' before a name and '=' as it is,
# while a lenient parser reads '&lang' as '〈' and '&copy=1' as '©=1'
BARE_AMPERSAND_RE = re.compile(r"&(?=[A-Za-z][A-Za-z0-9]*=)")
XML_ENCODING_RE = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")


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
    taken, left_out = newest_entries(feed.entries, source.max_items)
    if missed := [entry for entry in left_out if not _stored(entry, job, seen)]:
        result.failures.append(
            f"{job.feed_url}: {len(missed)} older entries beyond max_items = "
            f"{source.max_items} were not taken (the oldest: "
            f"{plain_text(missed[0].get('title'))[:80]!r}); raise max_items to read them"
        )
    for entry in taken:
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
    # inside CDATA too: there it is HTML, which reads '&amp;' as the '&' it was
    text = BARE_AMPERSAND_RE.sub("&amp;", text)
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


def _stored(entry, job: FeedJob, seen) -> bool:
    identity = entry_identity(entry, job.feed_url)
    return identity is not None and seen(identity, entry_digest(entry))


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
        result.failures.append(_not_taken(entry, exc, job.source.follow_links))
        return False
    result.raws.append((raw, identity))
    return True


def entry_release(entry, job: FeedJob, identity: str, digest: str) -> RawRelease:
    body = entry_html(entry)
    link = entry_link(entry, job.feed_url)
    if link and wants_page(body, job.source.follow_links):
        try:
            page = job.client.get(link, job.policy, conditional=False)
        except PageRefused as exc:
            if not plain_text(body):
                raise
            # a short release complete in the feed, its page gone or behind a login
            raw = feed_release(entry, job, identity, digest, body, link)
            note = f"its linked page answered {exc.status}: the feed's own text was taken"
            return raw.model_copy(update={"warnings": (*raw.warnings, note)})
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
    return feed_release(entry, job, identity, digest, body, link)


def feed_release(
    entry, job: FeedJob, identity: str, digest: str, body: str, link: str | None
) -> RawRelease:
    """The release as the feed itself tells it."""
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
        published_text=entry_date_text(entry),
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
    if published_text := entry_date_text(entry):
        update["published"] = entry_date(entry)  # None: the text is read in the source's zone
        update["published_text"] = published_text
    if job.language and not raw.language:
        update["language"] = job.language
    if media := entry_media(entry, job):
        update["media"] = (*raw.media, *media)
    return update


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


def _not_taken(entry, exc: FetchError, follow_links: str) -> str:
    """Which entry was skipped and why its page was asked for at all."""
    title = plain_text(entry.get("title"))[:80]
    reason = str(exc)
    if isinstance(exc, PageRefused):
        reason = f"its linked page answered {exc.status}"
    else:  # the entry names its page already
        reason = re.sub(r"^[a-z]+://\S+: ", "", reason)
    why = (
        'follow_links = "always"' if follow_links == "always" else "the entry looked like a teaser"
    )
    return (
        f"entry {title!r} not taken: {reason} (fetched because {why}; "
        'follow_links = "never" takes the feed\'s text)'
    )
