"""Source kinds: each module reads one kind of source into `RawRelease`s.

A kind is a function `(name, source, config, *, now, seen) -> IngestResult`, listed in `KINDS` under the
TOML `kind`. Adding a kind is one module plus one line here.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.ingest import api, files
from pipeline.ingest.base import IngestResult

Reader = Callable[..., IngestResult]

KINDS: dict[str, Reader] = {
    "files": files.ingest,
    "api": api.ingest,
}

__all__ = ["KINDS", "IngestResult"]
