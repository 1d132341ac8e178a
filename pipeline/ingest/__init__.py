"""Source kinds: each module reads one kind of source into `RawRelease`s.

A kind is a function `(name, source, config, *, now, seen) -> IngestResult`, listed in `KINDS`
under the TOML `kind`. Adding a kind is one module plus one line here. Kinds in `FETCHING` also
take the run's shared `HttpClient` as `client`, so per-host delays and robots.txt span sources.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.ingest import api, files, imap, rss, web
from pipeline.ingest.base import IngestResult

Reader = Callable[..., IngestResult]

KINDS: dict[str, Reader] = {
    "files": files.ingest,
    "api": api.ingest,
    "rss": rss.ingest,
    "web": web.ingest,
    "imap": imap.ingest,
}

FETCHING = frozenset({"rss", "web"})

__all__ = ["FETCHING", "KINDS", "IngestResult"]
