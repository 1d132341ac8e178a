"""Store stage: releases, their revisions, the audit trail and the run history.

In: normalized `Release`s and decisions. Out: `ReleaseView`s, a channel's `Entry`s and
`Withdrawal`s, run records. Nothing is deleted: a changed input adds a revision, a decision adds
an event. Every write is one short transaction, so `melder serve` and `melder run` can share a
SQLite file (WAL) or a PostgreSQL database. May import: `pipeline.models`, `pipeline.errors`,
`pipeline.config`, `pipeline.atomic`, and `pipeline.ingest.http`/`health` for the records it keeps
for them (HTTP validators, source health).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.store.handle import Store
    from pipeline.store.records import Event, ReleaseView, Saved

# SQLAlchemy is imported when a command first asks for the store, not when a module merely
# names it: `pipeline.store.listing` reads the queue without it, for a fast `melder queue`.
_HOMES = {
    "Store": "pipeline.store.handle",
    "Event": "pipeline.store.records",
    "ReleaseView": "pipeline.store.records",
    "Saved": "pipeline.store.records",
}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'pipeline.store' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(_HOMES[name]), name)


__all__ = ["Event", "ReleaseView", "Saved", "Store"]
