"""The one HTTP layer every remote source uses: polite, bounded and guarded.

`HttpClient` is shared by all sources of one run (per-host delays, robots.txt, the session);
`FetchPolicy` carries one source's limits. Every request is bounded in time and size, follows
redirects by hand so that each hop passes the address guard, and sends the ETag/Last-Modified
remembered for the URL. A failure raises `FetchError`, a `SourceError` naming the URL.
"""

from __future__ import annotations

import codecs
import email.utils
import hashlib
import ipaddress
import logging
import re
import socket
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import charset_normalizer
import requests
import urllib3

from pipeline.config import SourceConfig
from pipeline.errors import SourceError

log = logging.getLogger(__name__)

ROBOTS_TOKEN = "Melder"
DEFAULT_CONTACT = "https://github.com/melder/melder#remote-sources"
ROBOTS_MAX_BYTES = 512_000  # RFC 9309 asks crawlers to read at least 500 KiB
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay above this is capped, not obeyed blindly
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024


class FetchError(SourceError):
    """One URL could not be fetched; the message says which and why."""


def user_agent(contact: str | None = None) -> str:
    return f"Melder/0.1 (+{contact or DEFAULT_CONTACT}; press release syndication)"


@dataclass(frozen=True)
class FetchPolicy:
    """One source's limits for every request it makes."""

    source: str = ""
    allow_private: bool = False
    timeout: float = 15.0  # connect, each read, and the whole response
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    retries: int = 2
    delay: float = 1.0  # minimum seconds between two requests to one host
    robots: bool = True
    encoding: str | None = None  # forced charset
    deadline: float | None = None  # monotonic time after which this source may not fetch

    @classmethod
    def for_source(cls, name: str, source: SourceConfig, clock=time.monotonic) -> FetchPolicy:
        # One source may use ten timeouts' worth of time per run, so it cannot hold up the rest.
        return cls(
            source=name,
            allow_private=source.allow_private,
            timeout=source.timeout,
            max_bytes=source.max_bytes,
            max_redirects=source.max_redirects,
            retries=source.retries,
            delay=source.delay,
            robots=source.robots,
            encoding=source.encoding,
            deadline=clock() + 10 * source.timeout,
        )


@dataclass(frozen=True)
class Page:
    """A response as the sources need it: final URL, body and the validators to remember."""

    url: str  # the URL asked for
    final_url: str  # after redirects; relative links resolve against it
    status: int  # 200 or 304
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    encoding_override: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    def text(self) -> str:
        return decode(self.body, self.content_type, self.encoding_override)[0]

    def utf8(self) -> bytes:
        """The body re-encoded as UTF-8, for readers that are told the charset is UTF-8."""
        return self.text().encode("utf-8")


# -- charsets -----------------------------------------------------------------------------------

HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
XML_DECL_RE = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([\w.:-]+)[\"']", re.I)
META_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(body: bytes, content_type: str = "", override: str | None = None) -> tuple[str, str]:
    """Text and charset: forced charset, else BOM, header, in-document declaration, detection.

    A declared charset that the bytes contradict (a feed that says UTF-8 but is Latin-1) is
    passed over instead of producing replacement characters.
    """
    if override:
        return body.decode(override, errors="replace"), override
    for candidate in _declared_charsets(body, content_type):
        try:
            return body.decode(candidate), candidate
        except (LookupError, UnicodeDecodeError):
            continue
    best = charset_normalizer.from_bytes(body).best()
    if best is not None:
        return str(best), best.encoding
    return body.decode("utf-8", errors="replace"), "utf-8"


def _declared_charsets(body: bytes, content_type: str) -> list[str]:
    found = [name for bom, name in BOMS if body.startswith(bom)]
    header = HEADER_CHARSET_RE.search(content_type or "")
    if header:
        found.append(header.group(1))
    head = body[:4096]
    for pattern in (XML_DECL_RE, META_CHARSET_RE):
        match = pattern.search(head)
        if match:
            found.append(match.group(1).decode("ascii", errors="ignore"))
    return found


# -- the address guard --------------------------------------------------------------------------

Resolver = Callable[..., list]


def forbidden_address(address: str) -> str | None:
    """Why an IP address is not a public one (None when it is)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, hit in (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("non-public", not ip.is_global),
    ):
        if hit:
            return f"a {label} address ({ip})"
    return None


def check_url(url: str, policy: FetchPolicy, resolve: Resolver = socket.getaddrinfo) -> None:
    """Refuse a URL Melder must not fetch: not http(s), or (unless allowed) a private host."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(f"{url}: only http:// and https:// URLs can be fetched")
    if policy.allow_private:
        return
    try:
        infos = resolve(parts.hostname, parts.port or 80, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot resolve {parts.hostname}: {exc}") from None
    for info in infos:
        reason = forbidden_address(info[4][0])
        if reason:
            raise FetchError(
                f"{url}: refused: {parts.hostname} resolves to {reason}; "
                "set allow_private = true in the source only for a host you trust"
            )


# -- remembered validators ----------------------------------------------------------------------


@dataclass
class Validators:
    """ETag/Last-Modified per (source, URL). New ones wait in `pending` until `commit`."""

    known: dict[tuple[str, str], tuple[str | None, str | None]] = field(default_factory=dict)
    pending: dict[tuple[str, str], tuple[str | None, str | None]] = field(default_factory=dict)

    def get(self, source: str, url: str) -> tuple[str | None, str | None]:
        return self.known.get((source, url), (None, None))

    def stage(self, source: str, page: Page) -> None:
        if page.status == 200 and (page.etag or page.last_modified):
            self.pending[(source, page.url)] = (page.etag, page.last_modified)

    def commit(self) -> None:
        self.known.update(self.pending)
        self.pending.clear()


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
        backoff: float = 0.5,
        max_wait: float = 30.0,
    ):
        self.session = session or requests.Session()
        # No proxies or .netrc credentials from the environment: they would bypass the guard.
        self.session.trust_env = False
        self.session.headers["User-Agent"] = user_agent(contact)
        self.validators = validators if validators is not None else Validators()
        self.sleep, self.clock, self.resolve = sleep, clock, resolve
        self.backoff, self.max_wait = backoff, max_wait
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    def close(self) -> None:
        self.session.close()

    def get(self, url: str, policy: FetchPolicy, *, conditional: bool = True) -> Page:
        """Fetch `url` under `policy`; 304 when the remembered validators still hold."""
        if policy.robots:
            self._obey_robots(url, policy)
        headers = self._conditional_headers(url, policy) if conditional else {}
        return self._with_retries(url, policy, headers)

    def remember(self, policy: FetchPolicy, page: Page) -> None:
        """Stage a page's validators; they count once `commit_validators` runs."""
        self.validators.stage(policy.source, page)

    def commit_validators(self) -> None:
        self.validators.commit()

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
            check_url(current, policy, self.resolve)
            response = self._request(current, policy, headers)
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

    def _request(self, url: str, policy: FetchPolicy, headers: dict[str, str]) -> requests.Response:
        self._check_deadline(url, policy)
        self._wait_turn(url, policy)
        try:
            return self.session.get(
                url,
                headers=headers,
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
            raise FetchError(f"{url}: HTTP {status} {response.reason}")
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
            self._robots[origin] = self._load_robots(origin, policy)
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
