"""Plain JSON shapes of releases, queue entries and run status, shared by the CLI and the web."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.models import Release
    from pipeline.store import ReleaseView
    from pipeline.store.listing import Listed
    from pipeline.store.tables import RunRow


def _iso(moment: datetime | str | None) -> str | None:
    """One way to write a time: ISO 8601 with a numeric offset (`+00:00`, never `Z`)."""
    moment = _moment(moment)
    return moment.isoformat() if moment else None


def _published(data: Mapping) -> str | None:
    """The release's date; the day alone when its input named no time of day (as
    `models.published_iso`, without importing the models: `melder queue` starts fast)."""
    moment = _moment(data.get("published_at"))
    if moment is not None and data.get("published_date_only"):
        return moment.date().isoformat()
    return _iso(moment)


def _moment(moment: datetime | str | None) -> datetime | None:
    return datetime.fromisoformat(moment) if isinstance(moment, str) else moment


def release_json(release: Release | Mapping) -> dict:
    """`release` is a `Release` or its JSON as the store keeps it (`Release.model_dump` in
    JSON mode), which `pipeline.store.listing` reads without building the model."""
    data = release if isinstance(release, Mapping) else release.model_dump(mode="json")
    provenance = dict(data["provenance"])
    provenance["received_at"] = _iso(provenance.get("received_at"))
    return {
        "id": data["id"],
        "source": data["source"],
        "identity": data["identity"],
        "title": data["title"],
        "teaser": data["teaser"],
        "text": data["text"],
        "body_html": data["body_html"],
        "language": data["language"],
        "slug": data["slug"],
        "links": [{"url": link["url"], "text": link["text"]} for link in data.get("links", ())],
        "published_at": _published(data),
        "embargo_until": _iso(data.get("embargo_until")),
        "contact": data.get("contact"),
        "categories": list(data.get("categories", ())),
        "media": [dict(media) for media in data.get("media", ())],
        "provenance": provenance,
        "errors": [{"field": p["field"], "message": p["message"]} for p in data.get("errors", ())],
        "warnings": list(data.get("warnings", ())),
    }


def view_json(view: ReleaseView | Listed, *, history: bool = False) -> dict:
    """A release with its lifecycle, from the `Store` (`ReleaseView`) or from the fast
    queue reader (`Listed`): both name the same fields."""
    data = release_json(view.release)
    state = getattr(view.state, "value", view.state)
    data.update(
        state=state,
        revision=view.revision,
        received_at=_iso(view.created_at),
        changed_at=_iso(view.changed_at),
        publish_at=_iso(view.publish_at),
        first_published_at=_iso(view.first_published_at),
        reason=view.reason,
        version=view.version,
        pending=view.pending,
        live_revision=view.live_revision if state == "published" else None,
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
                "error": run.error.replace("\n", "; ") if run.error else None,
            }
            for run in runs
        ],
    }
