"""Source kinds: each module reads one kind of source into `RawRelease`s.

A kind is a function `(name, source, config, *, now, seen) -> IngestResult`, listed in `KINDS`
under the TOML `kind`. Adding a kind is one module plus one line here. Kinds in `FETCHING` also
take the run's shared `HttpClient` as `client`, so per-host delays and robots.txt span sources.

In: a source's `SourceConfig` and what it already holds (`seen`). Out: an `IngestResult` of
`RawRelease`s. Holds the kinds, the input readers (`readers/`), the guarded HTTP layer (`http`),
source health and `check --online`. May import: `pipeline.extract`, `pipeline.config`,
`pipeline.models`, `pipeline.errors`; never the store (the runner hands over what is stored).
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
