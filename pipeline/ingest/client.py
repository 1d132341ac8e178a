"""The HTTP client every remote kind shares: retries, conditional GET, limits, robots.txt, delays.

Every request and every redirect hop passes `check_url` first and then connects to the very
address the guard checked (the Host header and TLS keep the name); bodies are read in chunks up
to the size limit.
"""

from __future__ import annotations

import email.utils
import logging
import re
import socket
import time
import urllib.robotparser
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from pipeline.ingest.guard import Resolver, Target, check_url, forbidden_address
from pipeline.ingest.http import FetchError, FetchPolicy, Page, PageRefused, Validators, user_agent

log = logging.getLogger(__name__)


ROBOTS_TOKEN = "Melder"
ROBOTS_MAX_BYTES = 512_000  # RFC 9309 asks crawlers to read at least 500 KiB
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay above this is capped, not obeyed blindly
ROBOTS_FAILURE_MEMORY = 600.0  # seconds an unreadable robots.txt is not asked for again
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024


# -- the client ---------------------------------------------------------------------------------


class HttpClient:
    """Polite GETs for every source of one run; see the module docstring for the guarantees."""

    def __init__(
        self,
        *,
        session: requests.Session | None = None,
        validators: Validators | None = None,
        contact: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        resolve: Resolver = socket.getaddrinfo,
        forbidden: Callable[[str], str | None] = forbidden_address,
        backoff: float = 0.5,
        max_wait: float = 30.0,
    ):
        self.session = session or requests.Session()
        # No proxies or .netrc credentials from the environment: they would bypass the guard.
        self.session.trust_env = False
        for prefix in ("http://", "https://"):
            self.session.mount(prefix, PinnedAdapter())
        self.session.headers["User-Agent"] = user_agent(contact)
        self.validators = validators if validators is not None else Validators()
        self.sleep, self.clock, self.resolve = sleep, clock, resolve
        self.forbidden = forbidden
        self.backoff, self.max_wait = backoff, max_wait
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._robots_failed: dict[str, tuple[float, str]] = {}  # origin → (when, why)

    def close(self) -> None:
        self.session.close()

    def get(
        self,
        url: str,
        policy: FetchPolicy,
        *,
        conditional: bool = True,
        since: tuple[str | None, str | None] | None = None,
    ) -> Page:
        """Fetch `url` under `policy`; 304 when the remembered validators still hold. `since`
        gives the (ETag, Last-Modified) to send instead of the ones this client remembers."""
        if policy.robots:
            self._obey_robots(url, policy)
        headers = self._conditional_headers(url, policy) if conditional else {}
        if since is not None:
            etag, modified = since
            headers = {"If-None-Match": etag} if etag else {}
            headers.update({"If-Modified-Since": modified} if modified else {})
        return self._with_retries(url, policy, headers)

    def post(
        self, url: str, policy: FetchPolicy, body: bytes, headers: dict[str, str]
    ) -> tuple[int, str]:
        """POST `body` once (the caller keeps the retry schedule); (status, reason). Through the
        same guard and pinned address as every GET; a redirect is an answer, not followed."""
        target = check_url(url, policy, self.resolve, self.forbidden)
        self._check_deadline(url, policy)
        try:
            response = self.session.post(
                target.pinned_url(),
                data=body,
                headers={**headers, "Host": target.host_header},
                allow_redirects=False,
                timeout=(policy.timeout, policy.timeout),
            )
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"{url}: {_short(exc)}") from None
        with response:
            return response.status_code, response.reason or ""

    def remember(self, policy: FetchPolicy, page: Page) -> None:
        """Stage a page's validators; they count once `commit_validators` runs."""
        self.validators.stage(policy.source, page)

    def commit_validators(self, source: str | None = None) -> None:
        """Once a source's inputs are stored, its pages' validators count (others' wait: one
        source's success must not mark another's unstored feed as read)."""
        self.validators.commit(source)

    def forget_validators(self, source: str) -> None:
        self.validators.discard(source)

    def _conditional_headers(self, url: str, policy: FetchPolicy) -> dict[str, str]:
        etag, modified = self.validators.get(policy.source, url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return headers

    def _with_retries(self, url: str, policy: FetchPolicy, headers: dict[str, str]) -> Page:
        for attempt in range(policy.retries + 1):
            last = attempt == policy.retries
            try:
                return self._follow(url, policy, headers)
            except _Retryable as exc:
                if last:
                    raise FetchError(
                        f"{url}: {exc.reason} (after {attempt + 1} attempt(s))"
                    ) from None
                wait = exc.retry_after if exc.retry_after is not None else self._backoff(attempt)
                self._pause(url, policy, wait, exc.reason)
        raise AssertionError("unreachable")  # the loop either returns or raises

    def _backoff(self, attempt: int) -> float:
        return self.backoff * (2**attempt)

    def _pause(self, url: str, policy: FetchPolicy, wait: float, reason: str) -> None:
        if wait > self.max_wait:
            raise FetchError(f"{url}: {reason}; the server asks to wait {wait:.0f} s, too long")
        if policy.deadline is not None and self.clock() + wait > policy.deadline:
            raise FetchError(f"{url}: {reason}; no time left in this run to retry")
        log.info("source=%s %s: %s; retrying in %.1f s", policy.source, url, reason, wait)
        self.sleep(wait)

    def _follow(self, url: str, policy: FetchPolicy, headers: dict[str, str]) -> Page:
        """One attempt: follow redirects by hand so that every hop is checked."""
        visited = [url]
        current = url
        for _hop in range(policy.max_redirects + 1):
            target = check_url(current, policy, self.resolve, self.forbidden)
            response = self._request(target, policy, headers)
            with response:
                if not response.is_redirect:
                    return self._page(url, current, response, policy)
                target = urljoin(current, response.headers.get("Location", ""))
            target = _without_fragment(target)
            if target in visited:
                raise FetchError(f"{url}: redirect loop ({' → '.join([*visited, target])})")
            visited.append(target)
            current = target
        raise FetchError(f"{url}: more than {policy.max_redirects} redirects")

    def _request(
        self, target: Target, policy: FetchPolicy, headers: dict[str, str]
    ) -> requests.Response:
        url = target.url
        self._check_deadline(url, policy)
        self._wait_turn(url, policy)
        try:
            return self.session.get(
                target.pinned_url(),
                headers={**headers, "Host": target.host_header},
                stream=True,
                allow_redirects=False,
                timeout=(policy.timeout, policy.timeout),
            )
        except requests.exceptions.ConnectTimeout:
            raise _Retryable(f"no connection within {policy.timeout:g} s") from None
        except requests.exceptions.ReadTimeout:
            # A server that accepted and then stalls is not retried: that would only stall again.
            raise FetchError(f"{url}: no answer within {policy.timeout:g} s") from None
        except requests.exceptions.ConnectionError as exc:
            raise _Retryable(f"connection failed: {_short(exc)}") from None
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"{url}: {_short(exc)}") from None

    def _check_deadline(self, url: str, policy: FetchPolicy) -> None:
        if policy.deadline is not None and self.clock() > policy.deadline:
            raise FetchError(f"{url}: not fetched: this source used up its time for this run")

    def _wait_turn(self, url: str, policy: FetchPolicy) -> None:
        host = urlsplit(url).netloc.lower()
        delay = max(policy.delay, self._crawl_delay(url, policy))
        last = self._last_request.get(host)
        if last is not None and (wait := last + delay - self.clock()) > 0:
            self.sleep(wait)
        self._last_request[host] = self.clock()

    def _page(
        self, url: str, final_url: str, response: requests.Response, policy: FetchPolicy
    ) -> Page:
        status = response.status_code
        if status in RETRY_STATUSES:
            raise _Retryable(f"HTTP {status} {response.reason}", _retry_after(response))
        if status == 304:
            return Page(url=url, final_url=final_url, status=304)
        if status != 200:
            raise PageRefused(f"{url}: HTTP {status} {response.reason}", status)
        return Page(
            url=url,
            final_url=final_url,
            status=200,
            body=self._read_body(url, response, policy),
            content_type=response.headers.get("Content-Type", ""),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            encoding_override=policy.encoding,
        )

    def _read_body(self, url: str, response: requests.Response, policy: FetchPolicy) -> bytes:
        """Stream the body, stopping at the size limit and at the time limit (a slow drip)."""
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > policy.max_bytes:
            raise FetchError(
                f"{url}: {int(declared):,} bytes, over the limit of {policy.max_bytes:,}"
            )
        started = self.clock()
        chunks, size = [], 0
        try:
            # read1 returns what one receive brings, so a slow drip cannot hide behind a buffer
            while chunk := response.raw.read1(CHUNK, decode_content=True):
                size += len(chunk)
                if size > policy.max_bytes:
                    raise FetchError(f"{url}: more than the limit of {policy.max_bytes:,} bytes")
                if self.clock() - started > policy.timeout:
                    raise FetchError(f"{url}: body not complete within {policy.timeout:g} s")
                chunks.append(chunk)
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise FetchError(f"{url}: reading the body failed: {_short(exc)}") from None
        return b"".join(chunks)

    # -- robots.txt -----------------------------------------------------------------------------

    def _obey_robots(self, url: str, policy: FetchPolicy) -> None:
        rules = self._robots_for(url, policy)
        if not rules.can_fetch(ROBOTS_TOKEN, url):
            raise FetchError(
                f"{url}: robots.txt disallows it for {ROBOTS_TOKEN}; ask the press office to "
                "allow Melder, or set robots = false in the source if they agreed otherwise"
            )

    def _crawl_delay(self, url: str, policy: FetchPolicy) -> float:
        rules = self._robots.get(_origin(url)) if policy.robots else None
        delay = rules.crawl_delay(ROBOTS_TOKEN) if rules else None
        return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0

    def _robots_for(self, url: str, policy: FetchPolicy) -> urllib.robotparser.RobotFileParser:
        origin = _origin(url)
        if origin not in self._robots:
            failed = self._robots_failed.get(origin)
            if failed and self.clock() - failed[0] < ROBOTS_FAILURE_MEMORY:
                raise FetchError(failed[1])  # twenty photos on a dead host: one wait, not twenty
            try:
                self._robots[origin] = self._load_robots(origin, policy)
            except FetchError as exc:
                self._robots_failed[origin] = (self.clock(), str(exc))
                raise
        return self._robots[origin]

    def _load_robots(self, origin: str, policy: FetchPolicy) -> urllib.robotparser.RobotFileParser:
        """RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one allows
        nothing, so the source fails this run and is tried again later."""
        rules = urllib.robotparser.RobotFileParser()
        robots_policy = FetchPolicy(
            source=policy.source,
            allow_private=policy.allow_private,
            timeout=policy.timeout,
            max_bytes=ROBOTS_MAX_BYTES,
            retries=0,
            robots=False,
            deadline=policy.deadline,
        )
        try:
            page = self._follow(f"{origin}/robots.txt", robots_policy, {})
        except FetchError as exc:
            if re.search(r"HTTP 4\d\d", str(exc)):
                rules.allow_all = True
                return rules
            raise FetchError(f"{origin}/robots.txt: cannot be read: {exc}") from None
        except _Retryable as exc:
            raise FetchError(f"{origin}/robots.txt: cannot be read: {exc.reason}") from None
        rules.parse(page.text().splitlines())
        return rules


class PinnedAdapter(HTTPAdapter):
    """Requests go to the checked IP address; TLS still verifies the name from the Host header."""

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        name = _host_name(request.headers.get("Host", ""))
        if host_params["scheme"] == "https" and name and name != host_params["host"].strip("[]"):
            pool_kwargs["server_hostname"] = name
            pool_kwargs["assert_hostname"] = name
        return host_params, pool_kwargs


def _host_name(host_header: str) -> str:
    """The name part of a Host header value (`name:port`, `[v6]:port`)."""
    if host_header.startswith("["):
        return host_header[1 : host_header.find("]")]
    return host_header.rsplit(":", 1)[0] if ":" in host_header else host_header


class _Retryable(Exception):
    """A failure worth another attempt (connection error, 5xx, 429)."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def _retry_after(response: requests.Response) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _without_fragment(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def _short(exc: Exception) -> str:
    """The innermost reason of a requests/urllib3 error, without the wrapper noise."""
    text = str(exc)
    match = re.search(r"\[Errno [^\]]+\] [^'\")]+|Failed to resolve '[^']+'", text)
    return match.group(0) if match else text[:200]
