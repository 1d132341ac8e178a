"""What the `rss` and `web` kinds share: turning a fetched page into a `RawRelease`."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from pipeline.config import SourceConfig
from pipeline.extract.page_kind import ERROR_PAGE_FOUND, LISTING_PAGE_FOUND
from pipeline.extract.urls import strip_tracking
from pipeline.ingest.client import HttpClient
from pipeline.ingest.http import FetchError, Page
from pipeline.ingest.readers import InputContext, read_input
from pipeline.models import Problem, RawRelease


def client_for(client: HttpClient | None) -> HttpClient:
    """The run's shared client, or a private one when a kind is called on its own."""
    return client if client is not None else HttpClient()


def page_release(
    page: Page,
    *,
    name: str,
    source: SourceConfig,
    identity: str,
    route: str,
    now: datetime,
    kept: str | None = None,
    own_address: bool = False,
    listings: frozenset[str] = frozenset(),
) -> RawRelease:
    """Read a fetched HTML page with the source's rules; its identity and hash are ours.

    With `own_address`, the page's canonical URL is the identity when it names a page of the
    same site (not its home page, nor one of the `listings` the source reads its links from):
    the same release reached by another link stays one. Else, and for a feed entry (whose guid
    is its identity), `identity` is.

    A page reached by a link that turns out to be a listing (a release moved or taken down
    redirects there) is no revision of the release: it raises `FetchError`, and the release
    keeps what it had until the page answers again.

    The page is handed over as UTF-8 (decoded here from header, declaration or detection),
    so the reader is told so through the source's `encoding`.
    """
    if same_page(page.final_url, *listings):
        raise FetchError(
            f"{page.url}: redirects to the listing {page.final_url} instead of showing the "
            "release; tried again next run"
        )
    context = InputContext(
        source=name,
        config=source.model_copy(update={"encoding": "utf-8"}),
        locator=identity,
        received_at=now,
        route=route,
        base_url=page.final_url,
        kept=kept,
    )
    raw = read_input(page.utf8(), ".html", context)
    for problem in raw.problems:
        if problem.message.startswith(ERROR_PAGE_FOUND):
            # a site down for maintenance answers 200 with a notice: no revision of the
            # release, which keeps what it had; the page is asked again at the next run
            raise FetchError(
                f"{page.final_url}: the site answered with an error page instead of the "
                f"release{problem.message.removeprefix(ERROR_PAGE_FOUND)}; tried again next run"
            )
        if problem.message.startswith(LISTING_PAGE_FOUND):
            # a link to a release that now shows a listing (the release moved, or the CMS
            # sends a missing one to the overview): the listing is no revision of it
            raise FetchError(
                f"{page.url}: the link led to a listing or navigation page instead of a "
                "release; tried again next run"
            )
    warnings = raw.warnings
    if own_address and _same_site_page(raw.identity, identity):
        if same_page(raw.identity, *listings):
            # a misconfigured news plugin names the overview for every release: taken as
            # identity, every release on the site would become one
            warnings += (canonical_ignored(raw.identity, "that is the source's listing page"),)
        else:
            identity = raw.identity  # the reader's: the page's canonical URL
    raw = raw.model_copy(
        update={"identity": identity, "content_hash": page.digest, "warnings": warnings}
    )
    return with_article_check(raw)


def canonical_ignored(canonical: str, why: str) -> str:
    return (
        f"the page names {canonical} as its canonical URL, but {why}; the release keeps the "
        "page's own address (the site's canonical links may be misconfigured)"
    )


def _same_site_page(canonical: str, fetched: str) -> bool:
    """A canonical URL on the fetched page's host (with or without 'www.') that is no home page:
    a CMS that declares its home page canonical for every page would merge them all."""
    if canonical == fetched or not canonical.startswith(("http://", "https://")):
        return False
    ours, theirs = urlsplit(canonical), urlsplit(fetched)
    hosts = {(parts.hostname or "").removeprefix("www.") for parts in (ours, theirs)}
    return len(hosts) == 1 and ours.path.strip("/") != ""


def same_page(url: str, *others: str) -> bool:
    """Whether `url` names one of `others`, tracking parameters and a trailing slash aside."""

    def key(address: str) -> str:
        return strip_tracking(address).rstrip("/")

    return any(key(url) == key(other) for other in others)


def with_article_check(raw: RawRelease) -> RawRelease:
    """A page that yields neither title nor text is no release: say so, never publish it."""
    has_text = bool((raw.body_html or "").strip() or (raw.body_text or "").strip())
    if raw.problems or (raw.title and has_text):
        return raw
    problem = Problem(
        field="body",
        message="no article found on the page; check the source's [extract] rules",
    )
    return raw.model_copy(update={"problems": (*raw.problems, problem)})
