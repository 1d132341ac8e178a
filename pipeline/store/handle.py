"""The `Store`: one handle on the database, made of the store's parts."""

from __future__ import annotations

from pipeline.store.deliveries import DeliveryQueue
from pipeline.store.engine import open_engine
from pipeline.store.publishing import ReleasePublishing
from pipeline.store.releases import ReleaseWrites
from pipeline.store.runs import RunHistory


class Store(ReleaseWrites, ReleasePublishing, RunHistory, DeliveryQueue):
    """The one handle on the database that every stage and shell is given."""

    def __init__(self, url: str, *, read_only: bool = False):
        self.engine = open_engine(url, read_only=read_only)

    def close(self) -> None:
        self.engine.dispose()
