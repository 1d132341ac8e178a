"""Kind `web`: a listing page whose links lead to the releases, read with the source's rules.

`[extract] item_links` picks the release links on the listing page (`url`); each release page
is read like an HTML input of the source (`title`, `body`, `date`, `strip`). A page's URL is
its identity. A page that yields no article is kept as invalid with the reason.

The listing is read every run, even when it did not change: a press office corrects a release
on its own page, and only that page's conditional GET (a `304` when it is unchanged) sees it.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from functools import partial
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup
from soupsieve import SelectorSyntaxError

from pipeline.config import Config, SourceConfig
from pipeline.errors import SourceError
from pipeline.extract.documents import DOCUMENT_RE, PHOTO_FILE_RE
from pipeline.extract.urls import strip_tracking
from pipeline.ingest.base import IngestResult, keep_original
from pipeline.ingest.client import HttpClient
from pipeline.ingest.http import FetchError, FetchPolicy, Page
from pipeline.ingest.pages import canonical_ignored, client_for, page_release
from pipeline.models import RawRelease


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
    listing = client.get(source.url, policy, conditional=False)
    links = item_links(listing, source.extract.item_links or "a")
    if not links:
        raise SourceError(
            f"{source.url}: no links match extract.item_links {source.extract.item_links!r}; "
            "the site may have changed its layout"
        )
    listings = frozenset({source.url, listing.final_url})
    complete = True
    for url in links[: source.max_items]:
        complete = (
            take_page(
                url,
                name,
                source,
                now,
                client,
                policy,
                seen,
                result,
                root=config.root,
                listings=listings,
            )
            and complete
        )
    result.raws = own_addresses_for_shared_canonicals(result.raws)
    if complete:  # otherwise the next run must read the listing again to retry
        client.remember(policy, listing)
    result.on_stored.append(partial(client.commit_validators, policy.source))
    return result


def own_addresses_for_shared_canonicals(
    raws: list[tuple[RawRelease, str]],
) -> list[tuple[RawRelease, str]]:
    """Pages of one run that name one canonical URL each keep their own address: a CMS that
    gives every release the same canonical would otherwise merge them all into one."""
    by_canonical = Counter(raw.identity for raw, url in raws if raw.identity != strip_tracking(url))
    kept = []
    for raw, url in raws:
        if raw.identity != strip_tracking(url) and by_canonical[raw.identity] > 1:
            why = f"{by_canonical[raw.identity]} pages of this run name it"
            raw = raw.model_copy(
                update={
                    "identity": strip_tracking(url),
                    "warnings": (*raw.warnings, canonical_ignored(raw.identity, why)),
                }
            )
        kept.append((raw, url))
    return kept


def item_links(listing: Page, selector: str) -> list[str]:
    """Absolute http(s) URLs of the release links on the listing page, in page order."""
    soup = BeautifulSoup(listing.text(), "lxml")
    try:
        elements = soup.select(selector)
    except SelectorSyntaxError as exc:
        raise SourceError(
            f"extract.item_links: {selector!r} is not a CSS selector: {exc}"
        ) from None
    found = []
    for element in elements:
        anchors = [element] if element.name == "a" else element.select("a[href]")
        for anchor in anchors:
            url = _absolute(listing.final_url, anchor.get("href", ""))
            # one request per release however the teaser links it ('?utm_source=liste' on its
            # title, none on its 'mehr'); a teaser's PDF or photo is no release page to read
            url = strip_tracking(url) if url else url
            if url and url not in found and not _a_file(url):
                found.append(url)
    return found


def _a_file(url: str) -> bool:
    path = urlsplit(url).path
    return bool(DOCUMENT_RE.search(path) or PHOTO_FILE_RE.search(path))


def take_page(
    url: str,
    name: str,
    source: SourceConfig,
    now: datetime,
    client: HttpClient,
    policy: FetchPolicy,
    seen,
    result: IngestResult,
    *,
    root: Path,
    listings: frozenset[str] = frozenset(),
) -> bool:
    """Fetch and read one release page; False when it failed in a way a later run may fix."""
    try:
        page = client.get(url, policy)
    except FetchError as exc:
        result.failures.append(str(exc))
        return False
    if page.not_modified or seen(url, page.digest):
        result.skipped += 1
        return True
    kept = keep_original(root, name, page.body, ".html")
    try:
        raw = page_release(
            page,
            name=name,
            source=source,
            identity=strip_tracking(url),  # '?utm_source=list' on the listing's link
            route="web",
            now=now,
            kept=kept,
            own_address=True,
            listings=listings,
        )
    except FetchError as exc:  # an error page served as 200, or the listing instead of a page
        result.failures.append(str(exc))
        return False
    result.raws.append((raw, url))
    client.remember(policy, page)
    return True


def _absolute(base: str, href: str) -> str | None:
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return None
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in {"http", "https"}:
        return None
    return urlunsplit(parts._replace(fragment=""))


def check_online(name: str, source: SourceConfig, client: HttpClient) -> list[str]:
    """Fetch `extract.test_url` and compare its title with `extract.test_title`."""
    from pipeline.extract import extract_article  # lazily: extraction is heavy to import

    rules = source.extract
    if not rules.test_url:
        return []
    try:
        page = client.get(rules.test_url, FetchPolicy.for_source(name, source), conditional=False)
    except SourceError as exc:
        return [f"extract.test_url: {exc}"]
    article = extract_article(page.text(), url=page.final_url, rules=rules)
    title = _words(getattr(article, "title", None) or "")
    if not title:
        return [f"extract.test_url: no title found at {rules.test_url}; check extract.title"]
    if rules.test_title and _words(rules.test_title) not in title:
        return [
            f"extract.test_title: expected {rules.test_title!r} but the page gives "
            f"{article.title!r}; the site may have changed its layout"
        ]
    return []


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
