"""What a fetch is in the one HTTP layer every remote source uses: policy, page, guard, charsets.

`HttpClient` (in `ingest.client`) is shared by all sources of one run (per-host delays,
robots.txt, the session); `FetchPolicy` here carries one source's limits. Every request is
bounded in time and size, follows redirects by hand so that each hop passes the address guard,
and sends the ETag/Last-Modified remembered for the URL. A failure raises `FetchError`, a
`SourceError` naming the URL.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
import time
from dataclasses import dataclass, field

import charset_normalizer

from pipeline.config import SourceConfig
from pipeline.errors import SourceError
from pipeline.extract.decode import canonical_encoding

log = logging.getLogger(__name__)

DEFAULT_CONTACT = "https://github.com/melder/melder#remote-sources"


class FetchError(SourceError):
    """One URL could not be fetched; the message says which and why."""


class PageRefused(FetchError):
    """The server answered with a status other than 200 that asking again will not change
    (404, 403, 410 …); `status` is that answer."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class GuardRefusal(FetchError):
    """The fetch guard refused the URL itself (its spelling, or a private address): asking
    again cannot change the answer, only the configuration can."""


def user_agent(contact: str | None = None) -> str:
    return f"Melder/0.1 (+{contact or DEFAULT_CONTACT}; press release syndication)"


@dataclass(frozen=True)
class FetchPolicy:
    """One source's limits for every request it makes."""

    source: str = ""
    allow_private: bool = False
    # the setting a refusal of a private address names as its fix
    private_setting: str = "allow_private = true in the source"
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
    for label in _declared_charsets(body, content_type):
        candidate = canonical_encoding(label)  # None for "zlib", "punycode" and the like
        if candidate is None:
            continue
        try:
            return body.decode(candidate), candidate
        except (LookupError, UnicodeError):
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

    def commit(self, source: str | None = None) -> None:
        """Make the staged validators of `source` (all without one) count."""
        self.known.update(self.taken(source))

    def taken(self, source: str | None) -> dict[tuple[str, str], tuple[str | None, str | None]]:
        """Take the staged validators of `source` (all without one) out of `pending`."""
        keys = [key for key in self.pending if source is None or key[0] == source]
        return {key: self.pending.pop(key) for key in keys}

    def discard(self, source: str) -> None:
        """A source whose inputs were not stored must fetch them whole again next time."""
        self.taken(source)
