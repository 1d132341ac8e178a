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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.ingest.base import IngestResult

Reader = Callable[..., "IngestResult"]

FETCHING = frozenset({"rss", "web"})


# The kinds (and with them the readers, BeautifulSoup and the extraction rules) are imported
# when a run first asks for them, not when a command merely reads a source's health:
# `melder status` stays fast.
def __getattr__(name: str):
    if name == "KINDS":
        from pipeline.ingest import api, files, imap, rss, web

        kinds: dict[str, Reader] = {
            "files": files.ingest,
            "api": api.ingest,
            "rss": rss.ingest,
            "web": web.ingest,
            "imap": imap.ingest,
        }
        globals()["KINDS"] = kinds
        return kinds
    if name == "IngestResult":
        from pipeline.ingest.base import IngestResult

        return IngestResult
    raise AttributeError(f"module 'pipeline.ingest' has no attribute {name!r}")


__all__ = ["FETCHING", "KINDS", "IngestResult"]
