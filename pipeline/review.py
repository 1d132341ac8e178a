"""Editorial decisions: what happens on arrival, approve, reject, withdraw.

The CLI and the web call these; the rules of the lifecycle live in `models.TRANSITIONS`.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from html import escape

from pipeline.config import SourceConfig
from pipeline.errors import InvalidTransition
from pipeline.models import Problem, Release, State
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


def reject(store: Store, release_id: str, *, reason: str, actor: str, now: datetime) -> ReleaseView:
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


# --- the desk: edits, corrections and the optimistic lock -------------------------------------


class Conflict(InvalidTransition):
    """Someone else changed the release since the editor loaded it."""


def check_version(store: Store, release_id: str, version: str) -> None:
    """Refuse a decision taken on a stale page instead of silently overwriting another's."""
    if store.version(release_id) == version:
        return
    last = store.get(release_id).events[-1]
    raise Conflict(
        f"release {release_id} was changed meanwhile: {last.action} by {last.actor} "
        f"at {last.at.isoformat(timespec='minutes')}; reload it and decide again"
    )


def edit(
    store: Store,
    release_id: str,
    *,
    title: str,
    teaser: str,
    text: str,
    categories: list[str],
    actor: str,
    now: datetime,
    expected_revision: int,
) -> ReleaseView:
    """An editor's change of title, teaser, body or categories: a new revision, the old kept."""
    current = store.get(release_id, history=False).release
    changed = edited_release(current, title=title, teaser=teaser, text=text, categories=categories)
    return store.edit(
        current.id, changed, actor=actor, now=now, expected_revision=expected_revision
    )


def correct(
    store: Store, release_id: str, *, actor: str, now: datetime, expected_revision: int, **fields
) -> ReleaseView:
    """Edit a published release and release the correction at the next publish: same id and
    URL, a new `updated` date in every feed."""
    view = store.get(release_id, history=False)
    if view.first_published_at is None:
        raise InvalidTransition(f"release {release_id} was never published; edit it instead")
    edited = edit(
        store, release_id, actor=actor, now=now, expected_revision=expected_revision, **fields
    )
    return approve(
        store, edited.release.id, actor=actor, now=now, expected_revision=edited.revision
    )


def edited_release(
    release: Release, *, title: str, teaser: str, text: str, categories: list[str]
) -> Release:
    """The release with the editor's fields; a body left as it was keeps its links and markup."""
    title = " ".join(title.split())
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.replace("\r", ""))]
    paragraphs = [part for part in paragraphs if part]
    new_text = "\n\n".join(paragraphs)
    body_html = release.body_html
    if new_text != release.text:
        body_html = "\n".join(f"<p>{escape(part, quote=False)}</p>" for part in paragraphs)
    kept = [p for p in release.errors if p.field not in {"title", "teaser", "body", "text"}]
    if not title:
        kept.append(Problem(field="title", message="a headline is required"))
    if not paragraphs:
        kept.append(Problem(field="body", message="the release has no text"))
    fields = {
        "title": title,
        "teaser": " ".join(teaser.split()),
        "text": new_text,
        "body_html": body_html,
        "categories": tuple(c.strip() for c in categories if c.strip()),
        "errors": tuple(kept),
    }
    digest = hashlib.sha256(json.dumps(fields, default=list, sort_keys=True).encode()).hexdigest()
    return release.model_copy(update={**fields, "content_hash": digest})
