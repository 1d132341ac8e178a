"""Editorial decisions: what happens on arrival, approve, reject, withdraw.

The CLI and the web call these; the rules of the lifecycle live in `models.TRANSITIONS`.
"""

from __future__ import annotations

from datetime import datetime

from pipeline.config import SourceConfig
from pipeline.errors import InvalidTransition
from pipeline.models import State
from pipeline.store import ReleaseView, Store


def arrival_state(source: SourceConfig) -> State:
    """Trusted sources (`review = "auto"`) are approved on arrival; the rest wait for an editor."""
    return State.APPROVED if source.review == "auto" else State.QUEUED


def approve(
    store: Store,
    release_id: str,
    *,
    actor: str,
    now: datetime,
    at: datetime | None = None,
    expected_revision: int | None = None,
) -> ReleaseView:
    """Approve for the next publish, or for the first publish after `at` (and any embargo)."""
    if at is not None and at.tzinfo is None:
        raise ValueError("approval time needs a time zone, e.g. 2026-12-01T09:00+01:00")
    note = f"publish at {at.isoformat()}" if at and at > now else None
    return store.transition(
        release_id,
        State.APPROVED,
        actor=actor,
        action="approved",
        now=now,
        note=note,
        publish_at=at,
        expected_revision=expected_revision,
    )


def reject(
    store: Store, release_id: str, *, reason: str, actor: str, now: datetime
) -> ReleaseView:
    return store.transition(
        release_id, State.REJECTED, actor=actor, action="rejected", now=now, note=_reason(reason)
    )


def withdraw(
    store: Store, release_id: str, *, reason: str, actor: str, now: datetime
) -> ReleaseView:
    """Take a published release out of every feed; it stays in the store with the reason."""
    view = store.get(release_id, history=False)
    if view.first_published_at is None:
        raise InvalidTransition(
            f"release {release_id} was never published; reject it instead of withdrawing"
        )
    return store.transition(
        release_id, State.WITHDRAWN, actor=actor, action="withdrawn", now=now, note=_reason(reason)
    )


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValueError("a reason is required")
    return reason
