"""A release as the API shows it to the source that sent it: state, dates, public URLs.

Nothing of another source's releases shows, not even that one holds the same text: the
duplicate a release may be of is named only when it is the caller's own.
"""

from __future__ import annotations

from pipeline.config import Config
from pipeline.errors import NotFound
from pipeline.models import published_iso
from pipeline.web.state import WebState


def status_json(web: WebState, view, config: Config | None = None) -> dict:
    """A release as the API shows it; a list passes `config` so it is read once per page."""
    release = view.release
    hidden = _of_another_source(web, view)
    urls = {}
    if view.public_name and view.state.value == "published":
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
        "reason": view.reason,
        "pending": view.pending,
        "live_revision": view.live_revision if view.live else None,
        "duplicate_of": None if hidden else view.duplicate_of,
        "errors": [{"field": p.field, "message": p.message} for p in release.errors],
        "warnings": [w for w in release.warnings if not (hidden and view.duplicate_of in w)],
        "media": [
            media.model_dump(
                include={"filename", "content_type", "kind", "width", "height"}
                | {"caption", "credit", "alt"}
            )
            for media in release.media
        ],
        "urls": urls,
    }


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
