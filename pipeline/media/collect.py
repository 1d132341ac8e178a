"""What a reader found (`MediaInput`) → kept `Media`: bytes fetched or read, typed from the
bytes, images cleaned, everything stored under `var/media/`.

A bad image never fails its release: it is left out with a warning the editor sees. Remote
images come through the same guarded HTTP client as pages (size limit, private addresses
refused unless the source allows them, conditional GET against what the URL gave last time).
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from pipeline.config import SourceConfig
from pipeline.errors import SourceError
from pipeline.ingest.client import HttpClient
from pipeline.ingest.files import read_inside
from pipeline.ingest.http import FetchPolicy
from pipeline.media.images import BadImage, clean_image
from pipeline.media.library import MediaLibrary
from pipeline.media.sniff import extension_for, sniff
from pipeline.models import Media, MediaInput, RawRelease

MAX_MEDIA = 20  # per release; a page with more is a gallery, not a press photo or two
MAX_MEDIA_BYTES = 25_000_000
DATA_URL_RE = re.compile(r"^data:([\w.+/-]*)((?:;[\w=.+-]+)*?)(;base64)?,(.*)$", re.S | re.I)


log = logging.getLogger(__name__)


@dataclass
class MediaFetcher:
    """The edges media may come from for one source's run: the kept library, the network
    (None: remote images are only described), and the folder relative paths stay inside."""

    library: MediaLibrary
    client: HttpClient | None = None
    policy: FetchPolicy | None = None
    folder: Path | None = None  # relative paths resolve inside it (a files source's folder)
    root: Path | None = None  # what an input's provenance path is relative to
    _seen: dict[str, Media | str] = field(default_factory=dict)  # URL → media or why not

    @classmethod
    def for_source(
        cls, root: Path, name: str, source: SourceConfig, client: HttpClient | None
    ) -> MediaFetcher:
        policy = replace(FetchPolicy.for_source(name, source), max_bytes=MAX_MEDIA_BYTES)
        folder = root / source.path if source.kind == "files" and source.path else None
        return cls(MediaLibrary(root), client, policy, folder, root)

    def folder_for(self, raw: RawRelease) -> Path | None:
        """Where a relative image address of `raw` is looked up: beside a file the source's
        folder holds, else in the folder this fetcher was given (a submitted file's own)."""
        path = raw.provenance.path
        if raw.provenance.route == "files" and path and self.root is not None:
            return (self.root / path).parent
        return self.folder

    def collect_for(self, raw: RawRelease) -> tuple[tuple[Media, ...], tuple[str, ...]]:
        if not raw.media:
            return (), ()
        return self.collect(raw.media, folder=self.folder_for(raw))

    def collect(
        self, inputs: tuple[MediaInput, ...], *, folder: Path | None = None
    ) -> tuple[tuple[Media, ...], tuple[str, ...]]:
        """The kept media of one release, in input order without repeats, and a warning for
        each one left out."""
        kept: dict[str, Media] = {}
        notes: list[str] = []
        for number, item in enumerate(inputs, start=1):
            name = item.filename or _name_of(item.url) or f"#{number}"
            if len(kept) >= MAX_MEDIA:
                rest = [
                    entry.filename or _name_of(entry.url) or f"#{position}"
                    for position, entry in enumerate(inputs[number - 1 :], start=number)
                ]
                notes.append(
                    f"only the first {MAX_MEDIA} images and attachments are kept; left out: "
                    + ", ".join(rest)
                )
                break
            try:
                media = self._one(item, folder)
            except (BadImage, SourceError, OSError) as exc:
                notes.append(f"{_what(item)} {name} left out: {_said(exc)}")
                continue
            described = replace_text(media, item, name)
            key = described.sha256 or described.url or name
            first = kept.setdefault(key, described)
            if first is not described and _told_apart(first, described):
                # the same bytes twice: kept once, and the words the second one came with are
                # named rather than lost without a word
                notes.append(
                    f"{_what(item)} {name} is the same file as {first.filename or first.url}: "
                    f"kept once, with the first one's caption and credit"
                )
        return tuple(kept.values()), tuple(notes)

    def _one(self, item: MediaInput, folder: Path | None) -> Media:
        url = (item.url or "").strip()
        if item.data is not None:
            return self._keep(item.data, url or None)
        if url.lower().startswith("data:"):
            return self._keep(_data_url(url), None)
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("http", "https"):
            try:
                return self._fetched(url)
            except (BadImage, SourceError):
                # a lightbox's full-size file that is gone (404) while the page still shows
                # the picture: the shown one is the photo
                if urlsplit(item.fallback_url or "").scheme.lower() not in ("http", "https"):
                    raise
                return self._fetched(item.fallback_url)
        if scheme == "cid":
            raise BadImage("the e-mail has no part with that Content-ID")
        if scheme or not url:
            raise BadImage(f"{url[:80] or 'an empty address'} is not an http(s) address")
        return self._keep(_local_file(url, folder, self.folder), None)

    def _fetched(self, url: str) -> Media:
        if url in self._seen:
            seen = self._seen[url]
            if isinstance(seen, str):
                raise BadImage(seen)
            return seen
        try:
            media = self._fetch(url)
        except (BadImage, SourceError) as exc:
            self._seen[url] = str(exc)
            raise
        self._seen[url] = media
        return media

    def _fetch(self, url: str) -> Media:
        if self.client is None or self.policy is None:
            raise BadImage("remote images are not fetched here")
        note = self.library.remembered(url)
        since = (note.get("etag"), note.get("last_modified")) if note else None
        if since and not any(since):
            since = None
        page = self.client.get(url, self.policy, conditional=False, since=since or (None, None))
        if page.not_modified and note and self.library.path(note["sha256"], note["ext"]).exists():
            return Media.model_validate(note["media"])
        if page.not_modified:  # the kept file is gone: ask again without validators
            page = self.client.get(url, self.policy, conditional=False, since=(None, None))
        media = self._keep(page.body, url)
        self.library.remember(
            url,
            {
                "sha256": media.sha256,
                "ext": extension_for(media.content_type),
                "etag": page.etag,
                "last_modified": page.last_modified,
                "media": media.model_dump(mode="json"),
            },
        )
        return media

    def _keep(self, data: bytes, url: str | None) -> Media:
        if len(data) > MAX_MEDIA_BYTES:
            raise BadImage(f"{len(data):,} bytes is over the limit of {MAX_MEDIA_BYTES:,}")
        found = sniff(data)
        if found.kind == "svg":
            raise BadImage("SVG is not taken (it can carry scripts); send JPEG, PNG or WebP")
        if found.kind == "document":
            digest = self.library.keep(data, found.extension)
            return Media(
                filename="",
                content_type=found.content_type,
                size=len(data),
                url=url,
                sha256=digest,
                kind="document",
            )
        if found.kind != "image":
            raise BadImage(
                "it is neither an image (JPEG, PNG, GIF, WebP, TIFF) nor a document "
                "(PDF, Office, OpenDocument)"
            )
        image = clean_image(data)
        digest = self.library.keep(image.data, extension_for(image.content_type))
        return Media(
            filename="",
            content_type=image.content_type,
            size=len(image.data),
            url=url,
            sha256=digest,
            kind="image",
            width=image.width,
            height=image.height,
        )


def replace_text(media: Media, item: MediaInput, name: str) -> Media:
    """The kept file with what the input says of it: name, caption, credit, alt, license."""
    safe_name = PurePosixPath(name.replace("\\", "/")).name.strip()[:200] or "attachment"
    if media.sha256:  # the name says what the bytes are, whatever the sender called them
        stem = PurePosixPath(safe_name).stem or media.kind
        safe_name = f"{stem}.{extension_for(media.content_type)}"
    return media.model_copy(
        update={
            "filename": safe_name,
            "caption": item.caption,
            "credit": item.credit,
            "alt": item.alt,
            "license": item.license,
        }
    )


def _data_url(url: str) -> bytes:
    match = DATA_URL_RE.match(url.strip())
    if not match:
        raise BadImage("the data: address is malformed")
    payload = match.group(4)
    if not match.group(3):
        return unquote(payload).encode("latin-1", "replace")
    try:
        return base64.b64decode(re.sub(r"\s+", "", unquote(payload)), validate=True)
    except (binascii.Error, ValueError):
        raise BadImage("the data: address is not valid base64") from None


def _local_file(path: str, folder: Path | None, allowed: Path | None) -> bytes:
    """A file named relative to the input, never outside the source's folder."""
    if folder is None:
        raise BadImage("a relative address with no page to resolve it against")
    name = unquote(urlsplit(path).path)
    if "\x00" in name or any(ord(char) < 32 for char in name):
        raise BadImage("the file name holds a control character")
    target = (folder.resolve() / name).resolve()
    root = (allowed or folder).resolve()
    if not target.is_relative_to(root):
        raise BadImage("the path leads outside the source's folder")
    if not target.is_file():
        raise BadImage("no such file beside the input")
    try:  # what is opened is checked again: the name may have become a link since
        data, size = read_inside(str(target), f"{root}{os.sep}", MAX_MEDIA_BYTES)
    except OSError as exc:
        raise BadImage(f"the file cannot be read: {exc.strerror or exc}") from None
    if size > MAX_MEDIA_BYTES:
        raise BadImage(f"the file is over the limit of {MAX_MEDIA_BYTES:,} bytes")
    return data


def _name_of(url: str | None) -> str:
    if not url or url.lower().startswith("data:"):
        return ""
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    return "".join(char if char.isprintable() else "\ufffd" for char in name)


def _what(item: MediaInput) -> str:
    declared = item.declared_type
    if declared and not declared.startswith("image/"):
        return "attachment"
    named = (item.filename or _name_of(item.url)).lower()
    return "document" if named.endswith(DOCUMENT_SUFFIXES) else "image"


DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt",
                     ".pptx", ".odp", ".zip", ".txt", ".csv")  # fmt: skip


# What a guard's refusal or a failed name lookup says about the portal's own network (which
# host resolves to which private address) is the operator's to know, not the sender's, who
# reads these notes in the API's answer: the log keeps the whole message.
_NETWORK_DETAIL = (
    (re.compile(r"refused: \S+ resolves to"), "its address is not allowed (a private network)"),
    (re.compile(r"cannot resolve \S+"), "its host name is not known"),
)


def _said(exc: Exception) -> str:
    message = str(exc)
    for pattern, plain in _NETWORK_DETAIL:
        if pattern.search(message):
            log.info("media left out: %s", message)
            return plain
    return message


def _told_apart(first: Media, second: Media) -> bool:
    """The second copy came with words the first does not carry."""
    return any(
        mine and mine != kept
        for mine, kept in ((second.caption, first.caption), (second.credit, first.credit))
    )
