"""Store stage: releases, their revisions, the audit trail and the run history.

In: normalized `Release`s and decisions. Out: `ReleaseView`s, a channel's `Entry`s and
`Withdrawal`s, run records. Nothing is deleted: a changed input adds a revision, a decision adds
an event. Every write is one short transaction, so `melder serve` and `melder run` can share a
SQLite file (WAL) or a PostgreSQL database. May import: `pipeline.models`, `pipeline.errors`,
`pipeline.config`, `pipeline.atomic`, and `pipeline.ingest.http`/`health` for the records it keeps
for them (HTTP validators, source health).
"""

from __future__ import annotations

from pipeline.store.deliveries import DeliveryQueue
from pipeline.store.engine import open_engine
from pipeline.store.publishing import ReleasePublishing
from pipeline.store.records import Event, ReleaseView, Saved
from pipeline.store.releases import ReleaseWrites
from pipeline.store.runs import RunHistory


class Store(ReleaseWrites, ReleasePublishing, RunHistory, DeliveryQueue):
    """The one handle on the database that every stage and shell is given."""

    def __init__(self, url: str, *, read_only: bool = False):
        self.engine = open_engine(url, read_only=read_only)

    def close(self) -> None:
        self.engine.dispose()


__all__ = ["Event", "ReleaseView", "Saved", "Store"]
