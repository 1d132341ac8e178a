"""`/feeds/<channel>/...`: the published files, served from memory as a plain ASGI app.

Portals poll these files far more often than anything else is asked for, so this path skips the
framework: each file is read once, kept as bytes with a gzip copy and every header prepared, and
re-read only when its size or mtime changed (looked at no more than once a second per file) or
when a publish in this process says so. A request is then a dict lookup and one send.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

RECHECK_SECONDS = 1.0
MAX_FILE_BYTES = 20_000_000
PATH_RE = re.compile(
    r"^/feeds/([a-z0-9][a-z0-9_-]*)/((?:releases/|media/)?[A-Za-z0-9][A-Za-z0-9_.-]*)?$"
)
CONTENT_TYPES = {
    "rss.xml": b"application/rss+xml; charset=utf-8",
    "atom.xml": b"application/atom+xml; charset=utf-8",
    "feed.json": b"application/feed+json; charset=utf-8",
}
BY_SUFFIX = {
    ".html": b"text/html; charset=utf-8",
    ".json": b"application/json; charset=utf-8",
    ".xml": b"application/xml; charset=utf-8",
}
# media/: renditions and documents, named by their content's hash, so they never change
MEDIA_TYPES = {
    ".jpg": b"image/jpeg",
    ".webp": b"image/webp",
    ".png": b"image/png",
    ".pdf": b"application/pdf",
    ".docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
    ".odp": b"application/vnd.oasis.opendocument.presentation",
}
IMMUTABLE = (b"cache-control", b"public, max-age=31536000, immutable")
# Portals embed fragments and read JSON from their own origin in the browser.
CORS_SUFFIXES = (".json", ".html", ".xml")
COMMON = [
    (b"cache-control", b"public, max-age=60, stale-while-revalidate=300"),
    (b"vary", b"Accept-Encoding"),
    (b"x-content-type-options", b"nosniff"),
    # Fragments come from the desk's origin: opened directly they run sandboxed, with no
    # script, no cookies of the desk and nothing loaded but images.
    (b"content-security-policy", b"sandbox; default-src 'none'; img-src 'self' https: data:"),
]


EMPTY_BODY = {"type": "http.response.body", "body": b""}


@dataclass
class Variant:
    """One encoding of a file with its ASGI messages ready to send."""

    body: bytes
    etag: bytes
    headers: list[tuple[bytes, bytes]]
    not_modified: list[tuple[bytes, bytes]]

    def __post_init__(self) -> None:
        # The messages are built once; servers only read them.
        self.start_200 = {"type": "http.response.start", "status": 200, "headers": self.headers}
        self.start_304 = {
            "type": "http.response.start",
            "status": 304,
            "headers": self.not_modified,
        }
        self.body_message = {"type": "http.response.body", "body": self.body}


@dataclass
class Cached:
    stamp: tuple[int, int]  # (mtime_ns, size) the bytes were read at
    checked: float
    modified: int  # whole seconds, for If-Modified-Since
    plain: Variant
    gzipped: Variant | None


def content_type(name: str) -> bytes:
    if name in CONTENT_TYPES:
        return CONTENT_TYPES[name]
    suffix = Path(name).suffix
    return BY_SUFFIX.get(suffix) or MEDIA_TYPES.get(suffix, b"application/octet-stream")


def _variant(body: bytes, etag: str, extra: list[tuple[bytes, bytes]]) -> Variant:
    tag = f'"{etag}"'.encode()
    shared = [(b"etag", tag), *extra]
    return Variant(
        body=body,
        etag=tag,
        headers=[(b"content-length", str(len(body)).encode()), *shared],
        not_modified=shared,
    )


def load(path: Path, stat) -> Cached:
    """Read one file and prepare both encodings; gzip only where it saves something."""
    body = path.read_bytes()
    digest = hashlib.sha256(body).hexdigest()[:32]
    modified = int(stat.st_mtime)
    last_modified = format_datetime(datetime.fromtimestamp(modified, UTC), usegmt=True)
    base = [
        (b"content-type", content_type(path.name)),
        (b"last-modified", last_modified.encode()),
        *COMMON,
    ]
    media = path.parent.name == "media"
    if media:  # a media file's name is its content's hash: it never changes
        base = [IMMUTABLE if key == b"cache-control" else (key, value) for key, value in base]
        if not content_type(path.name).startswith(b"image/"):
            base.append((b"content-disposition", b"attachment"))  # a download, never shown
    if path.suffix in CORS_SUFFIXES:
        base.append((b"access-control-allow-origin", b"*"))
    packed = b"" if media else gzip.compress(body, compresslevel=6, mtime=0)
    gzipped = None
    if packed and len(packed) < len(body):
        gzipped = _variant(packed, digest + "-gz", [*base, (b"content-encoding", b"gzip")])
    return Cached(
        stamp=(stat.st_mtime_ns, stat.st_size),
        checked=time.monotonic(),
        modified=modified,
        plain=_variant(body, digest, base),
        gzipped=gzipped,
    )


class FeedFiles:
    """The channels' published files under `outputs/`, cached in memory."""

    def __init__(self, outputs: Path):
        self.outputs = outputs
        self.files: dict[str, Cached] = {}

    def invalidate(self) -> None:
        """Called after a publish in this process: the next request re-reads what changed."""
        for cached in self.files.values():
            cached.checked = 0.0

    def get(self, request_path: str) -> Cached | None:
        cached = self.files.get(request_path)
        now = time.monotonic()
        if cached is not None and now - cached.checked < RECHECK_SECONDS:
            return cached
        path = self._file(request_path)
        try:
            stat = path.stat() if path else None
        except OSError:
            stat = None
        if stat is None or stat.st_size > MAX_FILE_BYTES or not path.is_file():
            self.files.pop(request_path, None)
            return None
        if cached is not None and cached.stamp == (stat.st_mtime_ns, stat.st_size):
            cached.checked = now
            return cached
        cached = load(path, stat)
        self.files[request_path] = cached
        return cached

    def _file(self, request_path: str) -> Path | None:
        """Only names the pattern allows, only for configured channels: no way out of outputs/."""
        match = PATH_RE.match(request_path)
        if not match or not (self.outputs / f"{match.group(1)}.toml").is_file():
            return None
        return self.outputs / match.group(1) / (match.group(2) or "index.html")


def accepts_gzip(value: bytes | None) -> bool:
    if not value:
        return False
    for part in value.lower().split(b","):
        coding, _, params = part.strip().partition(b";")
        if coding.strip() in (b"gzip", b"*"):
            return params.replace(b" ", b"") not in (b"q=0", b"q=0.0", b"q=0.00", b"q=0.000")
    return False


def etag_matches(value: bytes, etag: bytes) -> bool:
    """If-None-Match uses the weak comparison: W/ prefixes are ignored."""
    for candidate in value.split(b","):
        candidate = candidate.strip()
        if candidate == b"*" or candidate.removeprefix(b"W/") == etag:
            return True
    return False


def not_modified_since(value: bytes, modified: int) -> bool:
    try:
        since = parsedate_to_datetime(value.decode("latin-1"))
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return modified <= since.timestamp()


class FeedServer:
    """The ASGI app for `/feeds/`: GET and HEAD with conditional requests and gzip."""

    def __init__(self, files: FeedFiles):
        self.files = files

    async def __call__(self, scope, receive, send) -> None:
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            await plain_text(send, 405, b"method not allowed\n", [(b"allow", b"GET, HEAD")])
            return
        path = scope["path"]
        if PATH_RE.match(path + "/") and not path.endswith("/"):
            await plain_text(send, 308, b"", [(b"location", (path + "/").encode())])
            return
        cached = self.files.get(path)
        if cached is None:
            await plain_text(send, 404, b"not found\n")
            return
        await self._send(scope, send, cached, method == "HEAD")

    async def _send(self, scope, send, cached: Cached, head: bool) -> None:
        encoding = match = since = None
        for key, value in scope["headers"]:  # one pass: this loop is most of the work
            if key == b"accept-encoding":
                encoding = value
            elif key == b"if-none-match":
                match = value
            elif key == b"if-modified-since":
                since = value
        variant = cached.plain
        if cached.gzipped is not None and accepts_gzip(encoding):
            variant = cached.gzipped
        if match is not None:
            fresh = match == variant.etag or etag_matches(match, variant.etag)
        else:
            fresh = since is not None and not_modified_since(since, cached.modified)
        if fresh:
            await send(variant.start_304)
            await send(EMPTY_BODY)
            return
        await send(variant.start_200)
        await send(EMPTY_BODY if head else variant.body_message)


async def plain_text(send, status: int, body: bytes, extra: list | None = None) -> None:
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
