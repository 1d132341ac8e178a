"""What the store answers with: plain frozen records, no database objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pipeline.models import Release, State


@dataclass(frozen=True)
class Saved:
    release_id: str
    outcome: str  # new | revised | unchanged
    state: State


@dataclass(frozen=True)
class Event:
    at: datetime
    actor: str
    action: str
    from_state: str | None
    to_state: str
    revision: int
    note: str | None


@dataclass(frozen=True)
class ReleaseView:
    """A release with its lifecycle, as the queue, `show` and the desk present it."""

    release: Release
    state: State
    revision: int
    created_at: datetime
    changed_at: datetime
    publish_at: datetime | None
    first_published_at: datetime | None
    reason: str | None
    events: tuple[Event, ...] = ()
    revisions: tuple[int, ...] = ()
