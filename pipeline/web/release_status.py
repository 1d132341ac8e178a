"""A release as the API shows it to the source that sent it: state, dates, public URLs.

Nothing of another source's releases shows, not even that one holds the same text: the
duplicate a release may be of is named only when it is the caller's own.
"""

from __future__ import annotations

from pipeline.config import Config
from pipeline.errors import NotFound
from pipeline.models import State, published_iso
from pipeline.web.state import WebState


def status_json(web: WebState, view, config: Config | None = None) -> dict:
    """A release as the API shows it; a list passes `config` so it is read once per page."""
    release = view.release
    hidden = _of_another_source(web, view)
    rejected = _rejection_of_pending(web, view)
    urls = {}
    # a withdrawn release keeps its address: the page shows the withdrawal notice there
    if view.public_name and view.state.value in ("published", "withdrawn"):
        for channel_name, channel in sorted((config or web.config()).channels.items()):
            if channel.takes(release.source):
                urls[channel_name] = f"{channel.link}/releases/{view.public_name}"
    return {
        "id": release.id,
        "source": release.source,
        "title": release.title,
        "state": view.state.value,
        "revision": view.revision,
        "received_at": view.created_at.isoformat(),
        "changed_at": view.changed_at.isoformat(),
        "publish_at": _iso(view.publish_at),
        "first_published_at": _iso(view.first_published_at),
        "embargo_until": _iso(release.embargo_until),
        "published_at": published_iso(release.published_at, release.published_date_only),
        "reason": view.reason or rejected,
        "pending": view.pending,
        "pending_reason": rejected,
        "live_revision": view.live_revision if view.live else None,
        "duplicate_of": None if hidden else view.duplicate_of,
        "errors": [{"field": p.field, "message": p.message} for p in release.errors],
        "warnings": [
            *(
                w
                for w in release.warnings
                if not w.startswith(DUPLICATE_MARK) and not (hidden and view.duplicate_of in w)
            ),
            *held_notes(view, hidden),
        ],
        "media": [
            media.model_dump(
                include={"filename", "content_type", "kind", "width", "height"}
                | {"caption", "credit", "alt"}
            )
            for media in release.media
        ],
        "urls": urls,
        "withdrawal_published": _withdrawal_published(web, view, list(urls)),
    }


DUPLICATE_MARK = "possible duplicate of"
HELD_AS_DUPLICATE = "held for an editor: possible duplicate of an earlier release"


def held_notes(view, hidden: bool) -> list[str]:
    """Why the newest revision waits, beyond its own warnings: a sender polling "queued"
    learns that an editor must first tell it apart from an earlier release."""
    waiting = State.QUEUED.value in (view.state.value, view.pending)
    if not (view.duplicate_of and waiting):
        return []
    return [HELD_AS_DUPLICATE + ("" if hidden else f" ({view.duplicate_of})")]


def _rejection_of_pending(web: WebState, view) -> str | None:
    """The reason an editor gave for rejecting the newest revision while an older one stays
    live (or withdrawn): kept only in that decision's event."""
    if view.pending != State.REJECTED.value:
        return None
    events = view.events or web.store.get(view.release.id).events
    rejections = [e for e in events if e.action == "rejected" and e.revision == view.revision]
    return rejections[-1].note if rejections else None


def _withdrawal_published(web: WebState, view, channels: list[str]) -> bool | None:
    """For a withdrawn release: whether every channel has published the withdrawal yet; until
    then their feeds and pages still show the release as it was."""
    if view.state != State.WITHDRAWN:
        return None
    if not channels or view.withdrawn_at is None:
        return True  # no channel ever showed it, or withdrawn before this was recorded
    return web.store.published_since(channels, view.withdrawn_at) == set(channels)


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _of_another_source(web: WebState, view) -> bool:
    if not view.duplicate_of:
        return False
    try:
        other = web.store.get(view.duplicate_of, history=False)
    except NotFound:
        return True
    return other.release.source != view.release.source
