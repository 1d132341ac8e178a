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
    revision: int  # the revision these bytes became (unchanged: the one they match)


@dataclass(frozen=True)
class Change:
    """One decision as the store writes it: columns to set and the audit event to add."""

    action: str
    from_state: str
    to_state: str
    revision: int
    values: dict
    note: str | None = None


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
    version: int = 1  # what a decision must name: it is written only if still current
    pending: str | None = None  # review state of a revision newer than the live one
    live_revision: int | None = None  # the revision readers see, while it is live
    withdrawn_at: datetime | None = None
    duplicate_of: str | None = None
    public_name: str | None = None
    updated_at: datetime | None = None

    @property
    def live(self) -> bool:
        """Readers can see it: a revision of it is out and it was not withdrawn since."""
        return self.state == State.PUBLISHED

    @property
    def waiting(self) -> bool:
        """Its newest revision waits for an editor: a new release, or a live one's correction."""
        return self.state == State.QUEUED or self.pending == State.QUEUED.value
