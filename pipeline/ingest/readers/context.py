"""What every reader shares: what it may know about an input besides its bytes, and its hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.config import SourceConfig
from pipeline.models import Provenance


@dataclass(frozen=True)
class InputContext:
    """Everything a reader may know about an input besides its bytes."""

    source: str
    config: SourceConfig
    locator: str  # path relative to the root, or the URL it came from
    received_at: datetime
    route: str  # files | submit | rss | web | imap | api
    base_url: str | None = None
    sender: str | None = None
    kept: str | None = None  # where Melder keeps the input's bytes, relative to the root
    size: int | None = None  # the whole input's bytes, when only its start was read
    folder: Path | None = None  # the folder holding an input file: what it names beside it

    def provenance(self, **extra) -> Provenance:
        # Only a path Melder chose counts: a feed's guid or a Message-ID is the sender's text
        # and must never become a file the desk opens.
        path = self.kept or (self.locator if self.route in ("files", "extract") else None)
        values = {
            "route": self.route,
            "received_at": self.received_at,
            "path": path,
            "original_url": self.base_url,
            "sender": self.sender,
        }
        values.update({k: v for k, v in extra.items() if v is not None})
        return Provenance(**values)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def without_lone_surrogates(value: Any, path: str = "") -> tuple[Any, list[str]]:
    """`value` (parsed JSON or YAML) with each lone UTF-16 surrogate ('\\udc00', which no UTF-8
    text can hold and every later stage would choke on) replaced by U+FFFD, and the paths of
    the strings that held one."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            paired = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
            return paired, [path or "value"]
        return value, []
    if isinstance(value, dict):
        cleaned, found = {}, []
        for key, item in value.items():
            key, _ = without_lone_surrogates(key, path)
            cleaned[key], inner = without_lone_surrogates(item, f"{path}.{key}" if path else key)
            found += inner
        return cleaned, found
    if isinstance(value, list):
        items = [without_lone_surrogates(item, f"{path}[{i}]") for i, item in enumerate(value)]
        return [item for item, _ in items], [p for _, inner in items for p in inner]
    return value, []
