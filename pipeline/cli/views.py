"""Plain JSON shapes of releases, queue entries and run status, shared by the CLI and the web."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.models import Release
    from pipeline.store import ReleaseView
    from pipeline.store.tables import RunRow


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def release_json(release: Release) -> dict:
    return {
        "id": release.id,
        "source": release.source,
        "identity": release.identity,
        "title": release.title,
        "teaser": release.teaser,
        "text": release.text,
        "body_html": release.body_html,
        "language": release.language,
        "slug": release.slug,
        "links": [{"url": link.url, "text": link.text} for link in release.links],
        "published_at": _iso(release.published_at),
        "embargo_until": _iso(release.embargo_until),
        "contact": release.contact,
        "categories": list(release.categories),
        "media": [media.model_dump() for media in release.media],
        "provenance": release.provenance.model_dump(mode="json"),
        "errors": [{"field": p.field, "message": p.message} for p in release.errors],
        "warnings": list(release.warnings),
    }


def view_json(view: ReleaseView, *, history: bool = False) -> dict:
    data = release_json(view.release)
    data.update(
        state=view.state.value,
        revision=view.revision,
        received_at=_iso(view.created_at),
        changed_at=_iso(view.changed_at),
        publish_at=_iso(view.publish_at),
        first_published_at=_iso(view.first_published_at),
        reason=view.reason,
        version=view.version,
        pending=view.pending,
        live_revision=view.live_revision if view.live else None,
        withdrawn_at=_iso(view.withdrawn_at),
        duplicate_of=view.duplicate_of,
        public_name=view.public_name,
    )
    if history:
        data["history"] = [
            {
                "at": _iso(event.at),
                "actor": event.actor,
                "action": event.action,
                "from_state": event.from_state,
                "to_state": event.to_state,
                "revision": event.revision,
                "note": event.note,
            }
            for event in view.events
        ]
    return data


def status_json(
    runs: list[RunRow], counts: dict[str, int], sources: list[dict] | None = None
) -> dict:
    """`sources` is each source's health as `pipeline.ingest.health.health_json` gives it."""
    return {
        "queue": counts,
        "sources": sources or [],
        "runs": [
            {
                "job": run.job,
                "target": run.target,
                "started_at": _iso(run.started_at),
                "finished_at": _iso(run.finished_at),
                "outcome": run.outcome,
                "counts": run.counts,
                "error": run.error,
            }
            for run in runs
        ],
    }
