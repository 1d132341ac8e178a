"""Editorial decisions: what happens on arrival, approve (and take back), reject, withdraw,
reopen, and for a possible duplicate keep both or merge."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from pipeline.config import SourceConfig
from pipeline.errors import InvalidTransition, MergedAway
from pipeline.models import Release, State
from pipeline.store import ReleaseView, Store
from pipeline.store.records import Change

FUTURE_SLACK = timedelta(days=1)
# An approval for later leaves "publish at <ISO 8601 moment>" in the audit trail: readable in
# the database, and read back by `scheduled_for` so the desk and `show` can say it their way.
PUBLISH_AT_NOTE = "publish at "
# A merged duplicate is closed as rejected with this reason ("merged into <id> as revision 2").
MERGED_INTO = re.compile(r"merged into (\w+) as revision \d+")


def scheduled_for(note: str | None) -> datetime | None:
    """The moment an approval's note names ("publish at 2026-11-27T14:40:39+00:00"), if any."""
    if not note or not note.startswith(PUBLISH_AT_NOTE):
        return None
    try:
        moment = datetime.fromisoformat(note.removeprefix(PUBLISH_AT_NOTE).strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def dated_ahead(release: Release, now: datetime) -> bool:
    """A publication date more than a day after arrival: a typo, or a date that was never meant
    as one; an editor decides, even for a trusted source."""
    return release.published_at is not None and release.published_at > now + FUTURE_SLACK


def arrival_state(source: SourceConfig, release: Release | None = None, now=None) -> State:
    """Trusted sources (`review = "auto"`) are approved on arrival, except a release dated
    more than a day ahead or one with a warning that holds it for an editor (a spam filter's
    mark); the rest wait for an editor."""
    if release is not None and release.held_for_editor:
        return State.QUEUED
    if release is not None and now is not None and dated_ahead(release, now):
        return State.QUEUED
    return State.APPROVED if source.review == "auto" else State.QUEUED


@dataclass(frozen=True)
class Decided:
    """What a decision did: the release afterwards and one sentence for the person who asked."""

    view: ReleaseView
    outcome: str  # approved | scheduled | rejected | withdrawn | reopened | edited | unchanged
    message: str


def _current(store: Store, release_id: str, seen: int | None) -> tuple[ReleaseView, int]:
    """The release as it is now, and the version the decision is for: the one the actor saw
    (a page's), else now's. A decision on a version that is gone is a conflict, never judged
    against a state its actor did not see."""
    view = store.get(release_id, history=False)
    if seen is not None and seen != view.version:
        raise store.conflict(view.release.id)
    return view, view.version if seen is None else seen


def _change(view: ReleaseView, action: str, to_state: State, note: str | None = None, **values):
    return Change(
        action=action,
        from_state=view.state.value,
        to_state=to_state.value,
        revision=view.revision,
        values=values,
        note=note,
    )


def goes_out_at(view: ReleaseView, now: datetime) -> datetime | None:
    """When an approved revision goes out: None when it is not approved, `now` when it is due."""
    approved = view.state == State.APPROVED or view.pending == State.APPROVED.value
    if not approved:
        return None
    times = [t for t in (view.publish_at, view.release.embargo_until) if t is not None]
    return max([now, *times])


def approve(
    store: Store,
    release_id: str,
    *,
    actor: str,
    now: datetime,
    at: datetime | None = None,
    seen: int | None = None,
    zone: tzinfo | None = None,
    again: bool = False,
) -> Decided:
    """Approve for the next publish, or for the first publish after `at` (and any embargo).

    A withdrawn release with no new revision goes live again only when asked `again`: its
    withdrawn text would otherwise return to every feed with one key."""
    if at is not None and at.tzinfo is None:
        raise ValueError("approval time needs a time zone, e.g. 2026-12-01T09:00+01:00")
    view, seen = _current(store, release_id, seen)
    rid = view.release.id
    if view.release.errors:
        raise InvalidTransition(
            f"release {rid} is invalid and cannot be approved: "
            + "; ".join(f"{p.field}: {p.message}" for p in view.release.errors)
        )
    if view.duplicate_of:
        raise InvalidTransition(
            f"release {rid} may be a duplicate of {view.duplicate_of}: merge it "
            f"(`melder merge {rid} --into {view.duplicate_of}`) or keep both "
            f"(`melder keep {rid}`) first"
        )
    if view.state == State.REJECTED or view.pending == State.REJECTED.value:
        raise InvalidTransition(
            f"release {rid} is rejected; `melder reopen {rid}` puts it back in the queue"
        )
    if view.state == State.WITHDRAWN and view.pending not in ("queued", "approved") and not again:
        raise InvalidTransition(
            f"release {rid} was withdrawn ({view.reason}) and has no new revision; approving "
            f"puts the withdrawn revision {view.revision} back in every feed: "
            f"`melder approve {rid} --force` if that is meant"
        )
    times = [t for t in (at, view.release.embargo_until) if t is not None]
    publish_at = max(times) if times else None
    note = f"{PUBLISH_AT_NOTE}{publish_at.isoformat()}" if publish_at and publish_at > now else None
    live = view.state == State.PUBLISHED
    already = view.state == State.APPROVED or view.pending == State.APPROVED.value
    if live and view.pending is None:
        return Decided(
            view,
            "unchanged",
            f"release {rid} is already published (revision {view.live_revision}); nothing to do",
        )
    held = _embargo_holds(at, view.release.embargo_until, zone)
    if already and (at is None or publish_at == view.publish_at):
        return Decided(
            view,
            "unchanged",
            f"release {rid} is already approved; {_when(view, now, zone)}{held}",
        )
    action = "rescheduled" if already else "approved"
    if live:
        change = _change(
            view, action, State.PUBLISHED, note, pending="approved", publish_at=publish_at
        )
    else:
        change = _change(
            view,
            action,
            State.APPROVED,
            note,
            state="approved",
            pending=None,  # a withdrawn release's new revision: approved is its state now
            publish_at=publish_at,
        )
    after = store.apply(rid, change, seen=seen, actor=actor, now=now)
    outcome = "scheduled" if publish_at and publish_at > now else "approved"
    when = f"{_when(after, now, zone)}{held}"
    if view.live_revision and view.live_revision != view.revision:
        # the sender changed it after it went out (or after it was withdrawn): say so
        said = (
            f"release {rid} approved: revision {after.revision} goes out, not revision "
            f"{view.live_revision} that went out before; {when}"
        )
    elif after.revision > 1:
        said = f"release {rid} (revision {after.revision}) approved; {when}"
    else:
        said = f"release {rid} approved; {when}"
    return Decided(after, outcome, said)


def _embargo_holds(at: datetime | None, embargo: datetime | None, zone: tzinfo | None) -> str:
    """A note when the time asked for lies before the release's embargo, which wins."""
    if at is None or embargo is None or at >= embargo:
        return ""
    asked = at.astimezone(zone) if zone else at
    return f"; {asked.isoformat(timespec='minutes')} lies before its embargo, which holds"


def _when(view: ReleaseView, now: datetime, zone: tzinfo | None = None) -> str:
    """When it goes out, and why then, in `zone` (the source's) when given."""
    moment = goes_out_at(view, now)
    if moment is None:
        return "it does not go out"
    if moment <= now:
        return "it goes out at the next publish"
    reason = "embargo" if view.release.embargo_until == moment else "approved for then"
    shown = moment.astimezone(zone) if zone else moment
    return (
        f"it goes out at the first publish after {shown.isoformat(timespec='minutes')} ({reason})"
    )


def reject(
    store: Store,
    release_id: str,
    *,
    reason: str,
    actor: str,
    now: datetime,
    seen: int | None = None,
) -> Decided:
    """Reject the newest revision; a live release stays live with its live revision."""
    reason = _reason(reason)
    view, seen = _current(store, release_id, seen)
    rid = view.release.id
    if view.state == State.PUBLISHED:
        if view.pending in (None, State.REJECTED.value):
            raise InvalidTransition(
                f"release {rid} is published; to take it down: "
                f'`melder withdraw {rid} --reason "..."`'
            )
        change = _change(view, "rejected", State.PUBLISHED, reason, pending="rejected")
        after = store.apply(rid, change, seen=seen, actor=actor, now=now)
        return Decided(
            after,
            "rejected",
            f"revision {view.revision} of release {rid} rejected; "
            f"revision {view.live_revision} stays live",
        )
    if view.state == State.REJECTED:
        return Decided(view, "unchanged", f"release {rid} is already rejected")
    if view.state == State.WITHDRAWN:
        if view.pending in (None, State.REJECTED.value):
            raise InvalidTransition(f"release {rid} is withdrawn; there is nothing to reject")
        change = _change(view, "rejected", State.WITHDRAWN, reason, pending="rejected")
        after = store.apply(rid, change, seen=seen, actor=actor, now=now)
        return Decided(
            after,
            "rejected",
            f"revision {view.revision} of release {rid} rejected; the release stays withdrawn",
        )
    change = _change(view, "rejected", State.REJECTED, reason, state="rejected", reason=reason)
    after = store.apply(rid, change, seen=seen, actor=actor, now=now)
    return Decided(after, "rejected", f"release {rid} rejected; it stays in the store")


def withdraw(
    store: Store,
    release_id: str,
    *,
    reason: str,
    actor: str,
    now: datetime,
    seen: int | None = None,
) -> Decided:
    """Take a live release out of every feed, whatever the review of a newer revision says."""
    reason = _reason(reason)
    view, seen = _current(store, release_id, seen)
    rid = view.release.id
    if view.state == State.WITHDRAWN:
        return Decided(view, "unchanged", f"release {rid} is already withdrawn")
    if view.first_published_at is None:
        raise InvalidTransition(
            f"release {rid} was never published; reject it instead of withdrawing"
        )
    change = _change(
        view,
        "withdrawn",
        State.WITHDRAWN,
        reason,
        state="withdrawn",
        pending=None,
        reason=reason,
        withdrawn_at=now,
    )
    after = store.apply(rid, change, seen=seen, actor=actor, now=now)
    return Decided(
        after, "withdrawn", f"release {rid} withdrawn; the next publish tells every feed"
    )


def reopen(
    store: Store, release_id: str, *, actor: str, now: datetime, seen: int | None = None
) -> Decided:
    """Put a rejected release (or a live release's rejected correction) back in the queue."""
    view, seen = _current(store, release_id, seen)
    rid = view.release.id
    if view.state in (State.PUBLISHED, State.WITHDRAWN) and view.pending == State.REJECTED.value:
        change = _change(view, "reopened", view.state, pending="queued")
    elif view.state == State.REJECTED:
        change = _change(view, "reopened", State.QUEUED, state="queued", reason=None)
    else:
        raise InvalidTransition(f"release {rid} is {view.state.value}; only rejected ones reopen")
    after = store.apply(rid, change, seen=seen, actor=actor, now=now)
    return Decided(after, "reopened", f"release {rid} is back in the queue")


def unapprove(
    store: Store, release_id: str, *, actor: str, now: datetime, seen: int | None = None
) -> Decided:
    """Take an approval back before it went out (the desk's undo, a cancelled schedule): the
    release waits in the queue again; a live release keeps its published revision."""
    view, seen = _current(store, release_id, seen)
    rid = view.release.id
    if view.state == State.PUBLISHED and view.pending == State.APPROVED.value:
        change = _change(view, "unapproved", State.PUBLISHED, pending="queued", publish_at=None)
    elif view.state == State.APPROVED:
        change = _change(view, "unapproved", State.QUEUED, state="queued", publish_at=None)
    else:
        raise InvalidTransition(
            f"release {rid} is {view.state.value}, not approved: there is nothing to take back"
        )
    after = store.apply(rid, change, seen=seen, actor=actor, now=now)
    return Decided(after, "unapproved", f"release {rid} is back in the queue, not approved")


def keep_both(
    store: Store, release_id: str, *, actor: str, now: datetime, seen: int | None = None
) -> Decided:
    """A possible duplicate is a release of its own: it waits for review like any other."""
    view, seen = _current(store, release_id, seen)
    rid = view.release.id
    if not view.duplicate_of:
        raise InvalidTransition(f"release {rid} is not marked as a possible duplicate")
    note = f"kept apart from {view.duplicate_of}"
    change = _change(view, "kept", view.state, note, duplicate_of=None)
    after = store.apply(rid, change, seen=seen, actor=actor, now=now)
    return Decided(after, "kept", f"release {rid} kept as a release of its own; {note}")


def merge(
    store: Store,
    release_id: str,
    *,
    into: str,
    actor: str,
    now: datetime,
    seen: int | None = None,
) -> Decided:
    """Make a possible duplicate a new revision of the release it repeats, and close it.

    The kept release keeps its id, source and URL; its new revision is reviewed like an edit
    (a live release keeps its live revision until the new one is approved).
    """
    view, seen = _current(store, release_id, seen)
    rid = view.release.id
    target = store.get(into, history=False)
    if (live := _merged_away_to(store, target)) is not None:
        gone = target.release.id
        said = f"release {gone} was merged into {live} and is closed; merge into that one: "
        raise MergedAway(f"{said}`melder merge {rid} --into {live}`", gone=gone, into=live)
    if target.release.id == rid:
        raise InvalidTransition(f"release {rid} cannot be merged into itself")
    if view.state in (State.PUBLISHED, State.WITHDRAWN) or view.first_published_at:
        raise InvalidTransition(f"release {rid} was published; withdraw it instead of merging")
    merged = view.release.model_copy(
        update={
            "id": target.release.id,
            "source": target.release.source,
            "identity": target.release.identity,
            "warnings": tuple(
                w for w in view.release.warnings if not w.startswith("possible duplicate of")
            ),
        }
    )
    if merged.content_hash == target.release.content_hash:
        revision = target.revision
    else:
        after_target = store.edit(
            target.release.id, merged, actor=actor, now=now, seen=target.version, action="merged"
        )
        revision = after_target.revision
    note = f"merged into {target.release.id} as revision {revision}"
    change = _change(
        view, "merged", State.REJECTED, note, state="rejected", reason=note, duplicate_of=None
    )
    after = store.apply(rid, change, seen=seen, actor=actor, now=now)
    return Decided(after, "merged", f"release {rid} {note}")


def _merged_away_to(store: Store, view: ReleaseView) -> str | None:
    """Where a release that was merged away went in the end (following merges of merges), or
    None for a release that was not merged into another."""
    went = None
    for _ in range(20):  # a chain longer than this is a loop an editor has to look at
        found = MERGED_INTO.match(view.reason or "") if view.state == State.REJECTED else None
        if found is None:
            return went
        went = found.group(1)
        view = store.get(went, history=False)
    return went


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValueError("a reason is required")
    return reason
