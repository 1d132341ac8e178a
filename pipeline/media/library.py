"""Kept media under `var/media/`: one file per sha256 of its (sanitized) bytes, so the same
photo sent a hundred times is kept once and a name always means the same bytes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline.atomic import write_atomic


class MediaLibrary:
    def __init__(self, root: Path):
        self.folder = root / "var" / "media"

    def keep(self, data: bytes, extension: str) -> str:
        """Store `data` (once) and return its sha256."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.path(digest, extension)
        if not path.exists():
            write_atomic(path, data)
        return digest

    def path(self, digest: str, extension: str) -> Path:
        if not (len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)):
            raise ValueError(f"{digest!r} is not a sha256")
        return self.folder / digest[:2] / f"{digest}.{extension}"

    def read(self, digest: str, extension: str) -> bytes | None:
        try:
            return self.path(digest, extension).read_bytes()
        except (OSError, ValueError):
            return None

    # What a URL gave last time, so a 304 Not Modified answer still yields the kept media.
    def remembered(self, url: str) -> dict | None:
        try:
            return json.loads(self._url_note(url).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def remember(self, url: str, note: dict) -> None:
        write_atomic(self._url_note(url), json.dumps(note, sort_keys=True).encode())

    def _url_note(self, url: str) -> Path:
        key = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / "urls" / key[:2] / f"{key}.json"
